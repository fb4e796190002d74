import Testing
@testable import SinGANTensor

/// The fast kernels against a direct six-loop definition.
@Suite struct ConvolutionKernelTests {
    static func naiveConv(_ x: Tensor, _ w: Tensor) -> Tensor {
        let (ci, h, wd) = (x.shape[1], x.shape[2], x.shape[3])
        let (co, k) = (w.shape[0], w.shape[2])
        var out = Tensor.zeros([1, co, h - k + 1, wd - k + 1])
        for o in 0..<co { for y in 0..<(h - k + 1) { for xx in 0..<(wd - k + 1) {
            var acc: Double = 0
            for i in 0..<ci { for ky in 0..<k { for kx in 0..<k {
                acc += Double(x[0, i, y + ky, xx + kx]) * Double(w[o, i, ky, kx])
            } } }
            out[0, o, y, xx] = Float(acc)
        } } }
        return out
    }

    // Below 16 input channels im2col runs; from 16 the shifted GEMMs (several row tiles for 300).
    @Test(arguments: [(3, 5, 12, 9, 3), (4, 2, 7, 7, 1), (2, 3, 30, 41, 5), (16, 8, 23, 130, 3),
                      (32, 6, 40, 300, 3), (20, 3, 11, 9, 5), (17, 2, 5, 4, 1)])
    func conv2dMatchesDefinition(ci: Int, co: Int, h: Int, w: Int, k: Int) {
        var random = RandomSource(seed: 7)
        let x = random.normal([1, ci, h, w]), weight = random.normal([co, ci, k, k])
        #expect(Tensor.conv2d(x, weight).maxAbsDifference(Self.naiveConv(x, weight)) < 1e-4)
    }

    @Test(arguments: [3, 32])
    func biasIsAddedPerOutputChannel(ci: Int) {
        var random = RandomSource(seed: 8)
        let x = random.normal([1, ci, 14, 150]), weight = random.normal([5, ci, 3, 3]), bias = random.normal([5])
        let expected = Self.naiveConv(x, weight) + bias.reshaped([1, 5, 1, 1])
        #expect(Tensor.conv2d(x, weight, bias: bias).maxAbsDifference(expected) < 1e-4)
    }

    /// im2col (5 channels) and shifted GEMMs (32 channels, several row tiles).
    @Test(arguments: [(5, 6, 19, 23), (32, 4, 40, 300)])
    func adjointsSatisfyInnerProductIdentity(ci: Int, co: Int, h: Int, w width: Int) {
        // <conv(x, w), d> = <x, convT(d, w)> = <w, convW(x, d)>
        var random = RandomSource(seed: 11)
        let x = random.normal([1, ci, h, width]), w = random.normal([co, ci, 3, 3])
        let d = random.normal([1, co, h - 2, width - 2])
        func dot(_ a: Tensor, _ b: Tensor) -> Double {
            zip(a.scalars, b.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        let lhs = dot(Tensor.conv2d(x, w), d)
        #expect(abs(lhs - dot(x, Tensor.conv2dTransposed(d, w))) < 1e-3 * abs(lhs) + 1e-3)
        #expect(abs(lhs - dot(w, Tensor.conv2dWeightGradient(x, d))) < 1e-3 * abs(lhs) + 1e-3)
    }
}
