import SinGANTensor

/// Writes frames as an animated GIF (`.gif`) or animated WebP (`.webp`) that loops forever by
/// default.
///
/// The frames are stacked into one tall image whose `page-height` is the frame height, with a
/// per-frame `delay` in milliseconds and a `loop` count, and handed to libvips `gifsave` or
/// `webpsave`. Writing is atomic, as for `ImageFile.save`.
///
/// Both encoders store a run of identical consecutive frames (after 8-bit rounding and, for GIF,
/// the palette) once, with the run's delays added; libvips 8.14 has no option to keep them. The
/// playback and its duration are the same; only the stored frame count is smaller.
public enum AnimationWriter {
    /// Extensions accepted by `save`, lower case, without the dot.
    public static let supportedExtensions = ["gif", "webp"]

    /// Speed against quality of the encoder.
    public enum Effort: Sendable {
        /// libvips's defaults: GIF palette effort 7, WebP effort 4. 120 textured frames of
        /// 250×167 took 7–9 s as GIF (most of it palette quantisation) and 0.7 s as WebP on a
        /// shared 2-core Zen 3.
        case thorough
        /// GIF palette effort 1 and WebP effort 0: slightly worse palettes, about 2 s as GIF and
        /// 0.4 s as WebP for the same frames; for previews.
        case fast
    }

    /// Saves `frames` ([1, 3, H, W] or [1, 1, H, W], all the same shape, values in [0, 1]) played
    /// at `fps` frames per second.
    ///
    /// - Parameters:
    ///   - loopCount: how many times to play; 0 (the default) loops forever.
    ///   - rounding: how values become 8-bit levels before encoding (see `PixelRounding`).
    ///   - effort: encoder speed against quality (default `.thorough`).
    /// - The frame delay is `frameDelayMilliseconds(fps:forPath:)`: GIF stores centiseconds, so
    ///   its delay is rounded to 10 ms (many viewers slow delays under 20 ms down to 100 ms); WebP
    ///   keeps milliseconds. GIF colours are reduced to a 256-colour palette per frame; WebP is
    ///   lossy at quality 90.
    public static func save(frames: [Tensor], fps: Double, to path: String, loopCount: Int = 0,
                            rounding: PixelRounding = .nearest,
                            effort: Effort = .thorough) throws(ImagingError) {
        let suffix = try saverSuffix(for: path, effort: effort)
        guard fps.isFinite, fps > 0 else {
            throw .invalidArgument(name: "fps", reason: "\(fps) must be a positive number")
        }
        guard loopCount >= 0 else {
            throw .invalidArgument(name: "loopCount", reason: "\(loopCount) must not be negative")
        }
        guard let first = frames.first else {
            throw .invalidArgument(name: "frames", reason: "an animation needs at least one frame")
        }
        let geometry = try ImageTensorLayout.geometry(of: first, channelCounts: [1, 3])
        var strip: [UInt8] = []
        strip.reserveCapacity(frames.count * geometry.pixelCount * geometry.channels)
        for (index, frame) in frames.enumerated() {
            guard frame.shape == first.shape else {
                throw .invalidImageTensor(shape: frame.shape,
                                          expected: "\(first.shape) like frame 0 (frame \(index) differs)")
            }
            strip += ImageTensorLayout.interleavedLevels(of: frame, geometry: geometry, rounding: rounding)
        }
        let delay = frameDelayMilliseconds(fps: fps, forPath: path)
        let bytes: [UInt8]
        do {
            let image = try VipsImage.fromPixels(strip, width: geometry.width,
                                                 height: geometry.height * frames.count,
                                                 bands: geometry.channels, format: .uchar)
            image.setMetadata("page-height", geometry.height)
            image.setMetadata("delay", [Int](repeating: delay, count: frames.count))
            image.setMetadata("loop", loopCount)
            bytes = try image.encoded(suffix: suffix)
        } catch .libvipsFailed(_, let reason) {
            throw .saveFailed(path: path, reason: reason)
        }
        try AtomicFileWriter.write(bytes, to: path)
    }

    /// The per-frame delay written for `fps`: 1000 / fps milliseconds rounded to the nearest
    /// millisecond (WebP) or to the nearest 10 ms (GIF), and at least one unit of the format.
    public static func frameDelayMilliseconds(fps: Double, forPath path: String) -> Int {
        let milliseconds = 1000 / fps
        if ImageFileFormat.fileExtension(of: path).lowercased() == "gif" {
            return max(10, Int((milliseconds / 10).rounded()) * 10)
        }
        return max(1, Int(milliseconds.rounded()))
    }

    private static func saverSuffix(for path: String, effort: Effort) throws(ImagingError) -> String {
        switch ImageFileFormat.fileExtension(of: path).lowercased() {
        case "gif": return effort == .fast ? ".gif[effort=1]" : ".gif[effort=7]"
        case "webp": return effort == .fast ? ".webp[Q=90,effort=0]" : ".webp[Q=90,effort=4]"
        default:
            throw .unsupportedOutputFormat(path: path,
                                           fileExtension: ImageFileFormat.fileExtension(of: path),
                                           supported: supportedExtensions)
        }
    }
}
