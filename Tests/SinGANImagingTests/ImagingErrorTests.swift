import Foundation
import SinGANTensor
import Testing
@testable import SinGANImaging

@Suite("Typed errors and atomic writes")
struct ImagingErrorTests {
    private let smallImage = gradientImage(height: 6, width: 5)

    @Test func missingFile() throws {
        try withTemporaryDirectory { directory in
            let error = #expect(throws: ImagingError.self) { try ImageFile.load(directory + "/absent.png") }
            #expect(error == .fileNotFound(path: directory + "/absent.png"))
            #expect(error?.description.contains("no such file") == true)
        }
    }

    @Test func directoryInsteadOfFile() throws {
        try withTemporaryDirectory { directory in
            let error = #expect(throws: ImagingError.self) { try ImageFile.load(directory) }
            #expect(error == .isADirectory(path: directory))
        }
    }

    @Test func zeroByteFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/empty.png"
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let error = #expect(throws: ImagingError.self) { try ImageFile.load(path) }
            #expect(error == .emptyFile(path: path))
        }
    }

    @Test func textFileNamedPng() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/notes.png"
            try "this is not an image\n".write(toFile: path, atomically: false, encoding: .utf8)
            let error = #expect(throws: ImagingError.self) { try ImageFile.load(path) }
            guard case .notAnImage(let reportedPath, let reason)? = error else {
                Issue.record("expected notAnImage, got \(String(describing: error))")
                return
            }
            #expect(reportedPath == path)
            #expect(!reason.isEmpty)
            #expect(error?.description.contains("\n") == false)
        }
    }

    @Test func truncatedPngIsNotAnImage() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/whole.png"
            try ImageFile.save(levelTensor(pseudoRandomLevels(count: 3 * 40 * 40, seed: 1),
                                           channels: 3, height: 40, width: 40), to: path)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let truncated = directory + "/truncated.png"
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
            let error = #expect(throws: ImagingError.self) { try ImageFile.load(truncated) }
            guard case .notAnImage? = error else {
                Issue.record("expected notAnImage, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func missingOutputDirectoryLeavesNothing() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/no-such-dir/out.png"
            let error = #expect(throws: ImagingError.self) { try ImageFile.save(smallImage, to: path) }
            guard case .saveFailed(let reportedPath, _)? = error else {
                Issue.record("expected saveFailed, got \(String(describing: error))")
                return
            }
            #expect(reportedPath == path)
            let listing = try directoryListing(directory)
            #expect(listing.isEmpty)
        }
    }

    @Test(.enabled(if: geteuid() != 0, "root ignores directory permissions"))
    func readOnlyDirectoryLeavesNothing() throws {
        try withTemporaryDirectory { directory in
            let locked = directory + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o555])
            defer { chmod(locked, 0o755) }
            let error = #expect(throws: ImagingError.self) { try ImageFile.save(smallImage, to: locked + "/x.png") }
            guard case .saveFailed? = error else {
                Issue.record("expected saveFailed, got \(String(describing: error))")
                return
            }
            let listing = try directoryListing(locked)
            #expect(listing.isEmpty)
        }
    }

    @Test func parentIsAFileIsSaveFailure() throws {
        try withTemporaryDirectory { directory in
            let file = directory + "/plain.txt"
            #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
            let error = #expect(throws: ImagingError.self) { try ImageFile.save(smallImage, to: file + "/out.png") }
            guard case .saveFailed? = error else {
                Issue.record("expected saveFailed, got \(String(describing: error))")
                return
            }
            let listing = try directoryListing(directory)
            #expect(listing == ["plain.txt"])
        }
    }

    @Test func failedRenameRemovesTheTemporaryFile() throws {
        try withTemporaryDirectory { directory in
            // The destination is an existing, non-empty directory: encoding and the temporary file
            // succeed, the final rename fails, and nothing may be left behind.
            let path = directory + "/taken.png"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            #expect(FileManager.default.createFile(atPath: path + "/keep", contents: Data()))
            let error = #expect(throws: ImagingError.self) { try ImageFile.save(smallImage, to: path) }
            guard case .saveFailed? = error else {
                Issue.record("expected saveFailed, got \(String(describing: error))")
                return
            }
            let listing = try directoryListing(directory)
            #expect(listing == ["taken.png"])
        }
    }

    @Test func failedSaveKeepsTheExistingFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/keep.png"
            try ImageFile.save(smallImage, to: path)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let wrongShape = Tensor.zeros([1, 2, 4, 4])
            let error = #expect(throws: ImagingError.self) { try ImageFile.save(wrongShape, to: path) }
            #expect(error == .invalidImageTensor(shape: [1, 2, 4, 4], expected: "[1, 1 or 3, H, W] with H, W ≥ 1"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try directoryListing(directory) == ["keep.png"])
        }
    }

    @Test(arguments: ["out.xyz", "out", "out.bmpx"])
    func unknownExtension(name: String) throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/" + name
            let error = #expect(throws: ImagingError.self) { try ImageFile.save(smallImage, to: path) }
            guard case .unsupportedOutputFormat(let reportedPath, _, let supported)? = error else {
                Issue.record("expected unsupportedOutputFormat, got \(String(describing: error))")
                return
            }
            #expect(reportedPath == path)
            #expect(supported.contains("png"))
            let listing = try directoryListing(directory)
            #expect(listing.isEmpty)
        }
    }

    @Test func messagesAreOneLine() {
        let errors: [ImagingError] = [
            .fileNotFound(path: "a.png"), .isADirectory(path: "d"), .emptyFile(path: "e.png"),
            .unreadableFile(path: "u.png", reason: "Permission denied"),
            .notAnImage(path: "t.png", reason: "not a known format"),
            .unsupportedOutputFormat(path: "x.bmpx", fileExtension: "bmpx", supported: ["png"]),
            .saveFailed(path: "s.png", reason: "No such file or directory"),
            .invalidImageTensor(shape: [2], expected: "[1, 3, H, W]"),
            .invalidArgument(name: "fps", reason: "0 must be positive"),
            .libvipsUnavailable(reason: "x"), .libvipsFailed(operation: "resize", reason: "y"),
        ]
        for error in errors {
            #expect(!error.description.isEmpty)
            #expect(!error.description.contains("\n"))
        }
    }
}
