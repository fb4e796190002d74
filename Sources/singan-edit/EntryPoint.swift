import ArgumentParser
import Foundation

extension SinganEdit {
    /// Checks the plugin registry, routes the command line and turns every failure into one
    /// `error: …` line on stderr with a non-zero exit status. Help and version go to stdout.
    static func main() {
        let arguments = CommandRouting.joiningNegativeValues(Array(CommandLine.arguments.dropFirst()))
        do {
            let registry = try RegisteredPlugins.registry()
            let names = RegisteredPlugins.builtInCommands.map { $0._commandName } + registry.nicknames
            if let unknown = CommandRouting.unknownCommand(in: arguments, known: names + ["help"]) {
                throw CommandFailure("unknown command '\(unknown)'; the commands are \(names.joined(separator: ", ")) "
                                     + "(see 'singan-edit list' for the plugins)")
            }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let message = Self.message(for: error)
            guard exitCode(for: error) != .success, !message.isEmpty else { Self.exit(withError: error) }
            let hint = CommandRouting.helpHint(for: arguments, known: RegisteredPlugins.builtInCommands.map { $0._commandName }
                                               + RegisteredPlugins.all.map { $0.descriptor.nickname })
            FileHandle.standardError.write(Data("error: \(CommandRouting.oneLine(message))\(hint)\n".utf8))
            Foundation.exit(exitCode(for: error).rawValue)
        }
    }
}

/// Command-line routing helpers.
enum CommandRouting {
    /// The command name in `arguments` (first word, or the word after `help`) when it is unknown.
    static func unknownCommand(in arguments: [String], known: [String]) -> String? {
        guard var name = arguments.first, !name.hasPrefix("-") else { return nil }
        if name == "help" {
            guard arguments.count > 1, !arguments[1].hasPrefix("-") else { return nil }
            name = arguments[1]
        }
        return known.contains(name) ? nil : name
    }

    /// `--count -1` → `--count=-1`: a negative number after a long option is that option's value,
    /// so it reaches the option's own range check ("--count must be at least 1 (got -1)") instead of
    /// being read as an unknown option and leaving "--count" without a value.
    static func joiningNegativeValues(_ arguments: [String]) -> [String] {
        var joined: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word.hasPrefix("--"), word.count > 2, !word.contains("="), index + 1 < arguments.count,
               isNegativeNumber(arguments[index + 1]) {
                joined.append(word + "=" + arguments[index + 1])
                index += 2
            } else {
                joined.append(word)
                index += 1
            }
        }
        return joined
    }

    /// "-1", "-0.5", "-.5", "-2e3".
    static func isNegativeNumber(_ word: String) -> Bool {
        guard word.count > 1, word.hasPrefix("-"), let next = word.dropFirst().first,
              next.isNumber || next == "." else { return false }
        return Double(word) != nil
    }

    /// " (see 'singan-edit NAME --help')" for a known subcommand (" (see 'singan-edit NAME SUB
    /// --help')" for one of its own subcommands, as `batch train`), else "".
    static func helpHint(for arguments: [String], known: [String]) -> String {
        guard let name = arguments.first, known.contains(name) else { return "" }
        if arguments.count > 1, let command = SinganEdit.configuration.subcommands.first(where: { $0._commandName == name }),
           command.configuration.subcommands.contains(where: { $0._commandName == arguments[1] }) {
            return " (see 'singan-edit \(name) \(arguments[1]) --help')"
        }
        return " (see 'singan-edit \(name) --help')"
    }

    /// `message` on one line without a final full stop (a hint may follow), starting lower-case
    /// like every other error of the tool.
    static func oneLine(_ message: String) -> String {
        var joined = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        if joined.hasSuffix(".") && !joined.hasSuffix("..") { joined.removeLast() }
        guard let first = joined.first, first.isUppercase,
              joined.dropFirst().first.map({ !$0.isUppercase }) ?? true else { return joined }
        return first.lowercased() + joined.dropFirst()
    }
}
