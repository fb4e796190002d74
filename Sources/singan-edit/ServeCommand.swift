import ArgumentParser
import Foundation
import SinGANStudio

/// `singan-edit serve`: the studio, a local web page for the whole workflow (train on a photo,
/// paint, edit, harmonize, …) and its JSON API (Docs/http-api.md).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the studio: a local web page and JSON API for training and editing.",
        discussion: """
            Serves the page at http://HOST:PORT/ and the API under /api (see Docs/http-api.md). \
            Trainings run one at a time, each in its own 'singan-edit train' process; jobs, models \
            and results live in the models folder and survive a restart (an unfinished training \
            continues with --resume). Ctrl-C stops the server; a running training is interrupted \
            and saved, and continues when the studio starts again.
            """)

    @Option(help: "The folder of .sgn models (created when missing).")
    var models: String = "models"
    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080
    @Option(help: "The address to listen on; any other than 127.0.0.1, ::1 or localhost requires a token.")
    var host: String = "127.0.0.1"
    @Option(help: "The token every API call must carry (generated and printed when --host is not local).")
    var token: String?
    @Option(help: "The largest upload in megabytes.")
    var uploadLimit: Int = 50

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535 (got \(port))") }
        guard (1...1024).contains(uploadLimit) else {
            throw ValidationError("--upload-limit must be 1–1024 megabytes (got \(uploadLimit))")
        }
        if let token, token.count < 16 || !token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            throw ValidationError("--token must be at least 16 letters or digits")
        }
    }

    func run() throws {
        try CommandFailure.report {
            let folder = URL(fileURLWithPath: models, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var settings = StudioSettings(modelsFolder: folder.standardizedFileURL, host: host, port: port, token: token,
                                          uploadLimit: uploadLimit << 20, executable: Self.executable)
            if settings.token == nil && !settings.isLoopback { settings.token = StudioSettings.generatedToken() }
            let finished = DispatchSemaphore(value: 0)
            let outcome = ServeOutcome()
            Task {
                do { try await Studio.run(settings, checkTraining: Self.checkTraining) } catch { outcome.error = error }
                finished.signal()
            }
            finished.wait()
            if let error = outcome.error { throw error }
        }
    }

    /// Nil when `train ARGUMENTS` is a valid command line, else the line the CLI would print.
    @Sendable static func checkTraining(_ arguments: [String]) -> String? {
        do {
            _ = try TrainCommand.parse(arguments)
            return nil
        } catch {
            return CommandRouting.oneLine(SinganEdit.message(for: error))
        }
    }

    /// This binary, for the training and plugin processes.
    static var executable: URL {
        URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0])
    }
}

/// The server task's error, handed to the waiting command.
private final class ServeOutcome: @unchecked Sendable {
    var error: (any Error)?
}
