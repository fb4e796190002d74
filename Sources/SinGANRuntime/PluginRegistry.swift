import Foundation

/// The plugins one build offers, checked when it starts: valid, unique nicknames that do not
/// collide with the built-in commands.
public struct PluginRegistry: Sendable {
    /// The plugins, in the order they are listed.
    public let plugins: [any EditPlugin.Type]

    /// Checks `plugins`; `reservedNames` are the built-in commands (`train`, `list`, `help`, …).
    public init(_ plugins: [any EditPlugin.Type], reservedNames: [String]) throws(PluginError) {
        var taken = Set(reservedNames)
        for plugin in plugins {
            let name = plugin.descriptor.nickname
            guard !name.isEmpty, name.first!.isLetter,
                  name.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) else {
                throw .invalidNickname(name)
            }
            guard taken.insert(name).inserted else { throw .duplicateNickname(name) }
        }
        self.plugins = plugins
    }

    /// The nicknames, in order.
    public var nicknames: [String] { plugins.map { $0.descriptor.nickname } }

    /// The plugin called `nickname`, if any.
    public func plugin(named nickname: String) -> (any EditPlugin.Type)? {
        plugins.first { $0.descriptor.nickname == nickname }
    }

    /// One line per plugin, nickname and summary in aligned columns (`singan-edit list`).
    public var listing: String {
        let width = (nicknames.map(\.count).max() ?? 0) + 2
        return plugins.map {
            $0.descriptor.nickname.padding(toLength: width, withPad: " ", startingAt: 0) + $0.descriptor.summary
        }.joined(separator: "\n")
    }
}
