/// Vectorised inner loops over one contiguous run of a channel (the fused kernels' building blocks).
///
/// Sums take 16 elements at a time and accumulate them in Double lanes.
enum ChannelKernels {
    /// Σ (x − m)².
    @inline(__always)
    static func sumOfSquaredDeviations(_ x: UnsafePointer<Float>, _ n: Int, from m: Float) -> Double {
        blockedSum(n) { i in
            let d = load(x, i) - SIMD16<Float>(repeating: m)
            return d * d
        } tail: { i in (x[i] - m) * (x[i] - m) }
    }

    /// Σ g·(x − m).
    @inline(__always)
    static func dotWithDeviations(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int, from m: Float) -> Double {
        blockedSum(n) { i in load(g, i) * (load(x, i) - SIMD16<Float>(repeating: m)) } tail: { i in g[i] * (x[i] - m) }
    }

    /// out = x·scale + shift.
    @inline(__always)
    static func affine(_ x: UnsafePointer<Float>, _ n: Int, scale: Float, shift: Float, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<n { out[i] = x[i] * scale + shift }
    }

    /// (Σ g, Σ g·(x − m)) in one pass, each summed exactly as `ReductionKernels.sum` and
    /// `dotWithDeviations` would.
    @inline(__always)
    static func sumAndDotWithDeviations(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int,
                                        from m: Float) -> (sum: Double, dot: Double) {
        var s0 = SIMD8<Double>(), s1 = SIMD8<Double>(), d0 = SIMD8<Double>(), d1 = SIMD8<Double>()
        var i = 0
        while i + 16 <= n {
            let gv = load(g, i), dv = gv * (load(x, i) - SIMD16<Float>(repeating: m))
            s0 += SIMD8<Double>(gv.lowHalf); s1 += SIMD8<Double>(gv.highHalf)
            d0 += SIMD8<Double>(dv.lowHalf); d1 += SIMD8<Double>(dv.highHalf)
            i += 16
        }
        var (sumRest, dotRest): (Double, Double) = (0, 0)
        while i < n {
            sumRest += Double(g[i])
            dotRest += Double(g[i] * (x[i] - m))
            i += 1
        }
        return ((s0 + s1).sum() + sumRest, (d0 + d1).sum() + dotRest)
    }

    /// Σu, Σg, Σu·(x − m), Σg·(x − m), Σu·g in one pass (batch norm's double backward).
    @inline(__always)
    static func doubleBackwardSums(_ u: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                                   _ n: Int, from m: Float) -> (u: Double, g: Double, ux: Double, gx: Double, ug: Double) {
        var (u0, u1, g0, g1) = (SIMD8<Double>(), SIMD8<Double>(), SIMD8<Double>(), SIMD8<Double>())
        var (ux0, ux1, gx0, gx1) = (SIMD8<Double>(), SIMD8<Double>(), SIMD8<Double>(), SIMD8<Double>())
        var (ug0, ug1) = (SIMD8<Double>(), SIMD8<Double>())
        var i = 0
        while i + 16 <= n {
            let uv = load(u, i), gv = load(g, i), dv = load(x, i) - SIMD16<Float>(repeating: m)
            let (uxv, gxv, ugv) = (uv * dv, gv * dv, uv * gv)
            u0 += SIMD8<Double>(uv.lowHalf); u1 += SIMD8<Double>(uv.highHalf)
            g0 += SIMD8<Double>(gv.lowHalf); g1 += SIMD8<Double>(gv.highHalf)
            ux0 += SIMD8<Double>(uxv.lowHalf); ux1 += SIMD8<Double>(uxv.highHalf)
            gx0 += SIMD8<Double>(gxv.lowHalf); gx1 += SIMD8<Double>(gxv.highHalf)
            ug0 += SIMD8<Double>(ugv.lowHalf); ug1 += SIMD8<Double>(ugv.highHalf)
            i += 16
        }
        var (ru, rg, rux, rgx, rug): (Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0)
        while i < n {
            let d = x[i] - m
            ru += Double(u[i]); rg += Double(g[i]); rux += Double(u[i] * d); rgx += Double(g[i] * d)
            rug += Double(u[i] * g[i])
            i += 1
        }
        return ((u0 + u1).sum() + ru, (g0 + g1).sum() + rg, (ux0 + ux1).sum() + rux, (gx0 + gx1).sum() + rgx,
                (ug0 + ug1).sum() + rug)
    }

    /// out = cu·u + cg·g + cx·(x − mean) + c0.
    @inline(__always)
    static func combine(_ u: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int,
                        cu: Float, cg: Float, cx: Float, mean: Float, c0: Float, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<n { out[i] = cu * u[i] + cg * g[i] + cx * (x[i] - mean) + c0 }
    }

    /// out = (x − center)·scale + shift (centring first keeps the precision when |center| ≫ spread),
    /// through leaky ReLU with `slope` unless it is 1.
    @inline(__always)
    static func normalize(_ x: UnsafePointer<Float>, _ n: Int, center: Float, scale: Float, shift: Float, slope: Float = 1,
                          into out: UnsafeMutablePointer<Float>) {
        if slope == 1 {
            for i in 0..<n { out[i] = (x[i] - center) * scale + shift }
        } else {
            let activation = LeakyReLU(slope: slope)
            for i in 0..<n { out[i] = activation.apply((x[i] - center) * scale + shift) }
        }
    }

    /// out = g where reference > 0, else g·slope: leaky ReLU's gradient gate.
    @inline(__always)
    static func leakyGate(_ g: UnsafePointer<Float>, reference: UnsafePointer<Float>, _ n: Int, slope: Float,
                          into out: UnsafeMutablePointer<Float>) {
        for i in 0..<n { out[i] = reference[i] > 0 ? g[i] : g[i] * slope }
    }

    /// out = a·g + b·(x − mean) + d.
    @inline(__always)
    static func combine(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int, a: Float, b: Float, mean: Float,
                        d: Float, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<n { out[i] = a * g[i] + b * (x[i] - mean) + d }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD16<Float> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// Σ over 0..<n of `lanes(i)` (16 elements at i) and `tail(i)` (single elements at the end),
    /// accumulated in Double lanes.
    @inline(__always)
    static func blockedSum(_ n: Int, lanes: (Int) -> SIMD16<Float>, tail: (Int) -> Float) -> Double {
        var a0 = SIMD8<Double>(), a1 = SIMD8<Double>()
        var i = 0
        while i + 16 <= n {
            let v = lanes(i)
            a0 += SIMD8<Double>(v.lowHalf)
            a1 += SIMD8<Double>(v.highHalf)
            i += 16
        }
        var rest: Double = 0
        while i < n { rest += Double(tail(i)); i += 1 }
        return (a0 + a1).sum() + rest
    }
}
