import SinGANTensor

/// Flattened image patches: `count` rows of `dimension` values each, row-major.
public struct PatchSet: Sendable, Equatable {
    /// Values per patch (channels × size × size).
    public let dimension: Int
    /// The patches one after another, each laid out channel, row, column.
    public let values: [Float]

    /// Wraps `values`, whose count must be a multiple of `dimension`.
    public init(dimension: Int, values: [Float]) {
        precondition(dimension > 0 && values.count % dimension == 0,
                     "\(values.count) values do not make patches of \(dimension)")
        self.dimension = dimension
        self.values = values
    }

    /// Number of patches.
    public var count: Int { values.count / dimension }
}

/// Cuts the square patches out of an image: every `size`×`size` window at stride 1 that lies fully
/// inside it (no padding), all channels. When there are more than `maximumCount` windows, a random
/// subset of exactly `maximumCount` is kept.
///
/// The subset depends only on the number of windows and on `seed`, never on pixel values or on what
/// was extracted before, so two images of the same size give the patches at the same positions:
/// an image compared with itself gives identical sets.
public struct PatchExtraction: Sendable, Equatable {
    /// The side of a patch, 7 as the receptive-field-sized patches SinGAN's discriminator judges.
    public static let defaultSize = 7
    /// The most patches kept per image.
    public static let defaultMaximumCount = 10_000

    /// Side of a patch in pixels.
    public let size: Int
    /// The most patches kept per image.
    public let maximumCount: Int
    /// Seed of the position subset.
    public let seed: UInt64

    public init(size: Int = defaultSize, maximumCount: Int = defaultMaximumCount, seed: UInt64) {
        precondition(size >= 1 && maximumCount >= 1, "patch size \(size), maximum count \(maximumCount)")
        self.size = size
        self.maximumCount = maximumCount
        self.seed = seed
    }

    /// Whether an image of `height`×`width` holds at least one patch.
    public func fits(height: Int, width: Int) -> Bool { height >= size && width >= size }

    /// The window positions kept out of `total` (row-major indices), ascending: all of them, or
    /// `maximumCount` drawn without replacement by a partial Fisher–Yates shuffle seeded with `seed`.
    public func keptPositions(total: Int) -> [Int] {
        guard total > maximumCount else { return Array(0..<total) }
        var random = RandomSource(seed: seed)
        var order = Array(0..<total)
        for i in 0..<maximumCount {
            let j = i + Int(random.nextUniformDouble() * Double(total - i))
            order.swapAt(i, j)
        }
        return order[0..<maximumCount].sorted()
    }

    /// The kept patches of `image` (`[1, C, H, W]`, H and W at least `size`).
    public func patches(of image: Tensor) -> PatchSet {
        precondition(image.rank == 4 && image.shape[0] == 1, "patches of an image [1, C, H, W], got \(image.shape)")
        let (channels, height, width) = (image.shape[1], image.shape[2], image.shape[3])
        precondition(fits(height: height, width: width), "a \(height)×\(width) image has no \(size)×\(size) patch")
        let columns = width - size + 1
        let positions = keptPositions(total: (height - size + 1) * columns)
        let dimension = channels * size * size
        var values = [Float](repeating: 0, count: positions.count * dimension)
        image.withUnsafeBufferPointer { pixels in
            values.withUnsafeMutableBufferPointer { out in
                var o = 0
                for position in positions {
                    let (y0, x0) = position.quotientAndRemainder(dividingBy: columns)
                    for c in 0..<channels {
                        for y in y0..<(y0 + size) {
                            let row = (c * height + y) * width + x0
                            for x in 0..<size { out[o + x] = pixels[row + x] }
                            o += size
                        }
                    }
                }
            }
        }
        return PatchSet(dimension: dimension, values: values)
    }
}
