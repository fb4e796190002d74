import SinGANModel
import SinGANTensor

/// Where the runtime's fresh noise maps come from. Generation asks for one map at a time, naming
/// the stage that will receive it and its shape, with the draw the model would make; the default,
/// `DrawnNoise`, makes that draw from the runtime's seeded stream. Tests replay the maps another
/// implementation (the official code) drew, to compare outputs value by value.
public protocol NoiseSource: AnyObject {
    /// The next map for stage `scale`, shaped `shape`; `draw` makes it from `random`.
    func noise(scale: Int, shape: [Int], random: inout RandomSource, draw: (inout RandomSource) -> Tensor) -> Tensor
}

/// Noise drawn from the random stream as the model draws it: what every command uses.
public final class DrawnNoise: NoiseSource {
    public init() {}

    public func noise(scale: Int, shape: [Int], random: inout RandomSource, draw: (inout RandomSource) -> Tensor) -> Tensor {
        draw(&random)
    }
}
