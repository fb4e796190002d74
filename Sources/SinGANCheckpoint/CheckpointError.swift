/// Every way reading or writing a checkpoint can fail.
///
/// Each case prints as one line that says what happened and what to do. Errors about a file's
/// contents raised by `CheckpointReader.read(path:)` are wrapped in ``inFile(path:_:)`` so the
/// message names the file; compare with ``underlying`` to ignore the path.
public enum CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The first four bytes are not `"SGN\0"`.
    case notACheckpoint
    /// The magic is right but bytes 4–7 are not `\r\n\x1a\n`: a text-mode transfer changed it.
    case damagedInTransfer
    /// The file is shorter than its own length field (or than the fixed preamble).
    case truncated(expected: UInt64, actual: UInt64)
    /// The file's major version is newer than the one this module reads.
    case newerMajorVersion(found: CheckpointFormatVersion, supportedMajor: UInt16)
    /// A CRC32 does not match: `chunk` is `"preamble"`, `"directory"` or a chunk name.
    case checksumMismatch(chunk: String)
    /// A count, length, offset or extent is impossible for this file (`value` > `limit`).
    case absurdSize(what: String, value: UInt64, limit: UInt64)
    /// The bytes break a rule of the format (checksums matched, so it was written wrongly).
    case corrupt(reason: String)
    /// A chunk flagged required has a kind or name this version does not understand.
    case unsupportedRequiredChunk(name: String)
    /// The archive cannot be written (bad chunk name, rank above 8, non-finite JSON number…).
    case invalidArchive(reason: String)
    /// The disk (or quota) is full; the previous file at `path` is unchanged.
    case noSpace(path: String)
    /// An operating-system call failed; `reason` names the operation and the system's message.
    case io(path: String, reason: String)
    /// A content error found while reading the file at `path`.
    indirect case inFile(path: String, CheckpointError)

    /// The error without any ``inFile(path:_:)`` wrapping.
    public var underlying: CheckpointError {
        if case .inFile(_, let inner) = self { return inner.underlying }
        return self
    }

    /// One line: what went wrong and what to do about it.
    public var description: String { Self.oneLine(message(subject: "the checkpoint")) }

    private func message(subject: String) -> String {
        let damaged = "the file is damaged; restore it from a backup or re-train"
        switch self {
        case .notACheckpoint:
            return "\(subject) is not a singan-edit checkpoint (.sgn): wrong magic bytes — "
                + "pass a file written by `singan-edit train`"
        case .damagedInTransfer:
            return "\(subject) was altered by a text-mode transfer (line endings converted) — "
                + "copy it again in binary mode"
        case let .truncated(expected, actual):
            return "\(subject) is truncated (\(actual) of \(expected) bytes) — the save or copy "
                + "was interrupted; copy it again or re-train"
        case let .newerMajorVersion(found, supported):
            return "\(subject) was written by a newer singan-edit (format \(found)); this version "
                + "reads formats up to \(supported).x — upgrade singan-edit"
        case let .checksumMismatch(chunk):
            return "\(subject) is corrupt: checksum mismatch in '\(chunk)' — \(damaged)"
        case let .absurdSize(what, value, limit):
            return "\(subject) is corrupt: \(what) is \(value), more than the possible \(limit) — "
                + damaged
        case let .corrupt(reason):
            return "\(subject) is corrupt: \(reason) — \(damaged)"
        case let .unsupportedRequiredChunk(name):
            return "\(subject) needs chunk '\(name)', which this version of singan-edit does not "
                + "understand — upgrade singan-edit"
        case let .invalidArchive(reason):
            return "cannot save the checkpoint: \(reason)"
        case let .noSpace(path):
            return "not enough disk space to write \(path) (the previous file is unchanged) — "
                + "free some space or choose another directory"
        case let .io(path, reason):
            return "\(path): \(reason) — check the path and its permissions"
        case let .inFile(path, inner):
            return inner.message(subject: path)
        }
    }

    /// Replaces control characters (from paths or names) so a message never spans lines.
    private static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F ? "?" : $0
        }))
    }
}
