internal import CVips
import SinGANTensor

/// Reading and writing still images with libvips.
public enum ImageFile {
    /// Loads any image libvips decodes (PNG, JPEG, WebP, TIFF, GIF, HEIF, …) as RGB in [0, 1].
    ///
    /// The result follows the official SinGAN reader (`skimage.io.imread`, channels 0:3, / 255):
    /// - 8-bit files: value = level / 255 exactly (computed in Double, rounded once to Float).
    /// - 16-bit files: each sample v becomes the nearest 8-bit level k = round(v / 257), then
    ///   k / 255. A 16-bit file written from 8-bit levels (v = 257·k) therefore loads exactly like
    ///   its 8-bit original. (libvips alone would keep the high byte, v >> 8, up to one level
    ///   darker; the official code would divide v by 255 and saturate.)
    /// - Greyscale: the grey channel is copied into R, G and B (`expandedFromGrey`).
    /// - Alpha and any band after the third colour band are dropped, not composited (`droppedAlpha`).
    /// - CMYK (through the embedded or libvips's default ICC profile), Lab and other colour spaces
    ///   and sample formats are converted to 8-bit sRGB first.
    /// - EXIF orientation is not applied, as with skimage; the first page of multi-page files is read.
    public static func load(_ path: String) throws(ImagingError) -> LoadedImage {
        try reading(path) { () throws(ImagingError) in try decode(VipsImage.open(path: path)) }
    }

    /// The width and height of the image at `path`, read from its header without decoding pixels.
    public static func dimensions(of path: String) throws(ImagingError) -> (width: Int, height: Int) {
        try reading(path) { () throws(ImagingError) in
            let file = try VipsImage.open(path: path)
            return (file.width, file.height)
        }
    }

    /// Images with more pixels than this (4096 × 3072, 12.6 megapixels) are reduced while they are
    /// decoded, by `train` and by the applications' input pictures; smaller ones load at full size.
    /// See Docs/reliability.md.
    public static let largestFullSizeImage = 4096 * 3072

    /// Loads like `load(_:)`, reduced while decoding so that the long side is at most `longSide`
    /// (aspect ratio kept, rounded to whole pixels; a smaller image keeps its size).
    ///
    /// For images too large to hold in memory at full size: libvips streams the file and shrinks
    /// it on load where the format allows (JPEG, WebP, …), then resamples with Lanczos-3, so memory
    /// follows the reduced size. The pixels are therefore not exactly those of `load(_:)`
    /// followed by a resize: libvips brings 16-bit samples to 8 bits itself, and premultiplies
    /// alpha for the resampling (colour under fully transparent pixels is lost).
    public static func load(_ path: String, longSideAtMost longSide: Int) throws(ImagingError) -> LoadedImage {
        guard longSide >= 1 else { throw .invalidArgument(name: "long side", reason: "\(longSide) must be at least 1") }
        return try reading(path) { () throws(ImagingError) in
            try decode(VipsImage.thumbnail(path: path, fittingWidth: longSide, height: longSide))
        }
    }

    /// Saves a [1, 3, H, W] (RGB) or [1, 1, H, W] (grey) tensor with values in [0, 1].
    ///
    /// Values are clipped to [0, 1] and turned into 8-bit levels by `rounding` (default nearest;
    /// `.truncate` reproduces `plt.imsave` in the official code). The format comes from the
    /// extension, see `ImageFileFormat`. The file is written atomically: on failure no partial
    /// output and no temporary file remain, and an existing file at `path` is untouched.
    public static func save(_ image: Tensor, to path: String,
                            rounding: PixelRounding = .nearest) throws(ImagingError) {
        let format = try outputFormat(of: path)
        let geometry = try ImageTensorLayout.geometry(of: image, channelCounts: [1, 3])
        let levels = ImageTensorLayout.interleavedLevels(of: image, geometry: geometry, rounding: rounding)
        let bytes: [UInt8]
        do {
            let pixels = try VipsImage.fromPixels(levels, width: geometry.width, height: geometry.height,
                                                  bands: geometry.channels, format: .uchar)
            bytes = try pixels.encoded(suffix: format.saverSuffix)
        } catch .libvipsFailed(_, let reason) {
            throw .saveFailed(path: path, reason: reason)
        }
        try AtomicFileWriter.write(bytes, to: path)
    }

