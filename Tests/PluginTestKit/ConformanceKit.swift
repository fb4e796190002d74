import ArgumentParser
import Foundation
import SinGANImaging
import SinGANModel
import SinGANRuntime

/// Checks a plugin against the contract every plugin keeps, on a tiny model of a family (SinGAN or
/// ConSinGAN) trained with the profile it needs:
///
/// - its descriptor is complete and agrees with its `Options` (names and defaults in `help`);
/// - every example runs, writes exactly the planned files with the planned size and format,
///   and writes byte-identical files when run again with the same seed;
/// - every invalid value the descriptor lists, and an injection scale outside the model's
///   scales, fails with one clear line and writes nothing;
/// - a model trained with the wrong profile is refused;
/// - the output rules of every command: a missing output folder is created, an existing output is
///   refused (one line naming `--force`, the file left as it was) and replaced with `--force`;
/// - on a family without per-scale generators, a plugin that needs them (`needsScalePyramid`) is
///   refused with one line naming the family, and so is any example that needs them (paint2img
///   `--quantize`); everything else must work as on SinGAN.
public struct ConformanceKit<Plugin: EditPlugin> {
    /// The seed of every run.
    public let seed: UInt64 = 7
    /// The family of the tiny model the checks run on.
    public let family: ModelFamily
    private var descriptor: PluginDescriptor { Plugin.descriptor }

    public init(family: ModelFamily = .singan) {
        self.family = family
    }

    /// The one line a plugin gives for a model of `family` when it needs SinGAN's per-scale generators.
    static func familyRefusal(_ family: ModelFamily) -> String {
        "needs a SinGAN model (one generator per scale); this model is of the \(family.displayName) family"
    }

    /// Every violation found, one line each, prefixed with the plugin's nickname; empty when the
    /// plugin conforms.
    public func failures() -> [String] {
        var failures = descriptorFailures()
        do {
            let model = try TinyModel.path(for: descriptor.profile ?? .standard, family: family)
            let inputs = try KitInputs()
            if descriptor.needsScalePyramid && family != .singan {
                return (failures + familyRefusalFailures(model: model, inputs: inputs)).map { "\(descriptor.nickname): \($0)" }
            }
            failures += exampleFailures(model: model, inputs: inputs)
            failures += invalidValueFailures(model: model, inputs: inputs)
            failures += try injectionFailures(model: model, inputs: inputs)
            failures += try profileFailures(inputs: inputs)
            failures += outputRuleFailures(model: model, inputs: inputs)
        } catch {
            failures.append("could not set up: \(error)")
        }
        return failures.map { "\(descriptor.nickname): \($0)" }
    }

    /// The outcome of one command line: the result, or the one-line message the user would see.
    public enum Outcome {
        case success(EditResult)
        case failure(String)
    }

    /// Parses and runs `arguments` plus `--model` and `--seed`, exactly as the CLI does.
    public func run(_ arguments: [String], model: String) -> Outcome {
        let invocation: PluginInvocation<Plugin>
        do {
            invocation = try PluginInvocation<Plugin>.parse(arguments + ["--model", model, "--seed", String(seed)])
        } catch {
            return .failure(PluginInvocation<Plugin>.message(for: error))
        }
        do {
            return .success(try invocation.execute())
        } catch {
            return .failure("\(error)")
        }
    }

    // MARK: - Checks

    private func descriptorFailures() -> [String] {
        var failures: [String] = []
        do { _ = try PluginRegistry([Plugin.self], reservedNames: []) } catch { failures.append("\(error)") }
        if descriptor.summary.isEmpty || descriptor.summary.contains("\n") || descriptor.summary.count > 80 {
            failures.append("the summary must be one line of at most 80 characters")
        }
        if descriptor.discussion.isEmpty { failures.append("the discussion is empty") }
        if descriptor.examples.isEmpty { failures.append("there is no example") }
        for example in descriptor.examples where example.commandLine(nickname: descriptor.nickname).count > 78 {
            failures.append("example '\(example.commandLine(nickname: descriptor.nickname))' is too wide for help (78 columns)")
        }
        let help = PluginInvocation<Plugin>.helpMessage(columns: 10_000)
        for option in descriptor.allOptions {
            if !help.contains("--\(option.name)") { failures.append("--\(option.name) is described but not an option") }
            if let value = option.defaultValue, !help.contains("--\(option.name)") || !help.contains("(default: \(value))") {
                failures.append("--\(option.name): the descriptor's default \(value) is not the option's default")
            }
        }
        return failures
    }

