import SinGANModel
import SinGANTensor

/// Where the runtime's fresh noise maps come from. Generation asks for one padded map
/// `[1, 3, H+10, W+10]` at a time, naming the scale whose generator will receive it; the default,
/// `DrawnNoise`, draws it from the runtime's seeded stream. Tests replay the maps another
/// implementation (the official code) drew, to compare outputs value by value.
public protocol NoiseSource: AnyObject {
    /// The next map for scale `scale` at output size `size`: grey (one channel repeated) when `grey`,
    /// laid out as `layout` says.
    func noise(scale: Int, size: ImageSize, grey: Bool, layout: TrainingProfile.NoiseLayout,
               random: inout RandomSource) -> Tensor
}

/// Noise drawn from the random stream (`NoiseMaps.draw`): what every command uses.
public final class DrawnNoise: NoiseSource {
    public init() {}

    public func noise(scale: Int, size: ImageSize, grey: Bool, layout: TrainingProfile.NoiseLayout,
                      random: inout RandomSource) -> Tensor {
        NoiseMaps.draw(height: size.height, width: size.width, grey: grey, layout: layout, random: &random)
    }
}
