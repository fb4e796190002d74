import Foundation
import PluginTestKit
import SinGANImaging
import SinGANRuntime
import SinGANTensor
import Testing

/// `singan-edit paint2img` through the real binary, on the kit's tiny model (42×34, 4 scales of
/// 10 iterations).
@Suite struct Paint2ImageCommandTests {
    static let vivid: [SIMD3<Float>] = [SIMD3(0, 1, 0), SIMD3(1, 0, 1), SIMD3(0, 0, 1)]

    @Test func aClipartOfAnySizeBecomesAPictureAtItsOwnSize() throws {
        let work = try InjectionWorkspace()
        try work.write(InjectionWorkspace.blocks(width: 60, height: 50, colours: Self.vivid), "clipart.png")
        let result = try work.run("paint2img", ["clipart.png", "-o", "out.png"])
        #expect(result.status == 0 && result.stdout.isEmpty, "\(result.stderr)")
        #expect(result.stderr == "clipart.png is 60×50; resized to the model's 42×34 (stretched: its aspect ratio differs)\n")
        #expect(try work.load("out.png").shape == [1, 3, 50, 60])
        #expect(try work.run("paint2img", ["clipart.png", "--model-size", "-o", "model.png"]).status == 0)
        #expect(try work.load("model.png").shape == [1, 3, 34, 42])
        try work.write(InjectionWorkspace.blocks(width: 210, height: 170, colours: Self.vivid), "large.png")
        let large = try work.run("paint2img", ["large.png", "-o", "large-out.png"])
        #expect(large.status == 0 && large.stderr == "large.png is 210×170; shrunk with libvips to 84×68, "
                + "then resized to the model's 42×34\n", "\(large.stderr)")
        #expect(try work.load("large-out.png").shape == [1, 3, 170, 210])
        try work.write(TinyModel.picture(), "same.png")
        let fine = try work.run("paint2img", ["same.png", "--start-scale", "3", "-o", "fine.jpg"])
        #expect(fine.status == 0 && fine.stderr.isEmpty, "\(fine.stderr)")
        #expect(try work.load("fine.jpg").shape == [1, 3, 34, 42])
    }

    @Test func aFixedSeedGivesByteIdenticalFiles() throws {
        let work = try InjectionWorkspace()
        try work.write(TinyModel.picture(), "clipart.png")
        for (seed, out) in [("5", "a.png"), ("5", "b.png"), ("6", "c.png")] {
            #expect(try work.run("paint2img", ["clipart.png", "--seed", seed, "-o", out]).status == 0)
        }
        #expect(work.bytes("a.png") != nil && work.bytes("a.png") == work.bytes("b.png"))
        #expect(work.bytes("a.png") != work.bytes("c.png"))
    }

    @Test func quantizeRetrainsOnceAndPaintsWithTheModelsColours() throws {
        let work = try InjectionWorkspace(privateModel: true)
        try work.write(InjectionWorkspace.blocks(width: 42, height: 34, colours: Self.vivid), "clipart.png")
        let quantize = ["clipart.png", "--start-scale", "3", "--quantize"]
        let first = try work.run("paint2img", quantize + ["-o", "q1.png"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("retraining scale 3 on 5 colours of the training image (10 iterations"))
        #expect(first.stderr.contains("saved as \(work.path("tiny.paint-s3.sgn"))\n"))
        let second = try work.run("paint2img", quantize + ["-o", "q2.png"])
        #expect(second.status == 0 && !second.stderr.contains("retraining"), "\(second.stderr)")
        #expect(second.stderr == "using the retrained scale 3 from \(work.path("tiny.paint-s3.sgn"))\n")
        #expect(work.bytes("q1.png") != nil && work.bytes("q1.png") == work.bytes("q2.png"))

        // From the finest scale, the output is the injected picture plus one scale's detail.
        #expect(try work.run("paint2img", ["clipart.png", "--start-scale", "3", "-o", "plain.png"]).status == 0)
        let centres = ColourQuantizer.centres(of: try Runtime(contentsOf: work.model, seed: 0).trainingImage(at: 3))
            .map { ($0 + 1) / 2 }
        let quantized = try Self.distance(work.load("q1.png"), to: centres)
        let plain = try Self.distance(work.load("plain.png"), to: centres)
        let quantizedToClipart = try Self.distance(work.load("q1.png"), to: Self.vivid)
        #expect(quantized < 0.5 * quantizedToClipart && quantized < plain,
                "mean distance of --quantize to the model's colours \(quantized), to the clipart's \(quantizedToClipart), plain \(plain)")
    }

    @Test func aCacheThatNoLongerMatchesIsRetrained() throws {
        let work = try InjectionWorkspace(privateModel: true)
        try work.write(TinyModel.picture(), "clipart.png")
        #expect(try work.run("paint2img", ["clipart.png", "--quantize", "--retrain-iterations", "2", "-o", "a.png"]).status == 0)
        #expect(work.files().contains("tiny.paint-s1-i2.sgn"))
        // A cache retrained for another iteration count, under this count's name.
        try FileManager.default.moveItem(atPath: work.path("tiny.paint-s1-i2.sgn"), toPath: work.path("tiny.paint-s1-i3.sgn"))
        let other = try work.run("paint2img", ["clipart.png", "--quantize", "--retrain-iterations", "3", "-o", "b.png"])
        #expect(other.status == 0 && other.stderr.contains("retraining scale 1"), "\(other.stderr)")
        // Another model under the same name: the cache (a complete model) replaces tiny.sgn.
        try FileManager.default.removeItem(atPath: work.model)
        try FileManager.default.copyItem(atPath: work.path("tiny.paint-s1-i3.sgn"), toPath: work.model)
        let changed = try work.run("paint2img", ["clipart.png", "--quantize", "--retrain-iterations", "3", "-o", "c.png"])
        #expect(changed.status == 0 && changed.stderr.contains("retraining scale 1"), "\(changed.stderr)")
    }

    @Test func badInputsFailWithOneLineAndWriteNothing() throws {
        let work = try InjectionWorkspace()
        try work.write(TinyModel.picture(), "clipart.png")
        try "not a picture".write(toFile: work.path("text.png"), atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["missing.png", "-o", "out.png"], "error: no such file: missing.png"),
            (["text.png", "-o", "out.png"], "error: not a readable image: text.png"),
            (["clipart.png", "--start-scale", "0", "-o", "out.png"], "error: --start-scale 0 is outside 1–3"),
            (["clipart.png", "--start-scale", "4", "-o", "out.png"], "error: --start-scale 4 is outside 1–3"),
            (["clipart.png", "--retrain-iterations", "5", "-o", "out.png"], "error: --retrain-iterations applies only with --quantize"),
            (["clipart.png", "--quantize", "--retrain-iterations", "0", "-o", "out.png"], "error: --retrain-iterations must be 1–100000"),
            (["clipart.png", "-o", "out.bmp"], "error: cannot write out.bmp"),
        ]
        for (arguments, message) in cases {
            let result = try work.run("paint2img", arguments)
            #expect(result.status != 0 && result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.hasPrefix(message) && result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        }
        #expect(work.files() == ["clipart.png", "text.png"])
    }

    /// Mean distance from each pixel of `image` ([0, 1]) to the nearest of `colours`.
    static func distance(_ image: Tensor, to colours: [SIMD3<Float>]) -> Float {
        let plane = image.shape[2] * image.shape[3], p = image.scalars
        let total = (0..<plane).reduce(Float(0)) { sum, i in
            let pixel = SIMD3(p[i], p[plane + i], p[2 * plane + i])
            return sum + colours.map { (($0 - pixel) * ($0 - pixel)).sum().squareRoot() }.min()!
        }
        return total / Float(plane)
    }
}
