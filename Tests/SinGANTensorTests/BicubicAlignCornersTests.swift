import Foundation
import Testing
@testable import SinGANTensor

/// The bicubic, align-corners resize and its transpose: tap tables, exact special cases,
/// adjointness, and the parallel split over planes. (Values against PyTorch are checked in
/// `SinGANAutodiffTests/BicubicResizeGoldenTests`.)
@Suite struct BicubicAlignCornersTests {
    static func dot(_ a: Tensor, _ b: Tensor) -> Double {
        zip(a.scalars, b.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    @Test func cubicWeightsAreKeysWithMinusThreeQuarters() {
        let (w0, w1, w2, w3) = BicubicAxisTaps.cubicWeights(at: 0.5)
        // Keys' cubic with A = −0.75 at distances 1.5, 0.5, 0.5, 1.5.
        #expect([w0, w1, w2, w3] == [-0.09375, 0.59375, 0.59375, -0.09375])
        let (z0, z1, z2, z3) = BicubicAxisTaps.cubicWeights(at: 0)
        #expect([z0, z1, z2, z3] == [0, 1, 0, 0])
    }

    @Test func tapsFollowAlignedCornersAndClampAtTheBorders() {
        let taps = BicubicAxisTaps(from: 3, to: 5)   // source positions 0, 0.5, 1, 1.5, 2
        #expect(Array(taps.indices[0..<4]) == [0, 0, 1, 2])
        #expect(Array(taps.indices[4..<8]) == [0, 0, 1, 2])
        #expect(Array(taps.weights[4..<8]) == [-0.09375, 0.59375, 0.59375, -0.09375])
        #expect(Array(taps.indices[16..<20]) == [1, 2, 2, 2])   // position 2: floor is the last sample
        #expect(Array(taps.weights[16..<20]) == [0, 1, 0, 0])
        for i in 0..<taps.outputCount {
            #expect(abs(taps.weights[4 * i..<4 * i + 4].reduce(0, +) - 1) < 1e-6)
        }
        #expect(BicubicAxisTaps(from: 4, to: 1).indices == [0, 0, 1, 2])
    }

    @Test func cornersAreKeptAndEqualSizesAreTheIdentity() {
        var random = RandomSource(seed: 11)
        let x = random.normal([1, 2, 5, 7])
        let y = x.upsampledBicubicAlignCorners(toHeight: 9, width: 13)   // source step 1/2 on both axes
        #expect(y.shape == [1, 2, 9, 13])
        for c in 0..<2 {
            #expect(y[0, c, 0, 0] == x[0, c, 0, 0] && y[0, c, 8, 12] == x[0, c, 4, 6])
            #expect(y[0, c, 0, 12] == x[0, c, 0, 6] && y[0, c, 8, 0] == x[0, c, 4, 0])
            #expect(y[0, c, 4, 6] == x[0, c, 2, 3])
        }
        #expect(x.upsampledBicubicAlignCorners(toHeight: 5, width: 7) == x)
        #expect(x.upsampledBicubicAlignCornersTransposed(toHeight: 5, width: 7) == x)
    }

    @Test func onePixelSpreadsEverywhereAndItsTransposeSums() {
        let x = Tensor(shape: [1, 2, 1, 1], scalars: [3, -1.5])
        let y = x.upsampledBicubicAlignCorners(toHeight: 4, width: 6)
        #expect(y.scalars == [Float](repeating: 3, count: 24) + [Float](repeating: -1.5, count: 24))
        var random = RandomSource(seed: 12)
        let g = random.normal([1, 2, 4, 6])
        let back = g.upsampledBicubicAlignCornersTransposed(toHeight: 1, width: 1)
        #expect(back.shape == [1, 2, 1, 1])
        #expect(abs(back.scalars[0] - g.scalars[0..<24].reduce(0, +)) < 1e-5)
        #expect(abs(back.scalars[1] - g.scalars[24..<48].reduce(0, +)) < 1e-5)
    }

    /// ⟨up(x), g⟩ = ⟨x, upᵀ(g)⟩ for growing, shrinking and mixed sizes.
    @Test(arguments: [([2, 3, 5, 7], 9, 12), ([1, 4, 13, 9], 26, 18), ([1, 2, 8, 10], 5, 13), ([1, 1, 6, 1], 2, 7)])
    func transposeIsTheAdjoint(shape: [Int], height: Int, width: Int) {
        var random = RandomSource(seed: 13)
        let x = random.normal(shape), g = random.normal([shape[0], shape[1], height, width])
        let forward = Self.dot(x.upsampledBicubicAlignCorners(toHeight: height, width: width), g)
        let backward = Self.dot(x, g.upsampledBicubicAlignCornersTransposed(toHeight: shape[2], width: shape[3]))
        #expect(abs(forward - backward) <= 1e-5 * max(1, abs(forward)), "\(forward) vs \(backward)")
    }

    /// Many planes go to several workers, each with its own scratch plane: every plane must come
    /// out as when it is resized alone.
    @Test func planesSplitAmongWorkersMatchPlanesResizedAlone() {
        var random = RandomSource(seed: 14)
        let x = random.normal([2, 40, 17, 23])
        let plan = BicubicAlignCornersPlan(fromHeight: 17, width: 23, toHeight: 34, width: 45)
        let y = x.upsampledBicubicAlignCorners(plan), back = y.upsampledBicubicAlignCornersTransposed(plan)
        for (n, c) in [(0, 0), (0, 39), (1, 7), (1, 39)] {
            let plane = x.cropped(origin: [n, c, 0, 0], size: [1, 1, 17, 23])
            let alone = plane.upsampledBicubicAlignCorners(plan)
            #expect(y.cropped(origin: [n, c, 0, 0], size: [1, 1, 34, 45]) == alone)
            #expect(back.cropped(origin: [n, c, 0, 0], size: [1, 1, 17, 23]) == alone.upsampledBicubicAlignCornersTransposed(plan))
        }
    }

    /// Opt-in timing (set `SINGAN_BICUBIC_TIMING=1`): ConSinGAN-sized 64-channel stage upsampling,
    /// forward and transpose; prints median wall and CPU time, asserts nothing.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SINGAN_BICUBIC_TIMING"] != nil))
    func timeStageUpsampling() {
        var random = RandomSource(seed: 15)
        for (input, output) in [((63, 94), (126, 188)), ((95, 125), (190, 250)), ((33, 47), (63, 94))] {
            let x = random.normal([1, 64, input.0, input.1]), g = random.normal([1, 64, output.0, output.1])
            let plan = BicubicAlignCornersPlan(fromHeight: input.0, width: input.1, toHeight: output.0, width: output.1)
            /// (median wall ms, median process CPU ms, all threads summed) of 21 calls after a warm-up.
            func median(_ body: () -> Void) -> (wall: Double, cpu: Double) {
                func cpu() -> Double {
                    var t = timespec()
                    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
                    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
                }
                body()
                var walls: [Double] = [], cpus: [Double] = []
                for _ in 0..<21 {
                    let (start, startCPU) = (DispatchTime.now().uptimeNanoseconds, cpu())
                    body()
                    cpus.append(cpu() - startCPU)
                    walls.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                return (walls.sorted()[10], cpus.sorted()[10])
            }
            let forward = median { _ = x.upsampledBicubicAlignCorners(plan) }
            let transpose = median { _ = g.upsampledBicubicAlignCornersTransposed(plan) }
            let planMaking = median {
                _ = BicubicAlignCornersPlan(fromHeight: input.0, width: input.1, toHeight: output.0, width: output.1)
            }
            print(String(format: "bicubic 64×%d×%d → %d×%d on %d threads (wall / CPU ms): forward %.2f / %.2f, "
                         + "transpose %.2f / %.2f, plan %.3f / %.3f", input.0, input.1, output.0, output.1, ParallelWorkers.count,
                         forward.wall, forward.cpu, transpose.wall, transpose.cpu, planMaking.wall, planMaking.cpu))
        }
    }
}
