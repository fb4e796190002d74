import Foundation
@testable import SinGANCheckpoint
import SinGANTensor

/// Reads a model's tensor chunks for comparisons that ignore the header (timings differ), and
/// patches model files at the byte level (Docs/checkpoint-format.md).
enum CheckpointBytes {
    static func tensorChunks(_ path: String) throws -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: try CheckpointReader.read(path: path).tensors.map { ($0.name, $0.tensor) })
    }

    /// Copies the model at `source` to `path` with the preamble's major version set to `major`
    /// (u16 at offset 8) and the preamble CRC32 (its last 4 bytes) recomputed: a well-formed file
    /// of that format version.
    static func copy(_ source: String, to path: String, majorVersion major: UInt16) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
        bytes[8] = UInt8(major & 0xff)
        bytes[9] = UInt8(major >> 8)
        let preambleLength = (16..<20).reversed().reduce(0) { $0 << 8 | Int(bytes[$1]) }
        let crc = CRC32.checksum(Array(bytes[0..<preambleLength - 4]))
        for i in 0..<4 { bytes[preambleLength - 4 + i] = UInt8(crc >> (8 * i) & 0xff) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
