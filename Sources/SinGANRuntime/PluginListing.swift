import Foundation

/// What `list --json` prints for one plugin: its descriptor as data (name, summary, options with
/// their defaults and allowed values, the start-scale option, the profile it needs, examples).
public struct PluginListing: Encodable, Sendable {
    /// One option of the plugin.
    public struct Option: Encodable, Sendable {
        public let name: String
        public let summary: String
        public let defaultValue: String?
        public let allowed: String?
    }

    public let name: String
    public let summary: String
    public let options: [Option]
    /// The start-scale option's default and lowest value, when the plugin has one.
    public let startScale: [String: Int]?
    /// The training profile a model needs, when the plugin needs one.
    public let profile: String?
    /// Typical command lines.
    public let examples: [String]

    public init(_ descriptor: PluginDescriptor) {
        name = descriptor.nickname
        summary = descriptor.summary
        options = descriptor.allOptions.map {
            Option(name: $0.name, summary: $0.summary, defaultValue: $0.defaultValue, allowed: $0.allowed)
        }
        startScale = descriptor.injection.map { ["default": $0.defaultScale, "lowest": $0.lowest] }
        profile = descriptor.profile?.name
        examples = descriptor.examples.map { $0.commandLine(nickname: descriptor.nickname) }
    }

    /// Every plugin of `registry` as a pretty-printed JSON array with sorted keys.
    public static func json(_ registry: PluginRegistry) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let listings = registry.plugins.map { PluginListing($0.descriptor) }
        return String(decoding: try encoder.encode(listings), as: UTF8.self) + "\n"
    }
}
