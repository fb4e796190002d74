import CZlib

/// The entries of a zip archive whose members are stored uncompressed, as PyTorch (≥ 1.6) writes
/// them: found through the central directory (zip64 records included), each checked to lie inside
/// the file, each payload verified against its CRC-32 when it is read.
struct ZipDirectory {
    struct Entry {
        let name: String
        let dataRange: Range<Int>
        let crc: UInt32
    }

    let bytes: [UInt8]
    private(set) var entries: [String: Entry] = [:]

    /// Whether `bytes` starts like a zip archive.
    static func looksLikeZip(_ bytes: [UInt8]) -> Bool { bytes.littleEndian(at: 0, size: 4) == 0x0403_4B50 }

    init(_ bytes: [UInt8]) throws(TorchImportError) {
        self.bytes = bytes
        let (count, directory) = try Self.centralDirectory(bytes)
        var reader = ByteReader(bytes, from: directory.lowerBound, to: directory.upperBound)
        for _ in 0..<count {
            let entry = try Self.entry(&reader, bytes: bytes)
            guard entries[entry.name] == nil else { throw .corrupt("the archive lists \(entry.name) twice") }
            entries[entry.name] = entry
        }
    }

    /// The bytes of entry `name`, checked against its CRC-32.
    func contents(of name: String) throws(TorchImportError) -> ArraySlice<UInt8> {
        guard let entry = entries[name] else { throw .unexpectedContent("the archive has no \(name)") }
        let slice = bytes[entry.dataRange]
        let crc = slice.withUnsafeBytes { buffer -> UInt32 in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
            return UInt32(truncatingIfNeeded: crc32(0, base.assumingMemoryBound(to: Bytef.self), uInt(buffer.count)))
        }
        guard crc == entry.crc else { throw .corrupt("\(name) does not match its checksum") }
        return slice
    }

    /// The entry count and byte range of the central directory (from the end record, or the zip64 one).
    private static func centralDirectory(_ bytes: [UInt8]) throws(TorchImportError) -> (Int, Range<Int>) {
        let lowest = max(0, bytes.count - 22 - 65_535)
        var end = bytes.count - 22
        while end >= lowest, bytes.littleEndian(at: end, size: 4) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { throw .truncated("the zip archive has no end record") }
        var count = Int(bytes.littleEndian(at: end + 10, size: 2)!)
        var size = Int(bytes.littleEndian(at: end + 12, size: 4)!)
        var offset = Int(bytes.littleEndian(at: end + 16, size: 4)!)
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            guard end >= 20, bytes.littleEndian(at: end - 20, size: 4) == 0x0706_4B50,
                  let record = bytes.littleEndian(at: end - 12, size: 8), record <= UInt64(end),
                  bytes.littleEndian(at: Int(record), size: 4) == 0x0606_4B50,
                  let count64 = bytes.littleEndian(at: Int(record) + 32, size: 8),
                  let size64 = bytes.littleEndian(at: Int(record) + 40, size: 8),
                  let offset64 = bytes.littleEndian(at: Int(record) + 48, size: 8),
                  count64 <= UInt64(bytes.count), size64 <= UInt64(bytes.count), offset64 <= UInt64(bytes.count) else {
                throw .corrupt("the zip64 end record is missing or invalid")
            }
            (count, size, offset) = (Int(count64), Int(size64), Int(offset64))
        }
        guard offset + size <= end, count <= size / 46 else { throw .corrupt("the zip directory does not fit in the file") }
        return (count, offset..<(offset + size))
    }

    private static func entry(_ reader: inout ByteReader, bytes: [UInt8]) throws(TorchImportError) -> Entry {
        guard try reader.unsigned(4, "a directory entry") == 0x0201_4B50 else { throw .corrupt("a zip directory entry has a bad signature") }
        _ = try reader.take(6, "a directory entry")
        let method = try reader.unsigned(2, "a directory entry")
        _ = try reader.take(4, "a directory entry")
        let crc = UInt32(try reader.unsigned(4, "a directory entry"))
        var compressed = try reader.unsigned(4, "a directory entry")
        var size = try reader.unsigned(4, "a directory entry")
        let nameLength = Int(try reader.unsigned(2, "a directory entry"))
        let extraLength = Int(try reader.unsigned(2, "a directory entry"))
        let commentLength = Int(try reader.unsigned(2, "a directory entry"))
        _ = try reader.take(8, "a directory entry")
        var local = try reader.unsigned(4, "a directory entry")
        let nameRange = try reader.take(nameLength, "an entry name")
        guard let name = String(validating: bytes[nameRange], as: UTF8.self) else { throw .corrupt("an entry name is not UTF-8") }
        var extra = ByteReader(bytes, from: try reader.take(extraLength, "an entry's extra field").lowerBound,
                               to: reader.position)
        _ = try reader.take(commentLength, "an entry comment")
        while extra.remaining >= 4 {  // zip64 sizes and offset, in this order, for the fields set to 0xFFFFFFFF
            let id = try extra.unsigned(2, "an extra field"), length = Int(try extra.unsigned(2, "an extra field"))
            var field = ByteReader(bytes, from: try extra.take(length, "an extra field").lowerBound, to: extra.position)
            guard id == 0x0001 else { continue }
            if size == 0xFFFF_FFFF { size = try field.unsigned(8, "a zip64 size") }
            if compressed == 0xFFFF_FFFF { compressed = try field.unsigned(8, "a zip64 size") }
            if local == 0xFFFF_FFFF { local = try field.unsigned(8, "a zip64 offset") }
        }
        guard method == 0, compressed == size else {
            throw .unexpectedContent("\(name) is compressed; PyTorch stores its entries uncompressed")
        }
        guard local < UInt64(bytes.count), Int(local) + 30 <= bytes.count, bytes.littleEndian(at: Int(local), size: 4) == 0x0403_4B50,
              let localName = bytes.littleEndian(at: Int(local) + 26, size: 2),
              let localExtra = bytes.littleEndian(at: Int(local) + 28, size: 2) else {
            throw .corrupt("the local header of \(name) is missing")
        }
        let start = Int(local) + 30 + Int(localName) + Int(localExtra)
        guard size <= UInt64(bytes.count), start <= bytes.count - Int(size) else { throw .truncated("\(name) runs past the end of the file") }
        return Entry(name: name, dataRange: start..<(start + Int(size)), crc: crc)
    }
}
