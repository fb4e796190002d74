import Foundation
import Testing
import SinGANCheckpoint
import SinGANModel
import SinGANTensor

/// Every number a model header stores is checked against its documented range before use, and a
/// required chunk this version does not know is refused (Docs/checkpoint-format.md).
@Suite struct HeaderValidationTests {
    static let archive = try! PyramidArchive.archive(TinyModel.pyramid, creator: "test")

    /// The archive with `model.config.<key>` (or `model.<key>` for a top-level key) set to `value`.
    static func archive(setting path: [String], to value: JSONValue) -> CheckpointArchive {
        var changed = archive
        changed.header["model"] = replacing(changed.header["model"]!, at: path[...], with: value)
        return changed
    }

    static func replacing(_ json: JSONValue, at path: ArraySlice<String>, with value: JSONValue) -> JSONValue {
        guard let key = path.first, var object = json.objectValue else { return value }
        object[key] = replacing(object[key] ?? .null, at: path.dropFirst(), with: value)
        return .object(object)
    }

    static func message(_ archive: CheckpointArchive) -> String? {
        do {
            _ = try PyramidArchive.pyramid(from: archive)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        (["config", "iterations"], JSONValue.int(-1), "the training setting iterations is -1; it must be 1–1000000"),
        (["config", "discriminatorSteps"], .int(-1), "the training setting discriminatorSteps is -1; it must be 1–100"),
        (["config", "generatorSteps"], .int(-1), "the training setting generatorSteps is -1; it must be 1–100"),
        (["config", "generatorSteps"], .int(0), "the training setting generatorSteps is 0; it must be 1–100"),
        (["config", "iterations"], .int(Int64.max), "the training setting iterations is 9223372036854775807"),
        (["config", "decayAt"], .double(1e300), "the training setting decayAt is 1e+300; it must be 0–1"),
        (["config", "baseWidth"], .int(1 << 40), "the training setting baseWidth is 1099511627776"),
        (["config", "maxWidth"], .int(4), "the training setting maxWidth is 4; it must be 32–1024"),
        (["config", "minSize"], .int(300), "the training setting minSize is 300; it must be 5–42"),
        (["config", "scaleFactor"], .double(1.5), "the training setting scaleFactor is 1.5; it must be between 0 and 1"),
        (["config", "alpha"], .double(-3), "the training setting alpha is -3.0; it must be 0–1000000"),
        (["config", "beta1"], .double(1), "the training setting beta1 is 1.0; it must be 0 ≤ beta1 < 1"),
        (["config", "generatorLearningRate"], .double(0), "the training setting generatorLearningRate is 0.0"),
        (["config", "seed"], .int(-1), "the header value model.config.seed (-1) is out of range or not valid"),
        (["config", "seed"], .string("x"), "the header value model.config.seed (\"x\") is out of range or not valid"),
        (["config", "alpha"], .double(1e300), "the training setting alpha is inf; it must be 0–1000000"),
        (["config", "iterations"], .string("many"), "the header value model.config.iterations (\"many\") is not of type"),
        (["profile", "minSize"], .int(-4), "the profile default fixes minSize -4"),
        (["imageWidth"], .int(-42), "the image size -42×34 is out of range"),
        (["finishedScales"], .int(9), "the header lists an inconsistent number of scales"),
        (["noiseAmplitudes"], .null, "the header value model.noiseAmplitudes is null"),
    ] as [([String], JSONValue, String)])
    func outOfRangeValuesAreRefusedWithOneLine(path: [String], value: JSONValue, expected: String) {
        let message = Self.message(Self.archive(setting: path, to: value))
        #expect(message?.contains(expected) == true, "\(path) = \(value): \(message ?? "accepted")")
        #expect(message.map { !$0.contains("\n") } ?? false)
    }

    @Test(arguments: ["future/extra", "zzz", "scale/09/real", "scale/00/generator/extra.weight",
                      "resume/discriminator/extra"])
    func unknownRequiredChunksAreRefused(name: String) {
        var archive = Self.archive
        archive.set(.tensor(Tensor.zeros([2])), named: name, required: true)
        #expect(Self.message(archive)?.contains("needs chunk '\(name)', which this version of singan-edit does not understand") == true)
        // The same chunk marked optional is ignored.
        archive.set(.tensor(Tensor.zeros([2])), named: name, required: false)
        #expect(Self.message(archive) == nil)
    }

    @Test func seedsAboveTheSignedRangeSurviveTheFile() throws {
        var config = tinyConfig(iterations: 1)
        config.seed = UInt64.max - 6
        let untrained = try Trainer().prepare(image: testPicture(), config: config, profile: .standard)
        let archive = try PyramidArchive.archive(untrained, creator: "test")
        #expect(try PyramidArchive.pyramid(from: archive).config.seed == UInt64.max - 6)
    }

    /// A seeded property test over random header values: every model either reads and then trains
    /// one iteration of its next scale without trapping, or is refused with a model error.
    @Test func randomHeaderValuesNeverTrap() throws {
        var random = RandomSource(seed: 2026)
        let untrained = try Trainer().prepare(image: testPicture(), config: tinyConfig(iterations: 3), profile: .standard)
        let base = try PyramidArchive.archive(untrained, creator: "test")
        let keys = ["maxSize", "minSize", "scaleFactor", "iterations", "alpha", "generatorLearningRate",
                    "discriminatorLearningRate", "beta1", "gamma", "decayAt", "gradientPenaltyWeight",
                    "discriminatorSteps", "generatorSteps", "noiseAmplitude", "baseWidth", "maxWidth", "seed"]
        let values: [JSONValue] = [.int(-1), .int(0), .int(1), .int(2), .int(Int64.max), .int(Int64.min), .double(0.5),
                                   .double(-0.5), .double(1e308), .double(-1e-308), .string("x"), .null, .bool(true)]
        var accepted = 0
        for _ in 0..<300 {
            var model = base.header["model"]!.objectValue!
            var config = model["config"]!.objectValue!
            for _ in 0...Int(random.nextBits() % 3) {
                let key = keys[Int(random.nextBits() % UInt64(keys.count))]
                config[key] = values[Int(random.nextBits() % UInt64(values.count))]
            }
            model["config"] = .object(config)
            var archive = base
            archive.header["model"] = .object(model)
            guard let pyramid = try? PyramidArchive.pyramid(from: archive) else {
                #expect(throws: ModelFileError.self) { try PyramidArchive.pyramid(from: archive) }
                continue
            }
            accepted += 1
            let observer = SnapshottingObserver(stopAt: (0, 0))
            _ = try Trainer().train(pyramid, image: testPicture(), observer: observer)
        }
        #expect(accepted > 0)
    }
}
