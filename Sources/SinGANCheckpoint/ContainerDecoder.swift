/// The validated facts of a preamble.
struct Preamble {
    var version: CheckpointFormatVersion
    var length: Int
    var chunkCount: Int
    var fileLength: UInt64
    var directoryLength: Int
    var directoryChecksum: UInt32
}

/// One validated directory entry: its payload lies inside the file, aligned, after the previous one.
struct DirectoryEntry {
    var name: String
    var kind: CheckpointChunkKind
    var isRequired: Bool
    var offset: UInt64
    var length: Int
    var checksum: UInt32

    var info: CheckpointChunkInfo {
        CheckpointChunkInfo(name: name, kind: kind, byteCount: UInt64(length), isRequired: isRequired)
    }
}

/// Parses and validates a container in the order of Docs/checkpoint-format.md, section 5.
/// Every length is checked against the file size before anything of that length is read.
enum ContainerDecoder {
    static func preamble(of source: some ByteSource) throws -> Preamble {
        let size = source.size
        let prefix = try source.withBytes(at: 0, count: Int(min(size, 24))) { Array($0) }
        let signature = CheckpointFormat.magic + CheckpointFormat.transferGuard
        for (index, byte) in prefix.prefix(8).enumerated() where byte != signature[index] {
            throw index < 4 ? CheckpointError.notACheckpoint : CheckpointError.damagedInTransfer
        }
        let minimum = UInt64(CheckpointFormat.preambleLength)
        guard prefix.count == 24 else { throw CheckpointError.truncated(expected: minimum, actual: size) }
        let length = Int(prefix.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 16, as: UInt32.self)) })
        guard length % 4 == 0, CheckpointFormat.preambleLengthRange.contains(length) else {
            throw CheckpointError.corrupt(reason: "preamble length \(length) is impossible")
        }
        guard size >= UInt64(length) else {
            throw CheckpointError.truncated(expected: max(UInt64(length), minimum), actual: size)
        }
        return try source.withBytes(at: 0, count: length) { bytes in
            let stored = try bytes.loadLE(UInt32.self, at: length - 4)
            guard CRC32.checksum(bytes.slice(0..<length - 4)) == stored else {
                throw CheckpointError.checksumMismatch(chunk: "preamble")
            }
            let mark = try bytes.loadLE(UInt32.self, at: 12)
            guard mark == CheckpointFormat.byteOrderMark else {
                throw CheckpointError.corrupt(reason: "unknown byte-order mark 0x\(String(mark, radix: 16))")
            }
            let version = CheckpointFormatVersion(major: try bytes.loadLE(UInt16.self, at: 8),
                                                  minor: try bytes.loadLE(UInt16.self, at: 10))
            guard version.major != 0 else {
                throw CheckpointError.corrupt(reason: "format version \(version) does not exist")
            }
            let supported = CheckpointFormatVersion.newestReadable.major
            guard version.major <= supported else {
                throw CheckpointError.newerMajorVersion(found: version, supportedMajor: supported)
            }
            guard length >= CheckpointFormat.preambleLength else {
                throw CheckpointError.corrupt(reason: "preamble length \(length) is too short for format 1")
            }
            return try fields(bytes, version: version, length: length, size: size)
        }
    }

    private static func fields(_ bytes: UnsafeRawBufferPointer, version: CheckpointFormatVersion,
                               length: Int, size: UInt64) throws -> Preamble {
        let fileLength = try bytes.loadLE(UInt64.self, at: 24)
        guard size >= fileLength else { throw CheckpointError.truncated(expected: fileLength, actual: size) }
        guard size == fileLength else {
            throw CheckpointError.corrupt(reason: "\(size - fileLength) unexpected bytes after the end")
        }
        let count = try bytes.loadLE(UInt32.self, at: 20)
        guard count > 0 else { throw CheckpointError.corrupt(reason: "no chunks (the header is missing)") }
        guard count <= UInt32(CheckpointFormat.maxChunkCount) else {
            throw CheckpointError.absurdSize(what: "chunk count", value: UInt64(count),
                                             limit: UInt64(CheckpointFormat.maxChunkCount))
        }
        let directoryLength = try bytes.loadLE(UInt32.self, at: 32)
        let room = fileLength - UInt64(length)  // length <= size == fileLength
        guard UInt64(directoryLength) <= room else {
            throw CheckpointError.absurdSize(what: "directory length", value: UInt64(directoryLength), limit: room)
        }
        let minimumEntry = UInt32(CheckpointFormat.entryFixedSize + 1)
        guard count <= directoryLength / minimumEntry else {
            throw CheckpointError.absurdSize(what: "chunk count", value: UInt64(count),
                                             limit: UInt64(directoryLength / minimumEntry))
        }
        return Preamble(version: version, length: length, chunkCount: Int(count), fileLength: fileLength,
                        directoryLength: Int(directoryLength),
                        directoryChecksum: try bytes.loadLE(UInt32.self, at: 36))
    }

    static func directory(of source: some ByteSource, _ preamble: Preamble) throws -> [DirectoryEntry] {
        let start = UInt64(preamble.length)
        return try source.withBytes(at: start, count: preamble.directoryLength) { bytes in
            guard CRC32.checksum(bytes) == preamble.directoryChecksum else {
                throw CheckpointError.checksumMismatch(chunk: "directory")
            }
            var entries: [DirectoryEntry] = []
            entries.reserveCapacity(preamble.chunkCount)  // bounded by directoryLength / 24
            var names = Set<String>()
            var position = 0
            var previousEnd = start + UInt64(preamble.directoryLength)
            for index in 0..<preamble.chunkCount {
                let entry = try entry(bytes, at: &position, index: index, previousEnd: previousEnd,
                                      fileLength: preamble.fileLength)
                guard names.insert(entry.name).inserted else {
                    throw CheckpointError.corrupt(reason: "two chunks are named '\(entry.name)'")
                }
                previousEnd = entry.offset + UInt64(entry.length)
                entries.append(entry)
            }
            guard position == bytes.count else {
                throw CheckpointError.corrupt(reason: "\(bytes.count - position) unused bytes in the directory")
            }
            return entries
        }
    }

    private static func entry(_ bytes: UnsafeRawBufferPointer, at position: inout Int, index: Int,
                              previousEnd: UInt64, fileLength: UInt64) throws -> DirectoryEntry {
        guard position < bytes.count else {
            throw CheckpointError.corrupt(reason: "directory entry \(index) is missing")
        }
        let nameLength = Int(try bytes.loadLE(UInt8.self, at: position))
        guard nameLength > 0, bytes.count - position >= CheckpointFormat.entryFixedSize + nameLength else {
            throw CheckpointError.corrupt(reason: "directory entry \(index) is malformed")
        }
        let nameBytes = Array(bytes.slice(position + 1..<position + 1 + nameLength))
        guard CheckpointFormat.isValidChunkName(utf8: nameBytes),
              let name = String(validating: nameBytes, as: UTF8.self) else {
            throw CheckpointError.corrupt(reason: "directory entry \(index) has an invalid name")
        }
        let fixed = position + 1 + nameLength
        let kind = CheckpointChunkKind(rawValue: try bytes.loadLE(UInt8.self, at: fixed))
        let flags = try bytes.loadLE(UInt8.self, at: fixed + 1)
        let offset = try bytes.loadLE(UInt64.self, at: fixed + 2)
        let length = try bytes.loadLE(UInt64.self, at: fixed + 10)
        let checksum = try bytes.loadLE(UInt32.self, at: fixed + 18)
        position = fixed + 22
        guard offset <= fileLength else {
            throw CheckpointError.absurdSize(what: "offset of chunk '\(name)'", value: offset, limit: fileLength)
        }
        guard length <= fileLength - offset, let count = Int(exactly: length) else {
            throw CheckpointError.absurdSize(what: "length of chunk '\(name)'", value: length,
                                             limit: fileLength - offset)
        }
        guard offset % UInt64(CheckpointFormat.payloadAlignment) == 0 else {
            throw CheckpointError.corrupt(reason: "chunk '\(name)' starts at \(offset), not a multiple of 64")
        }
        guard offset >= previousEnd else {
            throw CheckpointError.corrupt(reason: "chunk '\(name)' overlaps the directory or the chunk before it")
        }
        return DirectoryEntry(name: name, kind: kind, isRequired: flags & CheckpointFormat.requiredFlag != 0,
                              offset: offset, length: count, checksum: checksum)
    }

    /// Checks that every byte after the directory that lies outside all payloads is zero.
    static func checkPadding(of source: some ByteSource, _ preamble: Preamble,
                             _ entries: [DirectoryEntry]) throws {
        var gapStart = UInt64(preamble.length + preamble.directoryLength)
        let spans: [(offset: UInt64, end: UInt64)] =
            entries.map { ($0.offset, $0.offset + UInt64($0.length)) } + [(preamble.fileLength, preamble.fileLength)]
        for (offset, end) in spans {
            // Entries are ordered and inside the file, so the gap is small and non-negative.
            guard offset >= gapStart, let gap = Int(exactly: offset - gapStart) else {
                throw CheckpointError.corrupt(reason: "chunks are out of order")
            }
            if gap > 0 {
                let clean = try source.withBytes(at: gapStart, count: gap) { $0.allSatisfy { $0 == 0 } }
                guard clean else {
                    throw CheckpointError.corrupt(reason: "non-zero padding between offsets \(gapStart) and \(offset)")
                }
            }
            gapStart = end
        }
    }

    /// Calls `body` with the payload of `entry` after checking its CRC32.
    static func withVerifiedPayload<R>(of source: some ByteSource, _ entry: DirectoryEntry,
                                       _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try source.withBytes(at: entry.offset, count: entry.length) { payload in
            guard CRC32.checksum(payload) == entry.checksum else {
                throw CheckpointError.checksumMismatch(chunk: entry.name)
            }
            return try body(payload)
        }
    }

    /// Decodes chunk 0, which must be the JSON header, into the creator and the opaque members.
    static func header(of source: some ByteSource, _ preamble: Preamble,
                       _ entries: [DirectoryEntry]) throws -> (creator: String, header: [String: JSONValue]) {
        guard let first = entries.first, first.name == CheckpointFormat.headerChunkName,
              first.kind == .header else {
            throw CheckpointError.corrupt(reason: "the first chunk is not the header")
        }
        guard first.length <= CheckpointFormat.maxHeaderLength else {
            throw CheckpointError.absurdSize(what: "header length", value: UInt64(first.length),
                                             limit: UInt64(CheckpointFormat.maxHeaderLength))
        }
        let document = try withVerifiedPayload(of: source, first) { try JSONValue(parsing: Array($0)) }
        guard let format = document["format"]?.stringValue, format == preamble.version.description else {
            throw CheckpointError.corrupt(reason: "the header's format does not match the preamble's \(preamble.version)")
        }
        guard let creator = document["creator"]?.stringValue, let header = document["header"]?.objectValue else {
            throw CheckpointError.corrupt(reason: "the header lacks 'creator' or 'header'")
        }
        return (creator, header)
    }
}
