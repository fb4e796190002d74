import Foundation
import SinGANModel

/// `train --force` onto an existing model never loses it: before anything is written, the old
/// file is renamed to `NAME.previous.sgn` (an atomic rename, no extra disk space), and it is
/// removed only once the new training is complete. An interrupted, failed or out-of-space run
/// therefore leaves both the new run's progress (resumable) and the old model.
///
/// When a `NAME.previous.sgn` is already there (from an earlier forced run that did not finish),
/// the more complete of the two models is kept in it.
struct ReplacedModel {
    /// Where the old model is kept.
    let backupPath: String

    /// `m.sgn` → `m.previous.sgn`.
    static func backupPath(for output: String) -> String {
        String(output.dropLast(".sgn".count)) + ".previous.sgn"
    }

    /// Sets the model at `output` aside (see the type's description); nil when there is none.
    static func setAside(_ output: String) throws -> ReplacedModel? {
        guard FileManager.default.fileExists(atPath: output) else { return nil }
        let backup = backupPath(for: output)
        if FileManager.default.fileExists(atPath: backup), completeness(of: backup) > completeness(of: output) {
            try remove(output)
        } else if rename(output, backup) != 0 {
            throw CommandFailure("cannot keep the old model as \(backup): \(String(cString: strerror(errno)))")
        }
        return ReplacedModel(backupPath: backup)
    }

    /// Puts the old model back when the new run wrote nothing at `output`.
    func restore(to output: String) {
        if !FileManager.default.fileExists(atPath: output) { rename(backupPath, output) }
    }

    /// Removes the old model (the new one is complete).
    func discard() {
        unlink(backupPath)
    }

    /// Finished scales of the model at `path` (the whole pyramid's count + 1 when complete, so a
    /// complete model outranks any unfinished one); −1 when it is not a readable model.
    private static func completeness(of path: String) -> Int {
        guard let model = try? ModelArchive.read(from: path) else { return -1 }
        return model.isComplete ? model.stageSizes.count + 1 : model.trainedStageCount
    }

    private static func remove(_ path: String) throws {
        guard unlink(path) == 0 else {
            throw CommandFailure("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }
}
