import Foundation
import PluginTestKit
import SinGANImaging
import Testing
@testable import TemplatePlugin

/// The copyable template plugin keeps the plugin contract and does what its help says.
@Suite struct TemplatePluginTests {
    @Test func theTemplateConforms() {
        let failures = ConformanceKit<TemplatePlugin>().failures()
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func itWritesOneSampleAtTheAskedSize() throws {
        let out = TinyModel.temporaryDirectory("template")
        let kit = ConformanceKit<TemplatePlugin>()
        guard case .success(let result) = kit.run(["--size", "50x20", "-o", out + "/s.png"], model: try TinyModel.path()) else {
            Issue.record("the template failed")
            return
        }
        #expect(result.written.map(\.path) == [out + "/s.png"])
        let image = try ImageFile.load(out + "/s.png")
        #expect(image.width == 50 && image.height == 20)
        guard case .failure(let message) = kit.run(["--size", "50x20", "--start-scale", "1", "-o", out + "/t.png"],
                                                   model: try TinyModel.path()) else {
            Issue.record("--size with --start-scale 1 was accepted")
            return
        }
        #expect(message.contains("--size 50x20"))
    }
}
