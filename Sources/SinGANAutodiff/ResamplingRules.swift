import SinGANTensor

// Bicubic, align-corners resizing (ConSinGAN's `upsample` between generator stages). The resize is
// linear, so its gradient is its transpose and the transpose's gradient is the resize again: each
// rule is the other operation, recorded, so gradients of gradients flow through both.

extension Variable {
    /// This `[N, C, h, w]` variable resized to `[N, C, height, width]` as PyTorch's
    /// `F.interpolate(x, size=(height, width), mode="bicubic", align_corners=True)` does
    /// (`Tensor.upsampledBicubicAlignCorners`); ∂ = the transposed resize of the gradient.
    public func upsampledBicubicAlignCorners(toHeight height: Int, width: Int) -> Variable {
        precondition(shape.count == 4, "bicubic resize of \(shape): needs [N, C, H, W]")
        return upsampledBicubicAlignCorners(
            BicubicAlignCornersPlan(fromHeight: shape[2], width: shape[3], toHeight: height, width: width))
    }

    /// This variable resized with `plan` (its input size must be this variable's height×width), for
    /// callers that resize between the same sizes many times and keep the plan.
    public func upsampledBicubicAlignCorners(_ plan: BicubicAlignCornersPlan) -> Variable {
        Variable.make(value.upsampledBicubicAlignCorners(plan), [self]) { c in
            [c.gradient.upsampledBicubicAlignCornersTransposed(plan)]
        }
    }

    /// The transpose of `upsampledBicubicAlignCorners(toHeight:width:)` from `height`×`width` to this
    /// variable's size (`Tensor.upsampledBicubicAlignCornersTransposed`): the resize's gradient as a
    /// differentiable operation; ∂ = the forward resize of the gradient.
    public func upsampledBicubicAlignCornersTransposed(toHeight height: Int, width: Int) -> Variable {
        precondition(shape.count == 4, "transposed bicubic resize of \(shape): needs [N, C, H, W]")
        return upsampledBicubicAlignCornersTransposed(
            BicubicAlignCornersPlan(fromHeight: height, width: width, toHeight: shape[2], width: shape[3]))
    }

    /// The transpose of `upsampledBicubicAlignCorners(plan)`: this variable has the plan's output
    /// size, the result its input size.
    public func upsampledBicubicAlignCornersTransposed(_ plan: BicubicAlignCornersPlan) -> Variable {
        Variable.make(value.upsampledBicubicAlignCornersTransposed(plan), [self]) { c in
            [c.gradient.upsampledBicubicAlignCorners(plan)]
        }
    }
}
