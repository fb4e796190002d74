/// Sums and means over axes, and their adjoint, broadcasting expansion.
extension Tensor {
    /// Sums over `axes`, keeping them as extent-1 axes. Accumulates in Double.
    public func sum(axes: [Int]) -> Tensor {
        let axes = Set(axes.map { $0 < 0 ? $0 + rank : $0 })
        precondition(axes.allSatisfy { $0 >= 0 && $0 < rank }, "sum axes \(axes) for rank \(rank)")
        let outShape = shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        let blocks = ReductionKernels.blocks(shape: shape, reduced: axes)
        var fast = false
        let result = Tensor(shape: outShape, unsafeUninitialized: { out in
            withUnsafeBufferPointer { src in
                guard let x = src.baseAddress, let o = out.baseAddress, src.count > 0 else { return }
                fast = ReductionKernels.sum(x, blocks: blocks, into: o)
            }
            if !fast { out.initialize(repeating: 0) }
        })
        if fast { return result }
        // Iterate over the input; the output is read with stride 0 along summed axes.
        let loop = StridedLoop(shape: shape, strides: [
            Tensor.strides(of: shape),
            Broadcasting.strides(of: outShape, broadcastTo: shape),
        ])
        var accumulator = [Double](repeating: 0, count: outShape.reduce(1, *))
        withUnsafeBufferPointer { src in
            accumulator.withUnsafeMutableBufferPointer { acc in
                loop.forEachRun { offsets, n, inner in
                    var i = offsets[0], o = offsets[1]
                    if inner[1] == 0 {
                        var partial: Double = 0
                        for _ in 0..<n { partial += Double(src[i]); i += inner[0] }
                        acc[o] += partial
                    } else {
                        for _ in 0..<n { acc[o] += Double(src[i]); i += inner[0]; o += inner[1] }
                    }
                }
            }
        }
        return Tensor(shape: outShape, scalars: accumulator.map { Float($0) })
    }

    /// Sum of all elements as a rank-0 tensor.
    public func sum() -> Tensor { Tensor(scalar: sum(axes: Array(0..<rank)).scalars[0]) }

    /// Mean over `axes`, keeping them as extent-1 axes.
    public func mean(axes: [Int]) -> Tensor {
        let n = Set(axes.map { $0 < 0 ? $0 + rank : $0 }).reduce(1) { $0 * shape[$1] }
        return sum(axes: axes) * (1 / Float(n))
    }

    /// Mean of all elements as a rank-0 tensor.
    public func mean() -> Tensor { sum() * (1 / Float(Swift.max(count, 1))) }

    /// Repeats extent-1 axes (and adds leading axes) to reach `target`.
    public func expanded(to target: [Int]) -> Tensor {
        if shape == target { return self }
        return Tensor.zeros(target) + self
    }

    /// Sums away the axes that broadcasting added or stretched, giving a tensor of `target` shape.
    public func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let axes = Broadcasting.reducedAxes(from: target, to: shape)
        return sum(axes: axes).reshaped(target)
    }
}
