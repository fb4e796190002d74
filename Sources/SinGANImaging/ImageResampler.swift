import SinGANTensor

/// Resizing for previews and for bringing large inputs down to a working size, with libvips's
/// Lanczos-3 resampler (antialiased when shrinking).
///
/// This is not the MATLAB-compatible bicubic the official code uses between pyramid scales; its
/// kernel and pixel centring differ. Use it only where the official code does not resize.
public enum ImageResampler {
    /// Resizes a [1, C, H, W] image (any C ≥ 1, values in [0, 1]) to exactly `width` × `height`.
    ///
    /// The aspect ratio is not preserved unless the caller keeps it. Lanczos ringing is clipped, so
    /// the result stays in [0, 1].
    public static func resize(_ image: Tensor, width: Int, height: Int) throws(ImagingError) -> Tensor {
        guard width > 0, height > 0 else {
            throw .invalidArgument(name: "size", reason: "\(width)×\(height) must be at least 1×1")
        }
        let source = try ImageTensorLayout.vipsImage(of: image)
        if source.width == width && source.height == height { return image }
        let resized = try source.resized(horizontalScale: Double(width) / Double(source.width),
                                         verticalScale: Double(height) / Double(source.height))
        let exact = try exactly(resized, width: width, height: height)
        return try ImageTensorLayout.tensor(of: exact) { min(max($0, 0), 1) }
    }

    /// Fixes an off-by-one size from rounding inside libvips: crops the excess or replicates the
    /// last row or column.
    private static func exactly(_ image: VipsImage, width: Int, height: Int) throws(ImagingError) -> VipsImage {
        var result = image
        if result.width > width || result.height > height {
            result = try result.cropped(left: 0, top: 0, width: min(width, result.width),
                                        height: min(height, result.height))
        }
        if result.width < width || result.height < height {
            result = try result.extended(toWidth: width, height: height)
        }
        return result
    }
}
