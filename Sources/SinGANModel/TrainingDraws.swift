import SinGANTensor

/// The random draws of one scale's training that tests may replay: the fresh noise maps (z* and the
/// adversarial noise of every iteration) and the gradient penalty's mixing factors. Training itself
/// always uses `RandomSource`; a replay of the official code's draws lets a test compare weights.
/// (The coarser scales' noise inside `draw_concat` is not covered: replays start at scale 0.)
public protocol TrainingDraws: AnyObject {
    /// The next padded noise map for an image of `height`×`width` (grey: one channel repeated).
    func noise(height: Int, width: Int, grey: Bool, layout: TrainingProfile.NoiseLayout,
               random: inout RandomSource) -> Tensor
    /// The next mixing factor a ~ U(0, 1) of the gradient penalty.
    func mixingFactor(random: inout RandomSource) -> Float
}
