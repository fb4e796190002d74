import Testing
@testable import SinGANModel
import SinGANAutodiff
import SinGANTensor

/// Generation with prepared layers (BatchNorm folded, Winograd kernels transformed once, kept
/// between calls) gives what the training-mode graph gives in evaluation mode, and notices when
/// the weights or the running statistics change.
@Suite struct PreparedInferenceTests {
    /// The same values, bit for bit, as a plain convolution followed by leaky ReLU, on every
    /// convolution path (Winograd 64→64, im2col 3→64, shifted 64→3).
    @Test(arguments: [(64, 64), (3, 64), (64, 3)])
    func preparedConvolutionMatchesPlain(inChannels: Int, outChannels: Int) {
        var random = RandomSource(seed: UInt64(inChannels * 100 + outChannels))
        let x = random.normal([1, inChannels, 23, 31]), weight = random.normal([outChannels, inChannels, 3, 3]) * 0.1
        let bias = random.normal([outChannels])
        let plain = Tensor.conv2d(x, weight, bias: bias)
        #expect(PreparedConvolution(weight: weight, bias: bias)(x).scalars == plain.scalars)
        #expect(PreparedConvolution(weight: weight, bias: bias, leakySlope: 0.2)(x).scalars == plain.leakyReLU(slope: 0.2).scalars)
    }

    @Test func cachedLayersFollowWeightAndStatisticChanges() {
        var random = RandomSource(seed: 3)
        let generator = Generator(width: 32, random: &random)
        let noise = random.normal([1, 3, 30, 34]), previous = random.normal([1, 3, 30, 34])
        // Training-mode passes give the running statistics non-trivial values.
        for _ in 0..<3 { _ = generator(Variable(random.normal([1, 3, 30, 34])), Variable(previous)) }
        generator.isTraining = false
        let reference = { generator(Variable(noise), Variable(previous)).value }
        let first = generator.generate(noise: noise, previous: previous)
        #expect(first.maxAbsDifference(reference()) < 1e-5)
        #expect(generator.generate(noise: noise, previous: previous).scalars == first.scalars)

        generator.trunk.blocks[2].conv.weight.value = generator.trunk.blocks[2].conv.weight.value * 1.5
        let afterWeight = generator.generate(noise: noise, previous: previous)
        #expect(afterWeight.scalars != first.scalars)
        #expect(afterWeight.maxAbsDifference(reference()) < 1e-5)

        generator.isTraining = true
        _ = generator(Variable(random.normal([1, 3, 30, 34])), Variable(previous))
        generator.isTraining = false
        let afterStatistics = generator.generate(noise: noise, previous: previous)
        #expect(afterStatistics.scalars != afterWeight.scalars)
        #expect(afterStatistics.maxAbsDifference(reference()) < 1e-5)
    }
}
