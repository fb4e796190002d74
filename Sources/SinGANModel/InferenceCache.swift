import Synchronization
import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// A generator's evaluation-mode layers prepared for repeated inference (BatchNorm folded into
/// each convolution, Winograd kernels transformed once), kept until a parameter or a running
/// statistic changes. Safe to use from several threads.
final class InferenceCache: Sendable {
    private struct Entry {
        /// The parameters' graph leaves when the layers were built: a parameter gets a new leaf
        /// whenever its value changes.
        let leaves: [Variable]
        let statistics: [String: Tensor]
        let layers: [PreparedConvolution]
    }
    private let entry = Mutex<Entry?>(nil)

    /// The prepared layers of `network` (trunk blocks then tail), rebuilt if it changed.
    func layers(of network: ScaleNetwork) -> [PreparedConvolution] {
        let leaves = network.parameters.map(\.variable), statistics = network.buffers
        return entry.withLock { entry in
            if let entry, entry.leaves.count == leaves.count, zip(entry.leaves, leaves).allSatisfy({ $0 === $1 }),
               entry.statistics == statistics {
                return entry.layers
            }
            let layers = network.trunk.blocks.map { $0.prepared() }
                + [PreparedConvolution(weight: network.tail.weight.value, bias: network.tail.bias.value)]
            entry = Entry(leaves: leaves, statistics: statistics, layers: layers)
            return layers
        }
    }
}
