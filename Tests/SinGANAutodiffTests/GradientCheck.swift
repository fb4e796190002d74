import SinGANAutodiff
import SinGANTensor

/// Central finite differences against reverse mode, along random directions.
enum GradientCheck {
    /// Largest relative error between ⟨∂L/∂xᵢ, vᵢ⟩ and the central difference of L along vᵢ,
    /// for L = Σ f(x)·r with a fixed random r, over several random directions per input.
    static func worstError(
        inputs: [Tensor], seed: UInt64 = 3, directions: Int = 3, step: Float = 1e-2,
        _ f: ([Variable]) -> Variable
    ) -> Double {
        var random = RandomSource(seed: seed)
        let probeShape = f(inputs.map { Variable($0) }).shape
        let probe = Variable(random.normal(probeShape))
        func loss(_ xs: [Tensor]) -> Double {
            let y = f(xs.map { Variable($0) }).value * probe.value
            return y.scalars.reduce(0.0) { $0 + Double($1) }
        }
        let leaves = inputs.map { Variable($0, requiresGrad: true) }
        let analytic = gradients(of: (f(leaves) * probe).sum(), wrt: leaves).map(\.value)
        var worst = 0.0
        for (i, input) in inputs.enumerated() {
            for _ in 0..<directions {
                let v = random.normal(input.shape)
                var plus = inputs, minus = inputs
                plus[i] = input + v * step
                minus[i] = input - v * step
                let numeric = (loss(plus) - loss(minus)) / Double(2 * step)
                let exact = zip(analytic[i].scalars, v.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                worst = max(worst, abs(numeric - exact) / max(1, abs(exact)))
            }
        }
        return worst
    }
}
