import ArgumentParser

/// A plugin's injection (start) scale: its default and the lowest scale it accepts. The highest is
/// always the model's finest scale, so the valid range depends on the loaded model and is
/// checked before anything runs.
public struct InjectionScale: Sendable, Equatable {
    /// The option's long name without dashes.
    public let name: String
    /// What the scale means for this plugin (one line).
    public let summary: String
    /// The default scale.
    public let defaultScale: Int
    /// The lowest scale allowed (0 = coarsest).
    public let lowest: Int

    public init(name: String = "start-scale", summary: String, default defaultScale: Int, lowest: Int = 0) {
        precondition(lowest >= 0 && defaultScale >= lowest, "injection scale default \(defaultScale) below lowest \(lowest)")
        self.name = name
        self.summary = summary
        self.defaultScale = defaultScale
        self.lowest = lowest
    }

    /// The allowed range in words.
    public var allowed: String { "\(lowest) to the model's finest scale; 0 is the coarsest" }

    /// The descriptor entry (the conformance kit also probes the model's bounds).
    public var info: OptionInfo {
        OptionInfo(name: name, summary: summary, defaultValue: String(defaultScale), allowed: allowed,
                   invalidExamples: [String(lowest - 1)])
    }

    /// The help text for the option's declaration.
    public var help: ArgumentHelp { info.help }

    /// The valid scales of a model with `scaleCount` scales (empty when it has too few).
    public func range(scaleCount: Int) -> ClosedRange<Int>? {
        scaleCount - 1 >= lowest ? lowest...(scaleCount - 1) : nil
    }

    /// Throws a one-line error naming the valid range when `scale` is not valid for the model.
    public func check(_ scale: Int, scaleCount: Int, modelPath: String) throws {
        guard let valid = range(scaleCount: scaleCount) else {
            throw ValidationError("\(modelPath) has \(scaleCount) scales, but --\(name) must be at least \(lowest)")
        }
        guard valid.contains(scale) else {
            throw ValidationError("--\(name) \(scale) is outside \(valid.lowerBound)–\(valid.upperBound), "
                                  + "the valid scales of \(modelPath) (0 is the coarsest, \(scaleCount - 1) the finest)")
        }
    }
}
