import Testing
import SinGANImaging
import SinGANTensor

@Suite struct ColourQuantizerTests {
    /// Four flat colour blocks with a little noise.
    func blocks() -> Tensor {
        let colours: [[Float]] = [[0.9, 0.1, 0.1], [0.1, 0.8, 0.2], [0.2, 0.2, 0.9], [0.95, 0.95, 0.9]]
        var random = RandomSource(seed: 4)
        var t = Tensor.zeros([1, 3, 20, 20])
        for c in 0..<3 { for y in 0..<20 { for x in 0..<20 {
            t[0, c, y, x] = colours[(y / 10) * 2 + x / 10][c] + 0.01 * random.nextNormal()
        } } }
        return t
    }

    @Test func findsTheBlockColoursAndPaintsOnlyThem() {
        let image = blocks()
        let centres = ColourQuantizer.centres(of: image, clusters: 4, seed: 1)
        for expected in [SIMD3<Float>(0.9, 0.1, 0.1), SIMD3(0.1, 0.8, 0.2), SIMD3(0.2, 0.2, 0.9), SIMD3(0.95, 0.95, 0.9)] {
            #expect(centres.contains { (c: SIMD3<Float>) in
                let d = c - expected
                return max(abs(d.x), abs(d.y), abs(d.z)) < 0.02
            }, "\(expected) in \(centres)")
        }
        let quantized = ColourQuantizer.quantize(image, to: centres)
        let plane = 400
        for i in 0..<plane {
            let pixel = SIMD3(quantized.scalars[i], quantized.scalars[plane + i], quantized.scalars[2 * plane + i])
            #expect(centres.contains(pixel))
        }
        #expect(ColourQuantizer.centres(of: image, clusters: 4, seed: 1) == centres)
    }

    @Test func refittingPaintsWithTheGivenCentres() {
        let centres: [SIMD3<Float>] = [SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1), SIMD3(1, 1, 1)]
        let quantized = ColourQuantizer.quantizeRefitting(blocks(), to: centres)
        #expect(quantized[0, 0, 0, 0] == 1 && quantized[0, 1, 0, 0] == 0)        // red block → pure red
        #expect(quantized[0, 0, 15, 15] == 1 && quantized[0, 2, 15, 15] == 1)    // white block → white
    }

    /// scikit-learn moves a centre that lost all its pixels to the pixel farthest from its own centre
    /// (the official `quant2centers` then paints that pixel with the emptied centre's colour); a centre
    /// that kept its old place would leave the pixel with its first cluster.
    @Test func anEmptiedCentreTakesTheFarthestPixel() {
        // Two tight groups and one outlier at (1, 1, 1); the centre at (0.5, 0.5, 0.5) starts nearest to
        // nothing (the outlier is nearer the group at (0.8, 0.8, 0.8)).
        let pixels: [SIMD3<Float>] = Array(repeating: SIMD3(0, 0, 0), count: 5) + Array(repeating: SIMD3(0.8, 0.8, 0.8), count: 5)
            + [SIMD3(1, 1, 1)]
        let image = Tensor(shape: [1, 3, 1, pixels.count], scalars: (0..<3).flatMap { c in pixels.map { $0[c] } })
        let centres: [SIMD3<Float>] = [SIMD3(0, 0, 0), SIMD3(0.82, 0.82, 0.82), SIMD3(0.5, 0.5, 0.5)]
        let painted = ColourQuantizer.quantizeRefitting(image, to: centres)
        #expect(painted[0, 0, 0, 10] == 0.5, "the outlier joins the emptied centre's cluster")
        #expect(painted[0, 0, 0, 9] == Float(0.82) && painted[0, 0, 0, 0] == 0)
    }
}
