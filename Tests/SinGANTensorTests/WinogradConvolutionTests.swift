import Testing
@testable import SinGANTensor

/// Winograd F(2×2, 3×3) and F(4×4, 3×3) against the double-precision definition.
@Suite struct WinogradConvolutionTests {
    /// The valid 3×3 correlation accumulated in Double, on flat arrays (fast enough for 64 channels).
    static func reference(_ x: Tensor, _ w: Tensor) -> [Double] {
        let (ci, h, width, co) = (x.shape[1], x.shape[2], x.shape[3], w.shape[0])
        let (ho, wo) = (h - 2, width - 2)
        let xs = x.scalars.map(Double.init), ws = w.scalars.map(Double.init)
        var out = [Double](repeating: 0, count: co * ho * wo)
        for o in 0..<co { for i in 0..<ci { for ky in 0..<3 { for kx in 0..<3 {
            let weight = ws[((o * ci + i) * 3 + ky) * 3 + kx]
            for y in 0..<ho {
                let source = (i * h + y + ky) * width + kx, destination = (o * ho + y) * wo
                for c in 0..<wo { out[destination + c] += weight * xs[source + c] }
            }
        } } } }
        return out
    }

    /// max |y − reference| / RMS(reference).
    static func relativeError(_ y: Tensor, _ reference: [Double]) -> Double {
        let rms = (reference.reduce(0) { $0 + $1 * $1 } / Double(reference.count)).squareRoot()
        let worst = zip(y.scalars, reference).reduce(0) { Swift.max($0, abs(Double($1.0) - $1.1)) }
        return worst / rms
    }

    /// Σ a·b in Double.
    static func dot(_ a: Tensor, _ b: Tensor) -> Double {
        zip(a.scalars, b.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    static func variant(_ tile: Int) -> any WinogradTransform.Type { tile == 2 ? WinogradF2.self : WinogradF4.self }

    static func convolve(_ tile: Int, _ x: Tensor, _ w: Tensor, bias: [Float] = []) -> Tensor {
        func run<T: WinogradTransform>(_ variant: T.Type) -> Tensor {
            WinogradConvolution.convolve(variant, x, w, bias: bias)
        }
        return run(variant(tile))
    }

    // Odd sizes and sizes that leave partial tiles at the right and bottom edges, 1-row images,
    // several blocks per worker (wide or tall inputs), and 16…128 channels.
    @Test(arguments: [2, 4], [(16, 16, 7, 9), (16, 32, 3, 3), (32, 16, 11, 13), (16, 16, 3, 40),
                              (32, 32, 47, 60), (64, 64, 23, 38), (16, 64, 70, 5), (128, 16, 10, 12),
                              (16, 128, 9, 14), (128, 128, 12, 11), (32, 48, 35, 290)])
    func matchesDefinition(tile: Int, shape: (Int, Int, Int, Int)) {
        let (ci, co, h, w) = shape
        var random = RandomSource(seed: 21)
        let x = random.normal([1, ci, h, w]), weight = random.normal([co, ci, 3, 3])
        // F(2×2) adds and halves only; F(4×4)'s larger transform coefficients cost about a digit.
        #expect(Self.relativeError(Self.convolve(tile, x, weight), Self.reference(x, weight)) < (tile == 2 ? 1e-5 : 1e-4))
    }

    /// The vectorised F(4×4) row passes work on groups of eight tiles: every width from 1 to 17
    /// tiles (every partial last group) in all three passes.
    @Test(arguments: Array(3...70))
    func everyTileCountOfARow(width: Int) {
        var random = RandomSource(seed: 25)
        let x = random.normal([1, 16, 6, width]), weight = random.normal([16, 16, 3, 3])
        #expect(Self.relativeError(Self.convolve(4, x, weight), Self.reference(x, weight)) < 1e-4)
        let d = random.normal([1, 16, 4, width - 2])
        let lhs = Self.dot(Tensor.conv2d(x, weight), d)
        #expect(abs(lhs - Self.dot(x, Tensor.conv2dTransposed(d, weight))) < 1e-4 * (abs(lhs) + 1))
        #expect(abs(lhs - Self.dot(weight, Tensor.conv2dWeightGradient(x, d))) < 1e-4 * (abs(lhs) + 1))
    }

    @Test(arguments: [2, 4])
    func addsBiasPerOutputChannel(tile: Int) {
        var random = RandomSource(seed: 22)
        let x = random.normal([1, 16, 9, 13]), weight = random.normal([20, 16, 3, 3]), bias = random.normal([20])
        let reference = Self.reference(x, weight).enumerated().map { $0.element + Double(bias.scalars[$0.offset / (7 * 11)]) }
        #expect(Self.relativeError(Self.convolve(tile, x, weight, bias: bias.scalars), reference) < 1e-5)
    }

    /// A generator-sized layer with trained-scale weights, N(0, 0.02): error against the output RMS.
    @Test(arguments: [2, 4])
    func realisticLayerIsAccurate(tile: Int) {
        var random = RandomSource(seed: 23)
        let x = random.normal([1, 64, 100, 150]), weight = random.normal([64, 64, 3, 3]) * 0.02
        let error = Self.relativeError(Self.convolve(tile, x, weight), Self.reference(x, weight))
        print("Winograd F(\(tile)×\(tile), 3×3) 64→64 at 100×150: max error / RMS = \(error)")
        #expect(error < 1e-4)
    }

    /// <conv(x, w), d> = <x, convT(d, w)> = <w, convW(x, d)>, all three on the Winograd path.
    @Test(arguments: [(16, 32, 19, 23), (64, 64, 30, 41)])
    func transposedConvolutionIsTheAdjoint(ci: Int, co: Int, h: Int, w width: Int) {
        var random = RandomSource(seed: 24)
        let x = random.normal([1, ci, h, width]), w = random.normal([co, ci, 3, 3])
        let d = random.normal([1, co, h - 2, width - 2])
        let lhs = Self.dot(Tensor.conv2d(x, w), d)
        #expect(abs(lhs - Self.dot(x, Tensor.conv2dTransposed(d, w))) < 1e-4 * (abs(lhs) + 1))
        #expect(abs(lhs - Self.dot(w, Tensor.conv2dWeightGradient(x, d))) < 1e-4 * (abs(lhs) + 1))
    }
}

/// The virtual zero padding of the transposed convolution's input.
@Suite struct WinogradPaddingTests {
    @Test(arguments: [(16, 16, 5, 7), (32, 16, 1, 1), (16, 48, 9, 30)])
    func paddedInputMatchesExplicitPadding(ci: Int, co: Int, h: Int, w: Int) {
        var random = RandomSource(seed: 25)
        let x = random.normal([1, ci, h, w]), weight = random.normal([co, ci, 3, 3])
        let padded = x.padded(before: [0, 0, 2, 2], after: [0, 0, 2, 2])
        let expected = WinogradConvolutionTests.reference(padded, weight)
        let y = WinogradConvolution.convolve(WinogradF4.self, x, weight, padding: 2)
        #expect(y.shape == [1, co, h + 2, w + 2])
        #expect(WinogradConvolutionTests.relativeError(y, expected) < 1e-4)
    }
}
