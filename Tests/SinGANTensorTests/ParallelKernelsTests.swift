import Foundation
import Synchronization
import Testing
@testable import SinGANTensor

/// The thread pool and the element-wise kernels that split their work across it.
@Suite struct ParallelKernelsTests {
    /// Every index runs exactly once, also for counts above the number of threads, for runs
    /// nested inside a task, and for runs started from several threads at once.
    @Test func everyTaskRunsExactlyOnce() {
        for count in [2, 3, 7, 64, 1000] {
            let calls = Mutex([Int](repeating: 0, count: count))
            WorkerPool.run(count) { index in calls.withLock { $0[index] += 1 } }
            #expect(calls.withLock { $0 } == [Int](repeating: 1, count: count), "count \(count)")
        }

        let nested = Mutex([Int](repeating: 0, count: 12))
        WorkerPool.run(3) { outer in
            WorkerPool.run(4) { inner in nested.withLock { $0[outer * 4 + inner] += 1 } }
        }
        #expect(nested.withLock { $0 } == [Int](repeating: 1, count: 12))

        let concurrent = Mutex([Int](repeating: 0, count: 8 * 20 * 5))
        DispatchQueue.concurrentPerform(iterations: 8) { caller in
            for round in 0..<20 {
                WorkerPool.run(5) { task in concurrent.withLock { $0[(caller * 20 + round) * 5 + task] += 1 } }
            }
        }
        #expect(concurrent.withLock { $0 } == [Int](repeating: 1, count: 8 * 20 * 5))
    }

    /// Many short runs back to back, as a training's kernels come: a worker that wakes late for one run
    /// must never take a task of the next (each run's tasks write their own slots; a stale task would
    /// write a slot twice or leave one empty).
    @Test func backToBackRunsNeverShareATask() {
        let runs = 20_000
        let slots = UnsafeMutablePointer<Int32>.allocate(capacity: runs * 3)
        slots.initialize(repeating: 0, count: runs * 3)
        defer { slots.deallocate() }
        let base = SendablePointer(slots)
        for run in 0..<runs {
            let count = 2 + run % 2
            WorkerPool.run(count) { task in base.base[run * 3 + task] += 1 }
        }
        let wrong = (0..<runs).filter { run in (0..<3).contains { task in slots[run * 3 + task] != (task < 2 + run % 2 ? 1 : 0) } }
        #expect(wrong.isEmpty, "runs with a task missed or repeated: \(wrong.prefix(5))")
    }

    /// Broadcasting large enough to be split across cores gives what one element at a time gives,
    /// in every operand arrangement the training step uses (per-channel, per-pixel, mixed).
    @Test func splitBroadcastingMatchesElementByElement() {
        var random = RandomSource(seed: 5)
        let image = random.normal([2, 16, 37, 41])
        let operands: [Tensor] = [random.normal([1, 16, 1, 1]), random.normal([2, 1, 37, 41]),
                                  random.normal([1, 16, 37, 1]), random.normal([41])]
        for other in operands {
            for (result, first) in [(image * other, true), (other - image, false)] {
                var mismatches = 0
                for n in 0..<2 { for c in 0..<16 { for y in 0..<37 { for x in 0..<41 {
                    let a = image.scalars[((n * 16 + c) * 37 + y) * 41 + x]
                    let shape = other.shape, rank = shape.count
                    let index = [n, c, y, x].suffix(rank).enumerated().reduce(0) { offset, axis in
                        offset * shape[axis.offset] + (shape[axis.offset] == 1 ? 0 : axis.element)
                    }
                    let b = other.scalars[index]
                    let expected = first ? a * b : b - a
                    if result.scalars[((n * 16 + c) * 37 + y) * 41 + x] != expected { mismatches += 1 }
                }}}}
                #expect(result.shape == image.shape && mismatches == 0, "\(other.shape): \(mismatches) wrong")
            }
        }
    }

    /// The operator-based element-wise functions equal the plain per-element formulas.
    @Test func unaryOperatorsMatchFormulas() {
        var random = RandomSource(seed: 9)
        let x = random.normal([70_001])
        let cases: [(Tensor, (Float) -> Float)] = [
            (x.leakyReLU(slope: 0.2), { $0 > 0 ? $0 : $0 * 0.2 }), (x * 3, { $0 * 3 }), (x + 0.5, { $0 + 0.5 }),
            (-x, { -$0 }), (x.pow(2), { $0 * $0 }), (x.tanh(), { Foundation.tanh($0) }),
            (x.clamped(to: -1...1), { min(max($0, -1), 1) }), (x.leakyReLUSlope(slope: 0.2), { $0 > 0 ? 1 : 0.2 }),
        ]
        for (index, (result, formula)) in cases.enumerated() {
            #expect(result.scalars == x.scalars.map(formula), "case \(index)")
        }
    }

    @Test func theThreadCountIsFixedOnceThePoolRuns() {
        let count = ParallelWorkers.count
        #expect(count >= 1)
        #expect(ParallelWorkers.request(count), "asking for the running count is granted")
        #expect(!ParallelWorkers.request(count + 1), "the pool cannot grow once it runs")
        #expect(!ParallelWorkers.request(0))
    }
}
