/// Training-mode batch normalisation of [N, C, H, W] over N, H, W, as single fused passes.
///
/// Statistics accumulate in Float SIMD lanes per block and in Double across blocks (see
/// `ReductionKernels.sum`); channels run in parallel when the tensor is large.
extension Tensor {
    /// Per-channel batch statistics and the normalised, scaled and shifted output.
    public struct BatchNormResult: Sendable {
        /// (x − mean) / √(variance + ε) · weight + bias, same shape as the input.
        public var output: Tensor
        /// Batch mean, [C].
        public var mean: Tensor
        /// Biased batch variance, [C].
        public var variance: Tensor
    }

    /// Normalises `x` [N, C, H, W] with its own per-channel mean and biased variance, then applies
    /// `weight` and `bias` ([C] each), then leaky ReLU with `slope` unless it is 1 (fused, so the
    /// activation costs no extra pass over memory).
    public static func batchNormTraining(_ x: Tensor, weight: Tensor, bias: Tensor, epsilon: Float,
                                         slope: Float = 1) -> BatchNormResult {
        let layout = ChannelLayout(x.shape)
        precondition(weight.count == layout.channels && bias.count == layout.channels, "batch norm: \(x.shape)")
        var mean = [Float](repeating: 0, count: layout.channels)
        var variance = mean
        let output = Tensor(shape: x.shape, unsafeUninitialized: { out in
            let o = SendablePointer(out.baseAddress!)
            mean.withUnsafeMutableBufferPointer { mb in
                variance.withUnsafeMutableBufferPointer { vb in
                    let (ms, vs) = (SendablePointer(mb.baseAddress!), SendablePointer(vb.baseAddress!))
                    Tensor.withReadPointers([x, weight, bias]) { p in
                        let (xs, ws, bs) = (p[0], p[1], p[2])
                        layout.forEachChannel { c in
                            let (m, v) = layout.statistics(xs.base, channel: c)
                            let scale = ws.base[c] / (v + epsilon).squareRoot()
                            layout.forEachPlane(c) { offset in
                                ChannelKernels.normalize(xs.base + offset, layout.plane, center: m, scale: scale,
                                                         shift: bs.base[c], slope: slope, into: o.base + offset)
                            }
                            ms.base[c] = m
                            vs.base[c] = v
                        }
                    }
                }
            }
        })
        return BatchNormResult(output: output, mean: Tensor(shape: [layout.channels], scalars: mean),
                               variance: Tensor(shape: [layout.channels], scalars: variance))
    }

