import Foundation
import SinGANCheckpoint
import SinGANTensor

/// The header's "consingan" object (Docs/checkpoint-format.md, "ConSinGAN model header"): shared
/// and ConSinGAN settings, image size, finished stages with their noise amplitudes, the random
/// state after the last finished stage and the description of a mid-stage snapshot.
struct GrowingHeader: Codable {
    var config: TrainingConfig
    var settings: GrowingSettings
    var profile: TrainingProfile
    var imageHeight: Int
    var imageWidth: Int
    var finishedStages: Int
    var noiseAmplitudes: [Float]
    /// Per finished stage: the random state (hexadecimal words, then the spare normal if any) its
    /// fixed noise is drawn from, or null when the input is stored as the chunk
    /// `stage/NN/reconstruction_input`.
    var reconstructionStates: [RandomState?]
    /// xoshiro256** words as hexadecimal.
    var randomState: [String]
    var randomSpare: Float?
    var snapshot: GrowingSnapshotHeader?

    /// The header member holding it.
    static let member = "consingan"

    /// Decodes and validates the member, naming the offending value when one does not decode.
    static func decode(from header: [String: JSONValue]) throws(ModelFileError) -> GrowingHeader {
        guard let model = header[member] else { throw .missing("the ConSinGAN model header") }
        let decoded: GrowingHeader
        do {
            decoded = try JSONDecoder().decode(GrowingHeader.self, from: Data(try model.serialized()))
        } catch let error as DecodingError {
            throw .invalid(ModelHeader.describe(error, in: model, member: member))
        } catch {
            throw .invalid("the ConSinGAN model header does not parse (\(error))")
        }
        try decoded.config.validate()
        try decoded.settings.validate()
        try decoded.profile.validate()
        guard SettingRanges.imageSide.contains(decoded.imageHeight), SettingRanges.imageSide.contains(decoded.imageWidth) else {
            throw .invalid("the image size \(decoded.imageWidth)×\(decoded.imageHeight) is out of range")
        }
        guard (0...decoded.settings.stages).contains(decoded.finishedStages), decoded.noiseAmplitudes.count == decoded.finishedStages,
              decoded.reconstructionStates.count == decoded.finishedStages,
              decoded.noiseAmplitudes.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalid("the header lists an inconsistent number of stages or an invalid noise amplitude")
        }
        return decoded
    }
}

/// A `RandomSource` state in the header.
struct RandomState: Codable, Equatable {
    /// xoshiro256** words as hexadecimal.
    var words: [String]
    var spare: Float?

    init(_ random: RandomSource) {
        words = random.state.map { String($0, radix: 16) }
        spare = random.spareNormal
    }

    /// The random source, or a `ModelFileError` naming `what`.
    func source(_ what: String) throws(ModelFileError) -> RandomSource {
        try ModelHeader.randomSource(words: words, spare: spare, what: what)
    }
}

/// The header's description of a ConSinGAN mid-stage snapshot (tensors are `snapshot/…` chunks).
struct GrowingSnapshotHeader: Codable {
    var stage: Int
    var iterationsDone: Int
    var noiseAmplitude: Float
    /// Adam's step count of each generator parameter group, then the critic's.
    var optimizerSteps: [Int]
    /// The random state the stage's fixed noise is drawn from (null: the chunk `snapshot/reconstruction_input`).
    var reconstructionState: RandomState?
    var randomState: [String]
    var randomSpare: Float?
}
