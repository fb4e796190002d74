import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// The picture and its mask at the model's training size, checked, with the mask dilated and
/// blurred as the official `dilate_mask` does (radius and σ from `MaskSettings`).
struct MaskedInput {
    /// The changed picture.
    let picture: InputImage
    /// m: `[1, 3, H, W]` in [0, 1], 0 where the output keeps the picture.
    let mask: Tensor

    /// Loads and checks `options.input` and `options.mask`: both readable images of the same
    /// size, the mask not empty once at the training size. Throws a one-line error otherwise.
    init(_ options: MaskedEditOptions, purpose: MaskDilation.Purpose, runtime: Runtime, notify: Bool) throws {
        picture = try runtime.loadInput(options.input, notify: notify)
        let file = try MaskFile(options.mask, runtime: runtime)
        if notify, let notice = file.notice { runtime.notice(notice) }
        let marked = try runtime.trainingSizeInput(file.pixels, name: nil, originalSize: file.originalSize)
        let (a, b) = (picture.originalSize, marked.originalSize)
        guard a == b else {
            throw MaskedEditError("the mask \(options.mask) is \(b.width)×\(b.height), but \(options.input) is "
                                  + "\(a.width)×\(a.height); give a mask of the same size")
        }
        let settings = MaskSettings(purpose: purpose, modelSize: runtime.trainingSize,
                                    radius: options.maskDilate, sigma: options.maskBlur)
        mask = try MaskDilation.dilateAndBlur(mask: marked.display, radius: settings.radius, sigma: settings.sigma)
        guard mask.scalars.contains(where: { $0 > 0 }) else {
            let size = runtime.trainingSize
            throw MaskedEditError("the mask \(options.mask) is empty (no pixel above black at the model's size "
                                  + "\(size.width)×\(size.height)); paint the region to change white")
        }
    }

    /// `(1 − m)·picture + m·generated` (`generated` in the model's [−1, 1], not clamped), as the
    /// official blend, then in [0, 1] for saving; exactly the picture's pixels where m is 0.
    func blend(_ generated: Tensor) -> Tensor {
        let (m, a, b, kept) = (mask.scalars, picture.model.scalars, generated.scalars, picture.display.scalars)
        return Tensor(shape: generated.shape, scalars: (0..<m.count).map { i in
            m[i] == 0 ? kept[i] : min(max(((1 - m[i]) * a[i] + m[i] * b[i] + 1) / 2, 0), 1)
        })
    }
}

extension MaskedInput {
    /// The blend at the picture's own size: `regenerated` (`[1, 3, H, W]` in [0, 1] at the
    /// picture's size) through the mask resampled to that size (Lanczos-3, clipped to [0, 1]):
    /// `(1 − m)·picture + m·regenerated`, exactly the picture's pixels wherever m is 0.
    func blendAtOriginalSize(_ regenerated: Tensor) throws -> Tensor {
        let size = picture.originalSize
        let m = try ImageResampler.resize(mask, width: size.width, height: size.height).scalars
        let (a, b) = (picture.original.scalars, regenerated.scalars)
        precondition(a.count == m.count && b.count == m.count, "the picture was reduced while loading")
        return Tensor(shape: regenerated.shape, scalars: (0..<m.count).map { i in
            m[i] == 0 ? a[i] : (1 - m[i]) * a[i] + m[i] * b[i]
        })
    }
}

/// A one-line refusal of the inputs.
struct MaskedEditError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
