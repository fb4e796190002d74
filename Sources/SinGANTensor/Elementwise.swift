/// Element-wise arithmetic with broadcasting.
extension Tensor {
    /// Applies `transform` to every element, on the calling thread.
    @inlinable
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, unsafeUninitialized: { out in
            withUnsafeBufferPointer { src in
                for i in 0..<src.count { out[i] = transform(src[i]) }
            }
        })
    }

    /// Applies `op` to every element, on all cores for large tensors.
    @inlinable
    public func apply<Op: UnaryOperator>(_ op: Op) -> Tensor {
        Tensor(shape: shape, unsafeUninitialized: { out in
            let o = SendablePointer(out.baseAddress!)
            withUnsafeBufferPointer { src in
                let s = SendableConstPointer(src.baseAddress!)
                parallelRanges(src.count) { range in
                    for i in range { o.base[i] = op.apply(s.base[i]) }
                }
            }
        })
    }

    /// Combines `self` and `other` element-wise after broadcasting both to a common shape.
    @inlinable
    public func zip(_ other: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
        withoutActuallyEscaping(combine) { zip(other, ClosureOperator($0)) }
    }

    /// Combines `self` and `other` element-wise with an inlinable operator, after broadcasting.
    /// Same-shape operands run on all cores.
    @inlinable
    public func zip<Op: BinaryOperator>(_ other: Tensor, _ op: Op) -> Tensor {
        if shape == other.shape {
            return Tensor(shape: shape, unsafeUninitialized: { out in
                let o = SendablePointer(out.baseAddress!)
                withUnsafeBufferPointer { a in
                    other.withUnsafeBufferPointer { b in
                        let (pa, pb) = (SendableConstPointer(a.baseAddress!), SendableConstPointer(b.baseAddress!))
                        nonisolated(unsafe) let op = op
                        if Op.isSendable {
                            parallelRanges(a.count) { range in
                                for i in range { o.base[i] = op.apply(pa.base[i], pb.base[i]) }
                            }
                        } else {
                            for i in 0..<a.count { o.base[i] = op.apply(pa.base[i], pb.base[i]) }
                        }
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
            let o = SendablePointer(out.baseAddress!)
            withUnsafeBufferPointer { a in
                other.withUnsafeBufferPointer { b in
                    let (pa, pb) = (SendableConstPointer(a.baseAddress!), SendableConstPointer(b.baseAddress!))
                    nonisolated(unsafe) let op = op
                    let steps = Op.isSendable ? loop.outerCount : 1
                    parallelRanges(steps, grain: Swift.max(1, 4096 / Swift.max(1, loop.outerStepCount))) { steps in
                        loop.forEachRun(outer: steps) { offsets, n, inner in
                            var o = o.base + offsets[0], ia = pa.base + offsets[1], ib = pb.base + offsets[2]
                            if inner[1] == 1 && inner[2] == 0 {
                                let bv = ib.pointee
                                for k in 0..<n { o[k] = op.apply(ia[k], bv) }
                            } else if inner[1] == 0 && inner[2] == 1 {
                                let av = ia.pointee
                                for k in 0..<n { o[k] = op.apply(av, ib[k]) }
                            } else {
                                for _ in 0..<n {
                                    o.pointee = op.apply(ia.pointee, ib.pointee)
                                    o += inner[0]; ia += inner[1]; ib += inner[2]
                                }
                            }
                        }
                    }
                }
            }
        })
    }

    /// Element-wise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) -> Tensor { a.zip(b, Add()) }
    /// Element-wise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor { a.zip(b, Subtract()) }
    /// Element-wise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor { a.zip(b, Multiply()) }
    /// Element-wise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) -> Tensor { a.zip(b, Divide()) }
    /// Negation.
    public static prefix func - (a: Tensor) -> Tensor { a.apply(Negate()) }

    /// Adds `scalar` to every element.
    public static func + (a: Tensor, scalar: Float) -> Tensor { a.apply(Shift(scalar)) }
    /// Multiplies every element by `scalar`.
    public static func * (a: Tensor, scalar: Float) -> Tensor { a.apply(Scale(scalar)) }
    /// Multiplies every element by `scalar`.
    public static func * (scalar: Float, a: Tensor) -> Tensor { a.apply(Scale(scalar)) }

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
    public func greater(_ other: Tensor) -> Tensor { zip(other, ClosureOperator { $0 > $1 ? 1 : 0 }) }

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
        apply(Clamp(range))
    }

    /// The largest absolute element-wise difference to `other` (same shape).
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(shape == other.shape, "maxAbsDifference: \(shape) vs \(other.shape)")
        var worst: Float = 0
        for i in 0..<count { worst = Swift.max(worst, abs(scalars[i] - other.scalars[i])) }
        return worst
    }
}
