import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `train` end to end onto a full disk and a read-only one: one clear `error:` line, status 1, the
/// previous model byte-identical and no temporary file left. Full and read-only disks are a tiny
/// tmpfs mounted by the test (root only, as in `AtomicWriteTests`); without root, a directory
/// without write permission stands in for them.
@Suite struct UnwritableOutputTests {
    /// Retrains `in.png` over `m.sgn` in `dir`, where writing must fail.
    private func overwrite(in dir: URL) throws -> CommandRunner.Output {
        try CommandRunner.run(["train", "in.png", "-o", "m.sgn", "--force", "--max-size", "32", "--iterations", "1", "--quiet"], in: dir)
    }

    /// A previous model `m.sgn` and the picture `in.png` in `dir`.
    private func prepare(_ dir: URL) throws -> Data {
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let first = try overwrite(in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        return try Data(contentsOf: dir.appendingPathComponent("m.sgn"))
    }

    private func expectOneLine(_ result: CommandRunner.Output, saying message: String) {
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(message)
                && result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
    }

    @Test func aFullOrReadOnlyDiskKeepsThePreviousModel() throws {
        let dir = CommandRunner.temporaryDirectory()
        guard mount("tmpfs", dir.path, "tmpfs", 0, "size=2m") == 0 else {
            guard geteuid() != 0 else {
                print("skipping the full and read-only disk train test: cannot mount a tmpfs (\(String(cString: strerror(errno))))")
                return
            }
            let previous = try prepare(dir)
            #expect(chmod(dir.path, 0o555) == 0)
            defer { chmod(dir.path, 0o755) }
            expectOneLine(try overwrite(in: dir), saying: "Permission denied")
            #expect(try Data(contentsOf: dir.appendingPathComponent("m.sgn")) == previous)
            #expect(try BadInputTests.listing(dir) == ["in.png", "m.sgn"])
            return
        }
        defer { umount2(dir.path, Int32(MNT_DETACH)) }
        let previous = try prepare(dir)
        try fill(dir.appendingPathComponent("filler"))
        expectOneLine(try overwrite(in: dir), saying: "not enough disk space to write m.sgn (the previous file is unchanged) — "
                      + "free some space or choose another directory")
        #expect(try Data(contentsOf: dir.appendingPathComponent("m.sgn")) == previous)
        #expect(try BadInputTests.listing(dir) == ["filler", "in.png", "m.sgn"])

        #expect(mount("tmpfs", dir.path, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), "size=2m") == 0)
        expectOneLine(try overwrite(in: dir), saying: "Read-only file system")
        #expect(try Data(contentsOf: dir.appendingPathComponent("m.sgn")) == previous)
        #expect(try BadInputTests.listing(dir) == ["filler", "in.png", "m.sgn"])
    }

    /// Fills the file system holding `url` with one file, written until the disk is full.
    private func fill(_ url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 4096)
        while write(descriptor, block, block.count) > 0 {}
        #expect(errno == ENOSPC)
    }
}
