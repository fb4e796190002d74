/// Bounds-checked little-endian loads: reading past the end throws instead of trapping.
extension UnsafeRawBufferPointer {
    func loadLE<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) throws -> T {
        guard offset >= 0, offset <= count - MemoryLayout<T>.size else {
            throw CheckpointError.corrupt(reason: "a field lies outside its structure")
        }
        return T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The sub-buffer `range`, which the caller has checked to be inside `self`.
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: self[range])
    }
}

/// Little-endian stores for the encoder, whose offsets come from its own layout computation.
extension UnsafeMutableRawBufferPointer {
    func storeLE<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        precondition(offset >= 0 && offset <= count - MemoryLayout<T>.size, "encoder layout bug")
        storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
    }

    func storeBytes(_ bytes: [UInt8], at offset: Int) {
        precondition(offset >= 0 && offset <= count - bytes.count, "encoder layout bug")
        for (i, byte) in bytes.enumerated() { self[offset + i] = byte }
    }
}

/// Rounds `value` up to a multiple of `alignment` (a power of two).
func alignUp(_ value: Int, to alignment: Int) -> Int {
    (value + alignment - 1) & ~(alignment - 1)
}
