import Foundation
import PluginTestKit
import Testing

/// A 24-megapixel picture and mask given to `edit` are reduced while libvips decodes them, so the
/// command stays within bounded memory, and the mask-size check still compares the files' sizes.
@Suite struct HugeInputTests {
    @Test func aHugePictureAndMaskAreReducedWhileLoading() throws {
        let work = try InjectionWorkspace()
        try work.write(TinyModel.picture(), "small.png")
        try work.write(InjectionWorkspace.mask(rows: 10..<20, columns: 10..<20), "small-mask.png")
        // 42×34 zoomed 143×118 times: 6006×4012, 24.1 megapixels.
        try VipsTool.run(["zoom", "small.png", "huge.jpg", "143", "118"], in: work.dir)
        try VipsTool.run(["zoom", "small-mask.png", "huge-mask.png", "143", "118"], in: work.dir)
        let run = try PeakMemoryRunner.run(["edit", "--model", work.model, "huge.jpg", "--mask", "huge-mask.png",
                                            "-o", "out.png"], in: work.dir)
        #expect(run.output.status == 0, "\(run.output.stderr)")
        #expect(run.output.stderr.hasPrefix("huge.jpg is 6006×4012; reduced to 84×56 while loading, then resized"),
                "\(run.output.stderr)")
        // At full size the float picture alone is 6006·4012·3·4 B = 289 MB, and the mask as much again.
        #expect(run.peakBytes < 300_000_000, "peak \(run.peakBytes / 1_000_000) MB")
        #expect(try work.load("out.png").shape == [1, 3, 34, 42])
        #expect(run.output.stderr.contains("huge.jpg has more than 12.6 megapixels; the result is written at the model's size 42×34"))

        // A mask one pixel narrower is still refused: the check uses the files' own sizes.
        try VipsTool.run(["crop", "huge-mask.png", "narrow-mask.png", "0", "0", "6005", "4012"], in: work.dir)
        let refused = try work.run("edit", ["huge.jpg", "--mask", "narrow-mask.png", "-o", "refused.png"])
        #expect(refused.status != 0 && refused.stderr.hasPrefix("error:"), "\(refused.stderr)")
        #expect(work.bytes("refused.png") == nil)
    }
}
