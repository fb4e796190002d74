import ArgumentParser
import PluginTestKit
import SinGANModel
import SinGANTensor
import Testing
@testable import SinGANRuntime

/// A plugin that breaks the contract: it accepts a count it says is invalid, and its output
/// does not depend on the seed alone.
enum CarelessPlugin: EditPlugin {
    struct Options: PluginOptions {
        @Option var count = 1
        @Option(name: .short) var output: String
        var injectionScale: Int? { nil }
    }

    static let descriptor = PluginDescriptor(
        nickname: "careless", summary: "Breaks the rules.", discussion: "For the kit's own test.",
        options: [OptionInfo(name: "count", summary: "Ignored.", defaultValue: "1", invalidExamples: ["0"])],
        examples: [PluginExample(["-o", "{out}/x.png"])])

    static func plan(_ options: Options, runtime: Runtime) throws -> OutputPlan {
        OutputPlan([PlannedImage(path: options.output, size: ImageSize(height: 4, width: 4))])
    }

    static func run(_ options: Options, plan: OutputPlan, runtime: Runtime, output: OutputWriter) throws -> [String] {
        try output.save(Tensor(shape: [1, 3, 4, 4], scalars: (0..<48).map { _ in Float.random(in: 0...1) }), to: options.output)
        return []
    }
}

@Suite struct ConformanceKitTests {
    @Test func theKitCatchesABrokenPlugin() {
        let failures = ConformanceKit<CarelessPlugin>().failures()
        #expect(failures.contains { $0.hasPrefix("careless: --count=0 was accepted") }, "\(failures)")
        #expect(failures.contains { $0.contains("differs between two runs with seed 7") }, "\(failures)")
    }
}
