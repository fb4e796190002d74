import AnimatePlugin
import MaskedEditPlugin
import Paint2ImagePlugin
import SamplePlugin
import SinGANRuntime
import SuperResolvePlugin

/// Every plugin this build offers, listed once for both front ends: the command line makes one
/// subcommand of each, the studio (`singan-edit serve`) one panel. To add a plugin, add its target
/// to this target's dependencies in Package.swift, import it here and append it
/// (see Docs/writing-a-plugin.md).
public enum PluginCatalog {
    /// The plugins, in the order `list`, `--help` and the studio show them.
    public static let all: [any EditPlugin.Type] = [
        SamplePlugin.self,
        Paint2ImagePlugin.self,
        MaskedEditPlugin<Editing>.self,
        MaskedEditPlugin<Harmonization>.self,
        SuperResolvePlugin.self,
        AnimatePlugin.self,
    ]

    /// The checked registry: unique, valid nicknames, none of them in `reservedNames` (the
    /// command line's built-in commands).
    public static func registry(reservedNames: [String]) throws -> PluginRegistry {
        try PluginRegistry(all, reservedNames: reservedNames)
    }
}
