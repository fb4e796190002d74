/// The taps of PyTorch's `upsample_bicubic2d` with `align_corners=True` along one axis: for every
/// output sample, the four input samples it reads and their weights.
///
/// Output sample `i` of an axis resized from `inputCount` to `outputCount` samples sits at input
/// coordinate `s = i·(inputCount−1)/(outputCount−1)` (0 when `outputCount` is 1). With
/// `f = min(⌊s⌋, inputCount−1)` and `t = clamp(s − f, 0, 1)`, it reads inputs `f−1, f, f+1, f+2`,
/// each index clamped to `0..<inputCount` (border replication), with the weights of Keys' cubic
/// convolution with A = −0.75 at distances `1+t, t, 1−t, 2−t`. Everything is computed in Float32 in
/// the order PyTorch's CPU kernel uses, so the weights match PyTorch's bit for bit.
public struct BicubicAxisTaps: Sendable, Equatable {
    /// The cubic's free parameter; PyTorch's bicubic mode uses −0.75.
    public static let cubicParameter: Float = -0.75
    /// Samples along the axis before resizing.
    public let inputCount: Int
    /// Samples along the axis after resizing.
    public let outputCount: Int
    /// Four input indices per output sample (`4·i ..< 4·i+4`), each in `0..<inputCount`.
    public let indices: [Int]
    /// The weight of each entry of `indices`; the four of a sample sum to 1.
    public let weights: [Float]
    /// The same taps seen from the input side, for the transpose as a gather: input sample `k` is
    /// read by the output samples `transposeIndices[transposeOffsets[k]..<transposeOffsets[k+1]]`
    /// (ascending) with the matching `transposeWeights`; a sample's taps clamped onto the same input
    /// are merged into one.
    let transposeOffsets: [Int]
    let transposeIndices: [Int]
    let transposeWeights: [Float]

    /// The taps resizing an axis of `inputCount` samples to `outputCount`; both must be positive.
    public init(from inputCount: Int, to outputCount: Int) {
        precondition(inputCount > 0 && outputCount > 0, "bicubic axis \(inputCount) → \(outputCount) must be positive")
        self.inputCount = inputCount
        self.outputCount = outputCount
        let scale: Float = outputCount > 1 ? Float(inputCount - 1) / Float(outputCount - 1) : 0
        var indices = [Int](), weights = [Float]()
        indices.reserveCapacity(4 * outputCount)
        weights.reserveCapacity(4 * outputCount)
        for i in 0..<outputCount {
            let position = scale * Float(i)
            let first = Swift.min(Int(position.rounded(.down)), inputCount - 1)
            let fraction = Swift.min(Swift.max(position - Float(first), 0), 1)
            let tapWeights = Self.cubicWeights(at: fraction)
            for (k, weight) in [tapWeights.0, tapWeights.1, tapWeights.2, tapWeights.3].enumerated() {
                indices.append(Swift.min(Swift.max(first - 1 + k, 0), inputCount - 1))
                weights.append(weight)
            }
        }
        self.indices = indices
        self.weights = weights
        (transposeOffsets, transposeIndices, transposeWeights) = Self.transposed(
            indices: indices, weights: weights, inputCount: inputCount)
    }

    /// The taps grouped by input sample (a counting sort of the output samples by the inputs they read).
    private static func transposed(indices: [Int], weights: [Float], inputCount: Int) -> ([Int], [Int], [Float]) {
        var merged: [(input: Int, output: Int, weight: Float)] = []
        for (k, input) in indices.enumerated() {
            if k % 4 != 0, let last = merged.last, last.input == input {
                merged[merged.count - 1].weight += weights[k]
            } else {
                merged.append((input, k / 4, weights[k]))
            }
        }
        var offsets = [Int](repeating: 0, count: inputCount + 1)
        for tap in merged { offsets[tap.input + 1] += 1 }
        for k in 0..<inputCount { offsets[k + 1] += offsets[k] }
        var next = offsets, outputs = [Int](repeating: 0, count: merged.count)
        var tapWeights = [Float](repeating: 0, count: merged.count)
        for tap in merged {
            outputs[next[tap.input]] = tap.output
            tapWeights[next[tap.input]] = tap.weight
            next[tap.input] += 1
        }
        return (offsets, outputs, tapWeights)
    }

    /// Whether every output sample is the input sample of the same index (equal lengths).
    public var isIdentity: Bool { inputCount == outputCount }

    /// The four weights for a sample at fraction `t` ∈ [0, 1] past its second tap, exactly as
    /// PyTorch's `get_cubic_upsample_coefficients` computes them.
    public static func cubicWeights(at t: Float) -> (Float, Float, Float, Float) {
        let a = cubicParameter
        /// Keys' cubic for |x| ≤ 1.
        func near(_ x: Float) -> Float { ((a + 2) * x - (a + 3)) * x * x + 1 }
        /// Keys' cubic for 1 < |x| < 2.
        func far(_ x: Float) -> Float { ((a * x - 5 * a) * x + 8 * a) * x - 4 * a }
        let complement = 1 - t
        return (far(t + 1), near(t), near(complement), far(complement + 1))
    }
}

/// The row and column taps of a bicubic, align-corners resize of `[N, C, h, w]` planes to
/// `[N, C, H, W]`: made once per pair of sizes and shared by the forward resize
/// (`Tensor.upsampledBicubicAlignCorners`) and its transpose.
public struct BicubicAlignCornersPlan: Sendable, Equatable {
    /// Taps along the height axis (h → H).
    public let rows: BicubicAxisTaps
    /// Taps along the width axis (w → W).
    public let columns: BicubicAxisTaps

    /// The plan resizing `inputHeight`×`inputWidth` planes to `outputHeight`×`outputWidth`.
    public init(fromHeight inputHeight: Int, width inputWidth: Int, toHeight outputHeight: Int, width outputWidth: Int) {
        rows = BicubicAxisTaps(from: inputHeight, to: outputHeight)
        columns = BicubicAxisTaps(from: inputWidth, to: outputWidth)
    }

    /// Height and width of the planes the forward resize reads.
    public var inputSize: (height: Int, width: Int) { (rows.inputCount, columns.inputCount) }
    /// Height and width of the planes the forward resize writes.
    public var outputSize: (height: Int, width: Int) { (rows.outputCount, columns.outputCount) }
    /// Whether input and output sizes are equal, so the resize is the identity.
    public var isIdentity: Bool { rows.isIdentity && columns.isIdentity }
}
