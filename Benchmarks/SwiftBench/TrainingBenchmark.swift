import Foundation
import SinGANModel
import SinGANTensor

/// Seconds per training iteration at every scale of a default pyramid, and sampling speed.
///
/// Each scale runs `warmup + iterations` iterations (the weights need not converge for timing);
/// only the last `iterations` are timed, each on its own, so that time spent stopped between
/// iterations (see `Handoff`) is never counted.
enum TrainingBenchmark {
    struct ScaleTiming: Codable {
        var scale: Int, height: Int, width: Int, channels: Int
        /// Mean over the timed iterations.
        var secondsPerIteration: Double
        /// Every timed iteration's wall time, in order.
        var iterationSeconds: [Double]
    }
    struct Result: Codable {
        var scales: [ScaleTiming]
        var trainingPeakRSSMiB: Double
    }

    final class Timer: TrainingObserver {
        let warmup: Int
        let handoff: Handoff
        var timings: [ScaleTiming] = []
        var current: ScaleTiming?
        var last = DispatchTime.now().uptimeNanoseconds
        init(warmup: Int, handoff: Handoff) { self.warmup = warmup; self.handoff = handoff }

        func scaleStarted(index: Int, count: Int, height: Int, width: Int, channels: Int) {
            current = ScaleTiming(scale: index, height: height, width: width, channels: channels,
                                  secondsPerIteration: 0, iterationSeconds: [])
            FileHandle.standardError.write(Data("scale \(index + 1)/\(count) \(width)×\(height)…\n".utf8))
            handoff.yield()
            last = DispatchTime.now().uptimeNanoseconds
        }
        func iterationFinished(scale: Int, iteration: Int, of total: Int, losses: IterationLosses,
                           snapshot: () -> any TrainingSnapshot) -> Bool {
            let now = DispatchTime.now().uptimeNanoseconds
            if iteration >= warmup { current?.iterationSeconds.append(Double(now - last) / 1e9) }
            if iteration == total - 1, var timing = current {
                timing.secondsPerIteration = timing.iterationSeconds.reduce(0, +) / Double(max(1, timing.iterationSeconds.count))
                timings.append(timing)
            } else if handoff.isDue(afterIterations: iteration + 1) {
                handoff.yield()
            }
            last = DispatchTime.now().uptimeNanoseconds
            return true
        }
        func scaleFinished(index: Int, model: any GenerativeModel, seconds: Double) throws {}
    }

    /// Trains a model of `family` (the default recipe of each; ConSinGAN with `stages` stages).
    static func run(image: Tensor, family: ModelFamily, stages: Int, maxSize: Int, iterations: Int, warmup: Int,
                    handoff: Handoff) throws -> (Result, any TrainableModel) {
        var config = TrainingConfig()
        config.maxSize = maxSize
        config.iterations = warmup + iterations
        let model: any TrainableModel
        switch family {
        case .singan:
            model = try Trainer().prepare(image: image, config: config, profile: .standard)
        case .consingan:
            var settings = GrowingSettings()
            settings.stages = stages
            model = try GrowingTrainer().prepare(image: image, config: config, settings: settings)
        }
        let timer = Timer(warmup: max(1, warmup), handoff: handoff)
        _ = try model.train(on: image, observer: timer)
        return (Result(scales: timer.timings, trainingPeakRSSMiB: PeakMemory.residentMiB()), model)
    }
}

/// Taking turns with another benchmark process (`Benchmarks/interleave.py`): the process stops itself
/// (SIGSTOP) at the start of every scale and after every `every` iterations, and the driver resumes it
/// when the other process has stopped, so the two never run at the same time and both see the
/// machine's slow and fast phases alike. `every == 0` never stops.
struct Handoff {
    let every: Int
    func isDue(afterIterations done: Int) -> Bool { every > 0 && done % every == 0 }
    func yield() { if every > 0 { raise(SIGSTOP) } }
}

/// Peak resident set size of this process.
enum PeakMemory {
    static func residentMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// Time to draw random samples at full size from scale 0, after `warmup` untimed ones (as the PyTorch
/// script does).
enum SamplingBenchmark {
    struct Result: Codable {
        var samples: Int, warmupSamples: Int, height: Int, width: Int, seconds: Double, samplesPerSecond: Double
        var peakRSSMiB: Double
    }

    static func run(_ model: any GenerativeModel, samples: Int, warmup: Int) -> Result {
        var random = RandomSource(seed: 99)
        for _ in 0..<warmup { _ = model.previewSample(random: &random) }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<samples { _ = model.previewSample(random: &random) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let size = model.stageSizes[model.stageSizes.count - 1]
        return Result(samples: samples, warmupSamples: warmup, height: size.height, width: size.width, seconds: seconds,
                      samplesPerSecond: Double(samples) / seconds, peakRSSMiB: PeakMemory.residentMiB())
    }
}
