import Foundation
import SinGANModel
import SinGANTensor

/// `singan-bench train [--iterations N] [--warmup W] [--samples S] [--max-size M]`: seconds per
/// training iteration at every scale of the default pyramid for a 640×427 image (the size of
/// Samples/images/rocket.jpg; the bench does not link libvips, so the image is a smooth synthetic
/// one — timings do not depend on the content), then the time to draw S random samples.
///
/// Prints one line per scale on stderr and the JSON result on stdout.
enum TrainCommandLine {
    struct Result: Codable {
        var training: TrainingBenchmark.Result
        var sampling: SamplingBenchmark.Result?
    }

    static func run(_ arguments: [String]) throws {
        func value(_ flag: String, _ fallback: Int) -> Int {
            arguments.firstIndex(of: flag).flatMap { Int(arguments[arguments.index(after: $0)]) } ?? fallback
        }
        let iterations = value("--iterations", 10), warmup = value("--warmup", 2)
        let samples = value("--samples", 50), maxSize = value("--max-size", 250)
        let image = syntheticImage(height: 427, width: 640)
        let (training, pyramid) = try TrainingBenchmark.run(image: image, maxSize: maxSize,
                                                            iterations: iterations, warmup: warmup)
        for t in training.scales {
            FileHandle.standardError.write(Data(String(format: "scale %d %d×%d ×%d  %.4f s/it\n", t.scale, t.width,
                                                       t.height, t.channels, t.secondsPerIteration).utf8))
        }
        let sampling = samples > 0 ? SamplingBenchmark.run(pyramid, samples: samples) : nil
        if let sampling {
            FileHandle.standardError.write(Data(String(format: "%d samples %.3f s\n", sampling.samples, sampling.seconds).utf8))
        }
        let data = try JSONEncoder().encode(Result(training: training, sampling: sampling))
        print(String(decoding: data, as: UTF8.self))
    }

    /// A smooth colourful image in [−1, 1], [1, 3, height, width].
    static func syntheticImage(height: Int, width: Int) -> Tensor {
        Tensor(shape: [1, 3, height, width], unsafeUninitialized: { out in
            for c in 0..<3 {
                for y in 0..<height {
                    for x in 0..<width {
                        let u = Float(x) / Float(width), v = Float(y) / Float(height)
                        out[(c * height + y) * width + x] = 0.8 * sin(6 * u * Float(c + 1) + 4 * v) * cos(3 * v - u)
                    }
                }
            }
        })
    }
}
