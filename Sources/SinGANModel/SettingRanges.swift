/// The documented range of every number a model header stores (Docs/checkpoint-format.md,
/// "SinGAN model header"). A model file is only used after all of them are checked, so no value
/// read from a file can reach a loop bound, an allocation or an integer conversion unchecked.
public enum SettingRanges {
    /// Longest side of the finest scale.
    public static let maxSize = 8...65_536
    /// Shortest side of the coarsest scale (at most `maxSize`).
    public static let minSize = 5...65_536
    /// Iterations per scale.
    public static let iterations = 1...1_000_000
    /// Discriminator and generator steps per iteration.
    public static let steps = 1...100
    /// Channel widths (base width, and the cap it doubles up to).
    public static let width = 1...1024
    /// Original image side in pixels.
    public static let imageSide = 1...1_000_000
    /// Upper bound of every non-negative real-valued weight (α, λ, noise amplitude factor).
    public static let largestWeight: Double = 1e6
    /// Upper bound of a stored training time in seconds (about 30 years).
    public static let largestSeconds: Double = 1e9
}

extension TrainingConfig {
    /// Throws `ModelFileError.invalid` naming the first setting outside its documented range.
    public func validate() throws(ModelFileError) {
        try check("maxSize", maxSize, in: SettingRanges.maxSize)
        try check("minSize", minSize, in: SettingRanges.minSize.lowerBound...maxSize)
        try check("iterations", iterations, in: SettingRanges.iterations)
        try check("discriminatorSteps", discriminatorSteps, in: SettingRanges.steps)
        try check("generatorSteps", generatorSteps, in: SettingRanges.steps)
        try check("baseWidth", baseWidth, in: SettingRanges.width)
        try check("maxWidth", maxWidth, in: baseWidth...SettingRanges.width.upperBound)
        try checkOpenUnit("scaleFactor", scaleFactor)
        try checkPositiveRate("generatorLearningRate", generatorLearningRate)
        try checkPositiveRate("discriminatorLearningRate", discriminatorLearningRate)
        try checkPositiveRate("gamma", gamma)
        try checkReal("beta1", Double(beta1), valid: beta1 >= 0 && beta1 < 1, range: "0 ≤ beta1 < 1")
        try checkReal("decayAt", decayAt, valid: (0...1).contains(decayAt), range: "0–1")
        try checkWeight("alpha", alpha)
        try checkWeight("gradientPenaltyWeight", gradientPenaltyWeight)
        try checkWeight("noiseAmplitude", noiseAmplitude)
    }

    private func check(_ key: String, _ value: Int, in range: ClosedRange<Int>) throws(ModelFileError) {
        guard range.contains(value) else {
            throw .invalid("the training setting \(key) is \(value); it must be \(range.lowerBound)–\(range.upperBound)")
        }
    }

    private func checkOpenUnit(_ key: String, _ value: Double) throws(ModelFileError) {
        try checkReal(key, value, valid: value > 0 && value < 1, range: "between 0 and 1")
    }

    private func checkPositiveRate(_ key: String, _ value: Float) throws(ModelFileError) {
        try checkReal(key, Double(value), valid: value > 0 && value <= 1, range: "0 < \(key) ≤ 1")
    }

    private func checkWeight(_ key: String, _ value: Float) throws(ModelFileError) {
        try checkReal(key, Double(value), valid: value >= 0 && Double(value) <= SettingRanges.largestWeight,
                      range: "0–\(Int(SettingRanges.largestWeight))")
    }

    private func checkReal(_ key: String, _ value: Double, valid: Bool, range: String) throws(ModelFileError) {
        guard valid, value.isFinite else {
            throw .invalid("the training setting \(key) is \(value); it must be \(range)")
        }
    }
}

extension TrainingProfile {
    /// Throws `ModelFileError.invalid` when a setting the profile fixes is outside its range.
    public func validate() throws(ModelFileError) {
        if let minSize, !SettingRanges.minSize.contains(minSize) {
            throw .invalid("the profile \(name) fixes minSize \(minSize); it must be "
                           + "\(SettingRanges.minSize.lowerBound)–\(SettingRanges.minSize.upperBound)")
        }
        if let alpha, !(alpha >= 0 && Double(alpha) <= SettingRanges.largestWeight) {
            throw .invalid("the profile \(name) fixes alpha \(alpha); it must be 0–\(Int(SettingRanges.largestWeight))")
        }
        if let scaleFactor, !(scaleFactor > 0 && scaleFactor < 1) {
            throw .invalid("the profile \(name) fixes scaleFactor \(scaleFactor); it must be between 0 and 1")
        }
    }
}
