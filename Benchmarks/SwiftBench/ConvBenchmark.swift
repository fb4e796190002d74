import Foundation
import SinGANTensor

/// Times the 3×3 64→64 convolution on 1×64×177×260: forward, input gradient, weight gradient.
enum ConvBenchmark {
    struct Result: Codable {
        var forwardMs, inputGradientMs, weightGradientMs: Double
        var forwardGFLOPS, inputGradientGFLOPS, weightGradientGFLOPS: Double
        var sgemmGFLOPS: Double
    }

    static func run(runs: Int) -> Result {
        var random = RandomSource(seed: 1)
        let x = random.normal([1, 64, 177, 260]), w = random.normal([64, 64, 3, 3])
        let y = Tensor.conv2d(x, w)
        let flop = 2.0 * 64 * 64 * 9 * Double(y.shape[2] * y.shape[3])
        let forward = median(runs) { _ = Tensor.conv2d(x, w) }
        let inputGradient = median(runs) { _ = Tensor.conv2dTransposed(y, w) }
        let weightGradient = median(runs) { _ = Tensor.conv2dWeightGradient(x, y) }
        return Result(forwardMs: forward * 1e3, inputGradientMs: inputGradient * 1e3,
                      weightGradientMs: weightGradient * 1e3,
                      forwardGFLOPS: flop / forward / 1e9, inputGradientGFLOPS: flop / inputGradient / 1e9,
                      weightGradientGFLOPS: flop / weightGradient / 1e9, sgemmGFLOPS: sgemmRate(runs: runs))
    }

    /// Raw SGEMM rate on a conv-shaped product (M=64, K=576, N=40000), split over the cores the
    /// same way the convolution kernels split their work.
    static func sgemmRate(runs: Int) -> Double {
        let m = 64, k = 576, n = 40_000
        var random = RandomSource(seed: 2)
        let a = random.normal([m, k]), b = random.normal([k, n])
        var c = Tensor.zeros([m, n])
        let cPointer = c.withUnsafeMutableBufferPointer { SendablePointer($0.baseAddress!) }
        let seconds = a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                let (aa, bb) = (SendableConstPointer(ap.baseAddress!), SendableConstPointer(bp.baseAddress!))
                return median(runs) {
                    parallelRanges(n, grain: 1) { columns in
                        BLAS.sgemm(transposeA: false, transposeB: false, m: m, n: columns.count, k: k,
                                   a: aa.base, lda: k, b: bb.base + columns.lowerBound, ldb: n, beta: 0,
                                   c: cPointer.base + columns.lowerBound, ldc: n)
                    }
                }
            }
        }
        _ = c
        return 2.0 * Double(m * k * n) / seconds / 1e9
    }
}

/// Median wall time in seconds of `runs` calls after one warm-up call.
func median(_ runs: Int, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<max(1, runs) {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
}
