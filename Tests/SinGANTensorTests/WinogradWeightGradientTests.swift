import Testing
@testable import SinGANTensor

/// The Winograd weight gradient against the double-precision correlation of input and gradient.
@Suite struct WinogradWeightGradientTests {
    static func reference(_ x: Tensor, _ dy: Tensor) -> [Double] {
        let (ci, h, width, co) = (x.shape[1], x.shape[2], x.shape[3], dy.shape[1])
        let (ho, wo) = (h - 2, width - 2)
        let xs = x.scalars.map(Double.init), dys = dy.scalars.map(Double.init)
        var out = [Double](repeating: 0, count: co * ci * 9)
        for o in 0..<co { for i in 0..<ci { for ky in 0..<3 { for kx in 0..<3 {
            var sum = 0.0
            for y in 0..<ho {
                let source = (i * h + y + ky) * width + kx, gradient = (o * ho + y) * wo
                for c in 0..<wo { sum += dys[gradient + c] * xs[source + c] }
            }
            out[((o * ci + i) * 3 + ky) * 3 + kx] = sum
        } } } }
        return out
    }

    static func gradient(_ tile: Int, _ x: Tensor, _ dy: Tensor) -> Tensor {
        func run<T: WinogradTransform>(_ variant: T.Type) -> Tensor { WinogradConvolution.weightGradient(variant, x, dy) }
        return run(WinogradConvolutionTests.variant(tile))
    }

    @Test(arguments: [2, 4], [(16, 16, 7, 9), (32, 16, 3, 3), (16, 32, 11, 13), (16, 64, 70, 5),
                              (128, 16, 10, 12), (32, 48, 35, 290)])
    func matchesDefinition(tile: Int, shape: (Int, Int, Int, Int)) {
        let (ci, co, h, w) = shape
        var random = RandomSource(seed: 26)
        let x = random.normal([1, ci, h, w]), dy = random.normal([1, co, h - 2, w - 2])
        let error = WinogradConvolutionTests.relativeError(Self.gradient(tile, x, dy), Self.reference(x, dy))
        #expect(error < (tile == 2 ? 1e-5 : 1e-4))
    }

    @Test(arguments: [2, 4])
    func realisticLayerIsAccurate(tile: Int) {
        var random = RandomSource(seed: 27)
        let x = random.normal([1, 64, 100, 150]), dy = random.normal([1, 64, 98, 148]) * 0.02
        let error = WinogradConvolutionTests.relativeError(Self.gradient(tile, x, dy), Self.reference(x, dy))
        print("Winograd F(\(tile)×\(tile), 3×3) weight gradient 64→64 at 100×150: max error / RMS = \(error)")
        #expect(error < 1e-4)
    }
}
