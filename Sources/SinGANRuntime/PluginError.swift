/// Failures of the plugin machinery itself, each one line.
public enum PluginError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model was trained with another profile than the plugin needs.
    case wrongProfile(model: String, has: String, plugin: String, needs: String)
    /// Two registered plugins share a nickname, or one takes a built-in command's name.
    case duplicateNickname(String)
    /// A nickname is not lower-case letters, digits and dashes.
    case invalidNickname(String)

    public var description: String {
        switch self {
        case let .wrongProfile(model, has, plugin, needs):
            "\(model) was trained with the '\(has)' profile, but \(plugin) needs one trained with "
                + "'singan-edit train IMAGE -o MODEL --profile \(needs)'"
        case .duplicateNickname(let name):
            "more than one command is named '\(name)'; give each plugin a unique nickname"
        case .invalidNickname(let name):
            "plugin nickname '\(name)' must be lower-case letters, digits and dashes"
        }
    }
}
