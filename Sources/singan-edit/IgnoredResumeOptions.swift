import SinGANModel

/// `train --resume` continues with the settings saved in the model; training options given on the
/// same command line that disagree with them are ignored, and the notice says which. An option is
/// counted as given when its value differs from its default (an explicit default that differs
/// from the saved value is not seen, so the notice never names an option the user did not type).
extension TrainCommand {
    /// "--iterations 1 (the model uses 2000)", one entry per ignored option; empty when none.
    func ignoredOnResume(saved: any TrainableModel) -> [String] {
        let given = config, defaults = TrainingConfig(), kept = saved.config
        var ignored: [String] = []
        func compare<Value: Equatable>(_ flag: String, _ value: Value, _ defaultValue: Value?, _ savedValue: Value) {
            if value != defaultValue, value != savedValue { ignored.append("\(flag) \(value) (the model uses \(savedValue))") }
        }
        compare("--max-size", given.maxSize, defaults.maxSize, kept.maxSize)
        if let minSize { compare("--min-size", minSize, nil, kept.minSize) }
        compare("--scale-factor", given.scaleFactor, defaults.scaleFactor, kept.scaleFactor)
        compare("--iterations", given.iterations, defaults.iterations, kept.iterations)
        if let alpha { compare("--alpha", alpha, nil, kept.alpha) }
        compare("--lr-g", given.generatorLearningRate, defaults.generatorLearningRate, kept.generatorLearningRate)
        compare("--lr-d", given.discriminatorLearningRate, defaults.discriminatorLearningRate, kept.discriminatorLearningRate)
        compare("--seed", given.seed, defaults.seed, kept.seed)
        compare("--profile", profile.profile.name, TrainingProfile.standard.name, saved.profile.name)
        compare("--family", family.rawValue, ModelFamily.singan.rawValue, saved.family.rawValue)
        if batchNorm, (saved as? TrainedGrowingModel)?.settings.batchNorm != true {
            ignored.append("--batch-norm (the model has no BatchNorm)")
        }
        return ignored
    }
}
