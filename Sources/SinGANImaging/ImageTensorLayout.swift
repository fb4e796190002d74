internal import CVips
import SinGANTensor

/// Conversions between NCHW image tensors and the interleaved pixel arrays libvips uses.
enum ImageTensorLayout {
    /// The geometry of an image tensor.
    struct Geometry: Equatable {
        var channels: Int
        var height: Int
        var width: Int
        var pixelCount: Int { height * width }
    }

    /// Checks that `tensor` is [1, C, H, W] with H, W ≥ 1 and C in `channelCounts` (any C ≥ 1
    /// when nil).
    static func geometry(of tensor: Tensor,
                         channelCounts: [Int]? = nil) throws(ImagingError) -> Geometry {
        let shape = tensor.shape
        let channelsAllowed = shape.count == 4
            && (channelCounts.map { $0.contains(shape[1]) } ?? (shape[1] >= 1))
        guard channelsAllowed, shape[0] == 1, shape[2] > 0, shape[3] > 0 else {
            let channels = channelCounts.map { $0.map(String.init).joined(separator: " or ") } ?? "C"
            throw .invalidImageTensor(shape: shape, expected: "[1, \(channels), H, W] with H, W ≥ 1")
        }
        return Geometry(channels: shape[1], height: shape[2], width: shape[3])
    }

    /// 8-bit interleaved pixels (bands innermost) of a [1, C, H, W] tensor in [0, 1].
    static func interleavedLevels(of tensor: Tensor, geometry: Geometry,
                                  rounding: PixelRounding) -> [UInt8] {
        let plane = geometry.pixelCount, channels = geometry.channels
        return [UInt8](unsafeUninitializedCapacity: plane * channels) { out, initialized in
            tensor.withUnsafeBufferPointer { source in
                for channel in 0..<channels {
                    let base = channel * plane
                    for pixel in 0..<plane {
                        out[pixel * channels + channel] = rounding.level(for: source[base + pixel])
                    }
                }
            }
            initialized = plane * channels
        }
    }

    /// Float interleaved pixels (bands innermost) of a [1, C, H, W] tensor, values unchanged.
    static func interleavedFloats(of tensor: Tensor, geometry: Geometry) -> [Float] {
        let plane = geometry.pixelCount, channels = geometry.channels
        return [Float](unsafeUninitializedCapacity: plane * channels) { out, initialized in
            tensor.withUnsafeBufferPointer { source in
                for channel in 0..<channels {
                    let base = channel * plane
                    for pixel in 0..<plane { out[pixel * channels + channel] = source[base + pixel] }
                }
            }
            initialized = plane * channels
        }
    }

    /// A [1, outputChannels, H, W] tensor from interleaved pixels with `bands` bands, taking source
    /// band `sourceBand(c)` for output channel c and mapping each value through `transform`.
    static func planarTensor<Element>(
        fromInterleaved pixels: [Element], width: Int, height: Int, bands: Int,
        outputChannels: Int, sourceBand: (Int) -> Int, transform: (Element) -> Float
    ) -> Tensor {
        let plane = width * height
        precondition(pixels.count == plane * bands, "interleaved pixel count does not match")
        return Tensor(shape: [1, outputChannels, height, width]) { out in
            pixels.withUnsafeBufferPointer { source in
                for channel in 0..<outputChannels {
                    let band = sourceBand(channel), base = channel * plane
                    for pixel in 0..<plane { out[base + pixel] = transform(source[pixel * bands + band]) }
                }
            }
        }
    }

    /// A float libvips image of a [1, C, H, W] tensor, C in `channelCounts` (any when nil).
    static func vipsImage(of tensor: Tensor,
                          channelCounts: [Int]? = nil) throws(ImagingError) -> VipsImage {
        let geometry = try geometry(of: tensor, channelCounts: channelCounts)
        return try VipsImage.fromPixels(interleavedFloats(of: tensor, geometry: geometry),
                                        width: geometry.width, height: geometry.height,
                                        bands: geometry.channels, format: .float)
    }

    /// The [1, C, H, W] tensor of a float libvips image, each value mapped through `transform`.
    static func tensor(of image: VipsImage,
                       transform: (Float) -> Float = { $0 }) throws(ImagingError) -> Tensor {
        let floats = try image.format == .float ? image : image.cast(to: .float)
        let pixels = try floats.pixels(as: Float.self)
        return planarTensor(fromInterleaved: pixels, width: floats.width, height: floats.height,
                            bands: floats.bands, outputChannels: floats.bands,
                            sourceBand: { $0 }, transform: transform)
    }
}
