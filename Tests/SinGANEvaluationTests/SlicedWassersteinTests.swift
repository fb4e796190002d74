import SinGANEvaluation
import SinGANTensor
import Testing

/// W₁ of sorted sets, unit directions, and SWD on sets with known distances.
@Suite struct SlicedWassersteinTests {
    func w1(_ a: [Float], _ b: [Float]) -> Double { SlicedWasserstein.wasserstein1(sorted: a[...], sorted: b[...]) }

    @Test func oneDimensionalDistancesWithKnownValues() {
        #expect(w1([0, 1, 2], [0, 1, 2]) == 0)
        #expect(w1([0, 1, 2], [1, 2, 3]) == 1)
        #expect(w1([0, 1], [0, 0, 1, 1]) == 0)        // the same distribution at different sizes
        #expect(w1([0], [0, 2]) == 1)
        #expect(w1([0, 4], [1, 2, 3, 5]) == (1 + 2 + 1 + 1) / 4.0)   // quantiles 0, 0, 4, 4 against 1, 2, 3, 5
    }

    @Test func directionsAreUnitVectorsFixedBySeed() {
        let slicer = SlicedWasserstein(dimension: 147, directionCount: 16, seed: 3)
        #expect(slicer.directions.shape == [16, 147])
        for k in 0..<16 {
            let norm = (0..<147).reduce(Float(0)) { $0 + slicer.directions[k, $1] * slicer.directions[k, $1] }
            #expect(abs(norm - 1) < 1e-5)
        }
        #expect(SlicedWasserstein(dimension: 147, directionCount: 16, seed: 3).directions == slicer.directions)
        #expect(SlicedWasserstein(dimension: 147, directionCount: 16, seed: 4).directions != slicer.directions)
    }

    @Test func projectionsAreSortedPerDirection() {
        let slicer = SlicedWasserstein(dimension: 2, directionCount: 2, seed: 1)
        let points = PatchSet(dimension: 2, values: [3, 0, -1, 2, 0, 0, 5, 5])
        let projected = slicer.project(points)
        #expect(projected.pointCount == 4 && projected.directionCount == 2)
        for k in 0..<2 {
            let row = Array(projected.row(k))
            #expect(row == row.sorted())
            let expected = (0..<4).map { slicer.directions[k, 0] * points.values[2 * $0] + slicer.directions[k, 1] * points.values[2 * $0 + 1] }
            #expect(zip(row, expected.sorted()).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    @Test func identicalSetsAreAtDistanceZero() {
        let extraction = PatchExtraction(seed: 2)
        let patches = extraction.patches(of: TestImages.noise(height: 16, width: 16, seed: 5))
        #expect(SlicedWasserstein(dimension: patches.dimension, seed: 1).distance(patches, patches) == 0)
    }

    /// Every patch of a constant image p projects onto θ as p·Σθ, so SWD(p, q) = |p − q|·mean |Σθ|.
    @Test func constantImagesAtTheirKnownDistance() {
        let extraction = PatchExtraction(seed: 2)
        let (p, q): (Float, Float) = (0.2, 0.7)
        let a = extraction.patches(of: TestImages.constant(p)), b = extraction.patches(of: TestImages.constant(q, height: 9, width: 14))
        let slicer = SlicedWasserstein(dimension: a.dimension, directionCount: 32, seed: 6)
        let expected = (0..<32).reduce(0.0) { sum, k in
            sum + abs(Double((0..<a.dimension).reduce(Float(0)) { $0 + slicer.directions[k, $1] }))
        } * Double(q - p) / 32
        #expect(abs(slicer.distance(a, b) - expected) < 1e-5)
    }
}
