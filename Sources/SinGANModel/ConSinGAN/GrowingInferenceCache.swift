import Synchronization
import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// A growing generator's layers prepared for repeated inference, kept until a parameter changes
/// or a stage is added. Safe to use from several threads.
final class GrowingInferenceCache: Sendable {
    /// The prepared head, bodies and tail.
    struct Layers: Sendable {
        let head: PlainConvBlock.PreparedBlock
        let bodies: [[PlainConvBlock.PreparedBlock]]
        let tail: PreparedConvolution
    }
    private struct Entry {
        /// The parameters' graph leaves when the layers were built (a new leaf means a new value).
        let leaves: [Variable]
        let layers: Layers
    }
    private let entry = Mutex<Entry?>(nil)

    /// The prepared layers of `generator`, rebuilt if it changed.
    func layers(of generator: GrowingGenerator) -> Layers {
        let leaves = generator.parameters.map(\.variable)
        return entry.withLock { entry in
            if let entry, entry.leaves.count == leaves.count, zip(entry.leaves, leaves).allSatisfy({ $0 === $1 }) {
                return entry.layers
            }
            let layers = Layers(head: generator.head.prepared(), bodies: generator.bodies.map { $0.map { $0.prepared() } },
                                tail: PreparedConvolution(weight: generator.tail.weight.value, bias: generator.tail.bias.value))
            entry = Entry(leaves: leaves, layers: layers)
            return layers
        }
    }
}
