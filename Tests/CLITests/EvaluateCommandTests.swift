import Foundation
import PluginTestKit
import Testing

/// `singan-edit evaluate` through the real binary on the kit's tiny model (42×34, 4 scales).
@Suite struct EvaluateCommandTests {
    let model: String

    init() throws { model = try TinyModel.path() }

    func evaluate(_ arguments: [String]) throws -> CommandRunner.Output {
        try CommandRunner.run(["evaluate", "--model", model] + arguments)
    }

    @Test func textReportHasOneAlignedLinePerMeasure() throws {
        let result = try evaluate(["--samples", "3"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let labels = ["model:", "samples:", "SWD full:", "SWD 1/2:", "SWD 1/4:", "SWD mean:", "diversity:", "RMSE G(z*):", "time:"]
        #expect(lines.count == labels.count)
        for (line, label) in zip(lines, labels) {   // values start in column 14
            #expect(line.hasPrefix(label.padding(toLength: 13, withPad: " ", startingAt: 0)) && line.dropFirst(13).first != " ",
                    "\(line)")
        }
        #expect(lines[0] == "model:       \(model)")
        #expect(lines[1] == "samples:     3 at 42×34, fresh noise from scale 0 (0 is the coarsest), seed 1")
        #expect(lines[2].hasSuffix("7×7 patches at 42×34") && lines[4].hasSuffix("7×7 patches at 11×9"))
        let swd = try #require(Double(lines[5].dropFirst(13).prefix(7)))
        #expect(swd > 0 && swd < 1)
    }

    @Test func jsonReportForMachines() throws {
        let result = try evaluate(["--samples", "2", "--start-scale", "2", "--seed", "7", "--json"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["model", "samples", "start_scale", "seed", "patch_size", "maximum_patches", "directions",
                                     "levels", "mean_swd", "diversity", "reconstruction_rmse", "seconds"])
        #expect(object["model"] as? String == model && object["samples"] as? Int == 2)
        #expect(object["start_scale"] as? Int == 2 && object["seed"] as? Int == 7)
        let levels = try #require(object["levels"] as? [[String: Any]])
        #expect(levels.map { $0["width"] as? Int } == [42, 21, 11] && levels.map { $0["factor"] as? Double } == [1, 0.5, 0.25])
        #expect((object["reconstruction_rmse"] as? Double).map { $0 > 0 && $0 < 1 } == true)
    }

    @Test func theSameSeedGivesTheSameReport() throws {
        let timeless = { (output: CommandRunner.Output) in
            output.stdout.split(separator: "\n").filter { !$0.contains("\"seconds\"") }
        }
        let first = try evaluate(["--samples", "2", "--json"]), second = try evaluate(["--samples", "2", "--json"])
        #expect(first.status == 0 && timeless(first) == timeless(second))
        #expect(timeless(try evaluate(["--samples", "2", "--json", "--seed", "2"])) != timeless(first))
    }

    @Test func badOptionsFailWithOneLine() throws {
        for scale in ["4", "-1"] {
            let result = try evaluate(["--start-scale=\(scale)"])
            #expect(result.status == 1 && result.stdout.isEmpty)
            #expect(result.stderr == "error: --start-scale \(scale) is outside 0–3, the valid scales of \(model) "
                    + "(0 is the coarsest, 3 the finest)\n")
        }
        let one = try evaluate(["--samples", "1"])
        #expect(one.status == 64 && one.stdout.isEmpty)
        #expect(one.stderr == "error: --samples must be 2–1000 (got 1) (see 'singan-edit evaluate --help')\n")
        let missing = try CommandRunner.run(["evaluate", "--model", "/nonexistent/m.sgn"])
        #expect(missing.status == 1 && missing.stdout.isEmpty)
        #expect(missing.stderr.hasPrefix("error: ") && missing.stderr.filter { $0 == "\n" }.count == 1, "\(missing.stderr)")
    }
}
