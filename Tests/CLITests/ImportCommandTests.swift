import Foundation
import Testing

/// `singan-edit import` on the official models of Tests/OfficialFixtures, then `info`, `sample` and
/// `super-resolve` on the result, with the real binary.
@Suite struct ImportCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("OfficialFixtures/models").path

    func workspace() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: ["zip", "legacy"])
    func anImportedModelWorksWithEveryCommand(_ format: String) throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = Self.fixtures + "/\(format)/tiny/scale_factor=0.750000,alpha=10"
        let imported = try CommandRunner.run(["import", folder, "-o", "m.sgn"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("5 of 5 scales, finest 66×50; saved m.sgn."), "\(imported.stderr)")
        let info = try CommandRunner.run(["info", "m.sgn"], in: dir)
        #expect(info.status == 0)
        let formatName = format == "zip" ? "PyTorch zip (1.6 or later)" : "PyTorch legacy (1.5 or earlier)"
        #expect(info.stdout.contains("imported:      from official SinGAN folder tiny/scale_factor=0.750000,alpha=10, \(formatName), default recipe"),
                "\(info.stdout)")
        #expect(info.stdout.contains("scales:        5 of 5 trained"))
        let json = try CommandRunner.run(["info", "m.sgn", "--json"], in: dir)
        let described = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let notes = described?["annotations"] as? [String: String]
        #expect(notes?["imported.format"] == formatName && notes?["imported.recipe"] == "default", "\(json.stdout)")
        let sample = try CommandRunner.run(["sample", "--model", "m.sgn", "-o", "s.png", "--seed", "3"], in: dir)
        #expect(sample.status == 0, "\(sample.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("s.png").path))
        // Importing again is refused without --force, and allowed with it.
        let again = try CommandRunner.run(["import", folder, "-o", "m.sgn"], in: dir)
        #expect(again.status == 1 && again.stderr == "error: m.sgn already exists; use --force to replace it.\n")
        #expect(try CommandRunner.run(["import", folder, "-o", "m.sgn", "--force", "--quiet"], in: dir).status == 0)
    }

    @Test func theSuperResolutionAndAnimationRecipesAreRecognisedAndUsable() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CommandRunner.run(["import", Self.fixtures + "/zip/small/scale_factor=0.793701,alpha=100", "-o", "sr.sgn"], in: dir)
        #expect(result.status == 0 && result.stderr.contains("super-resolution recipe"), "\(result.stderr)")
        let enlarged = try CommandRunner.run(["super-resolve", "--model", "sr.sgn", "-o", "big.png", "--factor", "2"], in: dir)
        #expect(enlarged.status == 0, "\(enlarged.stderr)")
        let animation = try CommandRunner.run(["import", Self.fixtures + "/zip/anim/scale_factor=0.750000_noise_padding", "-o", "a.sgn"], in: dir)
        #expect(animation.status == 0 && animation.stderr.contains("animation recipe"), "\(animation.stderr)")
        let gif = try CommandRunner.run(["animate", "--model", "a.sgn", "--frames", "4", "-o", "a.gif"], in: dir)
        #expect(gif.status == 0, "\(gif.stderr)")
    }

    @Test func anInterruptedTrainingIsImportedAndSaidSo() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try CommandRunner.run(["import", Self.fixtures + "/partial/tiny/scale_factor=0.750000,alpha=10", "-o", "p.sgn"], in: dir)
        #expect(result.status == 0)
        #expect(result.stderr.contains("the official training stopped after 2 of 5 scales; imported the finished scales; "
                                        + "finish the training with: singan-edit train IMAGE -o p.sgn --resume"), "\(result.stderr)")
        // Our trainer continues from the official scales (interrupted after its first iteration).
        let image = Self.fixtures + "/../inputs/tiny.png"
        let resumed = try CommandRunner.run(["train", image, "-o", "p.sgn", "--resume"], in: dir) { $0.contains("it 1/") }
        #expect(resumed.stderr.contains("resuming p.sgn: 2 of 5 scales done."), "\(resumed.stderr)")
        #expect(resumed.stderr.contains("scale 3/5"))
    }

    @Test func aBadFolderIsOneErrorLine() throws {
        let dir = try workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try CommandRunner.run(["import", "nowhere", "-o", "m.sgn"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: nowhere is not a folder; give the official model folder (TrainedModels/<image>/scale_factor=…)\n")
        // A folder whose Gs.pth is not a PyTorch file.
        let fake = dir.appendingPathComponent("fake")
        try FileManager.default.createDirectory(at: fake, withIntermediateDirectories: true)
        for name in ["Gs.pth", "Zs.pth", "NoiseAmp.pth", "reals.pth"] {
            try Data("import os; os.system('rm -rf /')".utf8).write(to: fake.appendingPathComponent(name))
        }
        let bad = try CommandRunner.run(["import", "fake", "-o", "m.sgn"], in: dir)
        #expect(bad.status == 1 && bad.stderr.hasPrefix("error: fake/Gs.pth: not a PyTorch file") && bad.stderr.split(separator: "\n").count == 1,
                "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.sgn").path))
    }
}
