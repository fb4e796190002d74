import Foundation
import SinGANModel
import SinGANRuntime

/// The peak memory of a super-resolution run, estimated before it starts, against the memory
/// available.
///
/// The largest pass dominates: the finest generator's activations at the last pass's padded size
/// `(H+10)·(W+10)` (about `mapsPerChannel` Float32 maps per hidden channel: the outputs of its
/// convolutions, normalisations and activations, all kept until the pass ends), plus about
/// `imageMaps` three-channel maps (previous image, noise, input, output, resize buffers, the
/// copy being saved) and the process's own footprint. Fitted to the peak RSS of runs at widths
/// 64 and 128 (768×512 px: 1.53 GB, 1000×668 px: 4.36 GB, 1536×1024 px: 5.81 GB); the
/// estimate is about 6 % above those.
struct MemoryEstimate {
    static let mapsPerChannel = 11.0
    static let imageMaps = 80.0
    static let baseBytes = 150e6

    /// The estimated peak, in bytes.
    let peakBytes: Double
    /// What the system can still give the process, in bytes.
    let availableBytes: Int

    init(_ plan: SuperResolutionPlan, runtime: Runtime, availableBytes: Int = AvailableMemory.bytes()) {
        let width = Double(runtime.generatorWidth(at: plan.generation.scale))
        peakBytes = Self.bytes(for: plan.generation.outputSize, width: width)
        self.availableBytes = availableBytes
    }

    /// The estimated peak for a last pass of `size` with `width` hidden channels.
    static func bytes(for size: ImageSize, width: Double) -> Double {
        let padded = Double(size.height + 2 * NoiseMaps.padding) * Double(size.width + 2 * NoiseMaps.padding)
        return 4 * padded * (mapsPerChannel * width + imageMaps * 3) + baseBytes
    }

    /// Whether the run fits in the available memory.
    var fits: Bool { peakBytes <= Double(availableBytes) }

    /// The one-line refusal: what the run needs, what is available, and the largest factor in
    /// tenths that fits (the estimate grows with the factor, so the first one found going down).
    func refusal(_ plan: SuperResolutionPlan, runtime: Runtime) -> String {
        let size = plan.outputSize
        let message = "super-resolving \(runtime.modelPath) ×\(String(format: "%g", plan.factor)) to "
            + "\(size.width)x\(size.height) px needs about \(AvailableMemory.describe(peakBytes)) of memory, but only "
            + "\(AvailableMemory.describe(Double(availableBytes))) is available"
        var factor = ((plan.factor - 0.05) * 10).rounded(.down) / 10
        while factor > 1, !MemoryEstimate(SuperResolutionPlan(factor: factor, runtime: runtime), runtime: runtime,
                                          availableBytes: availableBytes).fits {
            factor = ((factor - 0.1) * 10).rounded() / 10
        }
        return message + (factor > 1 ? "; use --factor \(String(format: "%g", factor)) or less" : "; free some memory first")
    }
}
