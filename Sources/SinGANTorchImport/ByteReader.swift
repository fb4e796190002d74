/// A cursor over bytes in memory whose every read is checked against the end first.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = min(end ?? bytes.count, bytes.count)
    }

    var remaining: Int { end - position }
    var isAtEnd: Bool { position >= end }

    /// The next `count` bytes as a range of `bytes`; throws if fewer are left.
    mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws(TorchImportError) -> Range<Int> {
        guard count >= 0, count <= remaining else { throw .truncated(what()) }
        defer { position += count }
        return position..<(position + count)
    }

    mutating func byte(_ what: @autoclosure () -> String) throws(TorchImportError) -> UInt8 {
        bytes[try take(1, what()).lowerBound]
    }

    /// A little-endian unsigned integer of `size` bytes (at most 8).
    mutating func unsigned(_ size: Int, _ what: @autoclosure () -> String) throws(TorchImportError) -> UInt64 {
        let range = try take(size, what())
        var value: UInt64 = 0
        for (shift, index) in range.enumerated() { value |= UInt64(bytes[index]) << (8 * UInt64(shift)) }
        return value
    }

    mutating func seek(to offset: Int) throws(TorchImportError) {
        guard offset >= 0, offset <= end else { throw .corrupt("an offset points outside the file") }
        position = offset
    }
}

extension Array where Element == UInt8 {
    /// The little-endian unsigned integer of `size` bytes at `offset`, or nil past the end.
    func littleEndian(at offset: Int, size: Int) -> UInt64? {
        guard offset >= 0, size <= 8, offset <= count - size else { return nil }
        var value: UInt64 = 0
        for i in 0..<size { value |= UInt64(self[offset + i]) << (8 * UInt64(i)) }
        return value
    }
}
