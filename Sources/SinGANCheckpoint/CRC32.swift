import CZlib

/// The zlib CRC-32 (same as PNG and gzip), over buffers of any length.
enum CRC32 {
    /// CRC-32 of `bytes`; 0 for an empty buffer.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        var crc: uLong = 0
        var offset = 0
        while offset < bytes.count {
            // zlib takes a 32-bit length; feed very large buffers in pieces.
            let length = min(bytes.count - offset, 1 << 30)
            crc = crc32(crc, (base + offset).assumingMemoryBound(to: Bytef.self), uInt(length))
            offset += length
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    /// CRC-32 of an array.
    static func checksum(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBytes { checksum($0) } }
}
