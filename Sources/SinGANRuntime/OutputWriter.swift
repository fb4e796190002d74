import Foundation
import SinGANImaging
import SinGANTensor

/// Writes a run's planned images so that they appear together or not at all.
///
/// Each image is saved (atomically) to a hidden staging file beside its destination,
/// `.singan-partial-<token>-<name>`; `commit()` renames them all into place. Until then, and if the
/// run fails, the staging files and any directory the writer created are removed again, so a
/// failed run leaves nothing behind (a killed process may leave hidden staging files).
///
/// The overwrite rule of every command: an existing file at a planned path is refused up front
/// (and again just before commit) unless `overwrite` is set (`--force`), when it is replaced.
/// Missing directories on the way are created (and removed again if the run fails).
public final class OutputWriter {
    /// The images this writer accepts.
    public let plan: OutputPlan
    /// Whether existing files at planned paths are replaced (`--force`) rather than refused.
    public let overwrite: Bool
    /// Called with (images saved, images planned) after each save.
    public var progress: ((Int, Int) -> Void)?
    private let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    private var staged: [String: String] = [:]
    private var createdDirectories: [String] = []
    private var committed = false

    /// Checks the plan: supported extensions, no path twice, no destination that is a directory,
    /// no parent that is a file, and (unless `overwrite`) no destination that exists. Creates nothing.
    public init(plan: OutputPlan, overwrite: Bool = false) throws(OutputError) {
        self.plan = plan
        self.overwrite = overwrite
        var seen = Set<String>()
        for image in plan.images {
            guard image.format != nil else { throw .unsupportedFormat(path: image.path) }
            guard seen.insert(image.path).inserted else { throw .duplicatePath(image.path) }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: image.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw .isDirectory(path: image.path)
            }
            if let file = Self.existingNonDirectoryAncestor(of: image.path) {
                throw .parentNotDirectory(path: image.path, parent: file)
            }
        }
        try refuseExistingFiles()
    }

    /// Throws `exists` for the planned paths that exist already, unless `overwrite`.
    private func refuseExistingFiles() throws(OutputError) {
        guard !overwrite else { return }
        let existing = plan.images.map(\.path).filter { FileManager.default.fileExists(atPath: $0) }
        if let first = existing.first { throw .exists(path: first, others: existing.count - 1) }
    }

    deinit { if !committed { rollBack() } }

    /// Saves `image` (`[1, 3, H, W]` or `[1, 1, H, W]` in [0, 1], see `PixelRange`) as the planned
    /// image at `path`, rounding to the nearest 8-bit level.
    public func save(_ image: Tensor, to path: String) throws {
        try stage(path, shape: image.shape) { try ImageFile.save(image, to: $0) }
    }

    /// Saves `frames` (each like an image for `save`, all the planned size) as the planned
    /// animation at `path`, a `.gif` or `.webp`, played at `fps` frames per second and looping
    /// forever (see `AnimationWriter.save`).
    public func saveAnimation(_ frames: [Tensor], fps: Double, to path: String) throws {
        guard let first = frames.first else { throw OutputError.notWritten([path]) }
        try stage(path, shape: first.shape) { try AnimationWriter.save(frames: frames, fps: fps, to: $0) }
    }

    /// Checks `path` and the image `shape` against the plan, then writes the file with `write`
    /// to a staging path beside the destination.
    private func stage(_ path: String, shape: [Int], write: (String) throws -> Void) throws {
        guard let planned = plan.images.first(where: { $0.path == path }) else { throw OutputError.unplanned(path: path) }
        guard shape.count == 4, shape[2] == planned.size.height, shape[3] == planned.size.width else {
            throw OutputError.sizeMismatch(path: path, got: shape, planned: planned.size)
        }
        let (directory, name) = Self.split(path)
        try createDirectory(directory)
        let stagingPath = (directory == "." ? "" : directory + "/") + ".singan-partial-\(token)-\(name)"
        do {
            try write(stagingPath)
        } catch ImagingError.saveFailed(_, let reason) {
            // Name the file the user asked for, not the hidden staging file.
            throw ImagingError.saveFailed(path: path, reason: reason.replacingOccurrences(of: stagingPath, with: path))
        }
        staged[path] = stagingPath
        progress?(staged.count, plan.images.count)
    }

    /// Moves every staged image into place. Throws if a planned image was not saved.
    public func commit() throws(OutputError) {
        let missing = plan.images.map(\.path).filter { staged[$0] == nil }
        guard missing.isEmpty else { throw .notWritten(missing) }
        do { try refuseExistingFiles() } catch { rollBack(); throw error }
        for image in plan.images {
            guard let source = staged[image.path] else { continue }
            guard rename(source, image.path) == 0 else {
                let reason = String(cString: strerror(errno))
                rollBack()
                throw .commitFailed(path: image.path, reason: reason)
            }
            staged[image.path] = nil
        }
        committed = true
    }

    // MARK: - Implementation

    private func rollBack() {
        for path in staged.values { unlink(path) }
        staged = [:]
        for directory in createdDirectories.reversed() { rmdir(directory) }
        createdDirectories = []
    }

    /// `mkdir -p`, remembering what it created.
    private func createDirectory(_ directory: String) throws(OutputError) {
        createdDirectories += try OutputFolder.createDirectory(directory)
    }

    /// The nearest existing ancestor of `path` if it is not a directory.
    private static func existingNonDirectoryAncestor(of path: String) -> String? {
        var current = split(path).directory
        while !current.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: current, isDirectory: &isDirectory) {
                return isDirectory.boolValue ? nil : current
            }
            if current == "/" || current == "." { return nil }
            current = split(current).directory
        }
        return nil
    }

    private static func split(_ path: String) -> (directory: String, name: String) { OutputFolder.split(path) }
}
