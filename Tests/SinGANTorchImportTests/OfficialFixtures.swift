import Foundation
import SinGANTensor

/// The files in Tests/OfficialFixtures (made by make_official_fixtures.py with the official code).
enum OfficialFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("OfficialFixtures").path

    /// The default model (main_train.py, 5 scales) in PyTorch's zip or legacy format.
    static func tinyModel(_ format: String) -> String { root + "/models/\(format)/tiny/scale_factor=0.750000,alpha=10" }
    static let srModel = root + "/models/zip/small/scale_factor=0.793701,alpha=100"
    static let animationModel = root + "/models/zip/anim/scale_factor=0.750000_noise_padding"

    /// One application's recorded tensors (`<name>.json` + `<name>.f32`) and notes.
    struct Recording {
        let tensors: [String: Tensor]
        let notes: [String: Any]

        /// The recording `name` in `root` (the SinGAN fixtures unless another folder is named).
        init(_ name: String, root: String = OfficialFixtures.root) throws {
            let manifest = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: root + "/\(name).json"))) as! [String: Any]
            let data = try Data(contentsOf: URL(fileURLWithPath: root + "/\(name).f32"))
            let floats = data.withUnsafeBytes { raw in
                (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
            }
            var tensors: [String: Tensor] = [:]
            for entry in manifest["tensors"] as! [[String: Any]] {
                let shape = entry["shape"] as! [Int], offset = entry["offset"] as! Int
                tensors[entry["name"] as! String] = Tensor(shape: shape, scalars: Array(floats[offset..<(offset + shape.reduce(1, *))]))
            }
            self.tensors = tensors
            notes = manifest["notes"] as? [String: Any] ?? [:]
        }

        subscript(_ name: String) -> Tensor { tensors[name]! }

        /// The maps named `prefix0`, `prefix1`, … in order.
        func sequence(_ prefix: String) -> [Tensor] {
            var result: [Tensor] = []
            while let t = tensors[prefix + "\(result.count)"] { result.append(t) }
            return result
        }
    }
}
