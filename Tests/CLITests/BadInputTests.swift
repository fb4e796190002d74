import Foundation
import PluginTestKit
import SinGANCheckpoint
import SinGANTensor
import Testing

/// Issue 9's list of bad inputs through the real binary, one row each: the exit status of
/// Docs/reliability.md (1 when the input cannot be used, 64 when the command line is wrong),
/// exactly one `error: …` line on stderr saying what is wrong and what to do, nothing on stdout,
/// and not a single new file in the directory (no partial output, no temporary file).
///
/// Valid but unusual inputs (grey, RGBA, 16-bit, CMYK, huge) are in `UnusualInputTests`, full
/// and read-only disks in `UnwritableOutputTests`.
@Suite struct BadInputTests {
    /// One bad input: the command line, the expected status and the expected error line.
    struct Case: Sendable, CustomTestStringConvertible {
        let problem: String
        let arguments: [String]
        let status: Int32
        /// The whole stderr line after "error: " starts with this.
        let message: String
        var testDescription: String { problem }

        init(_ problem: String, _ arguments: [String], _ status: Int32, _ message: String) {
            (self.problem, self.arguments, self.status, self.message) = (problem, arguments, status, message)
        }
    }

    static let newerFormat = "future.sgn was written by a newer singan-edit (format 3.0); this version reads formats up to 2.x — upgrade singan-edit"

    static let cases: [Case] = [
        Case("missing file", ["train", "missing.png", "-o", "m.sgn"], 1, "no such file: missing.png — check the path"),
        Case("a directory", ["train", "folder", "-o", "m.sgn"], 1,
             "is a directory, not an image file: folder — give the path of an image file"),
        Case("zero-byte file", ["train", "empty.png", "-o", "m.sgn"], 1,
             "empty file (0 bytes): empty.png — probably an interrupted copy or download; give a complete image"),
        Case("text file named .png", ["train", "text.png", "-o", "m.sgn"], 1, "not a readable image: text.png ("),
        Case("10×10 image", ["train", "ten.png", "-o", "m.sgn"], 1,
             "image 10×10 is smaller than the minimum size 25 px; use a larger image or --min-size ≤ 10"),
        Case("mask of another size", ["edit", "--model", "tiny.sgn", "in.png", "--mask", "ten.png", "-o", "e.png"], 1,
             "the mask ten.png is 10×10, but in.png is 42×34; give a mask of the same size"),
        Case("all-black mask", ["harmonize", "--model", "tiny.sgn", "in.png", "--mask", "black.png", "-o", "h.png"], 1,
             "the mask black.png is empty (no pixel above black at the model's size 42×34); paint the region to change white"),
        Case("start scale out of range", ["sample", "--model", "tiny.sgn", "--start-scale", "9", "-o", "out/"], 1,
             "--start-scale 9 is outside 0–3, the valid scales of tiny.sgn (0 is the coarsest, 3 the finest)"),
        Case("frames 0", ["animate", "--model", "tiny.sgn", "--frames", "0", "-o", "a.gif"], 64,
             "--frames must be 1–1000 (got 0) (see 'singan-edit animate --help')"),
        Case("factor 1", ["super-resolve", "--model", "tiny.sgn", "--factor", "1", "-o", "big.png"], 64,
             "--factor must be more than 1 and at most 100.0 (got 1.0) (see 'singan-edit super-resolve --help')"),
        Case("unknown option", ["train", "in.png", "-o", "m.sgn", "--colour"], 64,
             "unknown option '--colour' (see 'singan-edit train --help')"),
        Case("iterations 0", ["train", "in.png", "-o", "m.sgn", "--iterations", "0"], 64,
             "--iterations must be at least 1 (got 0) (see 'singan-edit train --help')"),
        Case("model of a future format version: info", ["info", "future.sgn"], 1, newerFormat),
        Case("model of a future format version: sample", ["sample", "--model", "future.sgn", "-o", "out/"], 1, newerFormat),
        Case("model of a future format version: resume", ["train", "in.png", "-o", "future.sgn", "--resume"], 1, newerFormat),
        Case("missing model", ["info", "nothing.sgn"], 1,
             "nothing.sgn: cannot open: No such file or directory — check the path and its permissions"),
        Case("picture given as a model", ["info", "in.png"], 1,
             "in.png is not a singan-edit checkpoint (.sgn): wrong magic bytes — pass a file written by `singan-edit train`"),
        Case("output under a file", ["train", "in.png", "-o", "in.png/m.sgn", "--max-size", "32", "--iterations", "1"], 1,
             "in.png/m.sgn: cannot create a lock file in in.png: Not a directory — check the path and its permissions"),
        Case("existing output", ["train", "in.png", "-o", "tiny.sgn"], 1,
             "tiny.sgn already exists; use --resume to continue it or --force to replace it."),
        // Negative numbers reach the option's own check (they used to read as a missing value).
        Case("negative count", ["sample", "--model", "tiny.sgn", "--count", "-1", "-o", "out/"], 64,
             "--count must be 1–10000 (got -1) (see 'singan-edit sample --help')"),
        Case("negative frames", ["animate", "--model", "tiny.sgn", "--frames", "-1", "-o", "a.gif"], 64,
             "--frames must be 1–1000 (got -1) (see 'singan-edit animate --help')"),
        Case("negative factor", ["super-resolve", "--model", "tiny.sgn", "--factor", "-2", "-o", "big.png"], 64,
             "--factor must be more than 1 and at most 100.0 (got -2.0) (see 'singan-edit super-resolve --help')"),
        Case("negative start scale", ["sample", "--model", "tiny.sgn", "--start-scale", "-1", "-o", "out/"], 1,
             "--start-scale -1 is outside 0–3, the valid scales of tiny.sgn (0 is the coarsest, 3 the finest)"),
        Case("negative iterations", ["train", "in.png", "-o", "m.sgn", "--iterations", "-1"], 64,
             "--iterations must be at least 1 (got -1) (see 'singan-edit train --help')"),
        Case("model path that is a folder", ["train", "in.png", "-o", "folder.sgn"], 1,
             "folder.sgn is a folder; give the model a file name ending in .sgn."),
        Case("truncated JPEG", ["train", "cut.jpg", "-o", "m.sgn"], 1,
             "not a readable image: cut.jpg (VipsJpeg: Premature end of"),
        // Header values out of their documented range: each used to pass `info` and `sample` and
        // then stop the process with SIGILL in `paint2img --quantize` and `train --resume`.
        Case("negative iterations in the header: info", ["info", "iterations.sgn"], 1, badIterations),
        Case("negative iterations in the header: sample", ["sample", "--model", "iterations.sgn", "-o", "out/"], 1,
             badIterations),
        Case("negative iterations in the header: paint2img --quantize",
             ["paint2img", "--model", "iterations.sgn", "in.png", "--quantize", "-o", "p.png"], 1, badIterations),
        Case("negative iterations in the header: resume", ["train", "in.png", "-o", "iterations.sgn", "--resume"], 1,
             badIterations),
        Case("negative D steps in the header: paint2img --quantize",
             ["paint2img", "--model", "dsteps.sgn", "in.png", "--quantize", "-o", "p.png"], 1,
             "dsteps.sgn: the model is invalid: the training setting discriminatorSteps is -1; it must be 1–100"),
        Case("negative G steps in the header: resume", ["train", "in.png", "-o", "gsteps.sgn", "--resume"], 1,
             "gsteps.sgn: the model is invalid: the training setting generatorSteps is -1; it must be 1–100"),
        Case("negative seed in the header", ["info", "seed.sgn"], 1,
             "seed.sgn: the model is invalid: the header value model.config.seed (-1) is out of range or not valid"),
        Case("unknown required chunk", ["sample", "--model", "chunk.sgn", "-o", "out/"], 1,
             "chunk.sgn: the model needs chunk 'future/extra', which this version of singan-edit does not understand"),
    ]

