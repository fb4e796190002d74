import Foundation

/// Runs Slurm's `sbatch` to submit a job script.
enum Sbatch {
    /// Submits `script` and returns the job id sbatch prints.
    static func submit(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch", "--parsable", script]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw CommandFailure("cannot run sbatch: \(error.localizedDescription)")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 {
            throw CommandFailure("sbatch is not installed here (not on PATH); run on a Slurm login node, or write the script with --dry-run")
        }
        guard process.terminationStatus == 0 else {
            let reason = errors.split(whereSeparator: \.isNewline).first.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw CommandFailure("sbatch refused \(script): \(reason)")
        }
        // --parsable prints "jobid" or "jobid;cluster".
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return String(text.split(separator: ";").first ?? Substring(text))
    }
}
