import SinGANAutodiff
import SinGANTensor

/// WGAN-GP as both official codes compute it: λ·mean((‖∇x̂ D(x̂)‖₂ over channels − 1)²) at
/// x̂ = a·real + (1−a)·fake, differentiable in the critic's weights.
public enum GradientPenalty {
    /// The penalty of `critic` between `real` and `fake` with mixing factor `a` and weight `weight`.
    public static func penalty(_ critic: (Variable) -> Variable, real: Tensor, fake: Tensor, mixing a: Float,
                               weight: Float) -> Variable {
        let point = Variable(real * a + fake * (1 - a), requiresGrad: true)
        let slope = gradients(of: critic(point), wrt: [point], createGraph: true)[0]
        let norm = slope.squared().sum(axes: [1]).sqrt()
        return (norm - 1).squared().mean() * weight
    }
}
