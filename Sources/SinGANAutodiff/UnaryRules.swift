import SinGANTensor

// Element-wise functions. Rules use the saved output where that is cheaper.

extension Variable {
    /// e^x; ∂ = g·y.
    public func exp() -> Variable {
        Variable.make(value.exp(), [self]) { c in [c.gradient * c.output] }
    }

    /// ln x; ∂ = g/x.
    public func log() -> Variable {
        Variable.make(value.log(), [self]) { c in [c.gradient / c.inputs[0]] }
    }

    /// √x; ∂ = g/(2y).
    public func sqrt() -> Variable {
        Variable.make(value.sqrt(), [self]) { c in [c.gradient / (c.output * 2)] }
    }

    /// tanh x; ∂ = g·(1 − y²).
    public func tanh() -> Variable {
        Variable.make(value.tanh(), [self]) { c in [c.gradient * (1 - c.output * c.output)] }
    }

    /// x^p for a constant p; ∂ = g·p·x^(p−1).
    public func pow(_ p: Float) -> Variable {
        Variable.make(value.pow(p), [self]) { c in
            [p == 2 ? c.gradient * c.inputs[0] * 2 : c.gradient * c.inputs[0].pow(p - 1) * p]
        }
    }

    /// x², the common case of `pow`.
    public func squared() -> Variable { pow(2) }

    /// Leaky ReLU; ∂ = g·(1 if x > 0 else slope). The slope pattern is piecewise constant, so
    /// second derivatives flow through `g` only (see `leakyReLUGate`).
    public func leakyReLU(slope: Float) -> Variable {
        Variable.make(value.leakyReLU(slope: slope), [self]) { c in
            [c.gradient.leakyReLUGate(reference: c.inputs[0].value, slope: slope)]
        }
    }
}

/// 1 − v, for rules.
func - (s: Float, v: Variable) -> Variable { -v + s }
