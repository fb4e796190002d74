import Foundation
import SinGANTensor

/// Small images with known structure for the measures' tests, in the model's range [−1, 1].
enum TestImages {
    /// A constant `[1, 3, height, width]` image.
    static func constant(_ value: Float, height: Int = 12, width: Int = 12) -> Tensor {
        Tensor(repeating: value, shape: [1, 3, height, width])
    }

    /// I.i.d. uniform noise in [−1, 1).
    static func noise(height: Int, width: Int, seed: UInt64) -> Tensor {
        var random = RandomSource(seed: seed)
        return random.uniform([1, 3, height, width]).map { 2 * $0 - 1 }
    }

    /// A smooth, non-periodic texture: a few random blobs and waves per channel.
    static func texture(height: Int, width: Int, seed: UInt64 = 3) -> Tensor {
        var random = RandomSource(seed: seed)
        let waves = (0..<3 * 4).map { _ in (random.nextUniform() * 0.7 + 0.1, random.nextUniform() * 0.7 + 0.1,
                                            random.nextUniform() * 6) }
        return Tensor(shape: [1, 3, height, width], scalars: (0..<3 * height * width).map { index in
            let c = index / (height * width), y = Float(index / width % height), x = Float(index % width)
            let sum = waves[(4 * c)..<(4 * c + 4)].reduce(Float(0)) { $0 + sin($1.0 * x + $1.1 * y + $1.2) }
            return sum / 4
        })
    }

    /// `image` cut into `block`×`block` tiles that are put back in a random order (a patch shuffle:
    /// the patches inside each tile are kept).
    static func blockShuffled(_ image: Tensor, block: Int, seed: UInt64) -> Tensor {
        let (height, width) = (image.shape[2], image.shape[3])
        let (rows, columns) = (height / block, width / block)
        var order = Array(0..<(rows * columns))
        var random = RandomSource(seed: seed)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(random.nextUniformDouble() * Double(i + 1)))
        }
        var out = image
        for (target, source) in order.enumerated() {
            let (ty, tx) = target.quotientAndRemainder(dividingBy: columns)
            let (sy, sx) = source.quotientAndRemainder(dividingBy: columns)
            for c in 0..<3 { for y in 0..<block { for x in 0..<block {
                out[0, c, ty * block + y, tx * block + x] = image[0, c, sy * block + y, sx * block + x]
            } } }
        }
        return out
    }
}
