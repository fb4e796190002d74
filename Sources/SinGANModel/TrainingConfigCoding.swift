/// How a `TrainingConfig` is stored in a model header. Real-valued settings are read as binary64
/// and then narrowed, so a value too large for Float32 becomes infinite and is refused by
/// `validate()` with its name. The seed is a JSON integer when it fits a signed 64-bit integer and
/// a decimal string above that (JSON numbers cannot hold every 64-bit value); a negative or
/// unparsable seed is an error that names it.
extension TrainingConfig {
    enum CodingKeys: String, CodingKey {
        case maxSize, minSize, scaleFactor, iterations, alpha, generatorLearningRate, discriminatorLearningRate,
             beta1, gamma, decayAt, gradientPenaltyWeight, discriminatorSteps, generatorSteps, noiseAmplitude,
             baseWidth, maxWidth, seed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func real(_ key: CodingKeys) throws -> Float { Float(try c.decode(Double.self, forKey: key)) }
        self.init()
        maxSize = try c.decode(Int.self, forKey: .maxSize)
        minSize = try c.decode(Int.self, forKey: .minSize)
        scaleFactor = try c.decode(Double.self, forKey: .scaleFactor)
        iterations = try c.decode(Int.self, forKey: .iterations)
        alpha = try real(.alpha)
        generatorLearningRate = try real(.generatorLearningRate)
        discriminatorLearningRate = try real(.discriminatorLearningRate)
        beta1 = try real(.beta1)
        gamma = try real(.gamma)
        decayAt = try c.decode(Double.self, forKey: .decayAt)
        gradientPenaltyWeight = try real(.gradientPenaltyWeight)
        discriminatorSteps = try c.decode(Int.self, forKey: .discriminatorSteps)
        generatorSteps = try c.decode(Int.self, forKey: .generatorSteps)
        noiseAmplitude = try real(.noiseAmplitude)
        baseWidth = try c.decode(Int.self, forKey: .baseWidth)
        maxWidth = try c.decode(Int.self, forKey: .maxWidth)
        if let text = try? c.decode(String.self, forKey: .seed) {
            guard let value = UInt64(text) else {
                throw DecodingError.dataCorruptedError(forKey: .seed, in: c, debugDescription: "not a seed")
            }
            seed = value
        } else {
            let value = try c.decode(Int64.self, forKey: .seed)
            guard value >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: .seed, in: c, debugDescription: "negative seed")
            }
            seed = UInt64(value)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maxSize, forKey: .maxSize)
        try c.encode(minSize, forKey: .minSize)
        try c.encode(scaleFactor, forKey: .scaleFactor)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(alpha, forKey: .alpha)
        try c.encode(generatorLearningRate, forKey: .generatorLearningRate)
        try c.encode(discriminatorLearningRate, forKey: .discriminatorLearningRate)
        try c.encode(beta1, forKey: .beta1)
        try c.encode(gamma, forKey: .gamma)
        try c.encode(decayAt, forKey: .decayAt)
        try c.encode(gradientPenaltyWeight, forKey: .gradientPenaltyWeight)
        try c.encode(discriminatorSteps, forKey: .discriminatorSteps)
        try c.encode(generatorSteps, forKey: .generatorSteps)
        try c.encode(noiseAmplitude, forKey: .noiseAmplitude)
        try c.encode(baseWidth, forKey: .baseWidth)
        try c.encode(maxWidth, forKey: .maxWidth)
        if let small = Int64(exactly: seed) { try c.encode(small, forKey: .seed) } else { try c.encode(String(seed), forKey: .seed) }
    }
}
