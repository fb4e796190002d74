import SinGANRuntime
import SinGANTensor

/// How well the model reproduces its training image from the fixed reconstruction noise z*.
///
/// RMSE = √(mean over pixels and channels of (G(z*) − x)²), both images in the [0, 1] range of saved
/// images (clamped), so it is the value `singan-edit sample --reconstruct` prints. 0 is a perfect
/// reconstruction; G(z*) is deterministic, so the value does not depend on any seed.
public enum ReconstructionError {
    /// The RMSE between `reconstruction` and `reference` (same shape, the model's range).
    public static func rootMeanSquare(_ reconstruction: Tensor, _ reference: Tensor) -> Double {
        precondition(reconstruction.shape == reference.shape,
                     "reconstruction \(reconstruction.shape) and reference \(reference.shape) differ in shape")
        let error = PixelRange.rootMeanSquareError(PixelRange.display(fromModel: reconstruction),
                                                   PixelRange.display(fromModel: reference))
        return Double(error)
    }

    /// G(z*) of `runtime`'s model against its training image at the finest scale.
    public static func rootMeanSquare(of runtime: Runtime) throws -> Double {
        try rootMeanSquare(runtime.reconstruction(), runtime.trainingImage(at: runtime.scaleCount - 1))
    }
}
