import Foundation
import SinGANImaging
import SinGANRuntime

/// The input files examples refer to: `{image}` (the tiny model's training picture) and
/// `{mask}`, written once into a temporary directory.
struct KitInputs {
    let image: String
    let mask: String

    init() throws {
        let directory = TinyModel.temporaryDirectory("inputs")
        image = directory + "/input.png"
        mask = directory + "/mask.png"
        try ImageFile.save(TinyModel.picture(), to: image)
        try ImageFile.save(TinyModel.mask(), to: mask)
    }

    /// The example's arguments with `{out}`, `{image}` and `{mask}` filled in.
    func arguments(_ example: PluginExample, out: String) -> [String] {
        example.arguments(out: out, image: image, mask: mask)
    }

    /// Every file (not directory) below `directory`, relative to it, hidden ones included.
    static func files(in directory: String) -> [String] {
        let manager = FileManager.default
        return (manager.subpaths(atPath: directory) ?? []).filter {
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: directory + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }
}
