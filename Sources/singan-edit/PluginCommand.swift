import ArgumentParser
import Foundation
import SinGANRuntime

/// The subcommand of one plugin: name, help and options come from the plugin's descriptor and
/// `Options`; running it is `PluginInvocation.execute`.
struct PluginCommand<Plugin: EditPlugin>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Plugin.descriptor.nickname, abstract: Plugin.descriptor.summary,
                             discussion: Plugin.descriptor.helpDiscussion)
    }

    @OptionGroup var invocation: PluginInvocation<Plugin>

    func run() throws {
        try CommandFailure.report {
            let progress = isatty(STDERR_FILENO) != 0 ? Self.showProgress : nil
            let result = try invocation.execute(progress: progress) { message in
                note(progress == nil ? message : "\r\u{1B}[K" + message)
            }
            if progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            for line in result.lines { print(line) }
        }
    }

    /// "wrote k/n images" on one live terminal line.
    private static func showProgress(done: Int, total: Int) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(Plugin.descriptor.nickname): wrote \(done)/\(total) images".utf8))
    }
}
