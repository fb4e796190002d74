/// Shape changes and data movement: reshape, permute, zero padding, cropping.
extension Tensor {
    /// Same scalars, new shape with the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor { Tensor(shape: newShape, scalars: scalars) }

    /// Reorders axes: output axis i is input axis `order[i]`.
    public func permuted(_ order: [Int]) -> Tensor {
        precondition(order.sorted() == Array(0..<rank), "permutation \(order) for rank \(rank)")
        let outShape = order.map { shape[$0] }
        let inStrides = Tensor.strides(of: shape)
        let loop = StridedLoop(shape: outShape, strides: [Tensor.strides(of: outShape), order.map { inStrides[$0] }])
        var out = Tensor.zeros(outShape)
        out.withUnsafeMutableBufferPointer { o in
            withUnsafeBufferPointer { src in
                loop.forEachRun { offsets, n, inner in
                    var p = offsets[0], q = offsets[1]
                    for _ in 0..<n { o[p] = src[q]; p += inner[0]; q += inner[1] }
                }
            }
        }
        return out
    }

    /// Zero-pads each axis by `before[i]` leading and `after[i]` trailing elements.
    public func padded(before: [Int], after: [Int]) -> Tensor {
        precondition(before.count == rank && after.count == rank, "padding ranks for \(shape)")
        let outShape = (0..<rank).map { shape[$0] + before[$0] + after[$0] }
        var out = Tensor.zeros(outShape)
        out.copyBlock(from: self, sourceOrigin: [Int](repeating: 0, count: rank), destinationOrigin: before, extent: shape)
        return out
    }

    /// The sub-block starting at `origin` with extent `size` on every axis.
    public func cropped(origin: [Int], size: [Int]) -> Tensor {
        precondition(origin.count == rank && size.count == rank, "crop ranks for \(shape)")
        precondition((0..<rank).allSatisfy { origin[$0] >= 0 && origin[$0] + size[$0] <= shape[$0] },
                     "crop origin \(origin) size \(size) outside \(shape)")
        var out = Tensor.zeros(size)
        out.copyBlock(from: self, sourceOrigin: origin, destinationOrigin: [Int](repeating: 0, count: rank), extent: size)
        return out
    }

    /// Copies an `extent` block from `source` at `sourceOrigin` into `self` at `destinationOrigin`.
    mutating func copyBlock(from source: Tensor, sourceOrigin: [Int], destinationOrigin: [Int], extent: [Int]) {
        guard extent.allSatisfy({ $0 > 0 }) else { return }
        let srcStrides = Tensor.strides(of: source.shape)
        let dstStrides = Tensor.strides(of: shape)
        let srcBase = Swift.zip(sourceOrigin, srcStrides).reduce(0) { $0 + $1.0 * $1.1 }
        let dstBase = Swift.zip(destinationOrigin, dstStrides).reduce(0) { $0 + $1.0 * $1.1 }
        let loop = StridedLoop(shape: extent, strides: [dstStrides, srcStrides])
        withUnsafeMutableBufferPointer { dst in
            source.withUnsafeBufferPointer { src in
                loop.forEachRun { offsets, n, inner in
                    var d = dstBase + offsets[0], s = srcBase + offsets[1]
                    if inner[0] == 1 && inner[1] == 1 {
                        (dst.baseAddress! + d).update(from: src.baseAddress! + s, count: n)
                    } else {
                        for _ in 0..<n { dst[d] = src[s]; d += inner[0]; s += inner[1] }
                    }
                }
            }
        }
    }
}
