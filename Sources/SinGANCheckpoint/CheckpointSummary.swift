/// One entry of the chunk directory, as listed by `CheckpointReader.readHeader`.
public struct CheckpointChunkInfo: Sendable, Equatable {
    /// The chunk's name.
    public var name: String
    /// Its kind byte (possibly one this version does not know).
    public var kind: CheckpointChunkKind
    /// Payload size in bytes (for a tensor: 8 + 8·rank + 4·elements).
    public var byteCount: UInt64
    /// Whether readers that do not understand it must refuse the file.
    public var isRequired: Bool

    /// A directory entry description.
    public init(name: String, kind: CheckpointChunkKind, byteCount: UInt64, isRequired: Bool) {
        self.name = name
        self.kind = kind
        self.byteCount = byteCount
        self.isRequired = isRequired
    }
}

/// What `CheckpointReader.readHeader` returns: the preamble's facts, the decoded header and the
/// chunk directory, without reading (or checksumming) any payload but the header.
public struct CheckpointSummary: Sendable, Equatable {
    /// The file's format version.
    public var version: CheckpointFormatVersion
    /// The program that wrote it.
    public var creator: String
    /// The opaque header members.
    public var header: [String: JSONValue]
    /// Total size in bytes.
    public var fileSize: UInt64
    /// The directory, in file order; entry 0 is the header chunk.
    public var chunks: [CheckpointChunkInfo]
}
