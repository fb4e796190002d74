import SinGANTensor

// Broadcasting arithmetic. Each backward rule sums the gradient back to the input's shape.

extension Variable {
    /// Element-wise sum with broadcasting.
    public static func + (a: Variable, b: Variable) -> Variable {
        make(a.value + b.value, [a, b]) { c in
            [c.ifNeeded(0) { c.gradient.summed(toShape: a.shape) },
             c.ifNeeded(1) { c.gradient.summed(toShape: b.shape) }]
        }
    }

    /// Element-wise difference with broadcasting.
    public static func - (a: Variable, b: Variable) -> Variable {
        make(a.value - b.value, [a, b]) { c in
            [c.ifNeeded(0) { c.gradient.summed(toShape: a.shape) },
             c.ifNeeded(1) { (-c.gradient).summed(toShape: b.shape) }]
        }
    }

    /// Element-wise product with broadcasting.
    public static func * (a: Variable, b: Variable) -> Variable {
        make(a.value * b.value, [a, b]) { c in
            [c.ifNeeded(0) { (c.gradient * c.inputs[1]).summed(toShape: a.shape) },
             c.ifNeeded(1) { (c.gradient * c.inputs[0]).summed(toShape: b.shape) }]
        }
    }

    /// Element-wise quotient with broadcasting.
    public static func / (a: Variable, b: Variable) -> Variable {
        make(a.value / b.value, [a, b]) { c in
            [c.ifNeeded(0) { (c.gradient / c.inputs[1]).summed(toShape: a.shape) },
             c.ifNeeded(1) { (-(c.gradient * c.output) / c.inputs[1]).summed(toShape: b.shape) }]
        }
    }

    /// Negation.
    public static prefix func - (a: Variable) -> Variable {
        make(-a.value, [a]) { c in [-c.gradient] }
    }

    /// Adds a constant.
    public static func + (a: Variable, s: Float) -> Variable {
        make(a.value + s, [a]) { c in [c.gradient] }
    }

    /// Subtracts a constant.
    public static func - (a: Variable, s: Float) -> Variable { a + (-s) }

    /// Multiplies by a constant.
    public static func * (a: Variable, s: Float) -> Variable {
        make(a.value * s, [a]) { c in [c.gradient * s] }
    }

    /// Multiplies by a constant.
    public static func * (s: Float, a: Variable) -> Variable { a * s }
}
