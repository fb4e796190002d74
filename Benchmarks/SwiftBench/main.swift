import Foundation
import SinGANImaging
import SinGANModel
import SinGANTensor

// singan-bench: the Swift side of `make bench` (see Benchmarks/README.md). Prints one JSON line.
//   singan-bench conv [--runs N]
//   singan-bench train --image PATH [--family singan|consingan] [--stages 6] [--max-size 250] [--iters 30] [--warmup 3]
//                      [--handoff-every N] --model-out PATH
//   singan-bench sample --model PATH [--count 50] [--warmup 1]
let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

func emit<T: Encodable>(_ value: T) throws {
    print(String(decoding: try JSONEncoder().encode(value), as: UTF8.self))
}

do {
    switch arguments.first {
    case "conv":
        try emit(ConvBenchmark.run(runs: option("--runs").flatMap(Int.init) ?? 10))
    case "train":
        guard let path = option("--image"), let modelOut = option("--model-out") else { throw BenchUsage() }
        let image = try ImageFile.load(path).image.map { min(max(($0 - 0.5) * 2, -1), 1) }
        let (result, model) = try TrainingBenchmark.run(
            image: image, family: option("--family").flatMap(ModelFamily.init(rawValue:)) ?? .singan,
            stages: option("--stages").flatMap(Int.init) ?? GrowingSettings().stages,
            maxSize: option("--max-size").flatMap(Int.init) ?? 250,
            iterations: option("--iters").flatMap(Int.init) ?? 30, warmup: option("--warmup").flatMap(Int.init) ?? 3,
            handoff: Handoff(every: option("--handoff-every").flatMap(Int.init) ?? 0))
        try model.write(creator: "singan-bench", to: modelOut)
        try emit(result)
    case "sample":
        guard let model = option("--model") else { throw BenchUsage() }
        let read = try ModelArchive.read(from: model)
        if let sheet = option("--sheet") {
            // A visual check: the training image and random samples in one sheet.
            var random = RandomSource(seed: 1)
            let shown = [read.trainingImage(at: read.trainedStageCount - 1)]
                + (0..<(option("--count").flatMap(Int.init) ?? 7)).map { _ in read.previewSample(random: &random) }
            try ContactSheet.save(shown.map { $0.map { min(max(($0 + 1) / 2, 0), 1) } }, columns: 4, to: sheet, spacing: 2)
        } else {
            try emit(SamplingBenchmark.run(read, samples: option("--count").flatMap(Int.init) ?? 50,
                                           warmup: option("--warmup").flatMap(Int.init) ?? 1))
        }
    default:
        throw BenchUsage()
    }
} catch is BenchUsage {
    FileHandle.standardError.write(Data("usage: singan-bench conv|train|sample (see Benchmarks/README.md)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

struct BenchUsage: Error {}
