internal import CVips

/// Owns one reference to a libvips image and exposes its header facts and pixels.
///
/// Internal: Swift code outside this module never sees libvips. Operations live in
/// `VipsImage+Operations.swift`.
final class VipsImage {
    /// The shim's opaque handle; released in `deinit`.
    let handle: OpaquePointer

    /// Takes ownership of a reference returned by the shim.
    init(owning handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        cvips_image_release(handle)
    }

    var width: Int { Int(cvips_image_width(handle)) }
    var height: Int { Int(cvips_image_height(handle)) }
    var bands: Int { Int(cvips_image_bands(handle)) }
    var format: CVipsFormat { cvips_image_format(handle) }
    var interpretation: CVipsInterpretation { cvips_image_interpretation(handle) }
    /// Whether libvips treats the last band as alpha (e.g. RGBA, grey + alpha, CMYK + alpha).
    var hasAlpha: Bool { cvips_image_has_alpha(handle) != 0 }
    /// Height of one page or frame; the full height for single-page images.
    var pageHeight: Int { Int(cvips_image_page_height(handle)) }

    /// Integer metadata `name`, or nil when absent.
    func intMetadata(_ name: String) -> Int? {
        var value: Int32 = 0
        return cvips_image_get_int(handle, name, &value) == 0 ? Int(value) : nil
    }

    /// Integer-array metadata `name` (e.g. GIF/WebP "delay"), or nil when absent.
    func intArrayMetadata(_ name: String) -> [Int]? {
        var count: Int32 = 0
        guard cvips_image_get_int_array(handle, name, nil, 0, &count) == 0 else { return nil }
        var values = [Int32](repeating: 0, count: Int(count))
        var again: Int32 = 0
        guard cvips_image_get_int_array(handle, name, &values, count, &again) == 0 else { return nil }
        return values.prefix(Int(min(count, again))).map(Int.init)
    }

    /// Sets integer metadata. Only for images this code created and has not shared.
    func setMetadata(_ name: String, _ value: Int) {
        cvips_image_set_int(handle, name, Int32(clamping: value))
    }

    /// Sets integer-array metadata. Only for images this code created and has not shared.
    func setMetadata(_ name: String, _ values: [Int]) {
        let narrow = values.map { Int32(clamping: $0) }
        cvips_image_set_int_array(handle, name, narrow, Int32(narrow.count))
    }

    // MARK: Pixels in and out

    /// An image holding a copy of interleaved `pixels` (row-major, bands innermost).
    static func fromPixels<Element: BitwiseCopyable>(
        _ pixels: [Element], width: Int, height: Int, bands: Int, format: CVipsFormat
    ) throws(ImagingError) -> VipsImage {
        precondition(pixels.count == width * height * bands, "pixel count does not match the size")
        return try VipsRuntime.make("new_from_memory") { out in
            pixels.withUnsafeBytes { raw in
                cvips_image_from_memory(raw.baseAddress, raw.count, Int32(width), Int32(height),
                                        Int32(bands), format, out)
            }
        }
    }

    /// Decodes every pixel into an interleaved array of `Element` (which must match `format`).
    func pixels<Element: BitwiseCopyable>(as type: Element.Type) throws(ImagingError) -> [Element] {
        var memory: UnsafeMutableRawPointer?
        var byteCount = 0
        guard cvips_image_write_to_memory(handle, &memory, &byteCount) == 0, let memory else {
            throw .libvipsFailed(operation: "write_to_memory", reason: VipsRuntime.takeErrorMessage())
        }
        defer { cvips_free(memory) }
        let count = width * height * bands
        precondition(byteCount == count * MemoryLayout<Element>.stride,
                     "decoded \(byteCount) bytes for \(count) values of \(Element.self)")
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(
                from: UnsafeRawBufferPointer(start: memory, count: byteCount))
            initialized = count
        }
    }

    /// Encodes the image with the saver chosen by `suffix` (e.g. ".png" or ".jpg[Q=95]").
    func encoded(suffix: String) throws(ImagingError) -> [UInt8] {
        var bytes: UnsafeMutableRawPointer?
        var byteCount = 0
        guard cvips_image_write_to_buffer(handle, suffix, &bytes, &byteCount) == 0, let bytes else {
            throw .libvipsFailed(operation: "save \(suffix)", reason: VipsRuntime.takeErrorMessage())
        }
        defer { cvips_free(bytes) }
        return [UInt8](UnsafeRawBufferPointer(start: bytes, count: byteCount))
    }
}

/// Short names for the shim's pixel formats.
extension CVipsFormat {
    static let uchar = CVIPS_FORMAT_UCHAR
    static let ushort = CVIPS_FORMAT_USHORT
    static let float = CVIPS_FORMAT_FLOAT
}

/// Short names for the shim's colour interpretations.
extension CVipsInterpretation {
    static let grey = CVIPS_INTERPRETATION_GREY
    static let grey16 = CVIPS_INTERPRETATION_GREY16
    static let sRGB = CVIPS_INTERPRETATION_SRGB
    static let rgb16 = CVIPS_INTERPRETATION_RGB16
    static let cmyk = CVIPS_INTERPRETATION_CMYK
    static let multiband = CVIPS_INTERPRETATION_MULTIBAND
}
