#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads `.sgn` checkpoints, validating everything before allocating and never trusting the file.
///
/// Every failure is a ``CheckpointError``; no input makes the reader trap, hang (FIFOs and devices
/// are refused) or allocate more than about the file's size. Errors about a file's contents are
/// wrapped in ``CheckpointError/inFile(path:_:)`` so their messages name the file.
public enum CheckpointReader {
    /// The newest major format version this module reads (every minor version of it and of every
    /// earlier major version).
    public static let supportedMajorVersion = CheckpointFormatVersion.newestReadable.major

    /// Reads and fully verifies the checkpoint at `path`. The preamble is checked before the
    /// file is loaded, so a large file that is not a checkpoint is refused without reading it.
    public static func read(path: String) throws -> CheckpointArchive {
        let (descriptor, size) = try POSIX.openRegularFile(path)
        defer { close(descriptor) }
        let file = FileSource(descriptor: descriptor, size: size, path: path)
        _ = try naming(path) { try ContainerDecoder.preamble(of: file) }
        let bytes = try POSIX.readAll(descriptor, size: size, path: path)
        return try naming(path) { try decodeArchive(MemorySource(bytes: bytes)) }
    }

    /// Reads and fully verifies a checkpoint held in memory.
    public static func read(bytes: [UInt8]) throws -> CheckpointArchive {
        try decodeArchive(MemorySource(bytes: bytes))
    }

    /// Reads only the preamble, the directory and the header chunk of the file at `path` (for
    /// `info`); other payloads are neither read nor checksummed.
    public static func readHeader(path: String) throws -> CheckpointSummary {
        let (descriptor, size) = try POSIX.openRegularFile(path)
        defer { close(descriptor) }
        return try naming(path) {
            try decodeSummary(FileSource(descriptor: descriptor, size: size, path: path))
        }
    }

    /// Like ``readHeader(path:)`` for a checkpoint held in memory.
    public static func readHeader(bytes: [UInt8]) throws -> CheckpointSummary {
        try decodeSummary(MemorySource(bytes: bytes))
    }

    private static func naming<R>(_ path: String, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as CheckpointError {
            switch error {
            case .io, .noSpace, .inFile: throw error
            default: throw CheckpointError.inFile(path: path, error)
            }
        }
    }

    private static func decodeSummary(_ source: some ByteSource) throws -> CheckpointSummary {
        let preamble = try ContainerDecoder.preamble(of: source)
        let entries = try ContainerDecoder.directory(of: source, preamble)
        let (creator, header) = try ContainerDecoder.header(of: source, preamble, entries)
        return CheckpointSummary(version: preamble.version, creator: creator, header: header,
                                 fileSize: preamble.fileLength, chunks: entries.map(\.info))
    }

    private static func decodeArchive(_ source: some ByteSource) throws -> CheckpointArchive {
        let preamble = try ContainerDecoder.preamble(of: source)
        let entries = try ContainerDecoder.directory(of: source, preamble)
        try ContainerDecoder.checkPadding(of: source, preamble, entries)
        let (creator, header) = try ContainerDecoder.header(of: source, preamble, entries)
        var archive = CheckpointArchive(creator: creator, header: header)
        archive.formatVersion = preamble.version
        for entry in entries.dropFirst() {
            let payload: CheckpointArchive.Payload? = try ContainerDecoder.withVerifiedPayload(
                of: source, entry
            ) { bytes in
                switch entry.kind {
                case .float32Tensor: return .tensor(try TensorPayload.decode(bytes, name: entry.name))
                case .bytes: return .bytes(Array(bytes))
                case .header: throw CheckpointError.corrupt(reason: "a second header chunk '\(entry.name)'")
                default:
                    guard !entry.isRequired else {
                        throw CheckpointError.unsupportedRequiredChunk(name: entry.name)
                    }
                    return nil
                }
            }
            if let payload {
                archive.set(payload, named: entry.name, required: entry.isRequired)
            } else {
                archive.skippedChunks.append(entry.info)
            }
        }
        return archive
    }
}
