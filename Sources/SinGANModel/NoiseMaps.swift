import SinGANTensor

/// Drawing the generator's padded noise input (`generate_noise` + `m_noise`).
public enum NoiseMaps {
    /// The generator's zero padding: (kernel 3 − 1) × 5 layers / 2.
    public static let padding = 5

    /// Noise for an image of `height`×`width`, returned padded to [1, 3, height+10, width+10].
    /// `grey` draws one channel and repeats it (the coarsest scale).
    public static func draw(height: Int, width: Int, grey: Bool, layout: TrainingProfile.NoiseLayout,
                            random: inout RandomSource) -> Tensor {
        let p = padding
        switch layout {
        case .zeroPadded:
            return channels(random.normal([1, grey ? 1 : 3, height, width]))
                .padded(before: [0, 0, p, p], after: [0, 0, p, p])
        case .drawnPadded:
            return channels(random.normal([1, grey ? 1 : 3, height + 2 * p, width + 2 * p]))
        }
    }

    /// The shape of a padded map for an image of `size`: [1, 3, H+10, W+10].
    public static func paddedShape(_ size: ImageSize) -> [Int] {
        [1, 3, size.height + 2 * padding, size.width + 2 * padding]
    }

    /// Zero-pads an image by 5 on each side (`m_image`).
    public static func pad(_ image: Tensor) -> Tensor {
        image.padded(before: [0, 0, padding, padding], after: [0, 0, padding, padding])
    }

    private static func channels(_ noise: Tensor) -> Tensor {
        noise.shape[1] == 3 ? noise : noise.expanded(to: [1, 3, noise.shape[2], noise.shape[3]])
    }
}
