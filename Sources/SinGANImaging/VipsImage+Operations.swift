internal import CVips

/// libvips operations used by this module; each returns a new image and leaves `self` unchanged.
extension VipsImage {
    /// Opens an image file. With `allPages`, every frame of a multi-page file is stacked
    /// vertically (see `pageHeight`). Decoding is lazy: pixel errors can surface later.
    static func open(path: String, allPages: Bool = false) throws(ImagingError) -> VipsImage {
        try VipsRuntime.make("load") { out in cvips_load_file(path, allPages ? 1 : 0, out) }
    }

    /// Opens an image file reduced while decoding to fit in `width` × `height` (aspect ratio kept,
    /// never enlarged): libvips's thumbnail, which streams the file and shrinks on load where the
    /// format allows, so memory follows the output size. CMYK comes out as sRGB.
    static func thumbnail(path: String, fittingWidth width: Int, height: Int) throws(ImagingError) -> VipsImage {
        try VipsRuntime.make("thumbnail") { out in cvips_thumbnail_file(path, Int32(width), Int32(height), out) }
    }

    /// Converts to another colour space, e.g. CMYK (through its ICC profile) or Lab to sRGB.
    func converted(to space: CVipsInterpretation) throws(ImagingError) -> VipsImage {
        try VipsRuntime.make("colourspace") { out in cvips_colourspace(handle, space, out) }
    }

    /// Changes the pixel format, clipping values to the new range.
    func cast(to format: CVipsFormat) throws(ImagingError) -> VipsImage {
        try VipsRuntime.make("cast") { out in cvips_cast(handle, format, out) }
    }

    /// Pads by `border` pixels on every side, filled with black or by replicating the edge.
    func padded(by border: Int, extend: CVipsExtend) throws(ImagingError) -> VipsImage {
        try VipsRuntime.make("embed") { out in
            cvips_embed(handle, Int32(border), Int32(border), Int32(width + 2 * border),
                        Int32(height + 2 * border), extend, out)
        }
    }

    /// Places the image top-left in a `newWidth` × `newHeight` canvas, replicating its edges.
    func extended(toWidth newWidth: Int, height newHeight: Int) throws(ImagingError) -> VipsImage {
        try VipsRuntime.make("embed") { out in
            cvips_embed(handle, 0, 0, Int32(newWidth), Int32(newHeight), CVIPS_EXTEND_COPY, out)
        }
    }

    /// The `width` × `height` rectangle whose top-left corner is (`left`, `top`).
    func cropped(left: Int, top: Int, width: Int, height: Int) throws(ImagingError) -> VipsImage {
        try VipsRuntime.make("extract_area") { out in
            cvips_extract_area(handle, Int32(left), Int32(top), Int32(width), Int32(height), out)
        }
    }

    /// Separable float convolution with a symmetric 1-D `kernel`, along x then y. libvips keeps the
    /// output size but its own edge handling is not specified here: pad first, crop after.
    func convolvedSeparably(with kernel: [Double]) throws(ImagingError) -> VipsImage {
        try VipsRuntime.make("convsep") { out in
            cvips_convolve_separable(handle, kernel, Int32(kernel.count), out)
        }
    }

    /// Morphological dilation of a 0/255 uchar image by a square `size` × `size` structuring
    /// element given row-major (255 = part of the element, 128 = ignored).
    func dilated(by element: [Double], size: Int) throws(ImagingError) -> VipsImage {
        precondition(element.count == size * size, "structuring element must be size × size")
        return try VipsRuntime.make("morph") { out in cvips_dilate(handle, element, Int32(size), out) }
    }

    /// Lanczos-3 resampling by separate horizontal and vertical factors.
    func resized(horizontalScale: Double, verticalScale: Double) throws(ImagingError) -> VipsImage {
        try VipsRuntime.make("resize") { out in
            cvips_resize(handle, horizontalScale, verticalScale, out)
        }
    }

    /// Lays `images` out in a grid `columns` wide, cells centred, `spacing` pixels apart,
    /// empty space filled with `background`.
    static func grid(
        _ images: [VipsImage], columns: Int, spacing: Int, background: Double
    ) throws(ImagingError) -> VipsImage {
        let handles: [OpaquePointer?] = images.map { $0.handle }
        return try withExtendedLifetime(images) { () throws(ImagingError) -> VipsImage in
            try VipsRuntime.make("arrayjoin") { out in
                cvips_array_join(handles, Int32(handles.count), Int32(columns), Int32(spacing),
                                 background, out)
            }
        }
    }

    /// Whether libvips can encode to the format named by `suffix` (e.g. ".webp").
    static func canEncode(suffix: String) throws(ImagingError) -> Bool {
        try VipsRuntime.ensureStarted()
        return cvips_has_saver_for_suffix(suffix) != 0
    }
}
