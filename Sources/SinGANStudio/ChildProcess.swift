import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One `singan-edit` run in its own process: a crash or a cancel cannot take the server down.
/// Started with `posix_spawn` in a process group of its own (Ctrl-C in the server's terminal reaches
/// the server only, which then stops its children itself), stdin from /dev/null, the default
/// dispositions of SIGINT, SIGTERM and SIGPIPE. Stdout is handed over line by line as it comes;
/// stderr is kept for the error line.
final class ChildProcess: @unchecked Sendable {
    /// How the process ended.
    struct Outcome: Sendable {
        /// The exit status, or 128 + the signal that ended it (as a shell reports it).
        let status: Int32
        let stdout: String
        let stderr: String

        /// The CLI's one-line error without its `error: ` prefix, or the last stderr line.
        var errorLine: String {
            let lines = stderr.split(whereSeparator: \.isNewline).map(String.init)
            if let error = lines.last(where: { $0.hasPrefix("error: ") }) { return String(error.dropFirst(7)) }
            return lines.last ?? "singan-edit exited with status \(status)"
        }
    }

    private let executable: URL
    private let arguments: [String]
    private let lock = NSLock()
    private var pid: pid_t = 0
    private var ended = false

    init(executable: URL, arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }

    /// Starts the process and waits for it to end; `line` hears every stdout line.
    func run(line: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Outcome {
        // Pipes and spawn under one lock: no other child of this server starts between the pipes'
        // creation and their close-on-exec flag, so none inherits another's pipe.
        let (out, err, spawned) = try lock.withLock {
            let (out, err) = try (Self.pipe(), Self.pipe())
            return (out, err, spawn(stdout: out.write, stderr: err.write))
        }
        close(out.write)
        close(err.write)
        guard spawned == 0 else {
            close(out.read)
            close(err.read)
            throw StudioError(.internalServerError, "could not start \(executable.path): \(String(cString: strerror(spawned)))")
        }
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let stderr = Collected()
                let errorReader = Thread {
                    stderr.data = FileHandle(fileDescriptor: err.read, closeOnDealloc: true).readDataToEndOfFile()
                    stderr.done.signal()
                }
                errorReader.start()
                let reader = FileHandle(fileDescriptor: out.read, closeOnDealloc: true)
                var stdout = Data(), pending = Data()
                while case let chunk = reader.availableData, !chunk.isEmpty {
                    stdout.append(chunk)
                    pending.append(chunk)
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        line(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                        pending.removeSubrange(pending.startIndex...newline)
                    }
                }
                stderr.done.wait()
                let status = self.waitForExit()
                continuation.resume(returning: Outcome(status: status, stdout: String(decoding: stdout, as: UTF8.self),
                                                       stderr: String(decoding: stderr.data, as: UTF8.self)))
            }
        }
    }

    /// Sends `signal` (SIGINT: training saves its snapshot and stops) if the process runs.
    func send(_ signal: Int32) {
        lock.withLock {
            if pid > 0 && !ended { kill(pid, signal) }
        }
    }

    /// `posix_spawn` with the child's stdout and stderr on the given pipe ends; returns 0 or an errno.
    private func spawn(stdout: Int32, stderr: Int32) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var mask = sigset_t(), defaults = sigset_t()
        sigemptyset(&mask)
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        return posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ)
    }

    /// Reaps the process; its exit status, or 128 + the signal that ended it.
    private func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        lock.withLock { ended = true }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// A pipe whose ends are closed in every child but where `spawn` places them.
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard Glibc.pipe(&ends) == 0 else {
            throw StudioError(.internalServerError, "could not create a pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    private final class Collected: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }
}
