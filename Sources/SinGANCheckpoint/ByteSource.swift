/// Random access to the bytes of a checkpoint, in memory or through `pread`.
///
/// Callers check `offset + count <= size` first; implementations check again and throw rather
/// than trap.
protocol ByteSource {
    /// Total size in bytes.
    var size: UInt64 { get }
    /// Calls `body` with `count` bytes starting at `offset`.
    func withBytes<R>(at offset: UInt64, count: Int,
                      _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R
}

extension ByteSource {
    /// Throws unless `[offset, offset + count)` lies inside the source.
    func checkRange(_ offset: UInt64, _ count: Int) throws {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(clamping: count))
        guard count >= 0, !overflow, end <= size else {
            throw CheckpointError.truncated(expected: overflow ? UInt64.max : end, actual: size)
        }
    }
}

/// A checkpoint already in memory; access is zero-copy.
struct MemorySource: ByteSource {
    let bytes: [UInt8]
    var size: UInt64 { UInt64(bytes.count) }

    func withBytes<R>(at offset: UInt64, count: Int,
                      _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try checkRange(offset, count)
        let start = Int(offset)
        return try bytes.withUnsafeBytes { try body($0.slice(start..<start + count)) }
    }
}

/// A checkpoint on disk, read piecewise with `pread` (for reading only the header).
struct FileSource: ByteSource {
    let descriptor: Int32
    let size: UInt64
    let path: String

    func withBytes<R>(at offset: UInt64, count: Int,
                      _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try checkRange(offset, count)
        var buffer = [UInt8](repeating: 0, count: count)
        let got = try buffer.withUnsafeMutableBytes {
            try POSIX.read(descriptor, into: $0, at: offset, path: path)
        }
        guard got == count else {
            throw CheckpointError.truncated(expected: size, actual: offset + UInt64(got))
        }
        return try buffer.withUnsafeBytes(body)
    }
}
