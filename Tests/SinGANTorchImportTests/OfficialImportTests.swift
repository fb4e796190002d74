import Foundation
import SinGANModel
import SinGANTensor
@testable import SinGANTorchImport
import Testing

/// Importing the official models of Tests/OfficialFixtures.
struct OfficialImportTests {
    @Test func bothFileFormatsGiveTheSameModel() throws {
        let fromZip = try OfficialModelFolder.read(OfficialFixtures.tinyModel("zip"))
        let legacy = try OfficialModelFolder.read(OfficialFixtures.tinyModel("legacy"))
        #expect(fromZip.format == .zip && legacy.format == .legacy)
        #expect(fromZip.pyramid.isComplete && fromZip.pyramid.scales.count == 5)
        #expect(fromZip.notices.isEmpty)
        for (a, b) in zip(fromZip.pyramid.scales, legacy.pyramid.scales) {
            #expect(a.real == b.real)
            #expect(a.reconstructionNoise == b.reconstructionNoise)
            #expect(a.noiseAmplitude == b.noiseAmplitude)
            for (p, q) in zip(a.generator.parameters, b.generator.parameters) { #expect(p.value == q.value) }
            #expect(a.generator.buffers == b.generator.buffers)
        }
        // Channels, sizes and amplitudes come from the files: nfc 8, 5 levels, σ₀ = 1.
        #expect(fromZip.pyramid.scales.map(\.generator.width) == [8, 8, 8, 8, 16])
        #expect(fromZip.pyramid.geometry.levelSizes.last == ImageSize(height: 50, width: 66))
        #expect(fromZip.pyramid.scales[0].noiseAmplitude == 1)
        #expect(fromZip.pyramid.scales[1...].allSatisfy { $0.noiseAmplitude > 0 && $0.noiseAmplitude < 1 })
        #expect(fromZip.pyramid.profile == .standard)
    }

    @Test func theRecipeComesFromTheFolderName() throws {
        let sr = try OfficialModelFolder.read(OfficialFixtures.srModel)
        #expect(sr.variant.recipe == .superResolution && sr.pyramid.profile == .superResolution)
        #expect(sr.pyramid.config.alpha == 100)
        let animation = try OfficialModelFolder.read(OfficialFixtures.animationModel)
        #expect(animation.variant.recipe == .animation && animation.pyramid.profile.noiseLayout == .drawnPadded)
        let paint = OfficialVariant(folder: "/m/TrainedModels/x/scale_factor=0.750000_paint/start_scale=3")
        #expect(paint.recipe == .quantizedPaint && paint.paintScale == 3)
        #expect(!OfficialVariant(folder: "/m/my-model").recognised)
    }

    @Test func anInterruptedTrainingImportsTheFinishedScales() throws {
        let model = try OfficialModelFolder.read(OfficialFixtures.root + "/models/partial/tiny/scale_factor=0.750000,alpha=10")
        #expect(model.pyramid.scales.count == 2 && model.pyramid.scaleCount == 5 && !model.pyramid.isComplete)
        #expect(model.notices.contains { $0.contains("stopped after 2 of 5 scales") })
    }

    @Test func aFolderWithoutTheModelFilesIsRefusedWithItsName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: TorchImportError.folder("\(folder) has no Gs.pth; an official model folder holds Gs.pth, Zs.pth, NoiseAmp.pth, reals.pth")) {
            try OfficialModelFolder.read(folder)
        }
    }
}
