import Foundation
import SinGANModel
import SinGANTensor

/// Seconds per training iteration at every scale of a default pyramid, and sampling speed.
///
/// Each scale runs `warmup + iterations` iterations (the weights need not converge for timing);
/// only the last `iterations` are timed.
enum TrainingBenchmark {
    struct ScaleTiming: Codable {
        var scale: Int, height: Int, width: Int, channels: Int, secondsPerIteration: Double
    }
    struct Result: Codable {
        var scales: [ScaleTiming]
        var trainingPeakRSSMiB: Double
    }

    final class Timer: TrainingObserver {
        let warmup: Int
        var timings: [ScaleTiming] = []
        var current: ScaleTiming?
        var start = DispatchTime.now().uptimeNanoseconds
        init(warmup: Int) { self.warmup = warmup }

        func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) {
            current = ScaleTiming(scale: index, height: height, width: width, channels: channels, secondsPerIteration: 0)
            FileHandle.standardError.write(Data("scale \(index + 1)/\(count) \(width)×\(height)…\n".utf8))
        }
        func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses) -> Bool {
            if iteration == warmup - 1 { start = DispatchTime.now().uptimeNanoseconds }
            if iteration == total - 1, var timing = current {
                timing.secondsPerIteration = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(total - warmup)
                timings.append(timing)
            }
            return true
        }
        func scaleFinished(index: Int, pyramid: TrainedPyramid, seconds: Double) throws {}
    }

    static func run(image: Tensor, maxSize: Int, iterations: Int, warmup: Int) throws -> (Result, TrainedPyramid) {
        var config = TrainingConfig()
        config.maxSize = maxSize
        config.iterations = warmup + iterations
        let trainer = Trainer()
        let pyramid = try trainer.prepare(image: image, config: config, profile: .standard)
        let timer = Timer(warmup: max(1, warmup))
        try trainer.train(pyramid, image: image, observer: timer)
        return (Result(scales: timer.timings, trainingPeakRSSMiB: PeakMemory.residentMiB()), pyramid)
    }
}

/// Peak resident set size of this process.
enum PeakMemory {
    static func residentMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// Time to draw random samples at full size from scale 0.
enum SamplingBenchmark {
    struct Result: Codable {
        var samples: Int, height: Int, width: Int, seconds: Double, samplesPerSecond: Double, peakRSSMiB: Double
    }

    static func run(_ pyramid: TrainedPyramid, samples: Int) -> Result {
        var random = RandomSource(seed: 99)
        let sampler = pyramid.sampler
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<samples { _ = sampler.finestOutput(mode: .random, random: &random) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let size = pyramid.geometry.finestSize
        return Result(samples: samples, height: size.height, width: size.width, seconds: seconds,
                      samplesPerSecond: Double(samples) / seconds, peakRSSMiB: PeakMemory.residentMiB())
    }
}
