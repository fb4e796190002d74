import Foundation
import Testing
import SinGANAutodiff
import SinGANTensor

/// The bicubic, align-corners resize (ConSinGAN's `upsample`) against PyTorch, and its gradient
/// through first and second differentiation. Golden values: Fixtures/bicubic_golden.json, made by
/// Fixtures/make_bicubic_fixture.py.
@Suite struct BicubicResizeGoldenTests {
    struct Stored: Decodable { let shape: [Int]; let values: [Float] }
    struct Case: Decodable {
        let note: String
        let input: Stored
        let output_size: [Int]
        let output: Stored
        let upstream: Stored
        let input_gradient: Stored
    }
    struct Golden: Decodable { let cases: [Case] }

    static let golden: Golden = {
        let url = Bundle.module.url(forResource: "bicubic_golden", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }()

    static func tensor(_ stored: Stored) -> Tensor { Tensor(shape: stored.shape, scalars: stored.values) }

    /// Largest difference relative to the largest reference magnitude (at least 1).
    static func error(_ ours: Tensor, _ reference: Stored) -> Float {
        precondition(ours.shape == reference.shape, "shape \(ours.shape) vs \(reference.shape)")
        let scale = max(1, reference.values.map(abs).max() ?? 0)
        return ours.maxAbsDifference(tensor(reference)) / scale
    }

    @Test func fixtureCoversTheAgreedCases() {
        let pairs = Self.golden.cases.map { "\($0.input.shape)→\($0.output_size)" }
        #expect(pairs.contains("[1, 2, 5, 7]→[9, 12]") && pairs.contains("[1, 3, 4, 4]→[6, 6]"))
        #expect(pairs.contains("[1, 1, 3, 5]→[3, 5]") && pairs.contains("[1, 2, 1, 1]→[4, 6]"))
    }

    @Test func forwardMatchesPyTorch() {
        for golden in Self.golden.cases {
            let (height, width) = (golden.output_size[0], golden.output_size[1])
            let x = Variable(Self.tensor(golden.input))
            #expect(Self.error(x.upsampledBicubicAlignCorners(toHeight: height, width: width).value, golden.output) < 1e-5,
                    "\(golden.note)")
        }
    }

    @Test func inputGradientMatchesPyTorch() {
        for golden in Self.golden.cases {
            let (height, width) = (golden.output_size[0], golden.output_size[1])
            let x = Variable(Self.tensor(golden.input), requiresGrad: true)
            let y = x.upsampledBicubicAlignCorners(toHeight: height, width: width)
            let gradient = gradients(of: y, wrt: [x], seed: Variable(Self.tensor(golden.upstream)))[0]
            #expect(Self.error(gradient.value, golden.input_gradient) < 1e-5, "\(golden.note)")
        }
    }

    /// Reverse mode through a non-linear loss, for the resize and for its transpose, against
    /// central differences (`GradientCheck`).
    @Test func gradientsMatchFiniteDifferencesThroughNonLinearLoss() {
        var random = RandomSource(seed: 21)
        let x = random.normal([1, 3, 5, 7]), big = random.normal([1, 3, 9, 12])
        let up = GradientCheck.worstError(inputs: [x]) {
            ($0[0].upsampledBicubicAlignCorners(toHeight: 9, width: 12) * 0.7).tanh().squared()
        }
        #expect(up < 2e-3)
        let shrink = GradientCheck.worstError(inputs: [x]) {
            $0[0].upsampledBicubicAlignCorners(toHeight: 4, width: 10).tanh()
        }
        #expect(shrink < 2e-3)
        let transposed = GradientCheck.worstError(inputs: [big]) {
            ($0[0].upsampledBicubicAlignCornersTransposed(toHeight: 5, width: 7) * 0.3).tanh()
        }
        #expect(transposed < 2e-3)
    }

    /// A gradient penalty through the resize, P(x) = Σ (∂/∂x Σ tanh(up(x)))², needs the transpose's
    /// own gradient (the resize again): ∂P/∂x against central differences of P.
    @Test func secondOrderGradientMatchesFiniteDifferences() {
        var random = RandomSource(seed: 22)
        let point = random.normal([1, 2, 4, 5]), probe = Variable(random.normal([1, 2, 7, 9]))
        func penalty(_ x: Tensor, createGraph: Bool) -> Variable {
            let leaf = Variable(x, requiresGrad: true)
            let score = (leaf.upsampledBicubicAlignCorners(toHeight: 7, width: 9).tanh() * probe).sum()
            return gradients(of: score, wrt: [leaf], createGraph: createGraph)[0].squared().sum()
        }
        let leaf = Variable(point, requiresGrad: true)
        let score = (leaf.upsampledBicubicAlignCorners(toHeight: 7, width: 9).tanh() * probe).sum()
        let slope = gradients(of: score, wrt: [leaf], createGraph: true)[0]
        let analytic = gradients(of: slope.squared().sum(), wrt: [leaf])[0].value
        #expect(analytic.scalars.contains { abs($0) > 1e-3 })

        let step: Float = 1e-2
        var worst = 0.0
        for _ in 0..<4 {
            let direction = random.normal(point.shape)
            let plus = Double(penalty(point + direction * step, createGraph: false).value.scalar)
            let minus = Double(penalty(point - direction * step, createGraph: false).value.scalar)
            let numeric = (plus - minus) / Double(2 * step)
            let exact = zip(analytic.scalars, direction.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            worst = max(worst, abs(numeric - exact) / max(1, abs(exact)))
        }
        #expect(worst < 2e-3, "relative error \(worst)")
    }
}
