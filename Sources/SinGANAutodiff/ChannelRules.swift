import SinGANTensor

// Per-channel affine maps and leaky ReLU's gradient gate as fused primitives.

extension Variable {
    /// x·scale[c] + shift[c] on [N, C, H, W] (`scale`, `shift`: [C]) in one pass.
    /// ∂x = g·scale, ∂scale = Σ g·x, ∂shift = Σ g (sums over N, H, W).
    public func channelAffine(scale: Variable, shift: Variable) -> Variable {
        let channels = shape[1]
        return Variable.make(Tensor.channelAffine(value, scale: scale.value, shift: shift.value), [self, scale, shift]) { c in
            [c.ifNeeded(0) { c.gradient.channelAffine(scale: c.inputs[1], shift: Variable(Tensor.zeros([channels]))) },
             c.ifNeeded(1) { (c.gradient * c.inputs[0]).sum(axes: [0, 2, 3]).reshaped([channels]) },
             c.ifNeeded(2) { c.gradient.sum(axes: [0, 2, 3]).reshaped([channels]) }]
        }
    }

    /// `self` where `reference` > 0 and `self`·slope elsewhere: the gradient of leaky ReLU at
    /// `reference`. The pattern is piecewise constant in `reference`, so it is held as a constant
    /// and only `self` gets a gradient.
    func leakyReLUGate(reference: Tensor, slope: Float) -> Variable {
        Variable.make(Tensor.leakyReLUGate(value, reference: reference, slope: slope), [self]) { c in
            [c.gradient.leakyReLUGate(reference: reference, slope: slope)]
        }
    }
}
