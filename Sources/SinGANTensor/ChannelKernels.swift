import CTensorKernels

/// Vectorised inner loops over one contiguous run of a channel (the fused kernels' building blocks).
///
/// Sums accumulate in Double lanes, 16 elements at a time (`channel_sums.h` gives the order).
enum ChannelKernels {
    /// Σ (x − m)².
    @inline(__always)
    static func sumOfSquaredDeviations(_ x: UnsafePointer<Float>, _ n: Int, from m: Float) -> Double {
        channel_sum_squared_deviations(x, n, m)
    }

    /// out = x·scale + shift.
    @inline(__always)
    static func affine(_ x: UnsafePointer<Float>, _ n: Int, scale: Float, shift: Float, into out: UnsafeMutablePointer<Float>) {
        for i in 0..<n { out[i] = x[i] * scale + shift }
    }

    /// (Σ g, Σ g·(x − m)) in one pass, each summed exactly as `ReductionKernels.sum` would.
    @inline(__always)
    static func sumAndDotWithDeviations(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int,
                                        from m: Float) -> (sum: Double, dot: Double) {
        var sums = (0.0, 0.0)
        withUnsafeMutableBytes(of: &sums) { channel_sum_and_dot_deviations(g, x, n, m, $0.baseAddress!.assumingMemoryBound(to: Double.self)) }
        return sums
    }

    /// Σu, Σg, Σu·(x − m), Σg·(x − m), Σu·g in one pass (batch norm's double backward).
    @inline(__always)
    static func doubleBackwardSums(_ u: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                                   _ n: Int, from m: Float) -> (u: Double, g: Double, ux: Double, gx: Double, ug: Double) {
        var sums = (0.0, 0.0, 0.0, 0.0, 0.0)
        withUnsafeMutableBytes(of: &sums) { channel_double_backward_sums(u, g, x, n, m, $0.baseAddress!.assumingMemoryBound(to: Double.self)) }
        return sums
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
}
