import Foundation
@testable import Paint2ImagePlugin
import PluginTestKit
@testable import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor
import SinGANTorchImport
import Testing

/// `paint2img --quantize` against the official `paint2image.py --quantization_flag` (fixture
/// `paint2image_quantized`, start scale 2, `inputs/paint.png`; the official script needs its one-argument
/// `quant(real_s)` call fixed to run, see Tests/OfficialFixtures/README.md).
///
/// The official `quant`/`quant2centers` cluster `reshape(-1, 3)` of an NCHW tensor (runs of three values
/// of one channel); ours cluster colours (a documented deliberate difference). So each step is compared
/// twice: on the official layout (our k-means fed the official runs of three), which checks the
/// algorithm against the official numbers, and on colours (the same official functions fed NHWC
/// tensors), which checks the path `paint2img --quantize` takes.
struct QuantizedPaintParityTests {
    static let scale = 2

    /// k-means finds a local optimum that depends on its initialisation (scikit-learn's k-means++ with
    /// `random_state=0` vs our seeded k-means++), so our centres are not scikit-learn's. Compared
    /// instead: (1) the Lloyd iterations: ours, started from the official centres, reach the fixed point
    /// scikit-learn's Lloyd reaches from them when run until nothing moves (`tol=0`; the official run
    /// stopped up to 9e-3 short of it, its tolerance being 1e-4 × the data's variance), within float
    /// rounding of the means (1e-5); (2) our optimum is as good as scikit-learn's typical one: its
    /// inertia (sum of squared distances to the nearest centre) is at most the median over
    /// `random_state` 0–9 (recorded in the fixture).
    static let fixedPointTolerance: Float = 1e-5

    static func runtime() throws -> Runtime {
        let folder = OfficialFixtures.tinyModel("zip")
        return try Runtime(model: OfficialModelFolder.read(folder).pyramid, modelPath: folder, seed: 1)
    }

    static func centres(_ t: Tensor) -> [ColourQuantizer.Colour] {
        (0..<t.shape[0]).map { ColourQuantizer.Colour(t.scalars[3 * $0], t.scalars[3 * $0 + 1], t.scalars[3 * $0 + 2]) }
    }

    /// The rows of the official `image.reshape(-1, 3)` as the pixels of a `[1, 3, 1, M]` image.
    static func officialRows(_ image: Tensor) -> Tensor {
        let m = image.count / 3, v = image.scalars
        return Tensor(shape: [1, 3, 1, m], scalars: (0..<3).flatMap { c in (0..<m).map { v[3 * $0 + c] } })
    }

    /// The inverse of `officialRows`: the rows put back in NCHW memory order with `shape`.
    static func fromOfficialRows(_ rows: Tensor, shape: [Int]) -> Tensor {
        let m = rows.count / 3, v = rows.scalars
        return Tensor(shape: shape, scalars: (0..<(3 * m)).map { v[($0 % 3) * m + $0 / 3] })
    }

    /// The label of every pixel of a `[1, 3, …]` image painted with `centres` (exact matches only).
    static func labels(_ painted: Tensor, _ centres: [ColourQuantizer.Colour]) -> [Int] {
        ColourQuantizer.colours(of: painted).map { colour in centres.firstIndex(of: colour) ?? -1 }
    }

    /// `centres[labels]` as a `[1, 3, H, W]` image (`labels` in row-major pixel order).
    static func painted(_ labels: Tensor, _ centres: [ColourQuantizer.Colour], height: Int, width: Int) -> Tensor {
        let l = labels.scalars.map { Int($0) }
        return Tensor(shape: [1, 3, height, width], scalars: (0..<3).flatMap { c in l.map { centres[$0][c] } })
    }

    static func inertia(_ pixels: [ColourQuantizer.Colour], _ centres: [ColourQuantizer.Colour]) -> Double {
        pixels.reduce(0) { sum, p in sum + Double(centres.map { (($0 - p) * ($0 - p)).sum() }.min()!) }
    }

