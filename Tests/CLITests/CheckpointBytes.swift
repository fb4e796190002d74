import SinGANCheckpoint
import SinGANTensor

/// Reads a model's tensor chunks for comparisons that ignore the header (timings differ).
enum CheckpointBytes {
    static func tensorChunks(_ path: String) throws -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: try CheckpointReader.read(path: path).tensors.map { ($0.name, $0.tensor) })
    }
}
