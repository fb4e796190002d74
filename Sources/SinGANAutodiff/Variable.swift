import SinGANTensor

/// A node of the recorded computation graph: a tensor value plus how it was computed.
///
/// Leaves are made with `Variable(_:requiresGrad:)`. Every operation on variables returns a new
/// variable; when any input requires a gradient, the result remembers its inputs and a backward
/// rule. Backward rules are themselves written with variable operations, so gradients can be
/// differentiated again (`gradients(of:wrt:createGraph: true)`).
public final class Variable: @unchecked Sendable {
    /// The computed value.
    public let value: Tensor
    /// How the value was computed, when a gradient may flow through it. Cleared when a
    /// releasing backward pass has consumed the node (`gradients(…, releasingGraph: true)`).
    private(set) var record: Record?
    private let isLeafRequiringGrad: Bool
    /// The Winograd transforms of `value` when it is a convolution weight, made on first use (the
    /// value never changes, so they stay valid; autodiff runs on one thread).
    public var kernelTransforms: KernelTransforms {
        if let transforms { return transforms }
        let made = KernelTransforms()
        transforms = made
        return made
    }
    private var transforms: KernelTransforms?

    /// A leaf holding `value`; gradients can be taken with respect to it when `requiresGrad`.
    public init(_ value: Tensor, requiresGrad: Bool = false) {
        self.value = value
        self.record = nil
        self.isLeafRequiringGrad = requiresGrad
    }

    init(value: Tensor, record: Record?) {
        self.value = value
        self.record = record
        self.isLeafRequiringGrad = false
    }

    /// Whether a gradient can flow into this variable.
    public var requiresGrad: Bool { isLeafRequiringGrad || record != nil }
    /// Shape of the value.
    public var shape: [Int] { value.shape }
    /// A constant with the same value, cut off from the graph. It shares this variable's kernel
    /// transforms if it has any (backward passes that build no graph see their inputs detached;
    /// a weight's were made by its forward convolution, other values need none).
    public func detached() -> Variable {
        let copy = Variable(value)
        copy.transforms = transforms
        return copy
    }

    /// Forgets how this node was computed, so its inputs can be freed; it becomes a constant.
    func releaseRecord() { record = nil }

    /// Builds the result of a primitive: records `inputs` and `rule` when any input needs a gradient.
    static func make(_ value: Tensor, _ inputs: [Variable], _ rule: @escaping BackwardRule) -> Variable {
        guard inputs.contains(where: { $0.requiresGrad }) else { return Variable(value) }
        return Variable(value: value, record: Record(inputs: inputs, rule: rule))
    }
}

/// A backward rule: given the upstream gradient and the primitive's inputs and output (as graph
/// variables when building a differentiable gradient, as constants otherwise), returns the
/// gradient for each input, or nil for inputs that do not need one.
typealias BackwardRule = (BackwardContext) -> [Variable?]

/// What a backward rule sees.
struct BackwardContext {
    /// ∂target/∂output.
    let gradient: Variable
    /// The primitive's inputs.
    let inputs: [Variable]
    /// The primitive's output.
    let output: Variable
    /// Which inputs lie on a path to a requested source.
    let needed: [Bool]

    /// Whether the gradients this rule returns are recorded for another differentiation (some
    /// input or the upstream gradient is in a graph); fused kernels may replace the rule when not.
    var buildsGraph: Bool { gradient.requiresGrad || inputs.contains { $0.requiresGrad } }

    /// Gradient for input `i` only if it is needed.
    func ifNeeded(_ i: Int, _ make: () -> Variable) -> Variable? { needed[i] ? make() : nil }
}

/// The recorded origin of a non-leaf variable.
struct Record {
    let inputs: [Variable]
    let rule: BackwardRule
}
