import Foundation
import Testing
@testable import singan_edit

/// The whole training's time left, from the current scale's pace and the later scales' arithmetic.
@Suite struct TrainingTimeLeftTests {
    /// The 250-px rocket of make bench, 2026-12-03: (height, width) and seconds per iteration of each scale.
    static let benchSizes = [(25, 38), (33, 50), (44, 65), (57, 85), (75, 111), (98, 146), (128, 191), (167, 250)]
    static let benchSeconds = [0.0315, 0.0384, 0.0588, 0.0914, 0.4909, 0.8508, 1.4480, 2.4145]
    static let benchCosts = benchSizes.enumerated().map { k, size in Double(size.0 * size.1) * (k < 4 ? 1024 : 4096) }

    @Test func withoutAPreviousScaleLaterScalesTakeLongerByTheirPixelsAndChannels() {
        // Scales of 100, 200 and 400 pixels; the last with twice the channels (4× per pixel).
        let estimate = TrainingTimeLeft(stageCosts: [100, 200, 1600], iterationsPerStage: 1000)
        // In the first scale at 10 it/s with 30 s left: then 1000 iterations at 5 it/s and 1000 at 0.625 it/s.
        #expect(estimate.seconds(stage: 0, secondsLeftInStage: 30, iterationsPerSecond: 10) == 30 + 200 + 1600)
        #expect(estimate.seconds(stage: 2, secondsLeftInStage: 12, iterationsPerSecond: 1) == 12)
        #expect(estimate.seconds(stage: 1, secondsLeftInStage: 5, iterationsPerSecond: 0) == 5, "no pace yet")
    }

    @Test func thePreviousScaleSeparatesTheFixedPartOfAnIteration() {
        let estimate = TrainingTimeLeft(stageCosts: [100, 200, 1600], iterationsPerStage: 1000)
        // 0.2 s at cost 100, 0.3 s at 200: 0.1 s fixed and 0.001 s per unit, so 1.7 s at 1600.
        let fitted = estimate.seconds(stage: 1, secondsLeftInStage: 6, iterationsPerSecond: 1 / 0.3,
                                      previousSecondsPerIteration: 0.2)
        #expect(abs(fitted - (6 + 1700)) < 1e-6)
        // A previous scale much faster than the current one (0.05 s at cost 100) would give a negative
        // fixed part: proportional then (0.3 s × 8).
        let proportional = estimate.seconds(stage: 1, secondsLeftInStage: 6, iterationsPerSecond: 1 / 0.3,
                                            previousSecondsPerIteration: 0.05)
        #expect(abs(proportional - (6 + 2400)) < 1e-6)
    }

    /// From the pace of any scale of the benchmarked pyramid and the one before it, the later scales'
    /// measured time is predicted within 0.65–1.2×, where the proportional estimate says up to 1.6×.
    @Test func theBenchmarkedPyramidIsPredictedFromEveryScale() {
        let estimate = TrainingTimeLeft(stageCosts: Self.benchCosts, iterationsPerStage: 2000)
        for stage in 1..<(Self.benchSeconds.count - 1) {
            let measured = 2000 * Self.benchSeconds[(stage + 1)...].reduce(0, +)
            let fitted = estimate.seconds(stage: stage, secondsLeftInStage: 0, iterationsPerSecond: 1 / Self.benchSeconds[stage],
                                          previousSecondsPerIteration: Self.benchSeconds[stage - 1])
            let proportional = estimate.seconds(stage: stage, secondsLeftInStage: 0, iterationsPerSecond: 1 / Self.benchSeconds[stage])
            #expect(fitted / measured > 0.65 && fitted / measured < 1.2, "scale \(stage): \(fitted) s against \(measured) s")
            #expect(abs(fitted / measured - 1) <= abs(proportional / measured - 1) + 0.05, "scale \(stage)")
        }
    }

    /// The pace of scale 5 (64 channels) predicts the last two scales' measured time within 5 %.
    @Test func theBenchmarkedPyramidIsPredictedFromA64ChannelScale() {
        let estimate = TrainingTimeLeft(stageCosts: Self.benchCosts, iterationsPerStage: 2000)
        let predicted = estimate.seconds(stage: 5, secondsLeftInStage: 0, iterationsPerSecond: 1 / Self.benchSeconds[5],
                                         previousSecondsPerIteration: Self.benchSeconds[4])
        let measured = 2000 * (Self.benchSeconds[6] + Self.benchSeconds[7])
        #expect(abs(predicted / measured - 1) < 0.05, "\(predicted) s against \(measured) s")
    }
}
