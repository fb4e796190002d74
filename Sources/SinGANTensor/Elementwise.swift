/// Element-wise arithmetic with broadcasting.
extension Tensor {
    /// Applies `transform` to every element.
    @inlinable
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, unsafeUninitialized: { out in
            withUnsafeBufferPointer { src in
                for i in 0..<src.count { out[i] = transform(src[i]) }
            }
        })
    }

    /// Combines `self` and `other` element-wise after broadcasting both to a common shape.
    @inlinable
    public func zip(_ other: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        if shape == other.shape {
            return Tensor(shape: shape, unsafeUninitialized: { out in
                withUnsafeBufferPointer { a in
                    other.withUnsafeBufferPointer { b in
                        for i in 0..<a.count { out[i] = combine(a[i], b[i]) }
                    }
                }
            })
        }
        guard let target = Broadcasting.shape(shape, other.shape) else {
            preconditionFailure("cannot broadcast \(shape) with \(other.shape)")
        }
        let loop = StridedLoop(shape: target, strides: [
            Tensor.strides(of: target),
            Broadcasting.strides(of: shape, broadcastTo: target),
            Broadcasting.strides(of: other.shape, broadcastTo: target),
        ])
        return Tensor(shape: target, unsafeUninitialized: { out in
            withUnsafeBufferPointer { a in
                other.withUnsafeBufferPointer { b in
                    loop.forEachRun { offsets, n, inner in
                        var o = offsets[0], ia = offsets[1], ib = offsets[2]
                        for _ in 0..<n {
                            out[o] = combine(a[ia], b[ib])
                            o += inner[0]; ia += inner[1]; ib += inner[2]
                        }
                    }
                }
            }
        })
    }

    /// Element-wise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) -> Tensor { a.zip(b, +) }
    /// Element-wise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor { a.zip(b, -) }
    /// Element-wise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor { a.zip(b, *) }
    /// Element-wise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) -> Tensor { a.zip(b, /) }
    /// Negation.
    public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

    /// Adds `scalar` to every element.
    public static func + (a: Tensor, scalar: Float) -> Tensor { a.map { $0 + scalar } }
    /// Multiplies every element by `scalar`.
    public static func * (a: Tensor, scalar: Float) -> Tensor { a.map { $0 * scalar } }
    /// Multiplies every element by `scalar`.
    public static func * (scalar: Float, a: Tensor) -> Tensor { a.map { $0 * scalar } }

    /// Adds `other` (same shape) into `self` in place.
    public mutating func add(_ other: Tensor) {
        precondition(shape == other.shape, "add: \(shape) vs \(other.shape)")
        withUnsafeMutableBufferPointer { a in
            other.withUnsafeBufferPointer { b in
                for i in 0..<b.count { a[i] += b[i] }
            }
        }
    }

    /// 1 where `self > other` (after broadcasting), else 0.
    public func greater(_ other: Tensor) -> Tensor { zip(other) { $0 > $1 ? 1 : 0 } }

    /// Picks `ifTrue` where `condition` is non-zero and `ifFalse` elsewhere (all broadcast).
    public static func select(_ condition: Tensor, _ ifTrue: Tensor, _ ifFalse: Tensor) -> Tensor {
        guard let pair = Broadcasting.shape(ifTrue.shape, ifFalse.shape),
              let target = Broadcasting.shape(condition.shape, pair) else {
            preconditionFailure("select: cannot broadcast \(condition.shape), \(ifTrue.shape), \(ifFalse.shape)")
        }
        let loop = StridedLoop(shape: target, strides: [Tensor.strides(of: target)] + [condition, ifTrue, ifFalse].map {
            Broadcasting.strides(of: $0.shape, broadcastTo: target)
        })
        var out = Tensor.zeros(target)
        out.withUnsafeMutableBufferPointer { o in
            loop.forEachRun { offsets, n, inner in
                var p = offsets
                for _ in 0..<n {
                    o[p[0]] = condition.scalars[p[1]] != 0 ? ifTrue.scalars[p[2]] : ifFalse.scalars[p[3]]
                    for k in 0..<4 { p[k] += inner[k] }
                }
            }
        }
        return out
    }

    /// Clamps every element to `range`.
    public func clamped(to range: ClosedRange<Float>) -> Tensor {
        map { Swift.min(Swift.max($0, range.lowerBound), range.upperBound) }
    }

    /// The largest absolute element-wise difference to `other` (same shape).
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(shape == other.shape, "maxAbsDifference: \(shape) vs \(other.shape)")
        var worst: Float = 0
        for i in 0..<count { worst = Swift.max(worst, abs(scalars[i] - other.scalars[i])) }
        return worst
    }
}