    /// The format for `path`, or `unsupportedOutputFormat` when its extension names none that
    /// this build of libvips can write.
    static func outputFormat(of path: String) throws(ImagingError) -> ImageFileFormat {
        let fileExtension = ImageFileFormat.fileExtension(of: path)
        guard let format = ImageFileFormat(path: path),
              try VipsImage.canEncode(suffix: "." + fileExtension.lowercased()) else {
            throw .unsupportedOutputFormat(path: path, fileExtension: fileExtension,
                                           supported: ImageFileFormat.supportedExtensions)
        }
        return format
    }

    // MARK: Decoding

    /// Runs `body` on a file checked by `InputFileCheck`, reporting libvips failures as
    /// `notAnImage`.
    private static func reading<Result>(
        _ path: String, _ body: () throws(ImagingError) -> Result
    ) throws(ImagingError) -> Result {
        try InputFileCheck.requireReadableFile(path)
        do {
            return try body()
        } catch .libvipsFailed(_, let reason) {
            throw .notAnImage(path: path, reason: reason)
        }
    }

    private static func decode(_ file: VipsImage) throws(ImagingError) -> LoadedImage {
        let originalBands = file.bands
        let bitDepth = file.format == .uchar ? 8 : file.format == .ushort ? 16 : 0
        let pixels = try directlyReadable(file) ? file : convertedTo8BitColour(file)
        let isGrey = pixels.interpretation == .grey || pixels.interpretation == .grey16 || pixels.bands < 3
        let colourBands = isGrey ? 1 : 3
        let sourceBand: (Int) -> Int = isGrey ? { _ in 0 } : { $0 }
        let width = pixels.width, height = pixels.height, bands = pixels.bands

        let tensor: Tensor
        if pixels.format == .ushort {
            let samples = try pixels.pixels(as: UInt16.self)
            tensor = ImageTensorLayout.planarTensor(
                fromInterleaved: samples, width: width, height: height, bands: bands,
                outputChannels: 3, sourceBand: sourceBand,
                transform: { levelValue(nearestEightBitLevel(of: $0)) })
        } else {
            let samples = try pixels.pixels(as: UInt8.self)
            tensor = ImageTensorLayout.planarTensor(
                fromInterleaved: samples, width: width, height: height, bands: bands,
                outputChannels: 3, sourceBand: sourceBand, transform: { levelValue($0) })
        }
        return LoadedImage(image: tensor, originalBandCount: originalBands, sourceBitDepth: bitDepth,
                           droppedAlpha: bands > colourBands, expandedFromGrey: isGrey)
    }

    /// 8- and 16-bit RGB or grey images are read as they are; everything else is converted.
    private static func directlyReadable(_ image: VipsImage) -> Bool {
        let plainSpaces: [CVipsInterpretation] = [.sRGB, .grey, .rgb16, .grey16, .multiband]
        return (image.format == .uchar || image.format == .ushort)
            && plainSpaces.contains(image.interpretation)
    }

    /// Converts CMYK, Lab, float and other images to 8-bit sRGB (or grey for grey images).
    private static func convertedTo8BitColour(_ image: VipsImage) throws(ImagingError) -> VipsImage {
        let target: CVipsInterpretation = image.bands <= 2 && image.interpretation != .cmyk ? .grey : .sRGB
        let converted = (try? image.converted(to: target)) ?? image
        return converted.format == .uchar ? converted : try converted.cast(to: .uchar)
    }

    /// The nearest 8-bit level of a 16-bit sample: round(v / 257) in integers.
    @inline(__always)
    static func nearestEightBitLevel(of sample: UInt16) -> UInt8 {
        UInt8((UInt32(sample) + 128) / 257)
    }

    /// level / 255 as the official code computes it (Double division, then Float).
    @inline(__always)
    static func levelValue(_ level: UInt8) -> Float {
        Float(Double(level) / 255)
    }
}
