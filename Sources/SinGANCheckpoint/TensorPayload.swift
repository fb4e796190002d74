import SinGANTensor

/// Encoding of a float32 tensor chunk: `u32 rank, u32 reserved, u64 extents[rank], f32 data[]`,
/// all little-endian (Docs/checkpoint-format.md, section 4).
enum TensorPayload {
    /// Bytes `tensor` occupies as a payload.
    static func byteCount(of tensor: Tensor) -> Int { 8 + 8 * tensor.rank + 4 * tensor.count }

    /// Throws unless `tensor` can be stored (rank at most 8).
    static func validate(_ tensor: Tensor, name: String) throws {
        guard tensor.rank <= CheckpointFormat.maxTensorRank else {
            throw CheckpointError.invalidArchive(
                reason: "tensor '\(name)' has rank \(tensor.rank); the format allows at most 8")
        }
    }

    /// Writes `tensor` into `buffer`, which is exactly `byteCount(of:)` long and zeroed.
    static func write(_ tensor: Tensor, into buffer: UnsafeMutableRawBufferPointer) {
        buffer.storeLE(UInt32(tensor.rank), at: 0)
        buffer.storeLE(UInt32(0), at: 4)
        for (axis, extent) in tensor.shape.enumerated() {
            buffer.storeLE(UInt64(extent), at: 8 + 8 * axis)
        }
        let dataStart = 8 + 8 * tensor.rank
        tensor.withUnsafeBufferPointer { source in
            #if _endian(little)
            if let from = source.baseAddress, let to = buffer.baseAddress, !source.isEmpty {
                (to + dataStart).copyMemory(from: from, byteCount: source.count * 4)
            }
            #else
            for (i, value) in source.enumerated() { buffer.storeLE(value.bitPattern, at: dataStart + 4 * i) }
            #endif
        }
    }

    /// Decodes a payload, validating rank, extents and length before allocating the elements.
    static func decode(_ payload: UnsafeRawBufferPointer, name: String) throws -> Tensor {
        guard payload.count >= 8 else {
            throw CheckpointError.corrupt(reason: "tensor '\(name)' is shorter than its 8-byte header")
        }
        let rawRank = try payload.loadLE(UInt32.self, at: 0)
        guard rawRank <= UInt32(CheckpointFormat.maxTensorRank) else {
            throw CheckpointError.corrupt(reason: "tensor '\(name)' has rank \(rawRank); at most 8 is allowed")
        }
        let rank = Int(rawRank)
        let dataStart = 8 + 8 * rank
        guard payload.count >= dataStart else {
            throw CheckpointError.corrupt(reason: "tensor '\(name)' is shorter than its shape")
        }
        let maxNonZeroProduct = Int.max / 4
        var shape: [Int] = []
        shape.reserveCapacity(rank)
        var product = 1
        var hasZeroExtent = false
        for axis in 0..<rank {
            let raw = try payload.loadLE(UInt64.self, at: 8 + 8 * axis)
            let limit = maxNonZeroProduct / product
            guard let extent = Int(exactly: raw), extent <= limit else {
                throw CheckpointError.absurdSize(what: "extent \(axis) of tensor '\(name)'",
                                                 value: raw, limit: UInt64(limit))
            }
            if extent == 0 { hasZeroExtent = true } else { product *= extent }
            shape.append(extent)
        }
        let count = hasZeroExtent ? 0 : product
        let dataBytes = payload.count - dataStart
        guard dataBytes == count * 4 else {
            throw CheckpointError.corrupt(reason: "tensor '\(name)' of shape \(shape) needs "
                + "\(count * 4) data bytes but its chunk holds \(dataBytes)")
        }
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            let data = payload.slice(dataStart..<payload.count)
            #if _endian(little)
            if let to = buffer.baseAddress, let from = data.baseAddress, count > 0 {
                UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: count * 4)
            } else {
                buffer.initialize(repeating: 0)
            }
            #else
            for i in 0..<count {
                buffer[i] = Float(bitPattern: UInt32(littleEndian: data.loadUnaligned(
                    fromByteOffset: 4 * i, as: UInt32.self)))
            }
            #endif
            initialized = count
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
