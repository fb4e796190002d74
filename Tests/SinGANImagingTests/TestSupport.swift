import Foundation
import SinGANTensor
@testable import SinGANImaging

/// A fresh directory under the system temporary directory, removed after `body`.
func withTemporaryDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
    var template = Array((NSTemporaryDirectory() + "/singan-imaging-XXXXXX").utf8CString)
    guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
        throw CocoaError(.fileWriteUnknown)
    }
    let path = String(cString: created)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Names of the entries in `directory`, sorted (hidden files included).
func directoryListing(_ directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
}

/// Deterministic pseudo-random 8-bit levels (a small LCG, so tests need no random source).
func pseudoRandomLevels(count: Int, seed: UInt32) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 1_664_525 &+ 1_013_904_223
        return UInt8(truncatingIfNeeded: state >> 24)
    }
}

/// A [1, C, H, W] tensor whose values are the given 8-bit levels (planar order) divided by 255.
func levelTensor(_ levels: [UInt8], channels: Int, height: Int, width: Int) -> Tensor {
    Tensor(shape: [1, channels, height, width], scalars: levels.map { Float(Double($0) / 255) })
}

/// A smooth colour gradient in [0, 1], [1, 3, H, W] (lossy codecs keep it close).
func gradientImage(height: Int, width: Int, phase: Float = 0) -> Tensor {
    var values = [Float]()
    values.reserveCapacity(3 * height * width)
    for channel in 0..<3 {
        for y in 0..<height {
            for x in 0..<width {
                let u = Float(x) / Float(max(width - 1, 1)), v = Float(y) / Float(max(height - 1, 1))
                let value: Float = channel == 0 ? u : channel == 1 ? v : (u + v) / 2
                values.append(min(max(value * 0.8 + 0.1 + phase, 0), 1))
            }
        }
    }
    return Tensor(shape: [1, 3, height, width], scalars: values)
}

/// Writes test files with libvips directly, for inputs `ImageFile.save` does not produce
/// (alpha, 16-bit, CMYK).
enum TestImageWriter {
    /// Interleaved 8-bit pixels with `bands` bands, encoded by the saver for `suffix`.
    static func writeLevels(_ pixels: [UInt8], width: Int, height: Int, bands: Int,
                            to path: String) throws {
        let image = try VipsImage.fromPixels(pixels, width: width, height: height, bands: bands,
                                             format: .uchar)
        try Data(image.encoded(suffix: suffix(of: path))).write(to: URL(fileURLWithPath: path))
    }

    /// Interleaved 16-bit samples with `bands` bands (1 or 3) as a 16-bit PNG.
    static func writeSixteenBit(_ samples: [UInt16], width: Int, height: Int, bands: Int,
                                to path: String) throws {
        let image = try VipsImage.fromPixels(samples, width: width, height: height, bands: bands,
                                             format: .ushort)
        try Data(image.encoded(suffix: ".png[bitdepth=16]")).write(to: URL(fileURLWithPath: path))
    }

    /// 8-bit sRGB pixels converted to CMYK and saved as a CMYK JPEG.
    static func writeCMYKJPEG(_ rgb: [UInt8], width: Int, height: Int, to path: String) throws {
        let image = try VipsImage.fromPixels(rgb, width: width, height: height, bands: 3, format: .uchar)
        let cmyk = try image.converted(to: .cmyk)
        precondition(cmyk.bands == 4)
        try Data(cmyk.encoded(suffix: ".jpg[Q=100]")).write(to: URL(fileURLWithPath: path))
    }

    private static func suffix(of path: String) -> String {
        "." + ImageFileFormat.fileExtension(of: path)
    }
}
