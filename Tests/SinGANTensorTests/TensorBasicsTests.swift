import Testing
@testable import SinGANTensor

@Suite struct TensorBasicsTests {
    @Test func broadcastingAddsChannelBias() {
        let x = Tensor(shape: [1, 2, 1, 2], scalars: [1, 2, 3, 4])
        let b = Tensor(shape: [1, 2, 1, 1], scalars: [10, 20])
        #expect((x + b).scalars == [11, 12, 23, 24])
    }
}

@Suite struct ReductionKernelTests {
    /// The old, general strided loop in Double, as the reference.
    static func reference(_ x: Tensor, axes: Set<Int>) -> [Double] {
        let outShape = x.shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
        let outStrides = Tensor.strides(of: outShape), inStrides = Tensor.strides(of: x.shape)
        var out = [Double](repeating: 0, count: outShape.reduce(1, *))
        for i in 0..<x.count {
            var o = 0
            for axis in 0..<x.rank where !axes.contains(axis) { o += (i / inStrides[axis]) % x.shape[axis] * outStrides[axis] }
            out[o] += Double(x.scalars[i])
        }
        return out
    }

    @Test(arguments: [
        ([1, 5, 7, 9], [0, 2, 3]), ([1, 5, 7, 9], [1]), ([2, 3, 4, 5], [0, 2]), ([2, 3, 4, 5], [1, 3]),
        ([3, 4, 5], [0, 1, 2]), ([1, 1, 6000], [2]), ([4, 1, 3], [1]), ([2, 3], []), ([1, 64, 33, 41], [0, 2, 3]),
    ])
    func fastPathsMatchTheReference(shape: [Int], axes: [Int]) {
        var random = RandomSource(seed: 11)
        let x = random.normal(shape)
        let fast = x.sum(axes: axes)
        let expected = Self.reference(x, axes: Set(axes))
        #expect(fast.shape == shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element })
        for (a, b) in zip(fast.scalars, expected) { #expect(abs(Double(a) - b) <= 1e-5 * max(1, abs(b))) }
    }
}
