import Foundation

/// One training in the studio's queue, saved as `.studio/jobs/ID.json` after every change of
/// state and every finished scale, so a restarted server knows it.
struct TrainingJob: Codable, Sendable {
    enum State: String, Codable, Sendable {
        /// Waiting for its turn (also a job the server was stopped in the middle of).
        case queued
        case running
        case finished
        /// Ended with an error; `error` is the CLI's line. A later resume may still work.
        case failed
        /// Stopped on request; the model keeps what was trained and the job can be resumed.
        case cancelled
    }

    /// What the user chose for `singan-edit train`.
    struct Options: Codable, Sendable {
        /// `singan` or `consingan`; nil in jobs saved before the studio offered a choice (SinGAN).
        var family: String?
        var profile: String
        var maxSize: Int
        var iterations: Int
        /// Whether a ConSinGAN generator gets BatchNorm (`--batch-norm`); nil in jobs saved before the
        /// studio offered it (no BatchNorm).
        var batchNorm: Bool?

        /// The form fields, named as the `train` options.
        static let fieldNames = ["family", "profile", "max-size", "iterations"]
        /// The check-box fields, named as the `train` flags they give when checked.
        static let flagNames = ["batch-norm"]

        /// The fields given (already checked by `train`'s parser), the official recipe for the others:
        /// SinGAN, default profile, 250 px, 2000 iterations a scale.
        init(_ fields: [String: String]) {
            func given(_ key: String) -> String? { fields[key].flatMap { $0.isEmpty ? nil : $0 } }
            family = given("family") ?? "singan"
            profile = given("profile") ?? "default"
            maxSize = given("max-size").flatMap(Int.init) ?? 250
            iterations = given("iterations").flatMap(Int.init) ?? 2000
            batchNorm = given("batch-norm") != nil
        }

        var arguments: [String] {
            ["--family", family ?? "singan", "--profile", profile, "--max-size", String(maxSize), "--iterations", String(iterations)]
                + (batchNorm == true ? ["--batch-norm"] : [])
        }
    }

    let id: String
    /// The id of the model it trains (`NAME.sgn` in the models folder).
    let model: String
    /// The uploaded photo, kept under `.studio/uploads/` until the model is complete.
    let photo: String
    let options: Options
    var state: State
    let created: Date
    var started: Date?
    var ended: Date?
    /// The last progress event (scale k/N, iteration, losses, it/s, ETA).
    var latest: ProgressEvent?
    /// URLs of the random samples taken after each finished scale, coarsest first.
    var samples: [String] = []
    /// The CLI's error line when the job failed.
    var error: String?
    /// What the training warned of (a collapsed scale), if anything.
    var warning: String?
    /// How many times a process was started for it (more than one: it was resumed).
    var runs = 0
}

/// One line of `singan-edit train --progress jsonl` (scale, iteration, scaleDone, warning), numbered in
/// the order it arrived, or a
/// `sample` event the studio adds after a scale's sample is written and a `state` event when the
/// job's state changes.
struct ProgressEvent: Codable, Sendable {
    var seq: Int?
    var event: String
    var scale: Int?
    var scales: Int?
    var width: Int?
    var height: Int?
    var iteration: Int?
    var iterations: Int?
    var d: Double?
    var g: Double?
    var rec: Double?
    var itPerSecond: Double?
    var eta: Double?
    /// Seconds left in the whole training (an estimate, `train --progress jsonl`).
    var etaAll: Double?
    var seconds: Double?
    var sample: String?
    var state: TrainingJob.State?
    /// A `warning` event's text.
    var message: String?
}
