import Foundation
import SinGANModel

/// Which official recipe trained a model, read from its folder's name as the official
/// `generate_dir2save` writes it:
///
/// - `TrainedModels/<image>/scale_factor=0.750000,alpha=10`: `main_train.py` (default);
///   `alpha=100` with the SR scale factor 0.793701: `SR.py`;
/// - `TrainedModels/<image>/scale_factor=0.750000_noise_padding`: `animation.py`;
/// - `TrainedModels/<image>/scale_factor=0.750000_paint/start_scale=N`: `paint2image.py
///   --quantization_flag`, scale N retrained on quantized colours.
public struct OfficialVariant: Equatable, Sendable {
    public enum Recipe: String, Sendable {
        case standard = "default"
        case animation
        case superResolution = "super-resolution"
        case quantizedPaint = "quantized paint"
    }

    public let recipe: Recipe
    /// `scale_factor_init` as the folder name prints it (`%f`).
    public let nominalScaleFactor: Double
    /// α from the folder name (10 unless stated).
    public let alpha: Float
    /// The retrained scale of a quantized-paint model.
    public let paintScale: Int?
    /// Whether the folder's name followed one of the official patterns.
    public let recognised: Bool

    /// The training profile the import uses.
    public var profile: TrainingProfile {
        switch recipe {
        case .animation: .animation
        case .superResolution: .superResolution
        case .standard, .quantizedPaint: .standard
        }
    }

    /// Recognises the variant from `folder` (its last one or two path components).
    public init(folder: String) {
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        let name = url.lastPathComponent, parent = url.deletingLastPathComponent().lastPathComponent
        func factor(_ text: Substring) -> Double? { Double(text) }
        if name.hasPrefix("start_scale="), let n = Int(name.dropFirst("start_scale=".count)),
           parent.hasPrefix("scale_factor="), parent.hasSuffix("_paint"),
           let sf = factor(parent.dropFirst("scale_factor=".count).dropLast("_paint".count)) {
            self.init(recipe: .quantizedPaint, nominalScaleFactor: sf, alpha: 10, paintScale: n, recognised: true)
        } else if name.hasPrefix("scale_factor="), name.hasSuffix("_noise_padding"),
                  let sf = factor(name.dropFirst("scale_factor=".count).dropLast("_noise_padding".count)) {
            self.init(recipe: .animation, nominalScaleFactor: sf, alpha: 10, paintScale: nil, recognised: true)
        } else if name.hasPrefix("scale_factor="), let comma = name.firstIndex(of: ","),
                  let sf = factor(name[name.index(name.startIndex, offsetBy: 13)..<comma]),
                  name[comma...].hasPrefix(",alpha="), let alpha = Float(name[name.index(comma, offsetBy: 7)...]) {
            self.init(recipe: alpha == 100 ? .superResolution : .standard, nominalScaleFactor: sf, alpha: alpha,
                      paintScale: nil, recognised: true)
        } else {
            self.init(recipe: .standard, nominalScaleFactor: 0.75, alpha: 10, paintScale: nil, recognised: false)
        }
    }

    init(recipe: Recipe, nominalScaleFactor: Double, alpha: Float, paintScale: Int?, recognised: Bool) {
        self.recipe = recipe
        self.nominalScaleFactor = nominalScaleFactor
        self.alpha = alpha
        self.paintScale = paintScale
        self.recognised = recognised
    }
}
