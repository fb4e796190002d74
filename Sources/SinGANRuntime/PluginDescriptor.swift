import SinGANModel

/// Everything `list`, `help`, validation, the docs and the conformance kit need to know about a
/// plugin, as data.
public struct PluginDescriptor: Sendable {
    /// The subcommand name: lower-case letters, digits and dashes (`sample`, `super-resolve`).
    public let nickname: String
    /// One line for `singan-edit list` and the top of `help`.
    public let summary: String
    /// Paragraphs for `help`: what it does and how the official code does it.
    public let discussion: String
    /// The plugin's own options (not `--model`/`--seed`, and not the injection scale).
    public let options: [OptionInfo]
    /// The injection (start) scale option, when the plugin has one.
    public let injection: InjectionScale?
    /// The training profile a model must have been trained with, when the plugin needs one.
    public let profile: TrainingProfile?
    /// Whether the plugin works on SinGAN's per-scale generators (one scale's generator run on
    /// images), so models of families without them are refused up front.
    public let needsScalePyramid: Bool
    /// Typical invocations, shown in `help` and run by the conformance kit.
    public let examples: [PluginExample]

    public init(nickname: String, summary: String, discussion: String, options: [OptionInfo],
                injection: InjectionScale? = nil, profile: TrainingProfile? = nil, needsScalePyramid: Bool = false,
                examples: [PluginExample]) {
        self.needsScalePyramid = needsScalePyramid
        self.nickname = nickname
        self.summary = summary
        self.discussion = discussion
        self.options = options
        self.injection = injection
        self.profile = profile
        self.examples = examples
    }

    /// Every option, the injection scale included.
    public var allOptions: [OptionInfo] { options + (injection.map { [$0.info] } ?? []) }

    /// The discussion plus the profile requirement and the examples, for `help`.
    public var helpDiscussion: String {
        var text = discussion
        if let profile {
            text += "\n\nNeeds a model trained with '--profile \(profile.name)'."
        }
        if needsScalePyramid {
            text += "\n\nNeeds a SinGAN model (--family singan, the default)."
        }
        if !examples.isEmpty {
            text += "\n\nExamples:\n" + examples.map { "  " + $0.commandLine(nickname: nickname) }.joined(separator: "\n")
        }
        return text
    }

    /// Throws a one-line error when the model is of a family this plugin cannot use or was trained
    /// with another profile than it needs.
    public func checkProfile(of runtime: Runtime) throws {
        if needsScalePyramid { _ = try runtime.scalePyramid(for: nickname) }
        guard let profile, runtime.profile.name != profile.name else { return }
        throw PluginError.wrongProfile(model: runtime.modelPath, has: runtime.profile.name,
                                       plugin: nickname, needs: profile.name)
    }
}

/// A typical invocation, without `--model` and `--seed`. Arguments may contain the placeholders
/// `{out}` (an output directory), `{image}` (an input image at the training size) and `{mask}`
/// (a mask image of that size); `help` shows them as `out`, `input.png` and `mask.png`.
public struct PluginExample: Sendable, Equatable {
    public let arguments: [String]

    public init(_ arguments: [String]) { self.arguments = arguments }

    /// The arguments with the placeholders replaced.
    public func arguments(out: String, image: String, mask: String) -> [String] {
        arguments.map {
            $0.replacingOccurrences(of: "{out}", with: out).replacingOccurrences(of: "{image}", with: image)
                .replacingOccurrences(of: "{mask}", with: mask)
        }
    }

    /// `singan-edit NICKNAME --model m.sgn …` as shown in help.
    public func commandLine(nickname: String) -> String {
        (["singan-edit", nickname, "--model", "m.sgn"] + arguments(out: "out", image: "input.png", mask: "mask.png"))
            .joined(separator: " ")
    }
}
