import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built binary as one child process and reports that child's own peak resident memory.
///
/// The binary runs under GNU time (`/usr/bin/time -f %M`, package `time`), which forks it from its
/// own small process and reports its `ru_maxrss`. Measuring the process the test spawns directly
/// would not do: `posix_spawn` starts it sharing the test process's memory (CLONE_VM), and Linux
/// carries that memory's high-water mark into the child's `ru_maxrss` at `exec`, so the test
/// process's own size (hundreds of MB while other tests run) would count as the binary's. Output
/// goes to files in a private directory, so nothing can block on a pipe.
enum PeakMemoryRunner {
    struct Result {
        let output: CommandRunner.Output
        /// The child's maximum resident set size in bytes.
        let peakBytes: Int
    }

    struct SpawnFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `singan-edit arguments…` in `directory` and waits for it.
    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let capture = CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: capture) }
        let (stdoutPath, stderrPath) = (capture.appendingPathComponent("stdout").path, capture.appendingPathComponent("stderr").path)
        let peakPath = capture.appendingPathComponent("peak").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The shell changes directory and execs the binary in the same process (Swift's Glibc lacks
        // posix_spawn_file_actions_addchdir_np); its own few hundred kilobytes do not matter.
        let shell = ["/usr/bin/time", "-f", "%M", "-o", peakPath,
                     "/bin/sh", "-c", #"cd "$0" && exec "$@""#, directory.path, CommandRunner.binary.path]
        let argv: [UnsafeMutablePointer<CChar>?] = (shell + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, shell[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw SpawnFailed(description: "posix_spawn: \(String(cString: strerror(spawned)))") }

        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 {
            guard errno == EINTR else { throw SpawnFailed(description: "wait4: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED / WEXITSTATUS, or 128 + the signal number as a shell reports it.
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + status & 0x7f
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Result(output: CommandRunner.Output(status: exitStatus, stdout: read(stdoutPath), stderr: read(stderrPath)),
                      peakBytes: try peakKilobytes(read(peakPath)) * 1024)
    }

    /// The kilobytes GNU time wrote (its last line; a line before it may say how the command ended).
    private static func peakKilobytes(_ report: String) throws -> Int {
        guard let line = report.split(separator: "\n").last, let kilobytes = Int(line.trimmingCharacters(in: .whitespaces)) else {
            throw SpawnFailed(description: "/usr/bin/time reported no peak memory: \(report)")
        }
        return kilobytes
    }
}
