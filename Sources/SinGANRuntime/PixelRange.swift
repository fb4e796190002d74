import SinGANTensor

/// Conversions between the model's pixel range [−1, 1] and the [0, 1] range of image files.
public enum PixelRange {
    /// [0, 1] → [−1, 1]: `clamp((x − 0.5)·2, −1, 1)`, the official `norm`.
    public static func model(fromDisplay image: Tensor) -> Tensor {
        image.map { min(max(($0 - 0.5) * 2, -1), 1) }
    }

    /// [−1, 1] → [0, 1]: `clamp((x + 1)/2, 0, 1)`, the official `denorm` before saving.
    public static func display(fromModel image: Tensor) -> Tensor {
        image.map { min(max(($0 + 1) / 2, 0), 1) }
    }

    /// √mean((a − b)²), e.g. a reconstruction's error in the model's range.
    public static func rootMeanSquareError(_ a: Tensor, _ b: Tensor) -> Float {
        (a - b).pow(2).mean().scalar.squareRoot()
    }
}
