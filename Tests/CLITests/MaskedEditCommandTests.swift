import Foundation
import PluginTestKit
import SinGANImaging
import SinGANTensor
import Testing

/// `singan-edit edit` and `harmonize` through the real binary, on the kit's tiny model (42×34,
/// 4 scales).
@Suite struct MaskedEditCommandTests {
    @Test(arguments: ["edit", "harmonize"])
    func aLargerPhotoComesBackAtItsOwnSizeChangedOnlyNearTheMask(_ command: String) throws {
        let work = try InjectionWorkspace()
        try work.write(InjectionWorkspace.doubled(TinyModel.picture()), "in.png")
        // A mask over the model's rows 4..<10, columns 4..<12 (twice that in the photo).
        try work.write(InjectionWorkspace.doubled(InjectionWorkspace.mask(rows: 4..<10, columns: 4..<12)), "mask.png")
        let result = try work.run(command, ["in.png", "--mask", "mask.png", "--raw", "-o", "out/r.png"])
        #expect(result.status == 0 && result.stdout.isEmpty, "\(result.stderr)")
        #expect(result.stderr == "in.png is 84×68; resized to the model's 42×34\n")
        let (input, output) = (try work.load("in.png"), try work.load("out/r.png"))
        #expect(try output.shape == [1, 3, 68, 84] && work.load("out/r-raw.png").shape == [1, 3, 68, 84])
        // The tiny model's mask reaches at most radius 3 + 4σ (σ 0.84) + Lanczos-3's 3 pixels ≈ 10 model
        // pixels beyond the marked box; beyond that, in photo pixels, everything is the photo bit for bit.
        let reach = 2 * (3 + 4 + 3)
        var kept = 0, changed = 0
        for c in 0..<3 { for y in 0..<68 { for x in 0..<84 {
            let i = (c * 68 + y) * 84 + x
            if y >= 20 + reach || x >= 24 + reach {
                kept += 1
                #expect(output.scalars[i] == input.scalars[i], "(\(x), \(y)) changed far from the mask")
            } else if output.scalars[i] != input.scalars[i] {
                changed += 1
            }
        } } }
        #expect(kept > 3 * 68 * 84 / 3 && changed > 3 * 8 * 16 / 2, "kept \(kept), changed \(changed)")
        let small = try work.run(command, ["in.png", "--mask", "mask.png", "--model-size", "-o", "small.png"])
        #expect(try small.status == 0 && work.load("small.png").shape == [1, 3, 34, 42])
    }

    @Test(arguments: [("edit", MaskDilation.Purpose.editing, 0..<1), ("harmonize", .harmonization, 0..<4)])
    func pixelsWhereTheBlurredMaskIsZeroAreUnchanged(_ command: String, _ purpose: MaskDilation.Purpose, _ corner: Range<Int>) throws {
        let work = try InjectionWorkspace()
        let mask = InjectionWorkspace.mask(rows: corner, columns: corner)
        try work.write(TinyModel.picture(), "in.png")
        try work.write(mask, "mask.png")
        let result = try work.run(command, ["in.png", "--mask", "mask.png", "--start-scale", "2", "--raw", "-o", "out.png",
                                            "--mask-dilate", String(purpose.diskRadius), "--mask-blur", "5"])
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

    /// The tiny model is 42 px on its long side, 0.168 of the official 250: the default disk is
    /// round(20 · 0.168) = 3 px for edit (1 px for harmonize) and σ = 5 · 0.168 = 0.84.
    @Test(arguments: [("edit", 3), ("harmonize", 1)])
    func theMaskGrowsWithTheModelsSize(_ command: String, _ radius: Int) throws {
        let work = try InjectionWorkspace()
        let mask = InjectionWorkspace.mask(rows: 12..<20, columns: 16..<24)
        try work.write(TinyModel.picture(), "in.png")
        try work.write(mask, "mask.png")
        let arguments = ["in.png", "--mask", "mask.png", "--start-scale", "1"]
        #expect(try work.run(command, arguments + ["-o", "scaled.png"]).status == 0)
        #expect(try work.run(command, arguments + ["--mask-dilate", "\(radius)", "--mask-blur", "0.84", "-o", "explicit.png"]).status == 0)
        #expect(work.bytes("scaled.png") == work.bytes("explicit.png"))
        let official = try work.run(command, arguments + ["--mask-dilate", command == "edit" ? "20" : "7", "--mask-blur", "5", "-o", "official.png"])
        #expect(official.status == 0)
        let input = try work.load("in.png").scalars
        func changed(_ name: String) throws -> Int {
            let output = try work.load(name).scalars
            let plane = 34 * 42
            var count = 0
            for i in 0..<plane where output[i] != input[i] || output[plane + i] != input[plane + i]
                || output[2 * plane + i] != input[2 * plane + i] {
                count += 1
            }
            return count
        }
        let m = try MaskDilation.dilateAndBlur(mask: mask, radius: radius, sigma: 0.84).scalars
        let reach = m.prefix(34 * 42).filter { $0 > 0 }.count
        #expect(try changed("scaled.png") <= reach && reach < 34 * 42 / 2, "only the mask's neighbourhood changes")
        #expect(try changed("official.png") > 2 * changed("scaled.png"), "the official 250-px values reach much further")
        for (option, value, message) in [("--mask-dilate", "201", "--mask-dilate must be 0–200 (got 201)"),
                                         ("--mask-blur", "0", "--mask-blur must be 0.1–50.0 (got 0.0)")] {
            let refused = try work.run(command, arguments + [option, value, "-o", "bad.png"])
            #expect(refused.status == 64 && refused.stderr.hasPrefix("error: " + message), "\(refused.stderr)")
        }
    }
}
