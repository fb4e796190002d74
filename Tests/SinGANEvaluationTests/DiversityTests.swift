import SinGANEvaluation
import SinGANTensor
import Testing

/// Diversity: 0 for identical samples, exact on two-valued cases, ≈ √((n−1)/n) for i.i.d. noise.
@Suite struct DiversityTests {
    @Test func identicalSamplesHaveNone() throws {
        let image = TestImages.texture(height: 10, width: 12)
        let value = try #require(Diversity.value(samples: Array(repeating: image, count: 5), reference: image))
        #expect(abs(value) < 1e-12)
    }

    /// Samples 0 and 1 everywhere (in [0, 1]): std 0.5 at every pixel; a half-0, half-1 reference
    /// also has std 0.5, so the diversity is exactly 1 (and 0.5 against a reference with std 1).
    @Test func twoValuedSamplesHaveTheKnownValue() throws {
        let samples = [TestImages.constant(-1), TestImages.constant(1)]
        let reference = Tensor(shape: [1, 3, 2, 2], scalars: [-1, 1, 1, -1, -1, 1, 1, -1, 1, 1, -1, -1])
        #expect(try #require(Diversity.value(samples: samples, reference: reference)) == 1)
        var diversity = Diversity()
        for sample in samples { diversity.add(sample) }
        #expect(diversity.sampleCount == 2 && diversity.meanDeviationAcrossSamples == 0.5)
    }

    @Test func independentNoiseMatchesTheReferenceSpread() throws {
        let n = 200
        let samples = (0..<n).map { TestImages.noise(height: 6, width: 6, seed: UInt64(100 + $0)) }
        let reference = TestImages.noise(height: 48, width: 48, seed: 7)
        let value = try #require(Diversity.value(samples: samples, reference: reference))
        #expect(abs(value - (Double(n - 1) / Double(n)).squareRoot()) < 0.03, "\(value)")
    }

    @Test func aFlatReferenceLeavesItUndefined() {
        let samples = [TestImages.noise(height: 4, width: 4, seed: 1), TestImages.noise(height: 4, width: 4, seed: 2)]
        #expect(Diversity.value(samples: samples, reference: TestImages.constant(0.3)) == nil)
        #expect(Diversity.standardDeviation([1, 3]) == 1 && Diversity.standardDeviation([]) == 0)
    }
}