    /// Checks (1) and (2) of `fixedPointTolerance` for the k-means of `pixels`; returns the
    /// measurements for the report.
    static func expectSameKMeans(_ pixels: Tensor, official: [ColourQuantizer.Colour], converged: [ColourQuantizer.Colour],
                                 spread: [Double], ours: [ColourQuantizer.Colour]) -> (shift: Float, inertia: Double, median: Double) {
        let colours = ColourQuantizer.colours(of: pixels)
        let refined = ColourQuantizer.lloyd(colours, start: official, maxIterations: 300, tolerance: 0).centres
        let shift = zip(refined, converged).map { (($0 - $1) * ($0 - $1)).sum().squareRoot() }.max()!
        #expect(shift < fixedPointTolerance, "Lloyd from the official centres ends \(shift) from scikit-learn's")
        let median = spread.sorted()[spread.count / 2]
        let ourInertia = inertia(colours, ours)
        #expect(ourInertia <= median, "our k-means inertia \(ourInertia), scikit-learn's median \(median)")
        return (shift, ourInertia, median)
    }

    // MARK: - The official layout (runs of three values)

    @Test func centresOnTheOfficialLayout() throws {
        let recording = try OfficialFixtures.Recording("paint2image_quantized")
        let rows = Self.officialRows(try Self.runtime().trainingImage(at: Self.scale))
        let spread = (recording.notes["inertia_random_states"] as! [String: [Double]])["rows"]!
        let m = Self.expectSameKMeans(rows, official: Self.centres(recording["centres"]),
                                      converged: Self.centres(recording["converged_centres"]), spread: spread,
                                      ours: ColourQuantizer.centres(of: rows, clusters: 5))
        print("parity quantized centres (official layout): Lloyd fixed point within \(m.shift); inertia \(m.inertia), "
              + "scikit-learn's \(spread[0]) (median of 10 seeds \(m.median))")
    }

    @Test func clipartAndInjectionOnTheOfficialLayout() throws {
        let recording = try OfficialFixtures.Recording("paint2image_quantized")
        let runtime = try Self.runtime()
        let centres = Self.centres(recording["centres"])
        let clipart = try OfficialParityTests.input("paint.png")
        // quant2centers: k-means on the clipart's rows started from the official centres.
        let ours = ColourQuantizer.quantizeRefitting(Self.officialRows(clipart), to: centres)
        let official = recording["clipart_labels"].scalars.map { Int($0) }
        let mismatches = zip(Self.labels(ours, centres), official).filter { $0 != $1 }.count
        #expect(mismatches == 0, "\(mismatches) of \(official.count) clipart values painted another centre")
        // The official clipart resized straight to scale 2 (the 1e-5 of the unquantized paint injection:
        // both resize identically, up to float rounding).
        let officialClipart = Self.fromOfficialRows(
            Self.painted(recording["clipart_labels"], centres, height: 1, width: official.count), shape: clipart.shape)
        let injected = try runtime.injectionImage(from: officialClipart, at: Self.scale, resize: .direct)
        let d = OfficialParityTests.difference(injected, recording["injected"])
        #expect(d.largest < 1e-5, "injection \(d)")
        print("parity quantized clipart (official layout): \(mismatches) values differ; injection largest \(d.largest), mean \(d.typical)")
    }

    // MARK: - Colours (the path paint2img --quantize takes)

