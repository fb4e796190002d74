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
    /// `weight` and `bias` ([C] each).
    public static func batchNormTraining(_ x: Tensor, weight: Tensor, bias: Tensor, epsilon: Float) -> BatchNormResult {
        let layout = ChannelLayout(x.shape)
        precondition(weight.count == layout.channels && bias.count == layout.channels, "batch norm: \(x.shape)")
        var mean = [Float](repeating: 0, count: layout.channels)
        var variance = mean
        let output = Tensor(shape: x.shape, unsafeUninitialized: { out in
            let o = SendablePointer(out.baseAddress!)
            x.withUnsafeBufferPointer { xb in
                weight.withUnsafeBufferPointer { wb in
                    bias.withUnsafeBufferPointer { bb in
                        mean.withUnsafeMutableBufferPointer { mb in
                            variance.withUnsafeMutableBufferPointer { vb in
                                let (xs, ws, bs) = (SendableConstPointer(xb.baseAddress!), SendableConstPointer(wb.baseAddress!),
                                                    SendableConstPointer(bb.baseAddress!))
                                let (ms, vs) = (SendablePointer(mb.baseAddress!), SendablePointer(vb.baseAddress!))
                                layout.forEachChannel { c in
                                    var total: Double = 0
                                    layout.forEachPlane(c) { offset in total += ReductionKernels.sum(xs.base + offset, layout.plane) }
                                    let m = Float(total / Double(layout.perChannel))
                                    var squares: Double = 0
                                    layout.forEachPlane(c) { offset in
                                        squares += ChannelKernels.sumOfSquaredDeviations(xs.base + offset, layout.plane, from: m)
                                    }
                                    let v = Float(squares / Double(layout.perChannel))
                                    let scale = ws.base[c] / (v + epsilon).squareRoot()
                                    layout.forEachPlane(c) { offset in
                                        ChannelKernels.normalize(xs.base + offset, layout.plane, center: m, scale: scale,
                                                                 shift: bs.base[c], into: o.base + offset)
                                    }
                                    ms.base[c] = m
                                    vs.base[c] = v
                                }
                            }
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
    public static func batchNormTrainingBackward(
        _ gradOutput: Tensor, input x: Tensor, weight: Tensor, epsilon: Float
    ) -> (input: Tensor, weight: Tensor, bias: Tensor) {
        let layout = ChannelLayout(x.shape)
        precondition(gradOutput.shape == x.shape, "batch norm backward: \(gradOutput.shape) vs \(x.shape)")
        var weightGradient = [Float](repeating: 0, count: layout.channels)
        var biasGradient = weightGradient
        let inputGradient = Tensor(shape: x.shape, unsafeUninitialized: { out in
            let o = SendablePointer(out.baseAddress!)
            x.withUnsafeBufferPointer { xb in
                gradOutput.withUnsafeBufferPointer { gb in
                    weight.withUnsafeBufferPointer { wb in
                        weightGradient.withUnsafeMutableBufferPointer { dwb in
                            biasGradient.withUnsafeMutableBufferPointer { dbb in
                                let (xs, gs, ws) = (SendableConstPointer(xb.baseAddress!), SendableConstPointer(gb.baseAddress!),
                                                    SendableConstPointer(wb.baseAddress!))
                                let (dws, dbs) = (SendablePointer(dwb.baseAddress!), SendablePointer(dbb.baseAddress!))
                                let n = Double(layout.perChannel)
                                layout.forEachChannel { c in
                                    var total: Double = 0
                                    layout.forEachPlane(c) { offset in total += ReductionKernels.sum(xs.base + offset, layout.plane) }
                                    let m = Float(total / n)
                                    var squares: Double = 0, sumG: Double = 0, sumGX: Double = 0
                                    layout.forEachPlane(c) { offset in
                                        squares += ChannelKernels.sumOfSquaredDeviations(xs.base + offset, layout.plane, from: m)
                                        sumG += ReductionKernels.sum(gs.base + offset, layout.plane)
                                        sumGX += ChannelKernels.dotWithDeviations(gs.base + offset, xs.base + offset,
                                                                                   layout.plane, from: m)
                                    }
                                    let s = 1 / (Float(squares / n) + epsilon).squareRoot()
                                    let dBias = Float(sumG), dWeight = Float(sumGX) * s
                                    // ∂x = a·g + b·(x − μ) + d with a = w·s, b = −w·s²·∂weight/n, d = −w·s·∂bias/n.
                                    let a = ws.base[c] * s
                                    let b = -a * s * dWeight / Float(n)
                                    let d = -a * dBias / Float(n)
                                    layout.forEachPlane(c) { offset in
                                        ChannelKernels.combine(gs.base + offset, xs.base + offset, layout.plane,
                                                               a: a, b: b, mean: m, d: d, into: o.base + offset)
                                    }
                                    dws.base[c] = dWeight
                                    dbs.base[c] = dBias
                                }
                            }
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
        parallelRanges(channels, grain: Swift.max(1, 4096 / Swift.max(1, perChannel))) { range in
            for c in range { body(c) }
        }
    }

    /// Calls `body(offset)` with the start of channel `c`'s plane in every batch item.
    @inline(__always)
    func forEachPlane(_ c: Int, _ body: (Int) -> Void) {
        for item in 0..<batch { body((item * channels + c) * plane) }
    }
}
