import SinGANAutodiff
import SinGANTensor

/// A trainable tensor. `variable` is the graph leaf for the current value; it is replaced
/// whenever the value changes, so graphs recorded earlier keep the values they saw.
public final class Parameter: @unchecked Sendable {
    /// A stable name inside its module, e.g. "head.conv.weight" (used by checkpoints).
    public let name: String
    /// The current value.
    public var value: Tensor {
        didSet {
            precondition(value.shape == oldValue.shape, "\(name): shape \(oldValue.shape) → \(value.shape)")
            leaf = nil
        }
    }
    private var leaf: Variable?

    /// A parameter called `name` holding `value`.
    public init(_ name: String, _ value: Tensor) {
        self.name = name
        self.value = value
    }

    /// The graph leaf for the current value (requires a gradient).
    public var variable: Variable {
        if let leaf { return leaf }
        let made = Variable(value, requiresGrad: true)
        leaf = made
        return made
    }
}

/// Something with parameters and buffers that can be saved, loaded and optimised.
public protocol Layer: AnyObject {
    /// Trainable parameters, in a stable order.
    var parameters: [Parameter] { get }
    /// Non-trainable state saved with the weights (BatchNorm running statistics), by name.
    var buffers: [String: Tensor] { get set }
}

extension Layer {
    /// Copies every parameter value and buffer from `other` (same architecture).
    public func copyWeights(from other: Self) {
        for (mine, theirs) in zip(parameters, other.parameters) { mine.value = theirs.value }
        buffers = other.buffers
    }
}