    static let badIterations = "iterations.sgn: the model is invalid: the training setting iterations is -1; it must be 1–1000000"

    @Test(arguments: cases)
    func failsWithOneLineAndWritesNothing(_ bad: Case) throws {
        let template = try Self.template.get()
        let dir = CommandRunner.temporaryDirectory().appendingPathComponent("work")
        try FileManager.default.copyItem(at: template, to: dir)
        let before = try Self.listing(dir)
        let result = try CommandRunner.run(bad.arguments, in: dir)
        #expect(result.status == bad.status, "\(bad.arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty, "\(bad.arguments)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "not one line: \(result.stderr)")
        #expect(lines[0].hasPrefix("error: " + bad.message), "\(result.stderr)")
        #expect(try Self.listing(dir) == before, "\(bad.arguments) left files behind")
    }

    /// Every file and directory under `dir`, relative, sorted.
    static func listing(_ dir: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: dir.path).sorted()
    }

    /// The files the cases use, made once: `in.png` (42×34), `ten.png` (10×10), `black.png`,
    /// an empty `folder`, `empty.png`, `text.png`, the kit's tiny model as `tiny.sgn` and a copy
    /// of it marked as format 3.0, `future.sgn`.
    static let template = Result { () throws -> URL in
        let dir = CommandRunner.temporaryDirectory()
        let file = { (name: String) in dir.appendingPathComponent(name) }
        try CommandRunner.writeTestImage(to: file("in.png"))
        try CommandRunner.writeTestImage(to: file("ten.png"), width: 10, height: 10)
        try ImageWriting.save(pixels: [Float](repeating: 0, count: 3 * 42 * 34), width: 42, height: 34, to: file("black.png").path)
        try FileManager.default.createDirectory(at: file("folder"), withIntermediateDirectories: false)
        try Data().write(to: file("empty.png"))
        try Data("this is text\n".utf8).write(to: file("text.png"))
        try FileManager.default.copyItem(atPath: try TinyModel.path(), toPath: file("tiny.sgn").path)
        try CheckpointBytes.copy(file("tiny.sgn").path, to: file("future.sgn").path, majorVersion: 3)
        try FileManager.default.createDirectory(at: file("folder.sgn"), withIntermediateDirectories: false)
        try CommandRunner.writeTestImage(to: file("whole.jpg"))
        let jpeg = try Data(contentsOf: file("whole.jpg"))
        try jpeg.prefix(jpeg.count * 3 / 5).write(to: file("cut.jpg"))
        try FileManager.default.removeItem(at: file("whole.jpg"))
        for (name, key, value) in [("iterations", "iterations", JSONValue.int(-1)), ("dsteps", "discriminatorSteps", .int(-1)),
                                   ("gsteps", "generatorSteps", .int(-1)), ("seed", "seed", .int(-1))] {
            try CheckpointBytes.copy(file("tiny.sgn").path, to: file(name + ".sgn").path, setting: ["config", key], to: value)
        }
        var archive = try CheckpointReader.read(path: file("tiny.sgn").path)
        archive.set(.tensor(Tensor.zeros([2])), named: "future/extra", required: true)
        try CheckpointWriter.write(archive, to: file("chunk.sgn").path)
        return dir
    }
}
