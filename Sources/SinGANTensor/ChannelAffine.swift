/// Per-channel scale and shift of [N, C, H, W] tensors, and the gate of leaky ReLU's gradient.
extension Tensor {
    /// x·scale[c] + shift[c] for every element of channel c (`scale`, `shift`: [C]).
    public static func channelAffine(_ x: Tensor, scale: Tensor, shift: Tensor) -> Tensor {
        let layout = ChannelLayout(x.shape)
        precondition(scale.count == layout.channels && shift.count == layout.channels, "channel affine: \(x.shape)")
        return Tensor(shape: x.shape, unsafeUninitialized: { out in
            let o = SendablePointer(out.baseAddress!)
            x.withUnsafeBufferPointer { xb in
                let xs = SendableConstPointer(xb.baseAddress!)
                let (scales, shifts) = (scale.scalars, shift.scalars)
                layout.forEachChannel { c in
                    layout.forEachPlane(c) { offset in
                        ChannelKernels.affine(xs.base + offset, layout.plane, scale: scales[c], shift: shifts[c],
                                              into: o.base + offset)
                    }
                }
            }
        })
    }

    /// g where `reference` > 0, g·slope elsewhere (shapes equal): leaky ReLU's backward.
    public static func leakyReLUGate(_ g: Tensor, reference: Tensor, slope: Float) -> Tensor {
        precondition(g.shape == reference.shape, "leaky ReLU gate: \(g.shape) vs \(reference.shape)")
        return Tensor(shape: g.shape, unsafeUninitialized: { out in
            let o = SendablePointer(out.baseAddress!)
            g.withUnsafeBufferPointer { gb in
                reference.withUnsafeBufferPointer { rb in
                    let (gs, rs) = (SendableConstPointer(gb.baseAddress!), SendableConstPointer(rb.baseAddress!))
                    parallelRanges(gb.count) { range in
                        ChannelKernels.leakyGate(gs.base + range.lowerBound, reference: rs.base + range.lowerBound,
                                                 range.count, slope: slope, into: o.base + range.lowerBound)
                    }
                }
            }
        })
    }
}
