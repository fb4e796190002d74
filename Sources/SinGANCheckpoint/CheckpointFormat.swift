/// A `.sgn` format version: `major.minor`.
///
/// A reader accepts every minor version of its own major version (skipping chunk kinds it does not
/// know unless they are flagged required) and refuses any newer major version.
public struct CheckpointFormatVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Incompatible layout changes bump this.
    public var major: UInt16
    /// Backward-compatible additions (new optional chunk kinds, longer preamble) bump this.
    public var minor: UInt16

    /// A version `major.minor`.
    public init(major: UInt16, minor: UInt16) {
        self.major = major
        self.minor = minor
    }

    /// The version this module writes unless an archive asks for a later one (`formatVersion`):
    /// SinGAN models stay readable by every earlier singan-edit.
    public static let current = CheckpointFormatVersion(major: 1, minor: 0)
    /// The newest version this module reads (with every earlier major version): 2.0 added the
    /// header member `family`, required in 2.x, so that a reader of 1.x refuses models of families
    /// it does not know by their version instead of misreading them.
    public static let newestReadable = CheckpointFormatVersion(major: 2, minor: 0)

    /// `"1.0"`.
    public var description: String { "\(major).\(minor)" }

    /// Orders by major, then minor.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}

/// The kind byte of a chunk directory entry. Values other than the three below are reserved for
/// later minor versions; a reader skips such chunks unless they are flagged required.
public struct CheckpointChunkKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The byte stored in the directory.
    public var rawValue: UInt8

    /// Wraps a directory kind byte.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The JSON header (chunk 0, named `header`).
    public static let header = CheckpointChunkKind(rawValue: 1)
    /// A float32 tensor: rank, extents, little-endian elements.
    public static let float32Tensor = CheckpointChunkKind(rawValue: 2)
    /// Opaque bytes owned by the model layer.
    public static let bytes = CheckpointChunkKind(rawValue: 3)

    /// Whether this module can decode the kind.
    public var isKnown: Bool { rawValue >= 1 && rawValue <= 3 }

    /// `"header"`, `"float32 tensor"`, `"bytes"` or `"unknown kind 7"`.
    public var description: String {
        switch rawValue {
        case 1: return "header"
        case 2: return "float32 tensor"
        case 3: return "bytes"
        default: return "unknown kind \(rawValue)"
        }
    }
}

/// Fixed numbers of the container layout (Docs/checkpoint-format.md, sections 2–4).
public enum CheckpointFormat {
    /// Bytes 0–3: `"SGN\0"`.
    public static let magic: [UInt8] = [0x53, 0x47, 0x4E, 0x00]
    /// Bytes 4–7: `\r\n\x1a\n`, damaged by text-mode transfers.
    public static let transferGuard: [UInt8] = [0x0D, 0x0A, 0x1A, 0x0A]
    /// The value of the byte-order mark field, stored little-endian as `04 03 02 01`.
    public static let byteOrderMark: UInt32 = 0x0102_0304
    /// Preamble length written by format 1.0.
    public static let preambleLength = 48
    /// Smallest and largest preamble length any version may use (frozen).
    public static let preambleLengthRange = 24...4096
    /// Payload offsets are multiples of this.
    public static let payloadAlignment = 64
    /// Most chunks a file may have.
    public static let maxChunkCount = 1 << 20
    /// Longest chunk name, in UTF-8 bytes.
    public static let maxNameLength = 255
    /// Highest tensor rank.
    public static let maxTensorRank = 8
    /// Largest header chunk, in bytes (parsed JSON takes several times its text size in memory).
    public static let maxHeaderLength = 1 << 20
    /// Deepest JSON nesting in the header.
    public static let maxJSONDepth = 64
    /// Name of chunk 0.
    public static let headerChunkName = "header"
    /// Size of a directory entry without its name.
    static let entryFixedSize = 23
    /// Bit 0 of the flags byte: the chunk must be understood to use the file.
    static let requiredFlag: UInt8 = 1

    /// Whether `name` may name a chunk: 1–255 UTF-8 bytes, none below 0x20 nor 0x7F.
    public static func isValidChunkName(_ name: String) -> Bool {
        isValidChunkName(utf8: Array(name.utf8))
    }

    static func isValidChunkName(utf8 bytes: [UInt8]) -> Bool {
        !bytes.isEmpty && bytes.count <= maxNameLength && !bytes.contains { $0 < 0x20 || $0 == 0x7F }
    }
}
