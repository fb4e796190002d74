import SinGANTensor

// The three convolution primitives form a closed family: each one's adjoints are the other two,
// so gradients of gradients stay inside it.
//   y  = conv2d(x, w)                 ∂x = conv2dTransposed(g, w)       ∂w = conv2dWeightGradient(x, g)
//   x' = conv2dTransposed(d, w)       ∂d = conv2d(g, w)                 ∂w = conv2dWeightGradient(g, d)
//   w' = conv2dWeightGradient(x, d)   ∂x = conv2dTransposed(d, g)       ∂d = conv2d(x, g)

/// Valid, stride-1 cross-correlation: `input` [1, Ci, H, W], `weight` [Co, Ci, k, k].
public func conv2d(_ input: Variable, _ weight: Variable) -> Variable {
    Variable.make(Tensor.conv2d(input.value, weight.value, transforms: weight.kernelTransforms), [input, weight]) { c in
        [c.ifNeeded(0) { conv2dTransposed(c.gradient, c.inputs[1]) },
         c.ifNeeded(1) { conv2dWeightGradient(c.inputs[0], c.gradient) }]
    }
}

/// The adjoint of `conv2d` in its input (a full transposed convolution).
public func conv2dTransposed(_ gradOutput: Variable, _ weight: Variable) -> Variable {
    Variable.make(Tensor.conv2dTransposed(gradOutput.value, weight.value, transforms: weight.kernelTransforms),
                  [gradOutput, weight]) { c in
        [c.ifNeeded(0) { conv2d(c.gradient, c.inputs[1]) },
         c.ifNeeded(1) { conv2dWeightGradient(c.gradient, c.inputs[0]) }]
    }
}

/// The adjoint of `conv2d` in its weight.
public func conv2dWeightGradient(_ input: Variable, _ gradOutput: Variable) -> Variable {
    Variable.make(Tensor.conv2dWeightGradient(input.value, gradOutput.value), [input, gradOutput]) { c in
        [c.ifNeeded(0) { conv2dTransposed(c.inputs[1], c.gradient) },
         c.ifNeeded(1) { conv2d(c.inputs[0], c.gradient) }]
    }
}

/// `conv2d(input, weight)` plus `bias` [Co] on every output channel, in one kernel.
/// ∂bias = Σ g over the pixels of each channel.
public func conv2d(_ input: Variable, _ weight: Variable, bias: Variable) -> Variable {
    let channels = weight.shape[0]
    return Variable.make(Tensor.conv2d(input.value, weight.value, bias: bias.value, transforms: weight.kernelTransforms),
                         [input, weight, bias]) { c in
        [c.ifNeeded(0) { conv2dTransposed(c.gradient, c.inputs[1]) },
         c.ifNeeded(1) { conv2dWeightGradient(c.inputs[0], c.gradient) },
         c.ifNeeded(2) { c.gradient.sum(axes: [0, 2, 3]).reshaped([channels]) }]
    }
}
