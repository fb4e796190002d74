import Foundation
import SinGANImaging
import Testing

/// `train --family consingan`, `--preview` and the family in `info`, through the real binary.
@Suite struct ConSinGANCommandTests {
    static let common = ["in.png", "--max-size", "42", "--iterations", "8", "--seed", "7", "--family", "consingan"]

    @Test func consinganTrainsResumesAndSays() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let full = try CommandRunner.run(["train"] + Self.common + ["-o", "full.sgn", "--quiet"], in: dir)
        #expect(full.status == 0, "\(full.stderr)")
        let info = try CommandRunner.run(["info", "full.sgn"], in: dir)
        #expect(info.stdout.contains("format:        .sgn 2.0"), "\(info.stdout)")
        #expect(info.stdout.contains("family:        ConSinGAN (6 stages, last 3 trained together, lr scale 0.1, 3 layers per stage, leaky ReLU 0.05)"))
        #expect(info.stdout.contains("scales:        6 of 6 trained"))
        #expect(info.stdout.contains("    5  42×34             64"), "\(info.stdout)")
        let json = try CommandRunner.run(["info", "full.sgn", "--json"], in: dir)
        #expect(json.stdout.contains("\"family\" : \"consingan\""), "\(json.stdout)")

        // Interrupted in its fourth stage and resumed: the same model as the uninterrupted run.
        let interrupted = try CommandRunner.run(["train"] + Self.common + ["-o", "part.sgn"], in: dir,
                                                interruptWhen: { $0.contains("scale 4/6") })
        #expect(interrupted.status == 130, "\(interrupted.stderr)")
        #expect(interrupted.stderr.contains("3 of 6 scales and "), "\(interrupted.stderr)")
        let resumed = try CommandRunner.run(["train"] + Self.common + ["-o", "part.sgn", "--resume", "--quiet"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let reference = dir.appendingPathComponent("full.sgn").path, part = dir.appendingPathComponent("part.sgn").path
        #expect(try CheckpointBytes.archiveWithoutTimings(reference) == CheckpointBytes.archiveWithoutTimings(part))

        // Resuming it as SinGAN names the family it keeps.
        let other = try CommandRunner.run(["train", "in.png", "-o", "part.sgn", "--resume", "--max-size", "42", "--iterations", "8",
                                           "--seed", "7"], in: dir)
        #expect(other.status == 0)
        #expect(!other.stderr.contains("--family"), "the default is not a given option: \(other.stderr)")
    }

    /// `--batch-norm` (the official `--batch_norm`): BatchNorm in the generator's blocks, format 2.1,
    /// said by `info`; a sample is an image, not one saturated colour.
    @Test func batchNormModelsSayWhatTheyAre() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let train = try CommandRunner.run(["train"] + Self.common + ["-o", "bn.sgn", "--batch-norm", "--quiet", "--stages", "3"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        let info = try CommandRunner.run(["info", "bn.sgn"], in: dir)
        #expect(info.stdout.contains("format:        .sgn 2.1"), "\(info.stdout)")
        #expect(info.stdout.contains("family:        ConSinGAN (3 stages, last 3 trained together, lr scale 0.1, 3 layers per stage with BatchNorm, leaky ReLU 0.05)"),
                "\(info.stdout)")
        let sample = try CommandRunner.run(["sample", "--model", "bn.sgn", "-o", "s.png", "--seed", "2"], in: dir)
        #expect(sample.status == 0, "\(sample.stderr)")
        let picture = try ImageFile.load(dir.appendingPathComponent("s.png").path).image
        #expect(picture.shape == [1, 3, 34, 42] && picture.scalars.max()! - picture.scalars.min()! > 0.1)
        // Resumed without --batch-norm, the model keeps its BatchNorm and nothing is called ignored.
        let resumed = try CommandRunner.run(["train"] + Self.common + ["-o", "bn.sgn", "--resume", "--stages", "3"], in: dir)
        #expect(!resumed.stderr.contains("ignored"), "\(resumed.stderr)")
    }

    /// A stage that collapses (here forced by learning rates 100× the official ones) is reported once,
    /// with what to do, and training goes on; `--quiet` keeps it quiet. The official learning rate
    /// on the same picture trains without the warning.
    @Test func aCollapsedStageIsReportedOnce() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let options = ["in.png", "--max-size", "42", "--iterations", "60", "--seed", "7", "--family", "consingan", "--stages", "3"]
        let collapsed = try CommandRunner.run(["train"] + options + ["-o", "c.sgn", "--lr-g", "0.05", "--lr-d", "0.05"], in: dir)
        #expect(collapsed.status == 0, "\(collapsed.stderr)")
        let warnings = collapsed.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        #expect(warnings.count == 1, "\(collapsed.stderr)")
        #expect(warnings.first?.hasPrefix("warning: scale 1 has not learned the image: its reconstruction is ") == true)
        #expect(warnings.first?.hasSuffix("train again with another --seed (ConSinGAN: or with --batch-norm).") == true)
        #expect(collapsed.stderr.contains("scale 3/3"), "training goes on: \(collapsed.stderr)")
        let quiet = try CommandRunner.run(["train"] + options + ["-o", "q.sgn", "--lr-g", "0.05", "--lr-d", "0.05", "--quiet"], in: dir)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        let healthy = try CommandRunner.run(["train"] + options + ["-o", "h.sgn"], in: dir)
        #expect(healthy.status == 0 && !healthy.stderr.contains("warning"), "\(healthy.stderr)")
    }

    @Test func familyOptionsAreChecked() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let cases: [([String], String)] = [
            (["--family", "stylegan"], "error: the value 'stylegan' is invalid for '--family <family>'. Please provide one of 'singan' and 'consingan'"),
            (["--stages", "2", "--family", "consingan"], "error: --stages must be 3–64 (got 2)"),
            (["--stages", "4"], "error: --stages is for ConSinGAN models (--family consingan); SinGAN derives its scales from --scale-factor"),
            (["--family", "consingan", "--profile", "super-resolution"],
             "error: --profile super-resolution is for SinGAN models; ConSinGAN has default and animation"),
            (["--batch-norm"], "error: --batch-norm is for ConSinGAN models (--family consingan); SinGAN's blocks always have BatchNorm"),
        ]
        for (extra, message) in cases {
            let run = try CommandRunner.run(["train", "in.png", "-o", "m.sgn"] + extra, in: dir)
            #expect(run.status != 0)
            #expect(run.stderr.hasPrefix(message), "\(extra): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.sgn").path))
        }
    }

    /// `--preview DIR`: a sheet per finished scale, for both families: the training image at that
    /// scale and 7 samples, 4 to a row.
    @Test(arguments: [["--family", "consingan"], []])
    func previewWritesASheetPerScale(family: [String]) throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let run = try CommandRunner.run(["train", "in.png", "-o", "m.sgn", "--max-size", "42", "--iterations", "3", "--quiet",
                                         "--preview", "grow/now"] + family, in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let sheets = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("grow/now").path).sorted()
        let count = family.isEmpty ? 4 : 6
        #expect(sheets == (1...count).map { String(format: "scale-%02d.png", $0) })
        let last = try ImageFile.load(dir.appendingPathComponent("grow/now/scale-\(String(format: "%02d", count)).png").path)
        #expect(last.width == 4 * 42 + 3 * 2 && last.height == 2 * 34 + 2, "\(last.width)×\(last.height)")
    }
}
