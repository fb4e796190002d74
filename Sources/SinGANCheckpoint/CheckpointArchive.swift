import SinGANTensor

/// Everything one `.sgn` file holds, in memory: the creator, an opaque JSON header and an
/// ordered list of uniquely named chunks (float32 tensors or raw bytes).
///
/// The container gives no meaning to names or header members; the model layer does (see the naming
/// conventions in Docs/checkpoint-format.md). Chunks keep their insertion order, which is also
/// their order in the file. Equality compares tensors bit for bit (NaN payloads, the sign of zero).
public struct CheckpointArchive: Sendable, Equatable {
    /// What a chunk holds.
    public enum Payload: Sendable, Equatable {
        /// A float32 tensor of rank at most 8.
        case tensor(Tensor)
        /// Opaque bytes; multi-byte values inside should be little-endian.
        case bytes([UInt8])

        /// Bitwise equality: same kind, same shape, same element bits.
        public static func == (lhs: Payload, rhs: Payload) -> Bool {
            switch (lhs, rhs) {
            case let (.bytes(a), .bytes(b)):
                return a == b
            case let (.tensor(a), .tensor(b)):
                return a.shape == b.shape && a.scalars.elementsEqual(b.scalars) {
                    $0.bitPattern == $1.bitPattern
                }
            default:
                return false
            }
        }
    }

    /// A named payload.
    public struct Chunk: Sendable, Equatable {
        /// Unique name, 1–255 UTF-8 bytes without control characters, e.g.
        /// `scale/03/generator/head.conv.weight`.
        public let name: String
        /// The content.
        public var payload: Payload
        /// Whether a reader that does not understand this chunk must refuse the file. Chunks
        /// needed to generate should be required; resume-only chunks need not be.
        public var isRequired: Bool
    }

    /// The program that wrote the archive, e.g. `"singan-edit 0.3.0"`.
    public var creator: String
    /// The format version the archive is written as (`CheckpointFormatVersion.current` unless the
    /// content needs a later one).
    public var formatVersion: CheckpointFormatVersion = .current
    /// Opaque JSON members for the model layer (training config, profile, geometry, counters).
    public var header: [String: JSONValue]
    /// The chunks, in file order.
    public private(set) var chunks: [Chunk] = []
    /// Chunks of unknown kind that were not required and so were skipped when reading.
    /// They are not written back.
    public internal(set) var skippedChunks: [CheckpointChunkInfo] = []
    private var positions: [String: Int] = [:]

    /// An archive with no chunks yet.
    public init(creator: String = "singan-edit", header: [String: JSONValue] = [:]) {
        self.creator = creator
        self.header = header
    }

    /// Names of all chunks, in order.
    public var chunkNames: [String] { chunks.map(\.name) }

    /// The tensor chunks, in order.
    public var tensors: [(name: String, tensor: Tensor)] {
        chunks.compactMap { chunk in
            if case .tensor(let tensor) = chunk.payload { return (chunk.name, tensor) }
            return nil
        }
    }

    /// The raw-byte chunks, in order.
    public var blobs: [(name: String, bytes: [UInt8])] {
        chunks.compactMap { chunk in
            if case .bytes(let bytes) = chunk.payload { return (chunk.name, bytes) }
            return nil
        }
    }

    /// The chunk called `name`, if any.
    public func chunk(named name: String) -> Chunk? {
        positions[name].map { chunks[$0] }
    }

    /// Stores `payload` under `name`: replaces an existing chunk in place (keeping its position),
    /// or appends a new one. Names are validated when the archive is written.
    public mutating func set(_ payload: Payload, named name: String, required: Bool = true) {
        if let index = positions[name] {
            chunks[index].payload = payload
            chunks[index].isRequired = required
        } else {
            positions[name] = chunks.count
            chunks.append(Chunk(name: name, payload: payload, isRequired: required))
        }
    }

    /// Removes and returns the chunk called `name`, if any; later chunks keep their order.
    @discardableResult
    public mutating func removeChunk(named name: String) -> Chunk? {
        guard let index = positions.removeValue(forKey: name) else { return nil }
        let removed = chunks.remove(at: index)
        for later in index..<chunks.count { positions[chunks[later].name] = later }
        return removed
    }

    /// The tensor called `name` (nil if absent or not a tensor). Setting replaces or appends a
    /// required chunk, keeping the required flag of an existing one; setting nil removes the chunk.
    public subscript(tensor name: String) -> Tensor? {
        get {
            if case .tensor(let tensor)? = chunk(named: name)?.payload { return tensor }
            return nil
        }
        set {
            guard let newValue else { removeChunk(named: name); return }
            set(.tensor(newValue), named: name, required: chunk(named: name)?.isRequired ?? true)
        }
    }

    /// The raw bytes called `name` (nil if absent or not bytes). Setting behaves as for tensors.
    public subscript(bytes name: String) -> [UInt8]? {
        get {
            if case .bytes(let bytes)? = chunk(named: name)?.payload { return bytes }
            return nil
        }
        set {
            guard let newValue else { removeChunk(named: name); return }
            set(.bytes(newValue), named: name, required: chunk(named: name)?.isRequired ?? true)
        }
    }

    /// Applies the minor-version rule to chunk names: throws
    /// `CheckpointError.unsupportedRequiredChunk` for the first required chunk whose name
    /// `understood` rejects. Non-required unknown chunks are left for the caller to ignore.
    public func checkRequiredChunks(understood: (String) -> Bool) throws {
        for chunk in chunks where chunk.isRequired && !understood(chunk.name) {
            throw CheckpointError.unsupportedRequiredChunk(name: chunk.name)
        }
    }
}
