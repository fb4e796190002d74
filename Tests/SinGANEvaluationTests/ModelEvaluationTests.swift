import PluginTestKit
import SinGANEvaluation
import SinGANModel
import SinGANRuntime
import Testing

/// The whole report on the kit's tiny model (42×34, 4 scales).
@Suite struct ModelEvaluationTests {
    func evaluate(samples: Int = 4, startScale: Int = 0, seed: UInt64 = 1) throws -> QualityReport {
        let runtime = try Runtime(contentsOf: try TinyModel.path(), seed: seed)
        return try ModelEvaluation.evaluate(runtime, settings: EvaluationSettings(sampleCount: samples, startScale: startScale))
    }

    /// The report without its wall-clock time.
    func timeless(_ report: QualityReport) -> QualityReport {
        var report = report
        report.seconds = 0
        return report
    }

    @Test func reportsEveryMeasureAtThreeLevels() throws {
        var calls: [Int] = []
        let runtime = try Runtime(contentsOf: try TinyModel.path(), seed: 1)
        let report = try ModelEvaluation.evaluate(runtime, settings: EvaluationSettings(sampleCount: 3)) { done, total in
            #expect(total == 3)
            calls.append(done)
        }
        #expect(calls == [1, 2, 3])
        #expect(report.levels.map { "\($0.width)x\($0.height)@\($0.factor)" } == ["42x34@1.0", "21x17@0.5", "11x9@0.25"])
        #expect(report.levels.allSatisfy { $0.swd > 0 && $0.swd.isFinite })
        #expect(abs(report.meanSWD - report.levels.map(\.swd).reduce(0, +) / 3) < 1e-12)
        let diversity = try #require(report.diversity)
        #expect(diversity > 0 && diversity.isFinite)
        #expect(report.reconstructionRMSE > 0 && report.reconstructionRMSE < 1)
        #expect(report.samples == 3 && report.startScale == 0 && report.seed == 1)
        #expect(report.patchSize == 7 && report.directions == 128 && report.maximumPatches == 10_000)
        #expect(report.seconds > 0)
    }

    @Test func theSeedFixesTheReport() throws {
        let first = try evaluate(seed: 3)
        #expect(timeless(try evaluate(seed: 3)) == timeless(first))
        let other = try evaluate(seed: 4)
        #expect(other.meanSWD != first.meanSWD)
        // z* does not depend on the seed.
        #expect(other.reconstructionRMSE == first.reconstructionRMSE)
    }

    @Test func jsonRoundTripsWithSnakeCaseKeys() throws {
        let report = try evaluate(samples: 2, startScale: 3)
        let json = try report.json()
        for key in ["\"mean_swd\"", "\"reconstruction_rmse\"", "\"start_scale\" : 3", "\"levels\"", "\"diversity\""] {
            #expect(json.contains(key), "\(key) in \(json)")
        }
        #expect(try QualityReport.decode(json: json) == report)
    }

    @Test func badSettingsAreRefused() throws {
        #expect(throws: EvaluationError.tooFewSamples(1)) { try evaluate(samples: 1) }
        #expect(throws: GenerationError.startScaleOutOfRange(4, scaleCount: 4)) { try evaluate(startScale: 4) }
    }
}
