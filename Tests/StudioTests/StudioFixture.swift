import Foundation
import PluginTestKit
import SinGANImaging
import SinGANModel
import SinGANTensor

/// Pictures and folders for the studio tests.
enum StudioFixture {
    /// A fresh models folder, with the tiny models of `profiles` copied in as `NAME.sgn`.
    static func modelsFolder(with models: [String: TrainingProfile] = [:]) throws -> URL {
        let folder = URL(fileURLWithPath: TinyModel.temporaryDirectory("studio"), isDirectory: true)
        for (name, profile) in models {
            try FileManager.default.copyItem(atPath: try TinyModel.path(for: profile), toPath: folder.appendingPathComponent(name + ".sgn").path)
        }
        return folder
    }

    /// `image` ([0, 1], [1, C, H, W]) as PNG bytes.
    static func png(_ image: Tensor) throws -> Data {
        let path = NSTemporaryDirectory() + "studio-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ImageFile.save(image, to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    static var picture: Data { get throws { try png(TinyModel.picture()) } }
    static var mask: Data { get throws { try png(TinyModel.mask()) } }

    /// The picture with its middle rectangle painted in one flat colour (a clipart).
    static var clipart: Data {
        get throws {
            let picture = TinyModel.picture(), mask = TinyModel.mask()
            return try png(Tensor(shape: picture.shape, scalars: zip(picture.scalars, mask.scalars).map { $1 > 0.5 ? 0.9 : $0 }))
        }
    }

    /// The files under `folder` (relative paths), for "nothing was written" checks.
    static func files(in folder: URL) -> Set<String> {
        let base = folder.standardizedFileURL.path + "/"
        var names = Set<String>()
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                names.insert(String(url.standardizedFileURL.path.dropFirst(base.count)))
            }
        }
        return names
    }

    /// Parses a Server-Sent Events body into its events' JSON objects, in order.
    static func events(_ text: String) throws -> [[String: Any]] {
        try text.components(separatedBy: "\n\n").compactMap { block in
            guard let data = block.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }) else { return nil }
            return try JSONSerialization.jsonObject(with: Data(data.dropFirst(6).utf8)) as? [String: Any]
        }
    }
}

/// The imaging module's reading of a file, as the studio does it.
enum SinGANImagingProbe {
    static func dimensions(_ path: String) throws -> (width: Int, height: Int) { try ImageFile.dimensions(of: path) }
}
