import Foundation
import PluginTestKit
import SinGANModel

/// One plugin's subcommand run through the real binary in a fresh directory, on the kit's tiny
/// model of the profile the plugin needs.
struct PluginCommandFixture {
    let nickname: String
    let model: String
    let dir = CommandRunner.temporaryDirectory()

    init(_ nickname: String, profile: TrainingProfile) throws {
        self.nickname = nickname
        model = try TinyModel.path(for: profile)
    }

    /// `singan-edit NICKNAME --model MODEL arguments…` in `dir` (`model` replaces the tiny model).
    func run(_ arguments: [String], model: String? = nil) throws -> CommandRunner.Output {
        try CommandRunner.run([nickname, "--model", model ?? self.model] + arguments, in: dir)
    }

    /// The absolute path of `name` in `dir`.
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// The files in `dir`.
    var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() }

    /// Runs `arguments` writing `-o a.EXT`, `b.EXT` with one seed and `c.EXT` with another; true
    /// when a and b are byte-identical and c differs.
    func seedIsDeterministic(_ arguments: [String], fileExtension: String) throws -> Bool {
        let names = ["a", "b", "c"].map { "\($0).\(fileExtension)" }
        for (seed, name) in zip(["3", "3", "4"], names) {
            guard try run(arguments + ["--seed", seed, "-o", name]).status == 0 else { return false }
        }
        let bytes = names.map { FileManager.default.contents(atPath: path($0)) }
        return bytes[0] != nil && bytes[0] == bytes[1] && bytes[0] != bytes[2]
    }
}
