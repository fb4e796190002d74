import Foundation
import Testing
@testable import singan_edit

/// The whole training's time left, from the current scale's pace and the later scales' arithmetic.
@Suite struct TrainingTimeLeftTests {
    @Test func laterScalesTakeLongerByTheirPixelsAndChannels() {
        // Scales of 100, 200 and 400 pixels; the last with twice the channels (4× per pixel).
        let estimate = TrainingTimeLeft(stageCosts: [100, 200, 1600], iterationsPerStage: 1000)
        // In the first scale at 10 it/s with 30 s left: then 1000 iterations at 5 it/s and 1000 at 0.625 it/s.
        #expect(estimate.seconds(stage: 0, secondsLeftInStage: 30, iterationsPerSecond: 10) == 30 + 200 + 1600)
        #expect(estimate.seconds(stage: 2, secondsLeftInStage: 12, iterationsPerSecond: 1) == 12)
        #expect(estimate.seconds(stage: 1, secondsLeftInStage: 5, iterationsPerSecond: 0) == 5, "no pace yet")
    }

    /// The pace of scale 5 of the 250-px rocket (make bench, 2026-12-03) predicts the last two scales'
    /// measured time per iteration within 5 %.
    @Test func theBenchmarkedPyramidIsPredicted() {
        let sizes = [(25, 38), (33, 50), (44, 65), (57, 85), (75, 111), (98, 146), (128, 191), (167, 250)]
        let seconds = [0.0315, 0.0384, 0.0588, 0.0914, 0.4909, 0.8508, 1.4480, 2.4145]
        let costs = sizes.enumerated().map { k, size in Double(size.0 * size.1) * (k < 4 ? 1024 : 4096) }
        let estimate = TrainingTimeLeft(stageCosts: costs, iterationsPerStage: 2000)
        let predicted = estimate.seconds(stage: 5, secondsLeftInStage: 0, iterationsPerSecond: 1 / seconds[5])
        let measured = 2000 * (seconds[6] + seconds[7])
        #expect(abs(predicted / measured - 1) < 0.05, "\(predicted) s against \(measured) s")
    }
}
