import Foundation
import SinGANModel
import SinGANTensor

/// A model trained by the official SinGAN code, read from its folder (`Gs.pth`, `Zs.pth`,
/// `NoiseAmp.pth`, `reals.pth`: what the official `load_trained_pyramid` reads) and turned into a
/// `TrainedPyramid` that every command accepts.
public struct ImportedModel {
    public let pyramid: TrainedPyramid
    public let variant: OfficialVariant
    /// The format of `Gs.pth`.
    public let format: TorchFile.Format
    /// One-line notes for the user (an unrecognised folder name, an incomplete training).
    public let notices: [String]
    /// Header annotations recording where the model came from (see Docs/checkpoint-format.md).
    public let annotations: [String: String]

    /// The annotation keys.
    public static let sourceKey = "imported.from"
    public static let formatKey = "imported.format"
    public static let recipeKey = "imported.recipe"
}

public enum OfficialModelFolder {
    /// The four files the official `load_trained_pyramid` reads.
    public static let requiredFiles = ["Gs.pth", "Zs.pth", "NoiseAmp.pth", "reals.pth"]
    /// More scales than any SinGAN pyramid has (the official ones have 5–15).
    public static let maximumScales = 64

    /// Reads the official model folder `path`.
    public static func read(_ path: String) throws(TorchImportError) -> ImportedModel {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .folder("\(path) is not a folder; give the official model folder (TrainedModels/<image>/scale_factor=…)")
        }
        for name in requiredFiles where !FileManager.default.fileExists(atPath: path + "/" + name) {
            throw .folder("\(path) has no \(name); an official model folder holds \(requiredFiles.joined(separator: ", "))")
        }
        let variant = OfficialVariant(folder: path)
        func list(_ name: String) throws(TorchImportError) -> (TorchFile.Format, [PickleValue]) {
            let file = try TorchFile(contentsOf: path + "/" + name)
            guard case .list(let items) = file.root else {
                throw .inFile(path: path + "/" + name, .unexpectedContent("it holds a \(file.root.kind), not a list"))
            }
            return (file.format, items.items)
        }
        let (format, gs) = try list("Gs.pth")
        let zs = try list("Zs.pth").1, amplitudes = try list("NoiseAmp.pth").1, realValues = try list("reals.pth").1

