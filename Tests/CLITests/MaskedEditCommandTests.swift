import Foundation
import PluginTestKit
import SinGANImaging
import SinGANTensor
import Testing

/// `singan-edit edit` and `harmonize` through the real binary, on the kit's tiny model (42×34,
/// 4 scales).
@Suite struct MaskedEditCommandTests {
    @Test(arguments: ["edit", "harmonize"])
    func anyInputSizeGivesTheTrainingSize(_ command: String) throws {
        let work = try InjectionWorkspace()
        try work.write(InjectionWorkspace.doubled(TinyModel.picture()), "in.png")
        try work.write(InjectionWorkspace.doubled(TinyModel.mask()), "mask.png")
        let result = try work.run(command, ["in.png", "--mask", "mask.png", "--raw", "-o", "out/r.png"])
        #expect(result.status == 0 && result.stdout.isEmpty, "\(result.stderr)")
        #expect(result.stderr == "in.png is 84×68; resized to the model's 42×34\n")
        #expect(try work.load("out/r.png").shape == [1, 3, 34, 42] && work.load("out/r-raw.png").shape == [1, 3, 34, 42])
    }

    @Test(arguments: [("edit", MaskDilation.Purpose.editing, 0..<1), ("harmonize", .harmonization, 0..<4)])
    func pixelsWhereTheBlurredMaskIsZeroAreUnchanged(_ command: String, _ purpose: MaskDilation.Purpose, _ corner: Range<Int>) throws {
        let work = try InjectionWorkspace()
        let mask = InjectionWorkspace.mask(rows: corner, columns: corner)
        try work.write(TinyModel.picture(), "in.png")
        try work.write(mask, "mask.png")
        let result = try work.run(command, ["in.png", "--mask", "mask.png", "--start-scale", "2", "--raw", "-o", "out.png"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let (input, output, raw) = (try work.load("in.png"), try work.load("out.png"), try work.load("out-raw.png"))
        let m = try MaskDilation.dilateAndBlur(mask: mask, for: purpose).scalars
        let kept = m.indices.filter { m[$0] == 0 }
        #expect(!kept.isEmpty)
        #expect(kept.allSatisfy { output.scalars[$0] == input.scalars[$0] })
        let replaced = m.indices.filter { m[$0] == 1 }
        #expect(!replaced.isEmpty && replaced.allSatisfy { output.scalars[$0] == raw.scalars[$0] })
        #expect(replaced.contains { output.scalars[$0] != input.scalars[$0] })
    }

    @Test func aFixedSeedGivesByteIdenticalFiles() throws {
        let work = try InjectionWorkspace()
        try work.write(TinyModel.picture(), "in.png")
        try work.write(TinyModel.mask(), "mask.png")
        for (seed, out) in [("5", "a.png"), ("5", "b.png"), ("6", "c.png")] {
            #expect(try work.run("edit", ["in.png", "-m", "mask.png", "--seed", seed, "--raw", "-o", out]).status == 0)
        }
        #expect(work.bytes("a.png") != nil && work.bytes("a.png") == work.bytes("b.png"))
        #expect(work.bytes("a-raw.png") == work.bytes("b-raw.png") && work.bytes("a-raw.png") != work.bytes("c-raw.png"))
    }

    @Test(arguments: ["edit", "harmonize"])
    func badInputsFailWithOneLineAndWriteNothing(_ command: String) throws {
        let work = try InjectionWorkspace()
        try work.write(TinyModel.picture(), "in.png")
        try work.write(TinyModel.mask(), "mask.png")
        try work.write(Tensor(repeating: 0, shape: [1, 3, 34, 42]), "black.png")
        try work.write(Tensor(repeating: 1, shape: [1, 3, 30, 42]), "short.png")
        try "not a picture".write(toFile: work.path("text.png"), atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["missing.png", "--mask", "mask.png"], "error: no such file: missing.png"),
            (["in.png", "--mask", "gone.png"], "error: no such file: gone.png"),
            (["in.png", "--mask", "text.png"], "error: not a readable image: text.png"),
            (["in.png", "--mask", "short.png"], "error: the mask short.png is 42×30, but in.png is 42×34; give a mask of the same size"),
            (["in.png", "--mask", "black.png"], "error: the mask black.png is empty (no pixel above black at the model's size 42×34)"),
            (["in.png", "--mask", "mask.png", "--start-scale", "0"], "error: --start-scale 0 is outside 1–3"),
            (["in.png", "--mask", "mask.png", "--start-scale", "4"], "error: --start-scale 4 is outside 1–3"),
            (["in.png", "--mask", "mask.png", "--raw", "-o", "out.bmp"], "error: cannot write out.bmp"),
        ]
        for (arguments, message) in cases {
            let full = arguments.contains("-o") ? arguments : arguments + ["--raw", "-o", "out/e.png"]
            let result = try work.run(command, full)
            #expect(result.status != 0 && result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.hasPrefix(message) && result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        }
        #expect(work.files() == ["black.png", "in.png", "mask.png", "short.png", "text.png"])
    }
}
