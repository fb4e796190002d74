import Foundation
import SinGANRuntime

/// A plugin's panel in the page and the check of what the API receives for it, built from the
/// plugin's `PluginDescriptor` (summaries, defaults, allowed values, start scale) and from its
/// command line (`PluginInvocation<P>._dumpHelp()`: which arguments are images, flags, values),
/// so a plugin added to the catalog gets a panel with no web code.
struct PluginForm: Encodable, Sendable {
    struct Field: Encodable, Sendable {
        enum Kind: String, Encodable, Sendable {
            /// An uploaded picture (a positional input, or an option such as `--mask`).
            case image
            /// A checkbox (`--raw`).
            case flag
            /// A number or text (`--count 3`, `--size 60x30`).
            case value
            /// One of `choices` (`--walk official`).
            case choice
            /// The injection scale, from the plugin's lowest to the model's finest scale.
            case startScale
            /// A checkbox for an extra output file the studio names (`--sheet`).
            case extraOutput
        }
        let name: String
        let kind: Kind
        let summary: String
        let defaultValue: String?
        let allowed: String?
        let minimum: Double?
        let maximum: Double?
        let choices: [String]?
        let required: Bool
        /// Given in order, without an option name (`paint2img CLIPART`).
        let positional: Bool
    }

    let name: String
    let summary: String
    let discussion: String
    let profile: String?
    let examples: [String]
    let fields: [Field]
    /// The result formats the plugin writes (first is the default); empty when it writes a folder.
    let outputFormats: [String]

    /// The options the studio sets itself, never the client.
    static let serverOptions: Set<String> = ["model", "output", "force", "threads", "help", "version"]

    init<Plugin: EditPlugin>(_ plugin: Plugin.Type) {
        let descriptor = Plugin.descriptor
        let arguments = (try? JSONDecoder().decode(DumpedHelp.self, from: Data(PluginInvocation<Plugin>._dumpHelp().utf8)))?
            .command.arguments ?? []
        let infos = Dictionary(descriptor.allOptions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        name = descriptor.nickname
        summary = descriptor.summary
        discussion = descriptor.discussion
        profile = descriptor.profile?.name
        examples = descriptor.examples.map { $0.commandLine(nickname: descriptor.nickname) }
        fields = arguments.compactMap { Self.field($0, info: infos[$0.name], injection: descriptor.injection) }
        let outputValue = arguments.first { $0.name == "output" }?.valueName ?? "out.png"
        outputFormats = outputValue.contains("dir") ? []
            : outputValue.split(separator: "|").compactMap { $0.split(separator: ".").last.map(String.init) }
    }

    private static func field(_ argument: DumpedHelp.Argument, info: OptionInfo?, injection: InjectionScale?) -> Field? {
        let name = argument.name
        guard !serverOptions.contains(name) else { return nil }
        let summary = info?.summary ?? argument.abstract ?? ""
        let defaultValue = info?.defaultValue ?? argument.defaultValue
        let kind: Field.Kind
        if argument.kind == "positional" || (argument.valueName.map(Self.namesImage) ?? false) && name != "sheet" {
            kind = .image
        } else if name == "sheet" {
            kind = .extraOutput
        } else if argument.kind == "flag" {
            kind = .flag
        } else if name == injection?.name {
            kind = .startScale
        } else if argument.allValues?.isEmpty == false {
            kind = .choice
        } else {
            kind = .value
        }
        let bounds = info?.allowed.flatMap(Self.bounds)
        return Field(name: name, kind: kind, summary: summary, defaultValue: kind == .flag ? nil : defaultValue,
                     allowed: info?.allowed, minimum: kind == .startScale ? Double(injection?.lowest ?? 0) : bounds?.0,
                     maximum: bounds?.1, choices: argument.allValues,
                     required: kind == .image && !argument.isOptional, positional: argument.kind == "positional")
    }

    /// "mask.png" names an image file.
    private static func namesImage(_ valueName: String) -> Bool {
        ["png", "jpg", "jpeg", "webp", "tif", "tiff"].contains { valueName.lowercased().hasSuffix("." + $0) }
    }

    /// "1–10000" → (1, 10000).
    private static func bounds(_ allowed: String) -> (Double, Double)? {
        let parts = allowed.split(separator: "–")
        guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]) else { return nil }
        return (low, high)
    }

    /// The command line for this plugin: the client's `values` (only this form's fields; unknown
    /// names are refused), the stored `images` by field name, and an output the studio chose in
    /// `folder`. Values are passed as `--name=value`, so no value can become another option.
    func arguments(model: String, values: [String: String], images: [String: String], folder: URL) throws -> [String] {
        let known = Set(fields.map(\.name)).union(["format"])
        if let unknown = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw StudioError.badRequest("\(name) has no option '\(unknown)'")
        }
        var arguments = [name, "--model", model]
        var options: [String] = []
        for field in fields {
            let value = values[field.name].map { $0.trimmingCharacters(in: .whitespaces) }
            switch field.kind {
            case .image:
                guard let path = images[field.name] else {
                    if field.required { throw StudioError.badRequest("\(name) needs a picture in the field '\(field.name)'") }
                    continue
                }
                if field.positional { arguments.append(path) } else { options.append("--\(field.name)=\(path)") }
            case .flag:
                if let value, Self.isOn(value) { options.append("--\(field.name)") }
            case .extraOutput:
                if let value, Self.isOn(value) { options.append("--\(field.name)=" + folder.appendingPathComponent("\(field.name).png").path) }
            case .value, .choice, .startScale:
                if let value, !value.isEmpty { options.append("--\(field.name)=\(value)") }
            }
        }
        let output: String
        if outputFormats.isEmpty {
            output = folder.appendingPathComponent("images", isDirectory: true).path + "/"
        } else {
            let format = values["format"] ?? outputFormats[0]
            guard outputFormats.contains(format) else {
                throw StudioError.badRequest("format must be one of \(outputFormats.joined(separator: ", ")) (got \(format))")
            }
            output = folder.appendingPathComponent("result.\(format)").path
        }
        return arguments + options + ["--output=\(output)"]
    }

    private static func isOn(_ value: String) -> Bool { ["1", "true", "on", "yes"].contains(value.lowercased()) }
}

/// The part of ArgumentParser's `--experimental-dump-help` JSON the forms need.
private struct DumpedHelp: Decodable {
    struct Command: Decodable { let arguments: [Argument]? }
    struct Argument: Decodable {
        struct Name: Decodable { let name: String }
        let kind: String
        let names: [Name]?
        let preferredName: Name?
        let valueName: String?
        let defaultValue: String?
        let allValues: [String]?
        let isOptional: Bool
        let abstract: String?

        var name: String { preferredName?.name ?? names?.first?.name ?? valueName ?? "" }
    }
    let command: Command
}
