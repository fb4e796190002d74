import ArgumentParser
import Foundation

/// A user-facing failure: printed as one line on stderr, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }

    /// Runs `body`, turning any library error into one `error: …` line and exit status 1.
    static func report(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// Prints an informational line on stderr.
func note(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}
