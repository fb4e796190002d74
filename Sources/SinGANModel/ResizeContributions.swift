/// The resampling table of one image axis for Shocher's MATLAB-compatible `imresize`
/// (the official SinGAN `contributions` function).
///
/// For every output position it holds `tapCount` input indices and their weights; output `o` along
/// the axis is `Σ_k weights[o*tapCount+k] * input[indices[o*tapCount+k]]`. Weights of each output
/// sum to 1 (unless all of them are zero).
///
/// Geometry (1-based output pixel `o`, scale `s`): the output maps to input coordinate
/// `m = o/s + 0.5*(1 - 1/s)`; taps are `j = floor(m - width/2) - 1 + t` for
/// `t in 0 ..< ceil(width) + 2` (0-based input pixels) with weight `k(m - j - 1)`. The kernel `k` is
/// Keys' cubic (a = -0.5, width 4), stretched to `s*cubic(s*x)` with width `4/s` when antialiasing.
///
/// Borders are asymmetric, as in the official code: a tap before the first pixel gets weight 0
/// (the official code casts it to a huge unsigned index), so the kernel is truncated and
/// renormalised there; a tap past the end is mirrored, `j -> 2n - 1 - j` (modulo `2n`).
/// Tap columns that are zero for every output are dropped, as the official code does.
struct ResizeContributions: Sendable {
    /// Number of output positions.
    let outputLength: Int
    /// Taps per output position.
    let tapCount: Int
    /// Input indices, `outputLength × tapCount`, row-major.
    let indices: [Int]
    /// Normalised weights, same layout as `indices`.
    let weights: [Double]

    /// Builds the table for resizing an axis of `inputLength` pixels to `outputLength` pixels
    /// with `scale` (output/input), antialiased when `antialiasing` is true.
    init(inputLength: Int, outputLength: Int, scale: Double, antialiasing: Bool) {
        precondition(inputLength > 0 && outputLength > 0, "resize of an empty axis")
        precondition(scale.isFinite && scale > 0, "resize scale must be finite and positive, got \(scale)")
        var kernelWidth = 4.0
        if antialiasing { kernelWidth *= 1.0 / scale }
        let expandedWidth = Int(kernelWidth.rounded(.up)) + 2
        let period = 2 * inputLength

        var allIndices = [Int](repeating: 0, count: outputLength * expandedWidth)
        var allWeights = [Double](repeating: 0, count: outputLength * expandedWidth)
        var columnUsed = [Bool](repeating: false, count: expandedWidth)
        for o in 0..<outputLength {
            let match = Double(o + 1) / scale + 0.5 * (1 - 1.0 / scale)
            let leftBoundary = (match - kernelWidth / 2).rounded(.down)
            let row = o * expandedWidth
            var sum = 0.0
            for t in 0..<expandedWidth {
                let tap = leftBoundary + Double(t) - 1
                let j = Int(tap)
                var weight = 0.0
                if j >= 0 {
                    let distance = match - tap - 1
                    weight = antialiasing ? scale * Self.cubic(scale * distance) : Self.cubic(distance)
                }
                let wrapped = ((j % period) + period) % period
                allIndices[row + t] = wrapped < inputLength ? wrapped : period - 1 - wrapped
                allWeights[row + t] = weight
                sum += weight
            }
            if sum == 0 { sum = 1 }
            for t in 0..<expandedWidth {
                allWeights[row + t] /= sum
                if allWeights[row + t] != 0 { columnUsed[t] = true }
            }
        }

        let kept = columnUsed.indices.filter { columnUsed[$0] }
        if kept.count == expandedWidth || kept.isEmpty {
            // Nothing to drop (or an all-zero table, which keeps its full width like the original).
            self.init(outputLength: outputLength, tapCount: expandedWidth,
                      indices: allIndices, weights: allWeights)
            return
        }
        var indices = [Int](), weights = [Double]()
        indices.reserveCapacity(outputLength * kept.count)
        weights.reserveCapacity(outputLength * kept.count)
        for o in 0..<outputLength {
            for t in kept {
                indices.append(allIndices[o * expandedWidth + t])
                weights.append(allWeights[o * expandedWidth + t])
            }
        }
        self.init(outputLength: outputLength, tapCount: kept.count, indices: indices, weights: weights)
    }

    private init(outputLength: Int, tapCount: Int, indices: [Int], weights: [Double]) {
        self.outputLength = outputLength
        self.tapCount = tapCount
        self.indices = indices
        self.weights = weights
    }

    /// Keys' cubic convolution kernel with a = -0.5 (support [-2, 2]).
    static func cubic(_ x: Double) -> Double {
        let absx = abs(x)
        let absx2 = absx * absx
        let absx3 = absx2 * absx
        if absx <= 1 { return 1.5 * absx3 - 2.5 * absx2 + 1 }
        if absx <= 2 { return -0.5 * absx3 + 2.5 * absx2 - 4 * absx + 2 }
        return 0
    }
}
