import Testing
import SinGANAutodiff
import SinGANTensor

/// Every primitive's reverse-mode rule against central finite differences.
@Suite struct PrimitiveGradientTests {
    static func random(_ shape: [Int], seed: UInt64, offset: Float = 0) -> Tensor {
        var r = RandomSource(seed: seed)
        return r.normal(shape) + offset
    }
    let a = random([2, 3, 4], seed: 1), b = random([2, 3, 4], seed: 2)
    let positive = random([2, 3, 4], seed: 3).map { abs($0) + 0.5 }
    let tolerance = 2e-3

    @Test func arithmeticWithBroadcasting() {
        let row = Self.random([1, 3, 1], seed: 4)
        #expect(GradientCheck.worstError(inputs: [a, row]) { $0[0] + $0[1] } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a, row]) { $0[0] - $0[1] } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a, row]) { $0[0] * $0[1] } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a, positive]) { $0[0] / $0[1] } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a]) { -$0[0] * 3 + 2 } < tolerance)
    }

    @Test func elementwiseFunctions() {
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].exp() } < tolerance)
        #expect(GradientCheck.worstError(inputs: [positive]) { $0[0].log() } < tolerance)
        #expect(GradientCheck.worstError(inputs: [positive]) { $0[0].sqrt() } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].tanh() } < tolerance)
        #expect(GradientCheck.worstError(inputs: [positive]) { $0[0].pow(1.7) } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].squared() } < tolerance)
        // Away from the kink: shift values so none lies within the finite-difference step of 0.
        let awayFromZero = a.map { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 }
        #expect(GradientCheck.worstError(inputs: [awayFromZero], step: 1e-3) { $0[0].leakyReLU(slope: 0.2) } < tolerance)
    }

    @Test func reductionsAndMovement() {
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].sum(axes: [0, 2]) } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].mean(axes: [1]) } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].sum() } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].mean() } < tolerance)
        #expect(GradientCheck.worstError(inputs: [Self.random([1, 3, 1], seed: 5)]) { $0[0].expanded(to: [2, 3, 4]) } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].reshaped([6, 4]) } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].permuted([2, 0, 1]) } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].padded(before: [0, 1, 2], after: [1, 0, 3]) } < tolerance)
        #expect(GradientCheck.worstError(inputs: [a]) { $0[0].cropped(origin: [1, 0, 1], size: [1, 2, 3]) } < tolerance)
    }

    @Test func convolutionFamily() {
        let x = Self.random([1, 3, 9, 8], seed: 6), w = Self.random([4, 3, 3, 3], seed: 7)
        let d = Self.random([1, 4, 7, 6], seed: 8)
        #expect(GradientCheck.worstError(inputs: [x, w]) { conv2d($0[0], $0[1]) } < tolerance)
        #expect(GradientCheck.worstError(inputs: [d, w]) { conv2dTransposed($0[0], $0[1]) } < tolerance)
        #expect(GradientCheck.worstError(inputs: [x, d]) { conv2dWeightGradient($0[0], $0[1]) } < tolerance)
    }

    @Test func sharedSubexpressionsAccumulate() {
        #expect(GradientCheck.worstError(inputs: [a]) { x in (x[0] * x[0]).tanh() * x[0] + x[0] } < tolerance)
    }

    @Test func onlyRequestedPathsAreWalked() {
        let x = Variable(a, requiresGrad: true), y = Variable(b, requiresGrad: true)
        let z = (x * 2).sum() + (y * 3).sum()
        let grads = gradients(of: z, wrt: [x])
        #expect(grads[0].value == Tensor(repeating: 2, shape: a.shape))
        #expect(!grads[0].requiresGrad)
        let unreachable = gradients(of: (x * 2).sum(), wrt: [y])
        #expect(unreachable[0].value == Tensor.zeros(b.shape))
    }

    @Test func detachedStopsGradients() {
        let x = Variable(a, requiresGrad: true)
        let z = (x.detached() * x).sum()
        #expect(gradients(of: z, wrt: [x])[0].value == a)
    }
}
