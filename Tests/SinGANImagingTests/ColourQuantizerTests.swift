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
}
