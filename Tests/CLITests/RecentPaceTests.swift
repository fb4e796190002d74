import Foundation
import Testing
@testable import singan_edit

/// The progress line's rate looks at the last minute, so a pause stops counting once it is a minute old.
@Suite struct RecentPaceTests {
    static let start = Date(timeIntervalSinceReferenceDate: 0)

    /// Records `count` iterations at `perSecond`, one mark per iteration, from `done` at `time`.
    static func run(_ pace: inout RecentPace, from done: Int, at time: Date, count: Int, perSecond: Double) -> (Int, Date) {
        var (done, time) = (done, time)
        for _ in 0..<count {
            done += 1
            time += 1 / perSecond
            pace.record(done: done, at: time)
        }
        return (done, time)
    }

    @Test func aSteadyScaleRunsAtItsRate() {
        var pace = RecentPace()
        pace.start(at: Self.start)
        let (done, time) = Self.run(&pace, from: 0, at: Self.start, count: 50, perSecond: 10)
        #expect(abs(pace.rate(done: done, at: time) - 10) < 1e-9)
        let (moreDone, later) = Self.run(&pace, from: done, at: time, count: 3000, perSecond: 10)
        #expect(abs(pace.rate(done: moreDone, at: later) - 10) < 1e-6)
    }

    @Test func aPauseStopsCountingAfterTheWindow() {
        var pace = RecentPace(window: 60)
        pace.start(at: Self.start)
        // 100 s at 2 it/s, then a 10-minute pause (Ctrl-Z), then 2 it/s again.
        var (done, time) = Self.run(&pace, from: 0, at: Self.start, count: 200, perSecond: 2)
        time += 600
        (done, time) = Self.run(&pace, from: done, at: time, count: 20, perSecond: 2)
        #expect(pace.rate(done: done, at: time) < 1, "10 s after the pause it still counts")
        (done, time) = Self.run(&pace, from: done, at: time, count: 140, perSecond: 2)
        #expect(abs(pace.rate(done: done, at: time) - 2) < 1e-6, "a minute after the pause it is forgotten")
        // The whole scale's mean would still say under 1 it/s.
        #expect(Double(done) / time.timeIntervalSince(Self.start) < 1)
    }

    @Test func aLoadChangeShowsWithinTheWindow() {
        var pace = RecentPace(window: 60)
        pace.start(at: Self.start)  // a resumed scale: 7 iterations were done before
        var (done, time) = Self.run(&pace, from: 7, at: Self.start, count: 600, perSecond: 4)
        #expect(abs(pace.rate(done: done, at: time) - 4) < 1e-6)
        (done, time) = Self.run(&pace, from: done, at: time, count: 70, perSecond: 1)  // another program starts
        #expect(abs(pace.rate(done: done, at: time) - 1) < 0.05)
    }

    @Test func noMarksNoRate() {
        #expect(RecentPace().rate(done: 5, at: Self.start) == 0)
    }
}
