import Foundation
import Testing
import SinGANModel
import SinGANTensor

@Suite("BicubicResize against the official imresize")
struct BicubicResizeTests {
    private func maxAbsDifference(_ tensor: Tensor, _ expected: [Double]) -> Double {
        zip(tensor.scalars, expected).reduce(0) { Swift.max($0, abs(Double($1.0) - $1.1)) }
    }

    @Test func quantizationMatchesStoredLevels() throws {
        let fixtures = try Fixture.resize()
        let levels = fixtures.input.values.map { Int(BicubicResize.quantizedLevel(Float($0))) }
        #expect(levels == fixtures.input.uint8Levels)
    }

    @Test func everyCaseWithin1e5() throws {
        let fixtures = try Fixture.resize()
        let input = Tensor(shape: fixtures.input.shape, scalars: fixtures.input.values.map { Float($0) })
        #expect(fixtures.cases.count == 7)
        for fixture in fixtures.cases {
            let output: Tensor
            if let target = fixture.outputShape {
                output = BicubicResize.resize(input, toHeight: target[0], width: target[1])
            } else {
                output = BicubicResize.resize(input, scale: try #require(fixture.scale))
            }
            let label = Comment(rawValue: "\(fixture.call) scale \(fixture.scale.map { "\($0)" } ?? "-") "
                + "shape \(fixture.outputShape ?? [])")
            #expect(output.shape == fixture.shape, label)
            guard output.shape == fixture.shape else { continue }
            #expect(maxAbsDifference(output, fixture.values) <= 1e-5, label)
        }
    }

    /// The closed-form checksum input: `u[c,h,w] = (37h + 91w + 53c + 11hw) mod 255`.
    private func checksumInput(shape: [Int]) -> Tensor {
        let (channels, height, width) = (shape[1], shape[2], shape[3])
        var scalars: [Float] = []
        scalars.reserveCapacity(channels * height * width)
        for c in 0..<channels {
            for h in 0..<height {
                for w in 0..<width {
                    let level = (37 * h + 91 * w + 53 * c + 11 * h * w) % 255
                    let value = ((Double(level) + 0.7) / 255) * 2 - 1
                    scalars.append(Float((value * 1e6).rounded(.toNearestOrEven) / 1e6))
                }
            }
        }
        return Tensor(shape: shape, scalars: scalars)
    }

    @Test func checksumCase() throws {
        let fixture = try Fixture.resize().checksumCase
        let input = checksumInput(shape: fixture.inputShape)
        let inputSum = input.scalars.reduce(0.0) { $0 + Double($1) }
        #expect(abs(inputSum - fixture.inputSum) <= 1e-4)

        let output = BicubicResize.resize(input, scale: 0.75)
        #expect(output.shape == fixture.outputShape)
        let sum = output.scalars.reduce(0.0) { $0 + Double($1) }
        let sumOfSquares = output.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }
        #expect(abs(sum - fixture.outputSum) <= 1e-3)
        #expect(abs(sumOfSquares - fixture.outputSumOfSquares) <= 1e-3)
        #expect(fixture.samples.count == 14)
        for sample in fixture.samples {
            let at = sample.atNchw
            let value = Double(output[at[0], at[1], at[2], at[3]])
            #expect(abs(value - sample.value) <= 1e-5, "sample at \(at)")
        }
    }

    @Test func outputSizeUsesDoubleCeil() {
        // 26·((25/26)^0.5)^2 evaluates to 25.000000000000004, so the official size is 26.
        let factor = pow(25.0 / 26.0, 0.5)
        let size = BicubicResize.outputSize(of: ImageSize(height: 26, width: 40), scale: pow(factor, 2))
        #expect(size == ImageSize(height: 26, width: 39))
    }

    @Test func unitScaleStillQuantizes() {
        let input = Tensor(shape: [1, 1, 1, 3], scalars: [0.999, -0.5001, 2])
        let output = BicubicResize.resize(input, scale: 1)
        #expect(output.shape == [1, 1, 1, 3])
        let expected = [254.0, 63.0, 255.0].map { Double(BicubicResize.normalizedValue($0)) }
        #expect(maxAbsDifference(output, expected) == 0)
    }

    @Test func nonFiniteInputDoesNotTrap() {
        let input = Tensor(shape: [1, 1, 2, 2], scalars: [.nan, .infinity, -.infinity, 0])
        let output = BicubicResize.resize(input, scale: 2)
        #expect(output.shape == [1, 1, 4, 4])
        #expect(output.scalars.allSatisfy { $0.isFinite && $0 >= -1 && $0 <= 1 })
    }

    @Test func batchPlanesAreIndependent() throws {
        let fixtures = try Fixture.resize()
        let single = Tensor(shape: fixtures.input.shape, scalars: fixtures.input.values.map { Float($0) })
        let doubled = Tensor(shape: [2, 3, 11, 14], scalars: single.scalars + single.scalars.reversed())
        let output = BicubicResize.resize(doubled, scale: 0.7771)
        let first = BicubicResize.resize(single, scale: 0.7771)
        #expect(Array(output.scalars.prefix(first.count)) == first.scalars)
    }

    @Test func tinyImagesResizeWithoutTrapping() {
        let pixel = Tensor(shape: [1, 3, 1, 1], scalars: [0.2, -0.3, 0.9])
        #expect(BicubicResize.resize(pixel, scale: 7).shape == [1, 3, 7, 7])
        #expect(BicubicResize.resize(pixel, scale: 0.01).shape == [1, 3, 1, 1])
        #expect(BicubicResize.resize(pixel, toHeight: 5, width: 1).shape == [1, 3, 5, 1])
        let strip = Tensor(repeating: 0.1, shape: [1, 1, 2, 40])
        #expect(BicubicResize.resize(strip, toHeight: 1, width: 3).shape == [1, 1, 1, 3])
    }
}