        // Each tensor may view a whole storage, so a hostile list could repeat one storage many times.
        guard realValues.count <= maximumScales else {
            throw .unexpectedContent("reals.pth lists \(realValues.count) scales; SinGAN pyramids have at most \(maximumScales)")
        }
        let reals = try realValues.enumerated().map { n, value throws(TorchImportError) in try image(value, "reals[\(n)]") }
        let finished = gs.count
        guard finished >= 1, zs.count == finished, amplitudes.count == finished, finished <= reals.count else {
            throw .folder("\(path) is inconsistent: \(gs.count) generators, \(zs.count) noise maps, \(amplitudes.count) amplitudes, \(reals.count) scales")
        }
        let levels = reals.map { ImageSize(height: $0.shape[2], width: $0.shape[3]) }
        let profile = variant.profile
        let scaleFactor = variant.recipe == .superResolution ? (profile.scaleFactor ?? variant.nominalScaleFactor) : variant.nominalScaleFactor
        let minSizes = [profile.minSize ?? ScalePyramid.defaultMinSize, levels[0].shortSide, levels[0].shortSide - 1]
        guard let geometry = PyramidGeometryMatch.find(levels: levels, variant: profile.geometry, minSizes: minSizes,
                                                       scaleFactor: scaleFactor) else {
            throw .folder("\(path): the pyramid in reals.pth (\(levels.map { "\($0.width)×\($0.height)" }.joined(separator: ", "))) matches no official pyramid geometry")
        }
        var scales: [ScaleState] = []
        for n in 0..<finished {
            let generator = try OfficialGenerator.generator(from: gs[n], scale: n)
            let noise = try image(zs[n], "Zs[\(n)]")
            guard noise.shape == NoiseMaps.paddedShape(levels[n]) else {
                throw .unexpectedContent("Zs[\(n)] has shape \(noise.shape), expected \(NoiseMaps.paddedShape(levels[n]))")
            }
            scales.append(ScaleState(generator: generator, noiseAmplitude: try amplitude(amplitudes[n], n),
                                     reconstructionNoise: noise, real: reals[n]))
        }
        var config = TrainingConfig()
        config.alpha = variant.alpha
        config.minSize = geometry.minSize
        config.maxSize = geometry.maxSize
        config.scaleFactor = geometry.initialScaleFactor
        config.baseWidth = scales[0].generator.width
        config.maxWidth = max(TrainingConfig().maxWidth, config.baseWidth)
        for (n, scale) in scales.enumerated() where scale.generator.width != config.width(atScale: n) {
            throw .unexpectedContent("scale \(n) is \(scale.generator.width) channels wide; the official widths from \(config.baseWidth) would give \(config.width(atScale: n))")
        }
        // The official files keep no training times: each scale's is recorded as 0.
        let pyramid = TrainedPyramid(config: config, profile: profile, geometry: geometry, scales: scales,
                                     random: RandomSource(seed: config.seed),
                                     secondsPerScale: [Double](repeating: 0, count: scales.count))
        var notices: [String] = []
        if !variant.recognised {
            notices.append("the folder name \(URL(fileURLWithPath: path).lastPathComponent) is not an official one; assuming the default recipe (main_train.py)")
        }
        if finished < reals.count {
            notices.append("the official training stopped after \(finished) of \(reals.count) scales; imported the finished scales; finish the training with: singan-edit train IMAGE -o MODEL.sgn --resume")
        }
        if let paint = variant.paintScale {
            notices.append("scale \(paint) was retrained by paint2image.py on quantized colours; use it with paint2img --start-scale \(paint)")
        }
        let source = URL(fileURLWithPath: path).standardizedFileURL.pathComponents.suffix(variant.paintScale == nil ? 2 : 3)
            .joined(separator: "/")
        let annotations = [
            ImportedModel.sourceKey: "official SinGAN folder \(source)",
            ImportedModel.formatKey: format == .zip ? "PyTorch zip (1.6 or later)" : "PyTorch legacy (1.5 or earlier)",
            ImportedModel.recipeKey: variant.recipe.rawValue + (variant.paintScale.map { ", scale \($0)" } ?? ""),
        ]
        return ImportedModel(pyramid: pyramid, variant: variant, format: format, notices: notices, annotations: annotations)
    }

    /// A `[1, 3, H, W]` tensor (float or the int64 zeros newer PyTorch stores for `Zs`).
    private static func image(_ value: PickleValue, _ what: String) throws(TorchImportError) -> Tensor {
        guard case .tensor(let t) = value, t.shape.count == 4, t.shape[0] == 1, t.shape[1] == 3, t.shape[2] >= 1, t.shape[3] >= 1 else {
            throw .unexpectedContent("\(what) is not a 1×3×H×W image (a \(value.kind))")
        }
        let scalars = t.scalars()
        guard scalars.allSatisfy(\.isFinite) else { throw .unexpectedContent("\(what) holds non-finite values") }
        return Tensor(shape: t.shape, scalars: scalars)
    }

    /// `NoiseAmp[n]`: the Python int 1 at scale 0, a 0-d tensor or a float above.
    private static func amplitude(_ value: PickleValue, _ n: Int) throws(TorchImportError) -> Float {
        let amplitude: Float
        switch value {
        case .int(let i): amplitude = Float(i)
        case .float(let x): amplitude = Float(x)
        case .tensor(let t) where t.shape.reduce(1, *) == 1: amplitude = t.scalars()[0]
        default: throw .unexpectedContent("NoiseAmp[\(n)] is a \(value.kind)")
        }
        guard amplitude.isFinite, amplitude >= 0 else { throw .unexpectedContent("NoiseAmp[\(n)] is \(amplitude)") }
        return amplitude
    }
}
