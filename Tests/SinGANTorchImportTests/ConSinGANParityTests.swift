import Foundation
import SinGANAutodiff
@testable import SinGANModel
import SinGANNN
import SinGANTensor
import Testing

/// Replays recorded draws (the official ConSinGAN code's noise maps and penalty mixing factors)
/// into `GrowingStageTrainer`.
final class RecordedGrowingDraws: GrowingTrainingDraws {
    private var maps: [Tensor]
    private var factors: [Float]
    init(maps: [Tensor], factors: [Float]) {
        self.maps = maps
        self.factors = factors
    }
    var unused: Int { maps.count + factors.count }
    func normal(_ shape: [Int], random: inout RandomSource) -> Tensor {
        let next = maps.removeFirst()
        precondition(next.shape == shape, "asked for \(shape), recorded \(next.shape)")
        return next
    }
    func mixingFactor(random: inout RandomSource) -> Float { factors.removeFirst() }
}

/// ConSinGAN against values the official code computed (Tests/ConSinGANFixtures, made by
/// make_consingan_fixtures.py beside them): stage sizes, the growing generator's forward pass at
/// the training and at another size, and three training stages replayed draw for draw.
@Suite struct ConSinGANParityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ConSinGANFixtures").path

    static func recording(_ name: String) throws -> OfficialFixtures.Recording { try .init(name, root: root) }

    /// A generator with `stages` stages whose parameters are the recorded `prefix<name>` tensors
    /// (BatchNorm in its blocks when the recording was made with `--batch_norm`).
    static func generator(_ recording: OfficialFixtures.Recording, prefix: String, stages: Int) -> GrowingGenerator {
        var unused = RandomSource(seed: 0)
        let generator = GrowingGenerator(width: 8, layersPerStage: 3, slope: 0.05, batchNorm: recording.notes["batch_norm"] as? Bool ?? false,
                                         random: &unused)
        while generator.stageCount < stages { generator.addStage() }
        for parameter in generator.parameters { parameter.value = recording[prefix + parameter.name] }
        return generator
    }

    static func discriminator(_ recording: OfficialFixtures.Recording, prefix: String) -> PlainDiscriminator {
        var unused = RandomSource(seed: 0)
        let critic = PlainDiscriminator(width: 8, layers: 3, slope: 0.05, random: &unused)
        for parameter in critic.parameters { parameter.value = recording[prefix + parameter.name] }
        return critic
    }

    static func largestDifference(_ a: Tensor, _ b: Tensor) -> Float {
        precondition(a.shape == b.shape, "\(a.shape) vs \(b.shape)")
        return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    }

    @Test func stageSizesAreTheOfficialOnes() throws {
        let cases = try Self.recording("stages").notes["cases"] as! [[String: Any]]
        #expect(cases.count >= 8)
        for entry in cases {
            let input = entry["input_hw"] as! [Int]
            let stages = try GrowingStages(imageSize: ImageSize(height: input[0], width: input[1]), stages: entry["train_stages"] as! Int,
                                           minSize: entry["min_size"] as! Int, maxSize: entry["max_size"] as! Int)
            let expected = (entry["reals_hw"] as! [[Int]]).map { ImageSize(height: $0[0], width: $0[1]) }
            #expect(stages.sizes == expected, "\(input) at max size \(entry["max_size"]!)")
            #expect(abs(stages.scaleFactor - (entry["scale_factor"] as! Double)) < 1e-12)
        }
    }

    /// Both our passes (with and without a graph) give the official output, at the training size
    /// and at 1.5 × 2 of it; without and with BatchNorm (`--batch_norm`, batch statistics always).
    @Test(arguments: ["generator_forward", "generator_forward_bn"])
    func generatorForwardMatches(fixture: String) throws {
        let recording = try Self.recording(fixture)
        let generator = Self.generator(recording, prefix: "G/", stages: 3)
        let amplitudes = (recording.notes["noise_amp"] as! [Double]).map(Float.init)
        for prefix in ["", "wide/"] {
            let noise = (0..<3).map { recording[prefix + "noise/\($0)"] }
            let expected = recording[prefix + "output"]
            let sizes = (1..<3).map { ImageSize(height: noise[$0].shape[2] - 6, width: noise[$0].shape[3] - 6) }
            let all = [ImageSize(height: noise[0].shape[2], width: noise[0].shape[3])] + sizes
            let values = generator.generate(noise, sizes: all, amplitudes: amplitudes)
            let graph = generator(noise.map { Variable($0) }, sizes: all, amplitudes: amplitudes) { $0.variable }.value
            #expect(Self.largestDifference(values, expected) < 2e-6, "\(prefix)output without a graph")
            #expect(Self.largestDifference(graph, expected) < 2e-6, "\(prefix)output with a graph")
        }
    }

    /// Each stage of the official training, replayed: the noise amplitude it measures and the
    /// weights of G and D after 3 iterations. Stages 0 and 1 agree to float rounding; stage 2's
    /// critic biases whose gradient nearly cancels take full Adam steps of either sign on rounding
    /// alone (the fixtures' README measured 1.6e-3 between two PyTorch memory layouts), so stage 2
    /// is compared within 5e-3. The same with `--batch_norm` (`train_bn_stage*`).
    @Test(arguments: ["train_stage", "train_bn_stage"], [0, 1, 2])
    func trainingStageMatches(fixture: String, stage k: Int) throws {
        let recording = try Self.recording(fixture + "\(k)")
        var config = TrainingConfig()
        config.iterations = 3
        var settings = GrowingSettings()
        settings.stages = 3
        settings.width = 8
        settings.batchNorm = recording.notes["batch_norm"] as? Bool ?? false
        let reals = (0...k).map { recording["real/\($0)"] }
        let fixed = (0...k).map { recording["fixed_noise/\($0)"] }
        let amplitudes = (recording.notes["noise_amp"] as! [Double]).map(Float.init)
        let generator = Self.generator(recording, prefix: "initial/G/", stages: k + 1)
        let critic = Self.discriminator(recording, prefix: "initial/D/")
        let maps = (0..<3).flatMap { i in (0...k).map { recording["iter\(i)/noise/\($0)"] } }
        let factors = (0..<3).flatMap { recording["iter\($0)/gp_alpha"].scalars }
        let draws = RecordedGrowingDraws(maps: maps, factors: factors)
        let trainer = GrowingStageTrainer(config: config, settings: settings, depth: k, reals: reals, draws: draws)

        let amplitude = trainer.noiseAmplitude(generator: generator, fixed: fixed, amplitudes: Array(amplitudes.prefix(k)))
        #expect(abs(amplitude - amplitudes[k]) < 1e-6 * max(1, amplitudes[k]), "noise amplitude \(amplitude) vs \(amplitudes[k])")
        var random = RandomSource(seed: 0)
        let finished = trainer.train(generator: generator, discriminator: critic, fixed: fixed, amplitudes: amplitudes,
                                     firstIteration: 0, optimizerStates: nil, random: &random) { _, _, _, _, _ in true }
        #expect(finished && draws.unused == 0)
        let tolerance: Float = k < 2 ? 1e-4 : 5e-3
        // A convolution bias right before BatchNorm has no gradient in exact arithmetic (the
        // normalisation removes any per-channel constant), so both sides move it by Adam steps on
        // rounding noise alone: at most lr per step, 3 iterations × 3 steps, in either direction.
        let unconstrained = Float(2 * 3 * config.generatorSteps) * config.generatorLearningRate
        var worst: (Float, String) = (0, ""), worstUnconstrained: Float = 0
        for parameter in generator.parameters {
            let difference = Self.largestDifference(parameter.value, recording["final/G/" + parameter.name])
            if settings.batchNorm && parameter.name.hasSuffix(".conv.bias") {
                worstUnconstrained = max(worstUnconstrained, difference)
            } else if difference > worst.0 {
                worst = (difference, "G " + parameter.name)
            }
        }
        for parameter in critic.parameters {
            let difference = Self.largestDifference(parameter.value, recording["final/D/" + parameter.name])
            if difference > worst.0 { worst = (difference, "D " + parameter.name) }
        }
        #expect(worstUnconstrained <= unconstrained, "a bias before BatchNorm moved \(worstUnconstrained)")
        #expect(worst.0 < tolerance, "largest weight difference \(worst.0) in \(worst.1)")
    }
}
