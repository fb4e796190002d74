import Foundation
import PluginTestKit
import SinGANImaging
import SinGANModel
import SinGANRuntime
import Testing
@testable import SuperResolvePlugin

/// `singan-edit super-resolve` through the real binary, on the kit's tiny super-resolution model
/// (42×34, finest generator 32 channels wide).
@Suite struct SuperResolveCommandTests {
    let command: PluginCommandFixture
    var model: String { command.model }

    init() throws { command = try PluginCommandFixture("super-resolve", profile: .superResolution) }

    func size(_ name: String) throws -> String {
        let image = try ImageFile.load(command.path(name))
        return "\(image.width)x\(image.height)"
    }

    @Test func factorsGiveTheOfficialPassesAndCrop() throws {
        // int(f·42) × int(f·34); 6, 3 and 4 passes of 2^(1/3).
        for (factor, name, expected, passes) in [("4", "x4.png", "168x136", 6), ("2", "x2.webp", "84x68", 3),
                                                 ("2.5", "x2.5.jpg", "105x85", 4)] {
            let result = try command.run(["--factor", factor, "-o", name])
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
            #expect(try size(name) == expected)
            let line = result.stdout.trimmingCharacters(in: .newlines)
            #expect(line.hasPrefix("\(name): \(expected) px, ×\(factor) of 42x34 in \(passes) passes of ×1.26; peak memory about "),
                    "\(line)")
            #expect(line.hasSuffix(" available") && !line.contains("\n"))
        }
    }

    @Test func aFixedSeedGivesByteIdenticalFiles() throws {
        #expect(try command.seedIsDeterministic(["--factor", "2"], fileExtension: "png"))
    }

    @Test func badInputsFailWithOneLineAndWriteNothing() throws {
        let cases: [([String], Int32, String)] = [
            (["--factor", "1", "-o", "bad.png"], 64, "--factor must be more than 1 and at most 100.0 (got 1.0)"),
            (["--factor=-3", "-o", "bad.png"], 64, "--factor must be more than 1 and at most 100.0 (got -3.0)"),
            (["--factor", "nan", "-o", "bad.png"], 64, "--factor must be more than 1"),
            (["-o", "bad.bmp"], 1, "--output bad.bmp: name an image file with one of the extensions .png"),
            (["-o", "bad"], 1, "--output bad: name an image file"),
        ]
        for (arguments, status, message) in cases {
            let result = try command.run(arguments)
            #expect(result.status == status, "\(arguments)")
            #expect(result.stderr.hasPrefix("error: " + message) && result.stderr.filter { $0 == "\n" }.count == 1,
                    "\(result.stderr)")
        }
        let missing = try command.run(["-o", "bad.png"], model: "none.sgn")
        #expect(missing.status == 1 && missing.stderr.hasPrefix("error: ") && missing.stderr.contains("none.sgn"))
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: command.path("junk.sgn")))
        let junk = try command.run(["-o", "bad.png"], model: command.path("junk.sgn"))
        #expect(junk.status == 1 && junk.stderr.hasPrefix("error: ") && junk.stderr.contains("junk.sgn"))
        let wrongProfile = try command.run(["-o", "bad.png"], model: try TinyModel.path(for: .standard))
        #expect(wrongProfile.status == 1 && wrongProfile.stderr.contains("--profile super-resolution"))
        #expect(command.files == ["junk.sgn"])
    }

    @Test func aRunThatDoesNotFitInMemoryIsRefusedWithTheLargestFactorThatFits() throws {
        let runtime = try Runtime(contentsOf: model, seed: 1)
        let plan = SuperResolutionPlan(factor: 40, runtime: runtime)
        #expect(plan.outputSize == ImageSize(height: 1360, width: 1680) && plan.generation.passes == 16)
        let estimate = MemoryEstimate(plan, runtime: runtime, availableBytes: 1_000_000_000)
        #expect(!estimate.fits)
        let message = estimate.refusal(plan, runtime: runtime)
        #expect(message.hasPrefix("super-resolving \(model) ×40 to 1680x1360 px needs about "), "\(message)")
        #expect(message.contains(" of memory, but only 1.0 GB is available; use --factor "), "\(message)")
        let suggested = try #require(Double(message.split(separator: " ").reversed()[2]))
        #expect(suggested > 1 && suggested < 40)
        #expect(MemoryEstimate(SuperResolutionPlan(factor: suggested, runtime: runtime), runtime: runtime,
                               availableBytes: 1_000_000_000).fits)
        #expect(!MemoryEstimate(SuperResolutionPlan(factor: suggested + 0.1, runtime: runtime), runtime: runtime,
                                availableBytes: 1_000_000_000).fits)
        let tiny = MemoryEstimate(plan, runtime: runtime, availableBytes: 1_000_000)
        #expect(tiny.refusal(plan, runtime: runtime).hasSuffix("is available; free some memory first"))
    }
}
