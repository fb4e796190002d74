import SinGANImaging
import SinGANModel
import SinGANTensor

/// A picture a plugin injects or blends (a clipart, an edited photo, a mask), brought to the
/// model's finest training size as the official applications bring `ref` and `mask` there.
public struct InputImage: Sendable {
    /// `[1, 3, H, W]` in [−1, 1], ready for `Runtime.injectionImage(from:at:resize:)`.
    public let model: Tensor
    /// The same picture in [0, 1]: exactly the file's pixels when it already had the training size.
    public let display: Tensor
    /// The file's own size.
    public let originalSize: ImageSize
    /// The file's pixels in [0, 1] as decoded: at `originalSize`, unless the file has more than
    /// `ImageFile.largestFullSizeImage` pixels and was reduced while decoding.
    public let original: Tensor

    /// Whether `original` holds the file at its own size (it was not reduced while decoding).
    public var hasOriginalSize: Bool { original.shape[2] == originalSize.height && original.shape[3] == originalSize.width }
}

extension Runtime {
    /// Inputs more than this many times the training size on a side are first shrunk with
    /// libvips to twice the training size (much faster than the bicubic on a huge image).
    public static let libvipsShrinkFactor = 4

    /// Loads the image at `path` (any format and size `ImageFile.load` reads) and brings it to the
    /// finest training size.
    ///
    /// A picture of that size is kept as it is. Any other is resized to it with the official
    /// `imresize_to_shape` (`BicubicResize` in [−1, 1], stretching when the aspect ratio differs);
    /// one more than `libvipsShrinkFactor` times larger on a side is shrunk with libvips's Lanczos
    /// to twice the training size first. With `notify`, a resize and a dropped alpha channel are
    /// reported with `notice(_:)`, e.g. "clipart.png is 250×218; resized to the model's 250×167".
    /// Throws a one-line error for a missing, unreadable or undecodable file.
    ///
    /// A picture of more than `ImageFile.largestFullSizeImage` pixels is reduced while libvips decodes it
    /// (to twice the training size on its long side), so memory follows the reduced size; its
    /// `originalSize` is still the file's.
    public func loadInput(_ path: String, notify: Bool) throws -> InputImage {
        let (loaded, originalSize) = try loadPixels(path)
        if notify && loaded.droppedAlpha { notice("\(path) has an alpha channel; it is ignored") }
        return try trainingSizeInput(loaded.image, name: notify ? path : nil, originalSize: originalSize)
    }

    /// The image at `path` as decoded for `loadInput` (reduced while decoding when it has more
    /// than `ImageFile.largestFullSizeImage` pixels), and the file's own size.
    public func loadPixels(_ path: String) throws -> (loaded: LoadedImage, originalSize: ImageSize) {
        let (width, height) = try ImageFile.dimensions(of: path)
        let huge = width * height > ImageFile.largestFullSizeImage
        let loaded = huge ? try ImageFile.load(path, longSideAtMost: 2 * trainingSize.longSide) : try ImageFile.load(path)
        return (loaded, ImageSize(height: height, width: width))
    }

    /// `pixels` (`[1, 3, H, W]` in [0, 1]) at the finest training size, as `loadInput` describes;
    /// a resize is reported when `name` is given. `originalSize` is the file's size when `pixels`
    /// were already reduced while decoding (default: the size of `pixels`).
    public func trainingSizeInput(_ pixels: Tensor, name: String?, originalSize: ImageSize? = nil) throws -> InputImage {
        let current = ImageSize(height: pixels.shape[2], width: pixels.shape[3])
        let original = originalSize ?? current
        let target = trainingSize
        guard current != target else {
            return InputImage(model: PixelRange.model(fromDisplay: pixels), display: pixels, originalSize: original,
                              original: pixels)
        }
        var source = pixels
        var steps = "resized to the model's \(target.width)×\(target.height)"
        if current != original { steps = "reduced to \(current.width)×\(current.height) while loading, then " + steps }
        let factor = Self.libvipsShrinkFactor
        if current.height > factor * target.height || current.width > factor * target.width {
            let between = ImageSize(height: 2 * target.height, width: 2 * target.width)
            source = try ImageResampler.resize(pixels, width: between.width, height: between.height)
            steps = "shrunk with libvips to \(between.width)×\(between.height), then " + steps
        }
        let resized = BicubicResize.resize(PixelRange.model(fromDisplay: source), toHeight: target.height, width: target.width)
        if let name {
            let stretched = Self.aspectDiffers(original, target) ? " (stretched: its aspect ratio differs)" : ""
            notice("\(name) is \(original.width)×\(original.height); \(steps)\(stretched)")
        }
        return InputImage(model: resized, display: PixelRange.display(fromModel: resized), originalSize: original,
                          original: pixels)
    }

    /// Whether bringing `size` to `target` stretches it: fitting `size`'s aspect ratio to
    /// `target`'s width misses its height by more than one pixel, or the other way round. A
    /// difference that rounding the target's sides to whole pixels explains (451×300 against a
    /// 64×43 model) is no stretch.
    public static func aspectDiffers(_ size: ImageSize, _ target: ImageSize) -> Bool {
        let height = Double(target.width) * Double(size.height) / Double(size.width)
        let width = Double(target.height) * Double(size.width) / Double(size.height)
        return abs(height - Double(target.height)) > 1 || abs(width - Double(target.width)) > 1
    }
}
