import Testing
import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// A Conv → BatchNorm → LeakyReLU → Conv critic, the shape of SinGAN's discriminator in small.
final class TinyCritic {
    let conv1: Conv2d, norm: BatchNorm2d, conv2: Conv2d
    init(seed: UInt64) {
        var random = RandomSource(seed: seed)
        conv1 = Conv2d("conv1", inChannels: 3, outChannels: 4, random: &random)
        norm = BatchNorm2d("bn", channels: 4, random: &random)
        conv2 = Conv2d("conv2", inChannels: 4, outChannels: 1, random: &random)
        // Larger weights than the N(0, 0.02) init, so second-order terms are not negligible.
        for p in [conv1.weight, conv2.weight] { p.value = p.value * 20 }
    }
    var parameters: [Parameter] { conv1.parameters + norm.parameters + conv2.parameters }
    func callAsFunction(_ x: Variable) -> Variable { conv2(norm(conv1(x)).leakyReLU(slope: 0.2)) }

    /// WGAN-GP penalty with the per-pixel norm over channels, λ = 0.1.
    func gradientPenalty(at point: Tensor, createGraph: Bool) -> Variable {
        let x = Variable(point, requiresGrad: true)
        let g = gradients(of: self(x), wrt: [x], createGraph: createGraph)[0]
        let norm = g.squared().sum(axes: [1]).sqrt()
        return (norm - 1).squared().mean() * 0.1
    }
}

@Suite struct SecondOrderTests {
    @Test func gradientPenaltyWeightGradientMatchesFiniteDifferences() {
        let critic = TinyCritic(seed: 5)
        var random = RandomSource(seed: 9)
        let point = random.normal([1, 3, 9, 10])
        let penalty = critic.gradientPenalty(at: point, createGraph: true)
        let analytic = gradients(of: penalty, wrt: critic.parameters.map(\.variable)).map(\.value)
        #expect(analytic.contains { $0.scalars.contains { $0 != 0 } })

        // A small step: the penalty is only piecewise smooth in the weights (leaky ReLU kinks move).
        let step: Float = 1e-4
        var worst = 0.0
        for (i, parameter) in critic.parameters.enumerated() {
            let original = parameter.value
            let direction = random.normal(original.shape)
            parameter.value = original + direction * step
            let plus = Double(critic.gradientPenalty(at: point, createGraph: false).value.scalar)
            parameter.value = original - direction * step
            let minus = Double(critic.gradientPenalty(at: point, createGraph: false).value.scalar)
            parameter.value = original
            let numeric = (plus - minus) / Double(2 * step)
            let exact = zip(analytic[i].scalars, direction.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            worst = max(worst, abs(numeric - exact) / max(1e-3, abs(exact)))
        }
        // The Float finite difference is noise-limited here: for the BatchNorm weight (gradient
        // ≈ −0.0020) it reads −0.00198 … −0.00200 depending on the step and on the rounding of the
        // kernels, while the analytic value agrees with the float64 PyTorch golden test to 1e-4.
        #expect(worst < 1e-2, "relative error \(worst)")
    }

    @Test func gradientOfGradientOfCubeIsSixX() {
        let x = Variable(Tensor(shape: [3], scalars: [1, -2, 0.5]), requiresGrad: true)
        let first = gradients(of: x.pow(3).sum(), wrt: [x], createGraph: true)[0]   // 3x²
        let second = gradients(of: first.sum(), wrt: [x])[0]                          // 6x
        #expect(second.value.maxAbsDifference(Tensor(shape: [3], scalars: [6, -12, 3])) < 1e-5)
    }
}
