import SinGANTensor

/// Shocher's MATLAB-compatible antialiased bicubic resize, exactly as the official SinGAN
/// `imresize` / `imresize_to_shape` (tamarott/SinGAN, `SinGAN/imresize.py`).
///
/// Input and output are NCHW tensors with values in [-1, 1]; each (n, c) plane is resized
/// independently (the official code takes batch 1). The steps are those of the official code:
///
/// 1. **Quantise** (`torch2uint8`): `UInt8(255 * clamp((x + 1) / 2, 0, 1))`, computed in Float32 and
///    **truncated** (NaN becomes 0).
/// 2. **Resize** the 8-bit levels in Double, one axis at a time with the tables of
///    `ResizeContributions` (Keys cubic, a = -0.5; antialiased with `s·cubic(s·x)` when the
///    *height* scale is below 1, for both axes). Axes run in ascending order of their scale
///    (equal scales: height first); an axis whose scale is exactly 1 is left alone.
/// 3. **Back to [-1, 1]** (`np2torch`): `/ 255` in Double, to Float32, `(v - 0.5) * 2`, clamped
///    to [-1, 1]. The output is not quantised again.
///
/// Output size is `ceil(in · scale)` per axis, computed in Double. Even a scale of 1 takes the
/// uint8 round trip, as in the official code.
public enum BicubicResize {
    /// Resizes `x` (`[N, C, H, W]`) by `scale` on both spatial axes (the official `imresize`).
    ///
    /// The output is `[N, C, ceil(H·scale), ceil(W·scale)]`. `scale` must be finite and positive.
    public static func resize(_ x: Tensor, scale: Double) -> Tensor {
        precondition(scale.isFinite && scale > 0, "resize scale must be finite and positive, got \(scale)")
        let input = spatialSize(of: x)
        return resample(x, to: outputSize(of: input, scale: scale), heightScale: scale, widthScale: scale)
    }

    /// Resizes `x` (`[N, C, H, W]`) to `[N, C, height, width]` (the official `imresize_to_shape`);
    /// the per-axis scales are `height / H` and `width / W`.
    public static func resize(_ x: Tensor, toHeight height: Int, width: Int) -> Tensor {
        precondition(height > 0 && width > 0, "resize target \(height)×\(width) must be positive")
        let input = spatialSize(of: x)
        return resample(x, to: ImageSize(height: height, width: width),
                        heightScale: Double(height) / Double(input.height),
                        widthScale: Double(width) / Double(input.width))
    }

    /// The size `resize(_:scale:)` produces for an input of `size`: `ceil(side · scale)` per axis
    /// in Double (float error can push a side up by one, e.g. 26·(25/26)^0.5² → 26).
    public static func outputSize(of size: ImageSize, scale: Double) -> ImageSize {
        ImageSize(height: Int((Double(size.height) * scale).rounded(.up)),
                  width: Int((Double(size.width) * scale).rounded(.up)))
    }

    /// The 8-bit level the official `torch2uint8` gives `value`: Float32 arithmetic, truncated.
    @inlinable
    public static func quantizedLevel(_ value: Float) -> UInt8 {
        var unit = (value + 1) / 2
        if unit.isNaN { return 0 }
        unit = Swift.min(Swift.max(unit, 0), 1)
        return UInt8(255 * unit)
    }

    /// The [-1, 1] value the official `np2torch` gives a resized level `level` (not quantised).
    @inlinable
    public static func normalizedValue(_ level: Double) -> Float {
        let unit = Float(level / 255)
        let value = (unit - 0.5) * 2
        if value.isNaN { return value }
        return Swift.min(Swift.max(value, -1), 1)
    }

    // MARK: - Implementation

    private static func spatialSize(of x: Tensor) -> ImageSize {
        precondition(x.rank == 4, "BicubicResize expects an NCHW tensor, got shape \(x.shape)")
        precondition(x.shape[2] > 0 && x.shape[3] > 0, "BicubicResize of an empty image \(x.shape)")
        return ImageSize(height: x.shape[2], width: x.shape[3])
    }

    /// Resizes every plane of `x` to `size` with the given per-axis scales.
    private static func resample(_ x: Tensor, to size: ImageSize,
                                 heightScale: Double, widthScale: Double) -> Tensor {
        let input = spatialSize(of: x)
        let planeCount = x.shape[0] * x.shape[1]
        let antialiasing = heightScale < 1
        let rowTable: ResizeContributions? = heightScale == 1.0 ? nil : ResizeContributions(
            inputLength: input.height, outputLength: size.height, scale: heightScale, antialiasing: antialiasing)
        let columnTable: ResizeContributions? = widthScale == 1.0 ? nil : ResizeContributions(
            inputLength: input.width, outputLength: size.width, scale: widthScale, antialiasing: antialiasing)
        let plan = SeparableResizePlan(input: input, output: size, rows: rowTable, columns: columnTable,
                             widthFirst: widthScale < heightScale)

        // Split over planes only when there is enough work to pay for a thread hop.
        let grain = plan.multiplyAdds >= 150_000 ? 1 : Swift.max(planeCount, 1)
        return Tensor(shape: [x.shape[0], x.shape[1], size.height, size.width]) { out in
            let dst = SendablePointer(out.baseAddress!)
            x.withUnsafeBufferPointer { inBuffer in
                let src = SendableConstPointer(inBuffer.baseAddress!)
                parallelRanges(planeCount, grain: grain) { planes in
                    plan.run(planes: planes, source: src.base, destination: dst.base)
                }
            }
        }
    }
}