    /// Gradients of `batchNormTraining` for upstream `gradOutput`: input, weight and bias.
    ///
    /// With x̂ = (x − μ)·s, s = 1/√(σ² + ε) and n elements per channel:
    /// ∂bias = Σg, ∂weight = Σg·x̂, ∂x = weight·s·(g − ∂bias/n − x̂·∂weight/n).
    /// With `activation` (the fused leaky ReLU's output and slope), g is first gated by leaky
    /// ReLU's derivative, one channel at a time in a buffer that stays in cache. `statistics` are
    /// the forward pass's batch mean and variance (`BatchNormResult`); they spare two passes over
    /// `x` and give the same result as recomputing them.
    public static func batchNormTrainingBackward(
        _ gradOutput: Tensor, input x: Tensor, weight: Tensor, epsilon: Float, activation: (output: Tensor, slope: Float)? = nil,
        statistics: (mean: Tensor, variance: Tensor)? = nil
    ) -> (input: Tensor, weight: Tensor, bias: Tensor) {
        let layout = ChannelLayout(x.shape)
        let cached = statistics.map { (mean: $0.mean.scalars, variance: $0.variance.scalars) }
        precondition(cached == nil || (cached!.mean.count == layout.channels && cached!.variance.count == layout.channels),
                     "batch norm backward: statistics for \(x.shape)")
        precondition(gradOutput.shape == x.shape, "batch norm backward: \(gradOutput.shape) vs \(x.shape)")
        precondition(activation == nil || (activation!.output.shape == x.shape && layout.batch == 1),
                     "batch norm backward: activation for \(x.shape)")
        let reference = activation?.output ?? gradOutput, slope = activation?.slope ?? 1
        var weightGradient = [Float](repeating: 0, count: layout.channels)
        var biasGradient = weightGradient
        let inputGradient = Tensor(shape: x.shape, unsafeUninitialized: { out in
            let o = SendablePointer(out.baseAddress!)
            weightGradient.withUnsafeMutableBufferPointer { dwb in
                biasGradient.withUnsafeMutableBufferPointer { dbb in
                    Tensor.withReadPointers([x, gradOutput, reference, weight]) { p in
                        let (xs, upstream, rs, ws) = (p[0], p[1], p[2], p[3])
                        let (dws, dbs) = (SendablePointer(dwb.baseAddress!), SendablePointer(dbb.baseAddress!))
                        let n = Double(layout.perChannel)
                        layout.forEachChannel(scratch: activation == nil ? 0 : layout.plane) { c, gated in
                            // The gated gradient is the channel's one plane (batch 1) in `gated`.
                            if let gated {
                                ChannelKernels.leakyGate(upstream.base + c * layout.plane, reference: rs.base + c * layout.plane,
                                                         layout.plane, slope: slope, into: gated)
                            }
                            let g = { (offset: Int) in gated.map { UnsafePointer($0) } ?? upstream.base + offset }
                            let (m, variance) = cached.map { ($0.mean[c], $0.variance[c]) }
                                ?? layout.statistics(xs.base, channel: c)
                            var sumG: Double = 0, sumGX: Double = 0
                            layout.forEachPlane(c) { offset in
                                let sums = ChannelKernels.sumAndDotWithDeviations(g(offset), xs.base + offset,
                                                                                   layout.plane, from: m)
                                sumG += sums.sum
                                sumGX += sums.dot
                            }
                            let s = 1 / (variance + epsilon).squareRoot()
                            let dBias = Float(sumG), dWeight = Float(sumGX) * s
                            // ∂x = a·g + b·(x − μ) + d with a = w·s, b = −w·s²·∂weight/n, d = −w·s·∂bias/n.
                            let a = ws.base[c] * s
                            let b = -a * s * dWeight / Float(n)
                            let d = -a * dBias / Float(n)
                            layout.forEachPlane(c) { offset in
                                ChannelKernels.combine(g(offset), xs.base + offset, layout.plane,
                                                       a: a, b: b, mean: m, d: d, into: o.base + offset)
                            }
                            dws.base[c] = dWeight
                            dbs.base[c] = dBias
                        }
                    }
                }
            }
        })
        return (inputGradient, Tensor(shape: [layout.channels], scalars: weightGradient),
                Tensor(shape: [layout.channels], scalars: biasGradient))
    }
}

/// Where one channel's values lie in an [N, C, H, W] tensor.
struct ChannelLayout: Sendable {
    let batch, channels, plane: Int
    var perChannel: Int { batch * plane }

    init(_ shape: [Int]) {
        precondition(shape.count == 4, "expected [N, C, H, W], got \(shape)")
        batch = shape[0]; channels = shape[1]; plane = shape[2] * shape[3]
    }

    /// Runs `body` for every channel, channels split over the cores when the tensor is large.
    func forEachChannel(_ body: @Sendable (Int) -> Void) {
        forEachChannel(scratch: 0) { c, _ in body(c) }
    }

    /// Runs `body(channel, buffer)` for every channel, channels split over the cores when the
    /// tensor is large; each core gets one buffer of `scratch` floats (nil when 0).
    func forEachChannel(scratch: Int, _ body: @Sendable (Int, UnsafeMutablePointer<Float>?) -> Void) {
        parallelRanges(channels, grain: Swift.max(1, 4096 / Swift.max(1, perChannel))) { range in
            let buffer = scratch > 0 ? UnsafeMutablePointer<Float>.allocate(capacity: scratch) : nil
            defer { buffer?.deallocate() }
            for c in range { body(c, buffer) }
        }
    }

    /// Channel `c`'s mean and biased variance in `x`: two passes, sums in Double.
    @inline(__always)
    func statistics(_ x: UnsafePointer<Float>, channel c: Int) -> (mean: Float, variance: Float) {
        var total: Double = 0
        forEachPlane(c) { offset in total += ReductionKernels.sum(x + offset, plane) }
        let m = Float(total / Double(perChannel))
        var squares: Double = 0
        forEachPlane(c) { offset in squares += ChannelKernels.sumOfSquaredDeviations(x + offset, plane, from: m) }
        return (m, Float(squares / Double(perChannel)))
    }

    /// Calls `body(offset)` with the start of channel `c`'s plane in every batch item.
    @inline(__always)
    func forEachPlane(_ c: Int, _ body: (Int) -> Void) {
        for item in 0..<batch { body((item * channels + c) * plane) }
    }
}
