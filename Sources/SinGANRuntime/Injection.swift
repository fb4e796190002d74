import Foundation
import SinGANModel
import SinGANTensor

extension Runtime {
    /// `image` (`[1, 3, H, W]` in [−1, 1], any size) prepared for injection with start stage `n`,
    /// as the model's family does it (SinGAN: resized to the finest size, then down to scale n−1
    /// and up to n, or straight to n; ConSinGAN: resized to its first stage). Use the result as
    /// `GenerationRequest.injected` with `startScale: n`.
    public func injectionImage(from image: Tensor, at n: Int, resize: InjectionResize = .downAndUp) throws(GenerationError) -> Tensor {
        let lowest = model.lowestInjectionStage(resize)
        guard (lowest..<scaleCount).contains(n) else { throw .injectionScaleOutOfRange(n, lowest: lowest, scaleCount: scaleCount) }
        return model.injectionImage(from: image, at: n, resize: resize)
    }
}
