import Foundation
import PluginTestKit
import SinGANImaging
import SinGANTensor
import Testing

/// The rules every command keeps for its outputs, through the real binary: what `-o` writes, one
/// overwrite rule (`--force`), one missing-folder rule, and `--threads`.
@Suite struct OutputRulesTests {
    @Test func aFileNameWithoutCountWritesExactlyThatFile() throws {
        let work = try InjectionWorkspace()
        let wide = try work.run("sample", ["--scale-h", "1.5", "-o", "wide.png"])
        #expect(wide.status == 0 && wide.stderr.isEmpty, "\(wide.stderr)")
        #expect(work.files() == ["wide.png"])
        let counted = try work.run("sample", ["--count", "3", "-o", "s.jpg"])
        #expect(counted.status == 0)
        #expect(work.files() == ["s-0.jpg", "s-1.jpg", "s-2.jpg", "wide.png"])
        let folder = try work.run("sample", ["-o", "all"])
        #expect(folder.status == 0, "\(folder.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: work.path("all")).sorted()
        #expect(names == (0..<50).map { String(format: "%02d.png", $0) })
    }

    @Test func anExistingOutputIsRefusedUnlessForced() throws {
        let work = try InjectionWorkspace()
        #expect(try work.run("sample", ["--count", "2", "-o", "s.png"]).status == 0)
        let before = work.bytes("s-1.png")
        let again = try work.run("sample", ["--count", "2", "--seed", "9", "-o", "s.png"])
        #expect(again.status == 1)
        #expect(again.stderr == "error: s-0.png and 1 more of the files to write already exist; use --force to overwrite\n")
        #expect(work.bytes("s-1.png") == before)
        let forced = try work.run("sample", ["--count", "2", "--seed", "9", "--force", "-o", "s.png"])
        #expect(forced.status == 0 && work.bytes("s-1.png") != before, "\(forced.stderr)")
        let one = try work.run("sample", ["-o", "s-0.png"])
        #expect(one.stderr == "error: s-0.png already exists; use --force to overwrite\n")
    }

    @Test func missingOutputFoldersAreCreatedByEveryCommand() throws {
        let work = try InjectionWorkspace()
        try CommandRunner.writeTestImage(to: URL(fileURLWithPath: work.path("in.png")))
        let train = try CommandRunner.run(["train", "in.png", "-o", "new/models/m.sgn", "--max-size", "32",
                                           "--iterations", "1", "--quiet"], in: work.dir)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(FileManager.default.fileExists(atPath: work.path("new/models/m.sgn")))
        let sample = try work.run("sample", ["-o", "new/samples/s.png"])
        #expect(sample.status == 0 && FileManager.default.fileExists(atPath: work.path("new/samples/s.png")))
        try work.write(TinyModel.picture(), "picture.png")
        let paint = try work.run("paint2img", ["picture.png", "-o", "deep/er/p.png"])
        #expect(paint.status == 0 && FileManager.default.fileExists(atPath: work.path("deep/er/p.png")))
    }

    @Test func threadsSetsTheComputationsThreadsAndKeepsTheResult() throws {
        let work = try InjectionWorkspace()
        #expect(try work.run("sample", ["--count", "2", "-o", "all.png"]).status == 0)
        let one = try work.run("sample", ["--count", "2", "--threads", "1", "-o", "one.png"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(work.bytes("one-0.png") == work.bytes("all-0.png") && work.bytes("one-1.png") == work.bytes("all-1.png"))
        for bad in ["0", "65"] {
            let refused = try work.run("sample", ["--threads", bad, "-o", "bad.png"])
            #expect(refused.status == 64 && refused.stderr.hasPrefix("error: --threads must be 1–64 (got \(bad))"), "\(refused.stderr)")
        }
        for command in ["train", "evaluate"] {
            let help = try CommandRunner.run([command, "--help"])
            #expect(help.stdout.contains("--threads <n>"), "\(command)")
        }
    }

    @Test func theAspectNoticeIgnoresRounding() throws {
        let work = try InjectionWorkspace()
        let colours: [SIMD3<Float>] = [SIMD3(0, 1, 0), SIMD3(1, 0, 1)]
        try work.write(InjectionWorkspace.blocks(width: 43, height: 34, colours: colours), "near.png")
        let near = try work.run("paint2img", ["near.png", "-o", "near-out.png"])
        #expect(near.stderr == "near.png is 43×34; resized to the model's 42×34\n")
        try work.write(InjectionWorkspace.blocks(width: 44, height: 34, colours: colours), "off.png")
        let off = try work.run("paint2img", ["off.png", "-o", "off-out.png"])
        #expect(off.stderr == "off.png is 44×34; resized to the model's 42×34 (stretched: its aspect ratio differs)\n")
    }

    @Test func aColouredOrGreyMaskIsReadAsAnyNonBlackPixelWithANotice() throws {
        let work = try InjectionWorkspace()
        try work.write(TinyModel.picture(), "in.png")
        let white = InjectionWorkspace.mask(rows: 10..<20, columns: 10..<20)
        try work.write(white, "white.png")
        let blue = Tensor(shape: white.shape, scalars: white.scalars.enumerated().map { $0.offset < 2 * 34 * 42 ? 0 : $0.element })
        try work.write(blue, "blue.png")
        let plain = try work.run("edit", ["in.png", "-m", "white.png", "-o", "white-out.png"])
        #expect(plain.status == 0 && plain.stderr.isEmpty, "\(plain.stderr)")
        let coloured = try work.run("edit", ["in.png", "-m", "blue.png", "-o", "blue-out.png"])
        #expect(coloured.status == 0)
        #expect(coloured.stderr == "the mask blue.png has colours, not only black and white; every pixel that is not black "
                + "(any channel at level 1 of 255 or above) counts as the region to change\n")
        #expect(work.bytes("white-out.png") == work.bytes("blue-out.png"), "a blue region is the same region as a white one")
        let grey = Tensor(shape: white.shape, scalars: white.scalars.map { $0 * 0.5 })
        try work.write(grey, "grey.png")
        let greyed = try work.run("harmonize", ["in.png", "-m", "grey.png", "-o", "grey-out.png"])
        #expect(greyed.status == 0 && greyed.stderr.contains("the mask grey.png has grey levels, not only black and white"))
    }
}

/// `info --json` and `list --json`: the same facts as the text, as JSON a script can read.
@Suite struct JSONOutputTests {
    @Test func infoJSONDescribesTheModel() throws {
        let model = try TinyModel.path()
        let result = try CommandRunner.run(["info", "--json", model])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["trainedSize"] as? [Int] == [42, 34])
        #expect(object["profile"] as? String == "default" && object["complete"] as? Bool == true)
        let scales = try #require(object["scales"] as? [[String: Any]])
        #expect(scales.count == object["scaleCount"] as? Int && scales.count == 4)
        #expect(scales.last?["size"] as? [Int] == [42, 34] && scales.allSatisfy { $0["noiseAmplitude"] is Double })
    }

    @Test func listJSONNamesEveryPluginWithItsOptions() throws {
        let result = try CommandRunner.run(["list", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let plugins = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let names = plugins.compactMap { $0["name"] as? String }
        #expect(names == ["sample", "paint2img", "edit", "harmonize", "super-resolve", "animate"])
        let sample = try #require(plugins.first)
        let options = try #require(sample["options"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(options.contains("count") && options.contains("start-scale"))
        #expect((plugins.last?["profile"] as? String) == "animation")
    }
}
