import Foundation
import PluginTestKit
import SinGANImaging
import Testing

/// `singan-edit sample` and plugin routing through the real binary, on the kit's tiny model
/// (42×34, 4 scales).
@Suite struct SampleCommandTests {
    let model: String
    let dir = CommandRunner.temporaryDirectory()

    init() throws { model = try TinyModel.path() }

    func sample(_ arguments: [String]) throws -> CommandRunner.Output {
        try CommandRunner.run(["sample", "--model", model] + arguments, in: dir)
    }

    func size(_ path: String) throws -> String {
        let image = try ImageFile.load(dir.appendingPathComponent(path).path)
        return "\(image.width)x\(image.height)"
    }

    func files(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(path).path)) ?? []).sorted()
    }

    @Test func aFixedSeedGivesByteIdenticalFiles() throws {
        for (seed, out) in [("5", "a"), ("5", "b"), ("6", "c")] {
            let result = try sample(["--count", "3", "--seed", seed, "-o", out])
            #expect(result.status == 0 && result.stderr.isEmpty && result.stdout.isEmpty, "\(result.stderr)")
        }
        #expect(files("a") == ["0.png", "1.png", "2.png"])
        let bytes = { (path: String) in FileManager.default.contents(atPath: self.dir.appendingPathComponent(path).path) }
        for name in files("a") {
            #expect(bytes("a/" + name) == bytes("b/" + name))
            #expect(bytes("a/" + name) != bytes("c/" + name))
        }
    }

    @Test func sizeAndPerAxisScalesSetTheOutputSize() throws {
        #expect(try sample(["--count", "1", "--size", "64x40", "-o", "exact.png"]).status == 0)
        #expect(try size("exact.png") == "64x40")
        #expect(try sample(["--count", "2", "--scale-h", "1.5", "--scale-v", "1", "-o", "wide.jpg"]).status == 0)
        #expect(try size("wide-0.jpg") == "63x34" && size("wide-1.jpg") == "63x34")
        #expect(try sample(["--count", "1", "--scale-v", "0.5", "-o", "flat.webp"]).status == 0)
        #expect(try size("flat.webp") == "42x17")
        let both = try sample(["--size", "64x40", "--scale-h", "2", "-o", "x"])
        #expect(both.status == 64 && both.stderr.hasPrefix("error: --size and --scale-h/--scale-v exclude each other"))
    }

    @Test func startScaleMustBeOneOfTheModelsScales() throws {
        #expect(try sample(["--count", "1", "--start-scale", "3", "-o", "fine"]).status == 0)
        #expect(files("fine") == ["0.png"])
        for scale in ["4", "-1"] {
            let result = try sample(["--count", "1", "--start-scale=\(scale)", "-o", "bad"])
            #expect(result.status == 1)
            #expect(result.stderr == "error: --start-scale \(scale) is outside 0–3, the valid scales of \(model) "
                    + "(0 is the coarsest, 3 the finest)\n")
        }
        let wide = try sample(["--start-scale", "1", "--scale-h", "2", "-o", "bad"])
        #expect(wide.status == 1 && wide.stderr.contains("works only at its size"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path))
    }

    @Test func reconstructAndSheet() throws {
        let result = try sample(["--count", "5", "--reconstruct", "--sheet", "sheet.png", "-o", "out/"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(files("out") == ["0.png", "1.png", "2.png", "3.png", "4.png", "reconstruction.png"])
        #expect(try size("out/reconstruction.png") == "42x34")
        #expect(try size("sheet.png") == "\(3 * 42 + 2 * 4)x\(2 * 34 + 4)")
        let line = try #require(result.stdout.split(separator: "\n").first)
        #expect(line.hasPrefix("out/reconstruction.png: RMSE 0.") && line.hasSuffix("to the training image (pixel values in [0, 1])"))
    }

    @Test func badOptionsFailWithOneLineAndWriteNothing() throws {
        let cases: [([String], Int32, String)] = [
            (["--count", "0", "-o", "bad"], 64, "error: --count must be 1–10000 (got 0) (see 'singan-edit sample --help')"),
            (["--scale-h", "9", "-o", "bad"], 64, "error: --scale-h must be 0.25–4.0 (got 9.0) (see 'singan-edit sample --help')"),
            (["--size", "big", "-o", "bad"], 64, "error: the value 'big' is invalid for '--size <WxH>' (see 'singan-edit sample --help')"),
            (["-o", "bad/s.bmp"], 1, "error: --output bad/s.bmp: '.bmp' is not an image format; use a directory or one of "
                + ".png, .jpg, .jpeg, .webp, .tif, .tiff, .gif"),
        ]
        for (arguments, status, message) in cases {
            let result = try sample(arguments)
            #expect(result.status == status, "\(arguments)")
            #expect(result.stderr == message + "\n")
        }
        let missing = try CommandRunner.run(["sample", "--model", "none.sgn", "-o", "bad"], in: dir)
        #expect(missing.status == 1 && missing.stderr.hasPrefix("error: ") && missing.stderr.contains("none.sgn"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path))
    }
}