    @Test func paintQuantizationOnColours() throws {
        let recording = try OfficialFixtures.Recording("paint2image_quantized")
        let runtime = try Self.runtime()
        let officialCentres = Self.centres(recording["pixels/centres"])
        let spread = (recording.notes["inertia_random_states"] as! [String: [Double]])["colours"]!
        let m = Self.expectSameKMeans(runtime.trainingImage(at: Self.scale), official: officialCentres,
                                      converged: Self.centres(recording["pixels/converged_centres"]), spread: spread,
                                      ours: PaintQuantization(runtime: runtime, scale: Self.scale).centres)

        // With the official centres, `paint2img --quantize` paints the clipart with exactly the official
        // labels and injects it within the float rounding of the resize (1e-5, as the plain injection).
        let quantization = PaintQuantization(scale: Self.scale, centres: officialCentres)
        let clipart = try runtime.loadInput(OfficialFixtures.root + "/inputs/paint.png", notify: false)
        let official = recording["pixels/clipart_labels"].scalars.map { Int($0) }
        let mismatches = zip(Self.labels(quantization.paint(clipart.model), officialCentres), official).filter { $0 != $1 }.count
        #expect(mismatches == 0, "\(mismatches) of \(official.count) clipart pixels painted another centre")
        let d = OfficialParityTests.difference(try quantization.injection(of: clipart, runtime: runtime),
                                               recording["pixels/injected"])
        #expect(d.largest < 1e-5, "injection \(d)")
        print("parity quantized paint (colours): Lloyd fixed point within \(m.shift); inertia \(m.inertia), scikit-learn's "
              + "\(spread[0]) (median \(m.median)); clipart \(mismatches) pixels differ; injection largest \(d.largest)")
    }

    // MARK: - The retrained scale (statistics)

    /// The official `train_paint` (4 iterations from fresh weights) and ours draw from different random
    /// streams, so the retrained generators differ; what must agree: the noise amplitude (0.1 × RMSE of
    /// the unquantized reconstruction, deterministic: within float rounding, 1e-5) and the statistics of
    /// the picture generated from the official injection through the retrained scale: each channel's
    /// mean and standard deviation within 3 standard deviations (at least 0.01) of the official values
    /// over five torch seeds.
    @Test func retrainedScaleStatistics() throws {
        let recording = try OfficialFixtures.Recording("paint2image_quantized")
        let runtime = try Self.runtime()
        let iterations = recording.notes["retrain_iterations"] as! Int
        let retrained = PaintQuantization(runtime: runtime, scale: Self.scale).retrainScale(of: try runtime.scalePyramid(for: "test"), iterations: iterations)
        let officialAmplitude = Float((recording.notes["retrained_noise_amp"] as! [Double])[0])
        let amplitude = abs(retrained.noiseAmplitude - officialAmplitude)
        #expect(amplitude < 1e-5, "noise amplitude \(retrained.noiseAmplitude) vs official \(officialAmplitude)")

        let generator = try runtime.deriving((try runtime.scalePyramid(for: "test")).replacingScale(Self.scale, with: retrained))
        let output = try generator.generate(GenerationRequest(startScale: Self.scale, injected: recording["injected"],
                                                              noise: .fresh(from: Self.scale)))
        let plane = output.shape[2] * output.shape[3]
        var report: [String] = []
        for (statistic, key) in [("mean", "output_mean"), ("standard deviation", "output_std")] {
            let official = recording.notes[key] as! [[Double]]
            for c in 0..<3 {
                let values = output.scalars[(c * plane)..<((c + 1) * plane)].map { Double($0) }
                let mean = values.reduce(0, +) / Double(plane)
                let ours = statistic == "mean" ? mean
                    : (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(plane - 1)).squareRoot()
                let (centre, spread) = Self.meanAndDeviation(official.map { $0[c] })
                let sigmas = abs(ours - centre) / max(spread, 0.01 / 3)
                #expect(sigmas <= 3, "channel \(c) \(statistic) \(ours), official \(centre) ± \(spread)")
                report.append(String(format: "%.2f", sigmas))
            }
        }
        print("parity quantized retrained scale: noise amplitude \(amplitude) apart; output channel means and "
              + "standard deviations \(report.joined(separator: " ")) official standard deviations apart")
    }

    static func meanAndDeviation(_ values: [Double]) -> (mean: Double, deviation: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        return (mean, (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot())
    }
}
