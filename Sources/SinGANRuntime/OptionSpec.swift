import ArgumentParser

/// What a plugin's descriptor says about one of its options: shown by `help`, written into the
/// docs, and used by the conformance kit to check that bad values are refused.
public struct OptionInfo: Sendable, Equatable {
    /// Long name without dashes (`count` for `--count`).
    public let name: String
    /// One-line help.
    public let summary: String
    /// The default, as the user would type it; nil when the option is required or has none.
    public let defaultValue: String?
    /// The allowed values in words (e.g. "1–10000"); nil when any value of the type is allowed.
    public let allowed: String?
    /// Values the option must reject with a one-line error (run by the conformance kit).
    public let invalidExamples: [String]

    public init(name: String, summary: String, defaultValue: String? = nil, allowed: String? = nil,
                invalidExamples: [String] = []) {
        self.name = name
        self.summary = summary
        self.defaultValue = defaultValue
        self.allowed = allowed
        self.invalidExamples = invalidExamples
    }

    /// The help text: the summary plus the allowed values. (ArgumentParser adds the default.)
    public var help: ArgumentHelp { help(valueName: nil) }

    /// The help text with the placeholder `valueName` for the option's value in the usage line.
    public func help(valueName: String?) -> ArgumentHelp {
        guard let allowed else { return ArgumentHelp(summary, valueName: valueName) }
        let sentence = summary.hasSuffix(".") ? String(summary.dropLast()) : summary
        return ArgumentHelp("\(sentence) (\(allowed)).", valueName: valueName)
    }
}

/// A number that an option can bound with a closed range.
public protocol BoundedOptionValue: Comparable, Sendable, CustomStringConvertible {
    /// A value just below `bound` and one just above it, for probing a range's edges.
    static func neighbours(of bound: Self) -> (below: Self, above: Self)
}

extension Int: BoundedOptionValue {
    public static func neighbours(of bound: Int) -> (below: Int, above: Int) {
        (bound == .min ? bound : bound - 1, bound == .max ? bound : bound + 1)
    }
}

extension Double: BoundedOptionValue {
    public static func neighbours(of bound: Double) -> (below: Double, above: Double) {
        let step = Swift.max(0.01, abs(bound) * 0.1)
        return (bound - step, bound + step)
    }
}

/// A numeric option with a default and an allowed range, declared once: the plugin's
/// `ParsableArguments` takes its `help` and `defaultValue`, calls `check` in `validate()`, and
/// lists its `info` in the descriptor.
public struct OptionSpec<Value: BoundedOptionValue>: Sendable {
    public let name: String
    public let summary: String
    public let defaultValue: Value
    public let range: ClosedRange<Value>

    public init(_ name: String, _ summary: String, default defaultValue: Value, range: ClosedRange<Value>) {
        precondition(range.contains(defaultValue), "--\(name): default \(defaultValue) outside \(range)")
        self.name = name
        self.summary = summary
        self.defaultValue = defaultValue
        self.range = range
    }

    /// The allowed range in words.
    public var allowed: String { "\(range.lowerBound)–\(range.upperBound)" }

    /// The descriptor entry.
    public var info: OptionInfo {
        OptionInfo(name: name, summary: summary, defaultValue: defaultValue.description, allowed: allowed,
                   invalidExamples: [Value.neighbours(of: range.lowerBound).below,
                                     Value.neighbours(of: range.upperBound).above].map(\.description))
    }

    /// The help text for the option's declaration.
    public var help: ArgumentHelp { info.help }

    /// Throws a one-line `ValidationError` when `value` is outside the range.
    public func check(_ value: Value) throws {
        guard range.contains(value) else {
            throw ValidationError("--\(name) must be \(allowed) (got \(value))")
        }
    }
}
