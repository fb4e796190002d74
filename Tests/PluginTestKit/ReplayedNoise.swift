import SinGANModel
import SinGANRuntime
import SinGANTensor

/// A `NoiseSource` that hands out recorded maps instead of drawing: each scale has its own queue,
/// served in order, so a replay does not depend on the order in which scales ask (the official
/// animation draws scale by scale, ours frame by frame). A request that has no map left, or whose
/// shape differs from the next map's, is noted in `problems` and gets zeros.
public final class ReplayedNoise: NoiseSource {
    private var queues: [Int: [Tensor]]
    /// What went wrong, one line per bad request; a faithful replay leaves it empty.
    public private(set) var problems: [String] = []

    /// `maps[k]` are the maps of scale `k`, in the order they were drawn.
    public init(_ maps: [Int: [Tensor]]) { queues = maps }

    /// Maps not asked for.
    public var unused: Int { queues.values.reduce(0) { $0 + $1.count } }

    public func noise(scale: Int, shape: [Int], random: inout RandomSource, draw: (inout RandomSource) -> Tensor) -> Tensor {
        guard let next = queues[scale]?.first else {
            problems.append("no recorded map left for scale \(scale) (\(shape))")
            return Tensor.zeros(shape)
        }
        queues[scale]!.removeFirst()
        guard next.shape == shape else {
            problems.append("scale \(scale) asked for \(shape), the recorded map is \(next.shape)")
            return Tensor.zeros(shape)
        }
        return next
    }
}
