import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// One scale's critic (`WDiscriminator`): trunk and a tail conv to one channel, no activation.
/// Returns a patch score map 10 pixels smaller than its input.
public final class Discriminator: ScaleNetwork {
    public init(width: Int, random: inout RandomSource) {
        super.init(width: width, outputChannels: 1, random: &random)
    }

    public func callAsFunction(_ x: Variable) -> Variable { features(x) }
}