    private func exampleFailures(model: String, inputs: KitInputs) -> [String] {
        descriptor.examples.enumerated().flatMap { index, example -> [String] in
            let label = "example \(index + 1) (\(example.arguments.joined(separator: " ")))"
            let first = TinyModel.temporaryDirectory("out"), second = TinyModel.temporaryDirectory("out")
            let result: EditResult, again: EditResult
            switch (run(inputs.arguments(example, out: first), model: model), run(inputs.arguments(example, out: second), model: model)) {
            case let (.success(a), .success(b)): (result, again) = (a, b)
            case (.failure(let text), _) where family != .singan && text.hasSuffix(Self.familyRefusal(family)):
                return KitInputs.files(in: first).isEmpty ? [] : ["\(label) was refused but wrote \(KitInputs.files(in: first))"]
            case (.failure(let text), _), (_, .failure(let text)): return ["\(label) failed: \(text)"]
            }
            var failures = result.written.flatMap { writtenFileFailures($0, label: label) }
            let written = Set(result.written.map { String($0.path.dropFirst(first.count + 1)) })
            let present = Set(KitInputs.files(in: first))
            if present != written {
                failures.append("\(label) left \(present.subtracting(written).sorted()) beyond the planned \(written.sorted())")
            }
            for (a, b) in zip(result.written, again.written) {
                let bytes = FileManager.default.contents(atPath: a.path)
                guard bytes == nil || bytes != FileManager.default.contents(atPath: b.path) else { continue }
                failures.append("\(label): \(a.path) differs between two runs with seed \(seed)")
            }
            return failures
        }
    }

    private func writtenFileFailures(_ planned: PlannedImage, label: String) -> [String] {
        guard FileManager.default.fileExists(atPath: planned.path) else { return ["\(label) did not write \(planned.path)"] }
        var failures: [String] = []
        if FileFormatSniffer.format(ofFileAt: planned.path) != planned.format {
            failures.append("\(label): \(planned.path) is not in the format its extension names")
        }
        do {
            let loaded = try ImageFile.load(planned.path)
            if loaded.height != planned.size.height || loaded.width != planned.size.width {
                failures.append("\(label): \(planned.path) is \(loaded.width)×\(loaded.height), planned \(planned.size.width)×\(planned.size.height)")
            }
        } catch {
            failures.append("\(label): \(error)")
        }
        return failures
    }

    private func invalidValueFailures(model: String, inputs: KitInputs) -> [String] {
        guard let base = descriptor.examples.first else { return [] }
        return descriptor.allOptions.flatMap { option in
            option.invalidExamples.compactMap { value in
                expectRefusal(base, extra: ["--\(option.name)=\(value)"], model: model, inputs: inputs,
                              mentioning: [option.name, value.replacingOccurrences(of: "{out}/", with: "")])
            }
        }
    }

    private func injectionFailures(model: String, inputs: KitInputs) throws -> [String] {
        guard let injection = descriptor.injection, let base = descriptor.examples.first else { return [] }
        let count = try Runtime(contentsOf: model, seed: 0).scaleCount
        return [count, count + 5].compactMap {
            expectRefusal(base, extra: ["--\(injection.name)=\($0)"], model: model, inputs: inputs,
                          mentioning: ["\(injection.lowest)–\(count - 1)"])
        }
    }

    private func profileFailures(inputs: KitInputs) throws -> [String] {
        guard let profile = descriptor.profile, profile.name != "default", let base = descriptor.examples.first else { return [] }
        return [expectRefusal(base, extra: [], model: try TinyModel.path(for: .standard, family: family), inputs: inputs,
                              mentioning: [profile.name])].compactMap { $0 }
    }

    private func familyRefusalFailures(model: String, inputs: KitInputs) -> [String] {
        descriptor.examples.prefix(1).compactMap {
            expectRefusal($0, extra: [], model: model, inputs: inputs, mentioning: [Self.familyRefusal(family)])
        }
    }

    private func outputRuleFailures(model: String, inputs: KitInputs) -> [String] {
        guard let base = descriptor.examples.first else { return [] }
        let out = TinyModel.temporaryDirectory("rules") + "/missing/folder"
        let arguments = inputs.arguments(base, out: out)
        guard case .success(let result) = run(arguments, model: model) else {
            return ["example 1 into the missing folder \(out) failed"]
        }
        let before = result.written.map { FileManager.default.contents(atPath: $0.path) }
        var failures: [String] = []
        switch run(arguments, model: model) {
        case .success: failures.append("example 1 run again over its own outputs overwrote them without --force")
        case .failure(let text):
            if !text.contains("--force") || text.contains("\n") { failures.append("an existing output is refused without naming --force: \(text)") }
        }
        if result.written.map({ FileManager.default.contents(atPath: $0.path) }) != before {
            failures.append("a refused run changed the existing outputs")
        }
        if case .failure(let text) = run(arguments + ["--force"], model: model) {
            failures.append("example 1 with --force over its own outputs failed: \(text)")
        }
        return failures
    }

    /// nil when `base + extra` fails with one line containing one of `mentioning` and writes
    /// nothing; otherwise what went wrong.
    private func expectRefusal(_ base: PluginExample, extra: [String], model: String, inputs: KitInputs,
                               mentioning: [String]) -> String? {
        let out = TinyModel.temporaryDirectory("refused")
        let arguments = inputs.arguments(base, out: out) + extra.map { $0.replacingOccurrences(of: "{out}", with: out) }
        let label = extra.isEmpty ? "the wrong profile" : extra.joined(separator: " ")
        guard case .failure(let text) = run(arguments, model: model) else { return "\(label) was accepted" }
        if !KitInputs.files(in: out).isEmpty { return "\(label) failed but wrote \(KitInputs.files(in: out))" }
        if text.isEmpty || text.contains("\n") { return "\(label) failed without a one-line message: \(text)" }
        if !mentioning.contains(where: { text.contains($0) }) { return "\(label): the message does not say which value is wrong: \(text)" }
        return nil
    }
}
