import PluginTestKit
import SinGANModel
import SinGANRuntime
import Testing
@testable import singan_edit

/// Every registered plugin keeps the plugin contract (see `ConformanceKit`).
@Suite struct PluginConformanceTests {
    @Test func theRegistryIsValid() throws {
        let registry = try RegisteredPlugins.registry()
        #expect(registry.nicknames.count == RegisteredPlugins.all.count)
    }

    @Test(arguments: RegisteredPlugins.all.map { $0.descriptor.nickname })
    func everyPluginConforms(_ nickname: String) throws {
        let plugin = try #require(try RegisteredPlugins.registry().plugin(named: nickname))
        let failures = conformanceFailures(plugin)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// The same contract on a tiny ConSinGAN model: every plugin works on it or, where it needs
    /// SinGAN's per-scale generators, refuses it with one line.
    @Test(arguments: RegisteredPlugins.all.map { $0.descriptor.nickname })
    func everyPluginConformsOnConSinGAN(_ nickname: String) throws {
        let plugin = try #require(try RegisteredPlugins.registry().plugin(named: nickname))
        let failures = conformanceFailures(plugin, family: .consingan)
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    private func conformanceFailures<Plugin: EditPlugin>(_ plugin: Plugin.Type, family: ModelFamily = .singan) -> [String] {
        ConformanceKit<Plugin>(family: family).failures()
    }
}
