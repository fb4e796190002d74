import Foundation
import Testing
@testable import SinGANCheckpoint
import SinGANTensor

/// Reads a model's tensor chunks for comparisons that ignore the header (timings differ), and
/// patches model files at the byte level (Docs/checkpoint-format.md).
enum CheckpointBytes {
    static func tensorChunks(_ path: String) throws -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: try CheckpointReader.read(path: path).tensors.map { ($0.name, $0.tensor) })
    }

    /// The model's archive without its `timings` chunk (the one part that two trainings of the
    /// same model may differ in).
    static func archiveWithoutTimings(_ path: String) throws -> CheckpointArchive {
        var archive = try CheckpointReader.read(path: path)
        #expect(archive.removeChunk(named: "timings") != nil)
        return archive
    }

    /// How many bytes two same-length model files differ in outside the `timings` payload and the
    /// checksums that cover it (its CRC, the directory's and the preamble's); -1 for other lengths.
    static func differingBytesOutsideTimings(_ first: String, _ second: String) throws -> Int {
        let a = [UInt8](try Data(contentsOf: URL(fileURLWithPath: first)))
        let b = [UInt8](try Data(contentsOf: URL(fileURLWithPath: second)))
        guard a.count == b.count else { return -1 }
        func integer(_ offset: Int, _ size: Int) -> Int { (0..<size).reversed().reduce(0) { $0 << 8 | Int(a[offset + $1]) } }
        // Walk the directory (Docs/checkpoint-format.md, section 3) to the `timings` entry.
        let preambleLength = integer(16, 4)
        var position = preambleLength
        var ignored = Set(36..<40).union(preambleLength - 4..<preambleLength)  // directory and preamble CRCs
        for _ in 0..<integer(20, 4) {
            let nameLength = Int(a[position])
            let name = String(decoding: a[position + 1..<position + 1 + nameLength], as: UTF8.self)
            let fields = position + 1 + nameLength
            if name == "timings" {
                let (offset, length) = (integer(fields + 2, 8), integer(fields + 10, 8))
                ignored.formUnion(offset..<offset + length)
                ignored.formUnion(fields + 18..<fields + 22)
            }
            position = fields + 22
        }
        return a.indices.filter { a[$0] != b[$0] && !ignored.contains($0) }.count
    }

    /// Copies the model at `source` to `path` with the header value `model.<path…>` set to
    /// `value`, written by the real writer (checksums recomputed): a well-formed container with a
    /// chosen header.
    static func copy(_ source: String, to destination: String, setting keys: [String], to value: JSONValue) throws {
        var archive = try CheckpointReader.read(path: source)
        archive.header["model"] = replacing(archive.header["model"]!, at: keys[...], with: value)
        try CheckpointWriter.write(archive, to: destination)
    }

    private static func replacing(_ json: JSONValue, at keys: ArraySlice<String>, with value: JSONValue) -> JSONValue {
        guard let key = keys.first, var object = json.objectValue else { return value }
        object[key] = replacing(object[key] ?? .null, at: keys.dropFirst(), with: value)
        return .object(object)
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
