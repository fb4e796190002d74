import SinGANTensor

// Reductions, broadcasting and data movement: each rule is the adjoint movement.

extension Variable {
    /// Sum over `axes`, keeping them with extent 1; ∂ = g broadcast back.
    public func sum(axes: [Int]) -> Variable {
        let inputShape = shape
        return Variable.make(value.sum(axes: axes), [self]) { c in [c.gradient.expanded(to: inputShape)] }
    }

    /// Sum of all elements (rank 0).
    public func sum() -> Variable {
        let inputShape = shape
        return Variable.make(value.sum(), [self]) { c in
            [c.gradient.reshaped([Int](repeating: 1, count: inputShape.count)).expanded(to: inputShape)]
        }
    }

    /// Mean over `axes`, keeping them with extent 1.
    public func mean(axes: [Int]) -> Variable {
        let n = Set(axes.map { $0 < 0 ? $0 + shape.count : $0 }).reduce(1) { $0 * shape[$1] }
        return sum(axes: axes) * (1 / Float(n))
    }

    /// Mean of all elements (rank 0).
    public func mean() -> Variable { sum() * (1 / Float(max(value.count, 1))) }

    /// Broadcasts to `target`; ∂ = g summed back.
    public func expanded(to target: [Int]) -> Variable {
        if shape == target { return self }
        let inputShape = shape
        return Variable.make(value.expanded(to: target), [self]) { c in [c.gradient.summed(toShape: inputShape)] }
    }

    /// Sums broadcast axes away to reach `target`; ∂ = g broadcast back.
    public func summed(toShape target: [Int]) -> Variable {
        if shape == target { return self }
        let inputShape = shape
        return Variable.make(value.summed(toShape: target), [self]) { c in [c.gradient.expanded(to: inputShape)] }
    }

    /// Same values, new shape.
    public func reshaped(_ newShape: [Int]) -> Variable {
        if shape == newShape { return self }
        let inputShape = shape
        return Variable.make(value.reshaped(newShape), [self]) { c in [c.gradient.reshaped(inputShape)] }
    }

    /// Axis permutation; ∂ = inverse permutation.
    public func permuted(_ order: [Int]) -> Variable {
        var inverse = [Int](repeating: 0, count: order.count)
        for (i, axis) in order.enumerated() { inverse[axis] = i }
        return Variable.make(value.permuted(order), [self]) { c in [c.gradient.permuted(inverse)] }
    }

    /// Zero padding; ∂ = crop.
    public func padded(before: [Int], after: [Int]) -> Variable {
        let inputShape = shape
        return Variable.make(value.padded(before: before, after: after), [self]) { c in
            [c.gradient.cropped(origin: before, size: inputShape)]
        }
    }

    /// Crop; ∂ = zero padding.
    public func cropped(origin: [Int], size: [Int]) -> Variable {
        let inputShape = shape
        return Variable.make(value.cropped(origin: origin, size: size), [self]) { c in
            let after = (0..<inputShape.count).map { inputShape[$0] - origin[$0] - size[$0] }
            return [c.gradient.padded(before: origin, after: after)]
        }
    }
}
