#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SinGANCheckpoint
import SinGANTensor

@Suite struct AtomicWriteTests {
    private func small() -> CheckpointArchive {
        var archive = CheckpointArchive(creator: "previous")
        archive[tensor: "x"] = Tensor(shape: [4], scalars: [1, 2, 3, 4])
        return archive
    }

    private func big() -> CheckpointArchive {
        var archive = CheckpointArchive(creator: "big")
        archive[tensor: "x"] = Tensor(repeating: 0.5, shape: [1, 3, 200, 200])  // 480 KB
        return archive
    }

    private func isIO(_ error: CheckpointError?) -> Bool {
        if case .io? = error { return true }
        return false
    }

    @Test func pathUnderARegularFileFails() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try CheckpointWriter.write(small(), to: directory.file("plain"))
        let error = expectCheckpointError {
            try CheckpointWriter.write(small(), to: directory.file("plain/m.sgn"))
        }
        #expect(isIO(error))
        #expect(error?.description.contains("Not a directory") == true)
        #expect(directory.contents == ["plain"])
        #expect(isIO(expectCheckpointError { try CheckpointWriter.write(small(), to: "/proc/m.sgn") }))
        #expect(isIO(expectCheckpointError { try CheckpointWriter.write(small(), to: directory.path + "/") }))
    }

    @Test func failedRenameLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The target is a non-empty directory: the temporary file is written, then rename fails.
        let target = directory.file("m.sgn")
        try TemporaryDirectory.make(target)
        try CheckpointWriter.write(small(), to: target + "/inside.sgn")
        let error = expectCheckpointError { try CheckpointWriter.write(small(), to: target) }
        #expect(isIO(error))
        #expect(directory.contents == ["m.sgn"])
        #expect(try CheckpointReader.read(path: target + "/inside.sgn") == small())
    }

    @Test func fullDiskKeepsThePreviousFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        guard mount("tmpfs", directory.path, "tmpfs", 0, "size=64k") == 0 else {
            print("skipping the ENOSPC test: cannot mount a tmpfs (\(POSIX.message(errno)))")
            return
        }
        defer { umount2(directory.path, Int32(MNT_DETACH)) }
        let path = directory.file("m.sgn")
        try CheckpointWriter.write(small(), to: path)
        let error = expectCheckpointError { try CheckpointWriter.write(big(), to: path) }
        #expect(error == .noSpace(path: path))
        #expect(error?.description.contains("not enough disk space") == true)
        #expect(try CheckpointReader.read(path: path) == small())
        #expect(directory.contents == ["m.sgn"])

        // A read-only file system: the directory cannot be written even by root.
        guard mount("tmpfs", directory.path, "tmpfs", UInt(MS_REMOUNT | MS_RDONLY), "size=64k") == 0 else { return }
        let readOnly = expectCheckpointError { try CheckpointWriter.write(small(), to: path) }
        #expect(readOnly?.description.contains("Read-only file system") == true)
        #expect(try CheckpointReader.read(path: path) == small())
        #expect(directory.contents == ["m.sgn"])
    }

    @Test func keepsThePermissionsOfTheFileItReplaces() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("m.sgn")
        try CheckpointWriter.write(small(), to: path)
        chmod(path, 0o600)
        try CheckpointWriter.write(big(), to: path)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test func readingRefusesMissingFilesDirectoriesAndFIFOs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(isIO(expectCheckpointError { _ = try CheckpointReader.read(path: directory.file("none.sgn")) }))
        #expect(isIO(expectCheckpointError { _ = try CheckpointReader.read(path: directory.path) }))
        #expect(isIO(expectCheckpointError { _ = try CheckpointReader.readHeader(path: directory.path) }))
        let fifo = directory.file("pipe.sgn")
        #expect(mkfifo(fifo, 0o600) == 0)
        // Must return at once (no writer will ever open the FIFO).
        #expect(expectCheckpointError { _ = try CheckpointReader.read(path: fifo) }
            == .io(path: fifo, reason: "not a regular file"))
        #expect(isIO(expectCheckpointError { _ = try CheckpointReader.read(path: "/dev/zero") }))
        // A huge (sparse, 64 GiB) file that is not a checkpoint is refused without being loaded.
        let huge = directory.file("huge.sgn")
        let descriptor = open(huge, O_CREAT | O_WRONLY, 0o600)
        #expect(descriptor >= 0 && ftruncate(descriptor, 1 << 36) == 0)
        close(descriptor)
        #expect(expectCheckpointError { _ = try CheckpointReader.read(path: huge) }
            == .inFile(path: huge, .notACheckpoint))
        // Content errors name the file.
        let empty = directory.file("empty.sgn")
        try writeFile([], to: empty)
        let error = expectCheckpointError { _ = try CheckpointReader.read(path: empty) }
        #expect(error == .inFile(path: empty, .truncated(expected: 48, actual: 0)))
        #expect(error?.description.hasPrefix("\(empty) is truncated (0 of 48 bytes)") == true)
    }
}

extension TemporaryDirectory {
    static func make(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 else { throw CheckpointError.io(path: path, reason: "mkdir") }
    }
}
