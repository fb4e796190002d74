import Foundation
import SinGANCheckpoint
import SinGANTensor

/// The header's "model" object (Docs/checkpoint-format.md, "SinGAN model header"): configuration,
/// profile, image size, per-scale amplitudes and widths, and the random state after the last
/// finished scale; `snapshot` describes an unfinished scale saved in the middle of its training.
struct ModelHeader: Codable {
    var config: TrainingConfig
    var profile: TrainingProfile
    var imageHeight: Int
    var imageWidth: Int
    var finishedScales: Int
    var noiseAmplitudes: [Float]
    var widths: [Int]
    /// Written empty: training times live in the `timings` chunk, so that two runs that differ only
    /// in timing write the same header. Read from files written before that chunk existed.
    var secondsPerScale: [Double]
    /// xoshiro256** words as hexadecimal (JSON numbers cannot hold all 64-bit values).
    var randomState: [String]
    var randomSpare: Float?
    var snapshot: SnapshotHeader?

    /// The header member holding it.
    static let member = "model"

    /// The random source the header describes, or a `ModelFileError`.
    static func randomSource(words: [String], spare: Float?, what: String) throws(ModelFileError) -> RandomSource {
        let parsed = words.compactMap { UInt64($0, radix: 16) }
        guard parsed.count == words.count, spare?.isFinite ?? true,
              let random = RandomSource(state: parsed, spareNormal: spare) else {
            throw .invalid("the random state of \(what) is invalid")
        }
        return random
    }

    /// Decodes the "model" member, naming the offending value when one does not decode.
    static func decode(from header: [String: JSONValue]) throws(ModelFileError) -> ModelHeader {
        guard let model = header[member] else { throw .missing("the model header") }
        let decoded: ModelHeader
        do {
            decoded = try JSONDecoder().decode(ModelHeader.self, from: Data(try model.serialized()))
        } catch let error as DecodingError {
            throw .invalid(describe(error, in: model))
        } catch {
            throw .invalid("the model header does not parse (\(error))")
        }
        try decoded.validate()
        return decoded
    }

    /// Checks every stored number against its documented range (`SettingRanges`).
    func validate() throws(ModelFileError) {
        try config.validate()
        try profile.validate()
        guard SettingRanges.imageSide.contains(imageHeight), SettingRanges.imageSide.contains(imageWidth) else {
            throw .invalid("the image size \(imageWidth)×\(imageHeight) is out of range (1–\(SettingRanges.imageSide.upperBound) px a side)")
        }
        guard secondsPerScale.allSatisfy({ (0...SettingRanges.largestSeconds).contains($0) }) else {
            throw .invalid("a training time is out of range (0–\(Int(SettingRanges.largestSeconds)) s)")
        }
    }

    /// "the header value model.config.seed (-1) is out of range or of the wrong type", or the like
    /// (`member` names the header member the value sits in).
    static func describe(_ error: DecodingError, in model: JSONValue, member: String = ModelHeader.member) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            ([member] + keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }).joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        func shown(_ keys: [any CodingKey]) -> String {
            var value: JSONValue? = model
            for key in keys {
                if let index = key.intValue { value = value?[index] } else { value = value?[key.stringValue] }
            }
            guard let value, let text = try? value.serialized(), text.count <= 40 else { return "" }
            return " (" + String(decoding: text, as: UTF8.self) + ")"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "the header value \(path(context.codingPath + [key])) is missing"
        case .valueNotFound(_, let context):
            return "the header value \(path(context.codingPath)) is null"
        case .typeMismatch(let type, let context):
            return "the header value \(path(context.codingPath))\(shown(context.codingPath)) is not of type \(type)"
        case .dataCorrupted(let context):
            return "the header value \(path(context.codingPath))\(shown(context.codingPath)) is out of range or not valid"
        @unknown default:
            return "the model header does not decode (\(error))"
        }
    }
}

/// The header's description of a mid-scale snapshot (its tensors are `snapshot/…` chunks).
struct SnapshotHeader: Codable {
    var scale: Int
    var iterationsDone: Int
    var noiseAmplitude: Float
    var generatorOptimizerSteps: Int
    var discriminatorOptimizerSteps: Int
    var randomState: [String]
    var randomSpare: Float?
}
