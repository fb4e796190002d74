import Foundation
import PluginTestKit
import SinGANImaging
import SinGANTensor

/// A scratch directory for the plugins that take an input picture (paint2img, edit, harmonize):
/// the kit's tiny model (42×34, 4 scales) or a private copy of it, pictures written and read back.
struct InjectionWorkspace {
    let dir = CommandRunner.temporaryDirectory()
    /// The model path the commands get.
    let model: String

    /// With `privateModel`, the model is copied into the directory, so caches written beside it
    /// are this workspace's alone.
    init(privateModel: Bool = false) throws {
        let shared = try TinyModel.path()
        guard privateModel else { model = shared; return }
        model = dir.appendingPathComponent("tiny.sgn").path
        try FileManager.default.copyItem(atPath: shared, toPath: model)
    }

    /// Runs `singan-edit COMMAND --model MODEL ARGUMENTS…` in the directory.
    func run(_ command: String, _ arguments: [String]) throws -> CommandRunner.Output {
        try CommandRunner.run([command, "--model", model] + arguments, in: dir)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Saves `image` (`[1, 3, H, W]` in [0, 1]) as `name`.
    func write(_ image: Tensor, _ name: String) throws { try ImageFile.save(image, to: path(name)) }

    /// The picture `name` in [0, 1].
    func load(_ name: String) throws -> Tensor { try ImageFile.load(path(name)).image }

    /// The bytes of `name`, nil when it does not exist.
    func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: path(name)) }

    /// Every file in the directory except the model, sorted.
    func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { path($0) != model }.sorted()
    }

    /// A picture of `width`×`height` in [0, 1]: blocks of `colours`, 8 pixels wide, cycling.
    static func blocks(width: Int, height: Int, colours: [SIMD3<Float>]) -> Tensor {
        Tensor(shape: [1, 3, height, width], scalars: (0..<3 * height * width).map { index in
            let channel = index / (height * width), y = index / width % height, x = index % width
            return colours[(x / 8 + y / 8) % colours.count][channel]
        })
    }

    /// A mask of the tiny model's size: white over `rows`×`columns`, black elsewhere.
    static func mask(rows: Range<Int>, columns: Range<Int>) -> Tensor {
        let (h, w) = (TinyModel.size.height, TinyModel.size.width)
        return Tensor(shape: [1, 3, h, w], scalars: (0..<3 * h * w).map { index in
            rows.contains(index / w % h) && columns.contains(index % w) ? 1 : 0
        })
    }

    /// `image` (`[1, 3, H, W]`) at twice its size, every pixel repeated 2×2.
    static func doubled(_ image: Tensor) -> Tensor {
        let (h, w) = (image.shape[2], image.shape[3]), p = image.scalars
        return Tensor(shape: [1, 3, 2 * h, 2 * w], scalars: (0..<12 * h * w).map { index in
            let channel = index / (4 * h * w), y = index / (2 * w) % (2 * h), x = index % (2 * w)
            return p[(channel * h + y / 2) * w + x / 2]
        })
    }
}
