import Foundation
import Testing
@testable import SinGANTensor

/// Opt-in timing of the 3×3 convolution paths on generator-sized layers (set `SINGAN_CONV_TIMING=1`):
/// the shifted GEMMs (the path before Winograd, the transposed one with its padded copy) against
/// Winograd F(2×2) and F(4×4), interleaved in one process so that load on a shared machine hits all
/// alike. Prints median wall time and median process CPU time (both cores summed), and effective
/// GFLOPS = direct-convolution FLOPs / time.
@Suite(.serialized) struct ConvolutionTimingTests {
    static let enabled = ProcessInfo.processInfo.environment["SINGAN_CONV_TIMING"] != nil

    /// (median wall ms, median CPU ms) of `runs` calls after one warm-up call.
    static func median(_ runs: Int, _ body: () -> Void) -> (wall: Double, cpu: Double) {
        func cpu() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
            return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
        }
        body()
        var walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<runs {
            let (wall, time) = (DispatchTime.now().uptimeNanoseconds, cpu())
            body()
            cpus.append(cpu() - time)
            walls.append(Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e6)
        }
        return (walls.sorted()[runs / 2], cpus.sorted()[runs / 2])
    }

    static func shiftedForward(_ x: Tensor, _ w: Tensor) -> [Float] {
        let g = ConvGeometry(input: x.shape, weight: w.shape)
        var out = [Float](repeating: 0, count: g.outChannels * g.outPixels)
        let taps = ShiftedConvolution.tapMatrices(w)
        x.withUnsafeBufferPointer { xp in taps.withUnsafeBufferPointer { t in out.withUnsafeMutableBufferPointer { o in
            ShiftedConvolution.forward(g, input: xp.baseAddress!, taps: t.baseAddress!, bias: [], into: o.baseAddress!)
        } } }
        return out
    }

    @Test(.enabled(if: enabled), arguments: [(64, 177, 260), (32, 47, 60), (128, 177, 260), (64, 25, 38)])
    func timeConvolutions(channels c: Int, height h: Int, width w: Int) {
        var random = RandomSource(seed: 1)
        let x = random.normal([1, c, h, w]), weight = random.normal([c, c, 3, 3]) * 0.02
        let dy = random.normal([1, c, h - 2, w - 2])
        let g = ConvGeometry(input: x.shape, weight: weight.shape)
        let flop = 2.0 * Double(c * c * 9 * g.outPixels), runs = h < 100 ? 41 : 11
        let flipped = weight.flippedTransposedKernel()
        let rows: [(String, () -> Void)] = [
            ("forward shifted", { _ = Self.shiftedForward(x, weight) }),
            ("forward F2", { _ = WinogradConvolution.convolve(WinogradF2.self, x, weight) }),
            ("forward F4", { _ = WinogradConvolution.convolve(WinogradF4.self, x, weight) }),
            ("input gradient pad+shifted", {
                _ = Self.shiftedForward(dy.padded(before: [0, 0, 2, 2], after: [0, 0, 2, 2]), flipped) }),
            ("input gradient F4", { _ = WinogradConvolution.convolve(WinogradF4.self, dy, flipped, padding: 2) }),
            ("weight gradient shifted", { _ = x.withUnsafeBufferPointer { xp in dy.withUnsafeBufferPointer { d in
                ShiftedConvolution.weightGradient(g, input: xp.baseAddress!, gradOutput: d.baseAddress!) } } }),
            ("weight gradient F2", { _ = WinogradConvolution.weightGradient(WinogradF2.self, x, dy) }),
            ("weight gradient F4", { _ = WinogradConvolution.weightGradient(WinogradF4.self, x, dy) }),
        ]
        for (name, body) in rows {
            let (wall, cpu) = Self.median(runs, body)
            print(String(format: "%d→%d %d×%d %-28@ wall %7.2f ms %4.0f GFLOPS | cpu %7.2f ms", c, c, h, w,
                         name as NSString, wall, flop / wall / 1e6, cpu))
        }
    }
}
