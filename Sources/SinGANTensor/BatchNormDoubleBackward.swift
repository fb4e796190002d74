/// The derivative of training-mode batch norm's input gradient, as fused passes: what the WGAN
/// gradient penalty's second backward needs at every batch-norm layer, without the dozen
/// full-size tensors its step-by-step form creates.
extension Tensor {
    /// For dx = BN'(g; x, γ) = γ·s·(g − Σg/n − x̂·Σ(g·x̂)/n) (the input gradient of
    /// `batchNormTraining`, x̂ = (x − μ)·s, s = 1/√(σ² + ε), n elements per channel) and an upstream
    /// `upstream` = ∂L/∂dx, returns ∂L/∂g, ∂L/∂x and ∂L/∂γ ([C]).
    ///
    /// With per-channel sums Su = Σu, A = Σu·x̂, Sg = Σg, B = Σg·x̂, Sug = Σu·g:
    ///   ∂L/∂g = γ·s·(u − Su/n − x̂·A/n) (the same projection, which is symmetric),
    ///   ∂L/∂x = γ·s²/n·[x̂·(3·A·B/n − (Sug − Su·Sg/n)) − B·(u − Su/n) − A·(g − Sg/n)],
    ///   ∂L/∂γ = s·(Sug − Sg·Su/n − B·A/n).
    /// `statistics` are the forward pass's batch mean and variance (recomputed when nil).
    public static func batchNormTrainingDoubleBackward(
        _ upstream: Tensor, gradOutput: Tensor, input x: Tensor, weight: Tensor, epsilon: Float,
        statistics: (mean: Tensor, variance: Tensor)? = nil
    ) -> (gradOutput: Tensor, input: Tensor, weight: Tensor) {
        let layout = ChannelLayout(x.shape)
        let cached = statistics.map { (mean: $0.mean.scalars, variance: $0.variance.scalars) }
        precondition(upstream.shape == x.shape && gradOutput.shape == x.shape,
                     "batch norm double backward: \(upstream.shape), \(gradOutput.shape) vs \(x.shape)")
        var weightGradient = [Float](repeating: 0, count: layout.channels)
        var inputGradient = Tensor(shape: x.shape, unsafeUninitialized: { _ in })
        let outputGradient = Tensor(shape: x.shape, unsafeUninitialized: { dg in
            inputGradient.withUnsafeMutableBufferPointer { dx in
                weightGradient.withUnsafeMutableBufferPointer { dwb in
                    Tensor.withReadPointers([x, upstream, gradOutput]) { p in
                        let (xs, us, gs) = (p[0], p[1], p[2])
                        let (dgs, dxs, dws) = (SendablePointer(dg.baseAddress!), SendablePointer(dx.baseAddress!),
                                               SendablePointer(dwb.baseAddress!))
                        let gamma = weight.scalars
                        let n = Double(layout.perChannel)
                        layout.forEachChannel { c in
                            let (m, variance) = cached.map { ($0.mean[c], $0.variance[c]) }
                                ?? layout.statistics(xs.base, channel: c)
                            var su: Double = 0, sg: Double = 0, ux: Double = 0, gx: Double = 0, ug: Double = 0
                            layout.forEachPlane(c) { offset in
                                let sums = ChannelKernels.doubleBackwardSums(us.base + offset, gs.base + offset,
                                                                             xs.base + offset, layout.plane, from: m)
                                su += sums.u; sg += sums.g; ux += sums.ux; gx += sums.gx; ug += sums.ug
                            }
                            let s = 1 / (Double(variance) + Double(epsilon)).squareRoot()
                            let (a, b) = (ux * s, gx * s)                // Σu·x̂, Σg·x̂
                            let centredUG = ug - su * sg / n
                            let k = Double(gamma[c]) * s * s / n
                            // ∂g = γs·u − γs²·A/n·(x − μ) − γs·Su/n.
                            let gu = Float(Double(gamma[c]) * s), gxc = Float(-Double(gamma[c]) * s * s * a / n)
                            let g0 = Float(-Double(gamma[c]) * s * su / n)
                            // ∂x = K·s·(3AB/n − centredUG)·(x − μ) − K·B·u − K·A·g + K·(B·Su + A·Sg)/n.
                            let cx = Float(k * s * (3 * a * b / n - centredUG)), cu = Float(-k * b)
                            let cg = Float(-k * a), c0 = Float(k * (b * su + a * sg) / n)
                            layout.forEachPlane(c) { offset in
                                let (x, u, g) = (xs.base + offset, us.base + offset, gs.base + offset)
                                ChannelKernels.combine(u, x, layout.plane, a: gu, b: gxc, mean: m, d: g0,
                                                       into: dgs.base + offset)
                                ChannelKernels.combine(u, g, x, layout.plane, cu: cu, cg: cg, cx: cx, mean: m, c0: c0,
                                                       into: dxs.base + offset)
                            }
                            dws.base[c] = Float(s * (centredUG - b * a / n))
                        }
                    }
                }
            }
        })
        return (outputGradient, inputGradient, Tensor(shape: [layout.channels], scalars: weightGradient))
    }
}
