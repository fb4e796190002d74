import SinGANRuntime
import SinGANTensor

/// How much generated samples differ from each other, relative to how much the training image
/// varies: the diversity measure of the SinGAN paper.
///
/// diversity = mean over pixels and channels of std(the samples' values there) / std(all values of
/// the reference), with population standard deviations (divide by the count) and every image in the
/// [0, 1] range of saved images (clamped). 0 means every sample is the same image; n i.i.d. samples of
/// the reference's value distribution give about √((n − 1)/n).
///
/// Samples are added one at a time (Welford's running mean and variance in Double), so any number
/// of them takes the memory of two images.
public struct Diversity: Sendable {
    private var shape: [Int]?
    private var mean: [Double] = []
    private var squaredDeviations: [Double] = []
    /// Number of samples added.
    public private(set) var sampleCount = 0

    public init() {}

    /// Adds one sample, `[1, C, H, W]` in the model's range; all samples must have one shape.
    public mutating func add(_ sample: Tensor) {
        if shape == nil {
            shape = sample.shape
            mean = [Double](repeating: 0, count: sample.count)
            squaredDeviations = mean
        }
        precondition(sample.shape == shape, "sample of shape \(sample.shape) among samples of \(shape!)")
        sampleCount += 1
        let n = Double(sampleCount)
        for (i, x) in PixelRange.display(fromModel: sample).scalars.enumerated() {
            let delta = Double(x) - mean[i]
            mean[i] += delta / n
            squaredDeviations[i] += delta * (Double(x) - mean[i])
        }
    }

    /// The mean over pixels and channels of the population std across the samples (≥ 2 added).
    public var meanDeviationAcrossSamples: Double {
        precondition(sampleCount >= 2, "diversity needs at least two samples, got \(sampleCount)")
        guard !squaredDeviations.isEmpty else { return 0 }
        let n = Double(sampleCount)
        return squaredDeviations.reduce(0) { $0 + ($1 / n).squareRoot() } / Double(squaredDeviations.count)
    }

    /// The diversity relative to `reference` (the training image, the model's range); nil when the
    /// reference is flat (std 0), where the ratio is undefined.
    public func value(relativeTo reference: Tensor) -> Double? {
        let spread = Self.standardDeviation(PixelRange.display(fromModel: reference).scalars)
        return spread > 0 ? meanDeviationAcrossSamples / spread : nil
    }

    /// The diversity of `samples` relative to `reference`.
    public static func value(samples: [Tensor], reference: Tensor) -> Double? {
        var diversity = Diversity()
        for sample in samples { diversity.add(sample) }
        return diversity.value(relativeTo: reference)
    }

    /// The population standard deviation of `values` (0 for none).
    public static func standardDeviation(_ values: [Float]) -> Double {
        guard !values.isEmpty else { return 0 }
        let n = Double(values.count)
        let mean = values.reduce(0) { $0 + Double($1) } / n
        return (values.reduce(0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n).squareRoot()
    }
}
