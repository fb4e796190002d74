import SinGANCheckpoint
import SinGANNN
import SinGANTensor

/// Takes a model's chunks out of an archive by name, each checked for its exact shape and finite
/// values, and remembers which were taken: a *required* chunk that nothing took is one this
/// version does not understand, and the file is refused (Docs/checkpoint-format.md, section 5).
final class ChunkLedger {
    let archive: CheckpointArchive
    private var taken: Set<String> = ["header"]

    init(_ archive: CheckpointArchive) { self.archive = archive }

    /// Whether the archive has a chunk called `name` (does not count as taking it).
    func contains(_ name: String) -> Bool { archive.chunk(named: name) != nil }

    /// The tensor `name`, which must have exactly `shape` and finite values.
    func tensor(_ name: String, shape: [Int]) throws(ModelFileError) -> Tensor {
        guard case .tensor(let value)? = archive.chunk(named: name)?.payload else { throw .missing(name) }
        guard value.shape == shape else { throw .invalid("\(name) has shape \(value.shape), expected \(shape)") }
        guard value.scalars.allSatisfy(\.isFinite) else { throw .invalid("\(name) holds non-finite values") }
        taken.insert(name)
        return value
    }

    /// The raw bytes `name`, if present.
    func bytes(_ name: String) -> [UInt8]? {
        guard case .bytes(let value)? = archive.chunk(named: name)?.payload else { return nil }
        taken.insert(name)
        return value
    }

    /// Fills every parameter and buffer of `layer` from the chunks `prefix + name`.
    func take(_ layer: some Layer, prefix: String) throws(ModelFileError) {
        for parameter in layer.parameters {
            parameter.value = try tensor(prefix + parameter.name, shape: parameter.value.shape)
        }
        var buffers = layer.buffers
        for (name, value) in buffers { buffers[name] = try tensor(prefix + name, shape: value.shape) }
        layer.buffers = buffers
    }

    /// Throws when a required chunk was not taken.
    func checkEveryRequiredChunkTaken() throws(ModelFileError) {
        if let unknown = archive.chunks.first(where: { $0.isRequired && !taken.contains($0.name) }) {
            throw .unknownRequiredChunk(unknown.name)
        }
    }
}
