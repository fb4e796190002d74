import ArgumentParser
import Foundation
import PluginTestKit
import SinGANImaging
import SinGANModel
import SinGANTensor
import Testing
@testable import SinGANRuntime

/// A do-nothing plugin for registry tests.
enum FakePlugin: EditPlugin {
    struct Options: PluginOptions {
        var injectionScale: Int? { nil }
    }
    static let descriptor = PluginDescriptor(nickname: "fake", summary: "Nothing.", discussion: "Nothing at all.",
                                             options: [], examples: [])
    static func plan(_ options: Options, runtime: Runtime) throws -> OutputPlan { OutputPlan([]) }
    static func run(_ options: Options, plan: OutputPlan, runtime: Runtime, output: OutputWriter) throws -> [String] { [] }
}

/// Another plugin that claims the same nickname.
enum FakeTwin: EditPlugin {
    static let descriptor = PluginDescriptor(nickname: "fake", summary: "Twin.", discussion: "Twin.", options: [], examples: [])
    static func plan(_ options: FakePlugin.Options, runtime: Runtime) throws -> OutputPlan { OutputPlan([]) }
    static func run(_ options: FakePlugin.Options, plan: OutputPlan, runtime: Runtime, output: OutputWriter) throws -> [String] { [] }
}

@Suite struct PluginMachineryTests {
    @Test func registryRefusesDuplicateAndReservedNicknames() throws {
        #expect(throws: PluginError.duplicateNickname("fake")) { try PluginRegistry([FakePlugin.self, FakeTwin.self], reservedNames: []) }
        #expect(throws: PluginError.duplicateNickname("fake")) { try PluginRegistry([FakePlugin.self], reservedNames: ["fake"]) }
        let registry = try PluginRegistry([FakePlugin.self], reservedNames: ["train"])
        #expect(registry.nicknames == ["fake"])
        #expect(registry.listing == "fake  Nothing.")
        #expect(registry.plugin(named: "fake") != nil && registry.plugin(named: "other") == nil)
    }

    @Test func optionSpecsCheckTheirRangeInOneLine() throws {
        let count = OptionSpec("count", "Number of samples.", default: 50, range: 1...10_000)
        #expect(count.info.invalidExamples == ["0", "10001"])
        #expect(count.help.abstract == "Number of samples (1–10000).")
        #expect(throws: Never.self) { try count.check(10_000) }
        #expect(throws: ValidationError.self) { try count.check(0) }
        let scale = OptionSpec("scale-h", "Width.", default: 1.0, range: 0.25...4)
        #expect(scale.info.invalidExamples == ["0.225", "4.4"])
        do { try scale.check(5) } catch { #expect("\(error)" == "--scale-h must be 0.25–4.0 (got 5.0)") }
    }

    @Test func injectionScaleNamesTheModelsRange() {
        let scale = InjectionScale(summary: "Where to inject.", default: 1, lowest: 1)
        #expect(scale.range(scaleCount: 5) == 1...4)
        #expect(scale.range(scaleCount: 1) == nil)
        do {
            try scale.check(7, scaleCount: 5, modelPath: "m.sgn")
            Issue.record("accepted scale 7")
        } catch {
            #expect("\(error)" == "--start-scale 7 is outside 1–4, the valid scales of m.sgn (0 is the coarsest, 4 the finest)")
        }
    }

    @Test func pixelDimensionsParseWidthByHeight() {
        #expect(PixelDimensions(argument: "400x250")?.size == ImageSize(height: 250, width: 400))
        #expect(PixelDimensions(argument: "400×250") == PixelDimensions(width: 400, height: 250))
        for bad in ["400", "0x10", "axb", "10x", "-3x4", "1x2x3"] { #expect(PixelDimensions(argument: bad) == nil, "\(bad)") }
    }

    @Test func outputWriterCommitsAllOrNothing() throws {
        let directory = TinyModel.temporaryDirectory("writer")
        let image = Tensor(repeating: 0.5, shape: [1, 3, 4, 6])
        let planned = [PlannedImage(path: directory + "/a/b/one.png", size: ImageSize(height: 4, width: 6)),
                       PlannedImage(path: directory + "/two.jpg", size: ImageSize(height: 4, width: 6))]
        do {
            let writer = try OutputWriter(plan: OutputPlan(planned))
            try writer.save(image, to: planned[0].path)
            #expect(throws: OutputError.unplanned(path: directory + "/three.png")) { try writer.save(image, to: directory + "/three.png") }
            #expect(throws: OutputError.self) { try writer.save(Tensor.zeros([1, 3, 2, 2]), to: planned[1].path) }
            #expect(throws: OutputError.notWritten([planned[1].path])) { try writer.commit() }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty, "a failed run leaves nothing")
        let writer = try OutputWriter(plan: OutputPlan(planned))
        for file in planned { try writer.save(image, to: file.path) }
        try writer.commit()
        #expect(try ImageFile.load(planned[0].path).width == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["a", "two.jpg"])
    }

    @Test func outputWriterRefusesBadPlansUpFront() throws {
        let directory = TinyModel.temporaryDirectory("writer")
        let size = ImageSize(height: 2, width: 2)
        #expect(throws: OutputError.unsupportedFormat(path: directory + "/x.bmp")) {
            try OutputWriter(plan: OutputPlan([PlannedImage(path: directory + "/x.bmp", size: size)]))
        }
        #expect(throws: OutputError.duplicatePath(directory + "/x.png")) {
            try OutputWriter(plan: OutputPlan([PlannedImage(path: directory + "/x.png", size: size),
                                               PlannedImage(path: directory + "/x.png", size: size)]))
        }
        _ = FileManager.default.createFile(atPath: directory + "/file", contents: Data([1]))
        #expect(throws: OutputError.parentNotDirectory(path: directory + "/file/x.png", parent: directory + "/file")) {
            try OutputWriter(plan: OutputPlan([PlannedImage(path: directory + "/file/x.png", size: size)]))
        }
    }

    @Test func outputWriterRefusesExistingFilesUnlessOverwriting() throws {
        let directory = TinyModel.temporaryDirectory("writer")
        let size = ImageSize(height: 2, width: 3)
        let planned = [PlannedImage(path: directory + "/a.png", size: size), PlannedImage(path: directory + "/b.png", size: size)]
        _ = FileManager.default.createFile(atPath: planned[1].path, contents: Data([7]))
        #expect(throws: OutputError.exists(path: planned[1].path, others: 0)) { try OutputWriter(plan: OutputPlan(planned)) }
        let writer = try OutputWriter(plan: OutputPlan(planned), overwrite: true)
        for file in planned { try writer.save(Tensor(repeating: 1, shape: [1, 3, 2, 3]), to: file.path) }
        try writer.commit()
        #expect(try ImageFile.load(planned[1].path).width == 3)
        #expect(throws: OutputError.exists(path: planned[0].path, others: 1)) { try OutputWriter(plan: OutputPlan(planned)) }
    }

    @Test func theAspectNoticeIgnoresWholePixelRounding() {
        let model = ImageSize(height: 43, width: 64)
        #expect(!Runtime.aspectDiffers(ImageSize(height: 300, width: 451), model), "1 % off, explained by rounding 42.6 to 43")
        #expect(!Runtime.aspectDiffers(ImageSize(height: 3000, width: 4500), model))
        #expect(Runtime.aspectDiffers(ImageSize(height: 300, width: 400), model))
        #expect(Runtime.aspectDiffers(ImageSize(height: 1000, width: 1000), ImageSize(height: 247, width: 250)))
    }
}
