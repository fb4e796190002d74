import SinGANTensor

// Training-mode batch normalisation as one primitive. Its forward is a fused kernel; so is its
// backward when no gradient graph is being built. When one is (the WGAN-GP penalty differentiates
// this rule again), the rule is spelled out in differentiable operations instead, as a function of
// x, the weight and the upstream gradient, so its own derivatives are exact.

extension Variable {
    /// Normalises `self` [N, C, H, W] per channel with the batch mean and biased variance, then
    /// scales by `weight` and shifts by `bias` ([C] each). Also returns the batch statistics
    /// ([C] each) for the running averages.
    public func batchNormTraining(weight: Variable, bias: Variable, epsilon: Float)
        -> (output: Variable, mean: Tensor, variance: Tensor) {
        batchNormTraining(weight: weight, bias: bias, epsilon: epsilon, slope: 1)
    }

    /// `batchNormTraining` followed by leaky ReLU with `slope` (in 0 < slope < 1), as one
    /// primitive: the activation is applied in the normalising pass, and its gradient gate in the
    /// backward kernel. Values and gradients equal those of the two operations in sequence (the
    /// gate reads the output, whose sign is the normalised value's).
    public func batchNormLeakyReLU(weight: Variable, bias: Variable, epsilon: Float, slope: Float)
        -> (output: Variable, mean: Tensor, variance: Tensor) {
        precondition(slope > 0 && slope < 1, "leaky ReLU slope \(slope) outside 0…1")
        return batchNormTraining(weight: weight, bias: bias, epsilon: epsilon, slope: slope)
    }

    private func batchNormTraining(weight: Variable, bias: Variable, epsilon: Float, slope: Float)
        -> (output: Variable, mean: Tensor, variance: Tensor) {
        let result = Tensor.batchNormTraining(value, weight: weight.value, bias: bias.value, epsilon: epsilon, slope: slope)
        let activated = slope != 1, statistics = (mean: result.mean, variance: result.variance)
        let output = Variable.make(result.output, [self, weight, bias]) { c in
            if !c.buildsGraph {
                let g = Tensor.batchNormTrainingBackward(c.gradient.value, input: c.inputs[0].value,
                                                         weight: c.inputs[1].value, epsilon: epsilon,
                                                         activation: activated ? (c.output.value, slope) : nil,
                                                         statistics: statistics)
                return [c.ifNeeded(0) { Variable(g.input) }, c.ifNeeded(1) { Variable(g.weight) },
                        c.ifNeeded(2) { Variable(g.bias) }]
            }
            let gated = activated ? c.gradient.leakyReLUGate(reference: c.output.value, slope: slope) : c.gradient
            if !c.needed[1] && !c.needed[2] {
                // Only the input gradient (the gradient penalty's case): one primitive with fused kernels.
                return [gated.batchNormInputGradient(input: c.inputs[0], weight: c.inputs[1], epsilon: epsilon,
                                                     statistics: statistics), nil, nil]
            }
            return batchNormTrainingGradients(gated, input: c.inputs[0], weight: c.inputs[1], epsilon: epsilon,
                                              needed: c.needed)
        }
        return (output, result.mean, result.variance)
    }
}

/// The batch-norm backward in differentiable operations:
/// ∂bias = Σg, ∂weight = Σg·x̂, ∂x = weight·s·(g − ∂bias/n − x̂·∂weight/n), s = (σ² + ε)^(−1/2).
func batchNormTrainingGradients(_ g: Variable, input x: Variable, weight: Variable, epsilon: Float,
                                needed: [Bool]) -> [Variable?] {
    let channels = x.shape[1]
    let axes = [0, 2, 3], statShape = [1, channels, 1, 1]
    let inverseCount = 1 / Float(x.value.count / channels)
    let centered = x - x.mean(axes: axes)
    let scale = (centered.squared().mean(axes: axes) + epsilon).pow(-0.5)
    let normalized = centered * scale
    let sumG = g.sum(axes: axes)
    let sumGX = (g * normalized).sum(axes: axes)
    return [
        needed[0] ? (g - sumG * inverseCount - normalized * (sumGX * inverseCount)) * (scale * weight.reshaped(statShape)) : nil,
        needed[1] ? sumGX.reshaped([channels]) : nil,
        needed[2] ? sumG.reshaped([channels]) : nil,
    ]
}

extension Variable {
    /// The input gradient of training-mode batch norm for upstream gradient `self`, as a
    /// differentiable primitive: its value is the fused backward kernel's, its own gradient (wrt
    /// `self`, `input` and `weight`) the fused double-backward kernel's. A third derivative, if one
    /// is ever asked for, goes through the step-by-step form's graph.
    /// `statistics` are the forward pass's batch mean and variance of `input`.
    func batchNormInputGradient(input: Variable, weight: Variable, epsilon: Float,
                                statistics: (mean: Tensor, variance: Tensor)) -> Variable {
        let value = Tensor.batchNormTrainingBackward(self.value, input: input.value, weight: weight.value, epsilon: epsilon,
                                                     statistics: statistics).input
        return Variable.make(value, [self, input, weight]) { c in
            if c.buildsGraph {
                // Fresh nodes in front of the inputs, so the walk below stays inside the
                // step-by-step form (the inputs also depend on each other further up the graph).
                let local = c.inputs.map { Variable.make($0.value, [$0]) { c in [c.gradient] } }
                let dx = batchNormTrainingGradients(local[0], input: local[1], weight: local[2], epsilon: epsilon,
                                                    needed: [true, false, false])[0]!
                let grads = gradients(of: (dx * c.gradient).sum(), wrt: local, createGraph: true)
                return (0..<3).map { i in c.ifNeeded(i) { grads[i] } }
            }
            let r = Tensor.batchNormTrainingDoubleBackward(c.gradient.value, gradOutput: c.inputs[0].value,
                                                           input: c.inputs[1].value, weight: c.inputs[2].value,
                                                           epsilon: epsilon, statistics: statistics)
            return [c.ifNeeded(0) { Variable(r.gradOutput) }, c.ifNeeded(1) { Variable(r.input) },
                    c.ifNeeded(2) { Variable(r.weight) }]
        }
    }
}
