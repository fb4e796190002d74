internal import CVips
import SinGANTensor

/// Mask preparation for harmonization and editing, as the official `functions.dilate_mask`.
///
/// Steps (official SinGAN, functions.py; see Tests/SinGANImagingTests/Fixtures/README.md):
/// 1. Threshold: channel 0 goes through `torch2uint8` of its [-1, 1] form, i.e. the level
///    `trunc(255 · clamp((x + 1) / 2, 0, 1))` with `x = clamp((v - 0.5) · 2, -1, 1)`; any level > 0
///    is foreground. For v in [0, 1] this is "v ≥ 1/255".
/// 2. Binary dilation with `disk(radius)`: every offset with dx² + dy² ≤ radius²; pixels outside
///    the image count as background (libvips `morph` on a black-padded image).
/// 3. Gaussian blur of the 0/1 image with SciPy `gaussian_filter` semantics: σ = `sigma`,
///    kernel radius `int(4σ + 0.5)` (20 for σ = 5), weights normalised to sum 1, edges extended by
///    replication (mode "nearest"). Done with libvips `convsep` in float on an edge-replicated
///    (`embed`, extend copy) image, so libvips's own edge handling never matters.
/// 4. `(g - 0.5) · 2` clamped to [-1, 1] in Float32, then min-max normalised to [0, 1].
///
/// Measured against the official output (`masks.json`): within 1e-5 for radius 7 and 20.
public enum MaskDilation {
    /// The disk radii the official applications use.
    public enum Purpose: Sendable {
        /// harmonization.py: `disk(7)`.
        case harmonization
        /// editing.py: `disk(20)`.
        case editing

        /// The disk radius for this purpose.
        public var diskRadius: Int {
            switch self {
            case .harmonization: return 7
            case .editing: return 20
            }
        }
    }

    /// `dilateAndBlur(mask:radius:sigma:)` with the official radius for `purpose` and σ = 5.
    public static func dilateAndBlur(mask: Tensor, for purpose: Purpose) throws(ImagingError) -> Tensor {
        try dilateAndBlur(mask: mask, radius: purpose.diskRadius)
    }

    /// Dilates a binary mask by a disk of `radius`, blurs it with a Gaussian of `sigma` and
    /// normalises it to span [0, 1] (see the type's documentation for the exact steps).
    ///
    /// - Parameter mask: [H, W], [1, 1, H, W] or [1, C, H, W] (channel 0 is used), values in
    ///   [0, 1] with foreground 1.
    /// - Returns: [1, 3, H, W] with three identical channels. Where the official code would divide
    ///   0 by 0 (a constant result: an empty mask, or one covering everything), this returns all
    ///   zeros for an empty mask and all ones for a full one.
    public static func dilateAndBlur(mask: Tensor, radius: Int,
                                     sigma: Double = 5) throws(ImagingError) -> Tensor {
        guard sigma.isFinite, sigma > 0 else {
            throw .invalidArgument(name: "sigma", reason: "\(sigma) must be a positive number")
        }
        let (height, width) = try planeSize(of: mask)
        let dilated = try dilate(mask: mask, radius: radius)
        let blurred = try blur(dilated, height: height, width: width, sigma: sigma)
        let signed = blurred.map { min(max((Float($0) - 0.5) * 2, -1), 1) }
        let low = signed.min() ?? 0, high = signed.max() ?? 0
        let normalised: [Float]
        if high > low {
            let range = high - low
            normalised = signed.map { ($0 - low) / range }
        } else {
            normalised = [Float](repeating: dilated.contains(1) ? 1 : 0, count: height * width)
        }
        return Tensor(shape: [1, 3, height, width], scalars: normalised + normalised + normalised)
    }

    /// Steps 1 and 2: the row-major H × W dilated mask as 0/1 bytes.
    static func dilate(mask: Tensor, radius: Int) throws(ImagingError) -> [UInt8] {
        guard radius >= 0 else {
            throw .invalidArgument(name: "radius", reason: "\(radius) must not be negative")
        }
        let (height, width) = try planeSize(of: mask)
        let levels = mask.withUnsafeBufferPointer { values in
            (0..<height * width).map { isForeground(values[$0]) ? UInt8(255) : 0 }
        }
        let image = try VipsImage.fromPixels(levels, width: width, height: height, bands: 1, format: .uchar)
        let padded = try image.padded(by: radius, extend: CVIPS_EXTEND_BLACK)
        let grown = try padded.dilated(by: diskElement(radius: radius), size: 2 * radius + 1)
        let inside = try grown.cropped(left: (grown.width - width) / 2, top: (grown.height - height) / 2,
                                       width: width, height: height)
        return try inside.pixels(as: UInt8.self).map { $0 == 0 ? 0 : 1 }
    }

    /// Step 3: SciPy-style Gaussian blur (mode "nearest") of a row-major 0/1 plane.
    static func blur(_ plane: [UInt8], height: Int, width: Int, sigma: Double) throws(ImagingError) -> [Float] {
        let radius = GaussianKernel.scipyRadius(sigma: sigma)
        let values = plane.map { Float($0) }
        let image = try VipsImage.fromPixels(values, width: width, height: height, bands: 1, format: .float)
        let padded = try image.padded(by: radius, extend: CVIPS_EXTEND_COPY)
        let blurred = try padded.convolvedSeparably(
            with: GaussianKernel.scipyWeights(sigma: sigma, radius: radius))
        let inside = try blurred.cropped(left: (blurred.width - width) / 2,
                                         top: (blurred.height - height) / 2,
                                         width: width, height: height)
        return try inside.pixels(as: Float.self)
    }

    /// The official threshold: `torch2uint8` of the [-1, 1] value is above 0.
    static func isForeground(_ value: Float) -> Bool {
        let signed = min(max((value - 0.5) * 2, -1), 1)
        let level = 255 * min(max((signed + 1) / 2, 0), 1)
        return level >= 1
    }

    /// `skimage.morphology.disk(radius)` as a libvips structuring element (255 in, 128 ignored).
    static func diskElement(radius: Int) -> [Double] {
        let size = 2 * radius + 1
        return (0..<size * size).map { index in
            let dy = index / size - radius, dx = index % size - radius
            return dx * dx + dy * dy <= radius * radius ? 255 : 128
        }
    }

    /// (H, W) of a [H, W] or [1, C, H, W] mask.
    private static func planeSize(of mask: Tensor) throws(ImagingError) -> (Int, Int) {
        let shape = mask.shape
        let valid = (shape.count == 2 || (shape.count == 4 && shape[0] == 1 && shape[1] >= 1))
            && shape.suffix(2).allSatisfy { $0 > 0 }
        guard valid else {
            throw .invalidImageTensor(shape: shape, expected: "[H, W] or [1, C, H, W] (channel 0 is used)")
        }
        return (shape[shape.count - 2], shape[shape.count - 1])
    }
}
