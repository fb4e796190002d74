import Foundation
import SinGANModel
import SinGANNN
import SinGANTensor
import Testing

/// `train_single_scale` against the official code: from the official initial weights, with the noise
/// maps and gradient-penalty mixing factors the official run drew, three iterations of the coarsest
/// scale must end at the official weights (fixture `train_scale0`, see Tests/OfficialFixtures).
struct TrainingParityTests {
    /// Replays recorded training draws in order.
    final class ReplayedDraws: TrainingDraws {
        var maps: [Tensor], factors: [Float]
        var problems: [String] = []
        init(maps: [Tensor], factors: [Float]) { self.maps = maps; self.factors = factors }

        func noise(height: Int, width: Int, grey: Bool, layout: TrainingProfile.NoiseLayout, random: inout RandomSource) -> Tensor {
            let shape = NoiseMaps.paddedShape(ImageSize(height: height, width: width))
            guard !maps.isEmpty, maps[0].shape == shape else {
                problems.append("noise \(shape) asked, \(maps.first?.shape ?? []) recorded")
                return Tensor.zeros(shape)
            }
            return maps.removeFirst()
        }

        func mixingFactor(random: inout RandomSource) -> Float {
            guard !factors.isEmpty else { problems.append("no mixing factor left"); return 0 }
            return factors.removeFirst()
        }
    }

    /// The official state_dict key of one of our parameter or buffer names.
    static func officialKey(_ name: String, generator: Bool) -> String {
        var key = name
        for i in 1...3 { key = key.replacingOccurrences(of: "body.\(i).", with: "body.block\(i).") }
        if generator { key = key.replacingOccurrences(of: "tail.", with: "tail.0.") }
        return key
    }

    static func load(_ network: ScaleNetwork, from recording: OfficialFixtures.Recording, _ prefix: String, generator: Bool) {
        for parameter in network.parameters { parameter.value = recording[prefix + officialKey(parameter.name, generator: generator)] }
        var buffers = network.buffers
        for name in buffers.keys { buffers[name] = recording[prefix + officialKey(name, generator: generator)] }
        network.buffers = buffers
    }

    /// The largest difference between a network and the recorded official one, per kind of tensor:
    /// `free` are the convolution biases that a BatchNorm follows and the running means that track
    /// them (see the test), `variance` the running variances, `exact` everything else.
    static func differences(_ network: ScaleNetwork, _ recording: OfficialFixtures.Recording, _ prefix: String,
                            generator: Bool) -> (exact: Float, variance: Float, free: Float) {
        var named = Dictionary(uniqueKeysWithValues: network.parameters.map { ($0.name, $0.value) })
        named.merge(network.buffers) { a, _ in a }
        var result: (exact: Float, variance: Float, free: Float) = (0, 0, 0)
        for (name, value) in named {
            let d = zip(value.scalars, recording[prefix + officialKey(name, generator: generator)].scalars).map { abs($0 - $1) }.max() ?? 0
            if name.hasSuffix(".conv.bias") || name.hasSuffix(".running_mean") {
                result.free = max(result.free, d)
            } else if name.hasSuffix(".running_var") {
                result.variance = max(result.variance, d)
            } else {
                result.exact = max(result.exact, d)
            }
        }
        return result
    }

    @Test func threeIterationsOfTheCoarsestScaleEndAtTheOfficialWeights() throws {
        let recording = try OfficialFixtures.Recording("train_scale0")
        let iterations = recording.notes["iterations"] as! Int
        var config = TrainingConfig()
        config.iterations = iterations
        config.decayAt = 1  // the official milestone (1600) is never reached in 3 iterations
        config.baseWidth = 8
        var unused = RandomSource(seed: 0)
        let generator = Generator(width: 8, random: &unused), discriminator = Discriminator(width: 8, random: &unused)
        Self.load(generator, from: recording, "initial/G/", generator: true)
        Self.load(discriminator, from: recording, "initial/D/", generator: false)
        let draws = ReplayedDraws(maps: recording.sequence("noise/"), factors: recording.sequence("mixing/").map(\.scalar))
        let trainer = ScaleTrainer(config: config, profile: .standard, scaleIndex: 0, real: recording["real"],
                                   sampler: PyramidSampler(scales: [], scaleFactor: 0.75, noiseLayout: .zeroPadded))
        var random = RandomSource(seed: 1)
        let state = try #require(trainer.train(generator: generator, discriminator: discriminator, random: &random,
                                                       draws: draws) { _, _, _ in true })
        #expect(draws.problems.isEmpty && draws.maps.isEmpty && draws.factors.isEmpty, "\(draws.problems)")
        #expect(state.reconstructionNoise == recording["z_opt"])
        let g = Self.differences(generator, recording, "final/G/", generator: true)
        let d = Self.differences(discriminator, recording, "final/D/", generator: false)
        let moved = Self.differences(generator, recording, "initial/G/", generator: true).exact
        print("training parity: G \(g), D \(d); the weights moved by up to \(moved)")
        #expect(moved > 1e-3)
        // Weights, BatchNorm affine parameters and the tails agree to float32 rounding (measured 1.2e-7).
        #expect(g.exact < 1e-6 && d.exact < 1e-6)
        // Running variances: float rounding of sums of squares (measured 7e-5 on values around 1–10).
        #expect(g.variance < 5e-4 && d.variance < 5e-4)
        // A convolution bias followed by BatchNorm gets no gradient (BatchNorm subtracts any constant
        // added before it), so its "gradient" is float rounding noise in both implementations, which
        // Adam scales to steps of the full learning rate with an arbitrary sign: each of the 9 updates
        // may move it by up to 5e-4 differently. It does not change what the network computes (the
        // running mean tracks it, and BatchNorm removes it).
        let steps = Float(iterations * config.generatorSteps) * config.generatorLearningRate
        #expect(g.free <= steps && d.free <= steps, "\(g.free), \(d.free) > \(steps)")
    }
}
