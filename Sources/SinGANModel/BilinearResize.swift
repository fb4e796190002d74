import SinGANTensor

/// PyTorch's `nn.Upsample(mode: "bilinear", align_corners: True)`, which the official
/// `functions.upsampling` uses to fix off-by-one shapes during generation.
///
/// Output pixel `i` of an axis of length `n` → `m` samples the input at `i·(n−1)/(m−1)` (0 when
/// `m` is 1), interpolating linearly between the two neighbouring pixels. Coordinates and
/// weights are computed in Float32, as PyTorch does for float tensors. No clamping, no quantisation.
public enum BilinearResize {
    /// Resizes every plane of `x` (`[N, C, H, W]`) to `height`×`width`.
    public static func resize(_ x: Tensor, toHeight height: Int, width: Int) -> Tensor {
        precondition(x.rank == 4 && x.shape[2] > 0 && x.shape[3] > 0, "bilinear resize of \(x.shape)")
        precondition(height > 0 && width > 0, "bilinear resize target \(height)×\(width) must be positive")
        let (inHeight, inWidth) = (x.shape[2], x.shape[3])
        if inHeight == height && inWidth == width { return x }
        let rows = taps(from: inHeight, to: height), columns = taps(from: inWidth, to: width)
        let planes = x.shape[0] * x.shape[1]
        return Tensor(shape: [x.shape[0], x.shape[1], height, width]) { out in
            x.withUnsafeBufferPointer { src in
                for plane in 0..<planes {
                    let source = plane * inHeight * inWidth, target = plane * height * width
                    for (i, row) in rows.enumerated() {
                        let top = source + row.first * inWidth, bottom = source + row.second * inWidth
                        for (j, column) in columns.enumerated() {
                            let upper = src[top + column.first] * (1 - column.weight) + src[top + column.second] * column.weight
                            let lower = src[bottom + column.first] * (1 - column.weight) + src[bottom + column.second] * column.weight
                            out[target + i * width + j] = upper * (1 - row.weight) + lower * row.weight
                        }
                    }
                }
            }
        }
    }

    /// The two input pixels and the weight of the second, for each output pixel of an axis.
    private static func taps(from input: Int, to output: Int) -> [(first: Int, second: Int, weight: Float)] {
        let scale: Float = output > 1 ? Float(input - 1) / Float(output - 1) : 0
        return (0..<output).map { i in
            let position = scale * Float(i)
            let first = min(Int(position), input - 1)
            return (first, min(first + 1, input - 1), position - Float(first))
        }
    }
}
