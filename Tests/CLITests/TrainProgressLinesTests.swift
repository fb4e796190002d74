import Foundation
import Testing

/// `singan-edit train --progress jsonl`: one JSON object a line on stdout, in training order, for
/// programs such as the studio; the same model as without it.
@Suite struct TrainProgressLinesTests {
    @Test func progressLinesDescribeEveryScaleInOrder() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        let common = ["train", "in.png", "--max-size", "42", "--iterations", "4", "--seed", "3"]
        let lines = try CommandRunner.run(common + ["-o", "lines.sgn", "--progress", "jsonl"], in: dir)
        #expect(lines.status == 0, "\(lines.stderr)")
        let events = try lines.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        var expected: [String] = []
        for scale in 0..<4 { expected += ["scale \(scale)", "iteration \(scale) 4", "scaleDone \(scale)"] }
        // Iteration lines come at most every 0.2 s, and always for a scale's last iteration.
        let kinds = events.map { event -> String in
            let kind = event["event"] as? String ?? "?", scale = event["scale"] as? Int ?? -1
            return kind == "iteration" ? "iteration \(scale) \(event["iteration"] as? Int ?? -1)" : "\(kind) \(scale)"
        }.filter { !$0.hasPrefix("iteration") || $0.hasSuffix(" 4") }
        #expect(kinds == expected)
        #expect(events.allSatisfy { $0["scales"] as? Int == 4 })
        let last = try #require(events.last { $0["event"] as? String == "iteration" })
        for key in ["d", "g", "rec", "itPerSecond", "eta", "etaAll", "iterations"] { #expect(last[key] != nil, "\(key)") }
        // The whole training's estimate covers the later scales: more than the scale's own until the last.
        for event in events where event["event"] as? String == "iteration" {
            let (scale, eta, all) = (event["scale"] as? Int ?? -1, event["eta"] as? Double ?? -1, event["etaAll"] as? Double ?? -1)
            #expect(scale == 3 ? all == eta : all > eta, "\(event)")
        }
        #expect(!lines.stderr.contains("it/s"), "no text progress besides the lines")

        let plain = try CommandRunner.run(common + ["-o", "plain.sgn", "--quiet"], in: dir)
        #expect(plain.status == 0)
        #expect(try CheckpointBytes.differingBytesOutsideTimings(dir.appendingPathComponent("lines.sgn").path,
                                                                 dir.appendingPathComponent("plain.sgn").path) == 0)
    }

    /// A collapsed scale's warning is a `warning` line of the stream (the studio shows it), not text on stderr.
    @Test func aCollapseWarningIsALineOfTheStream() throws {
        let dir = CommandRunner.temporaryDirectory()
        try CommandRunner.writeTestImage(to: dir.appendingPathComponent("in.png"))
        // Learning rates 100× the official ones make the first stage collapse (ConSinGANCommandTests).
        let run = try CommandRunner.run(["train", "in.png", "-o", "c.sgn", "--max-size", "42", "--iterations", "60",
                                         "--seed", "7", "--family", "consingan", "--stages", "3",
                                         "--lr-g", "0.05", "--lr-d", "0.05", "--progress", "jsonl"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = try run.stdout.split(separator: "\n").compactMap {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }.filter { $0["event"] as? String == "warning" }
        #expect(warnings.count == 1, "\(run.stdout)")
        #expect(warnings.first?["scale"] as? Int == 0)
        #expect(warnings.first?["scales"] as? Int == 3)
        let message = warnings.first?["message"] as? String ?? ""
        #expect(message.hasPrefix("scale 1 has not learned the image: its reconstruction is "), "\(message)")
        #expect(message.hasSuffix("(ConSinGAN: or with --batch-norm)."), "\(message)")
        #expect(!run.stderr.contains("warning"), "\(run.stderr)")
    }
}

