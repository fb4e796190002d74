import SinGANTensor

/// One scale's random walk in noise space, as the official `generate_gif`: it starts next to the
/// reconstruction noise z* (`z₁ = 0.95·z* + 0.05·ε`, `z₂ = z*`) and each frame moves on with
/// momentum `β` and a pull `α` back to z*:
///
/// ```
/// d = β·(z₁ − z₂) + (1 − β)·ε
/// z = α·z* + (1 − α)·(z₁ + d);   z₂ = z₁;   z₁ = z
/// ```
///
/// ε is fresh noise for every step (grey at the coarsest scale).
struct NoiseWalk {
    /// z*, the reconstruction noise of the scale (zeros above the coarsest).
    let anchor: Tensor
    let alpha: Float
    let beta: Float
    private var latest: Tensor
    private var before: Tensor

    /// A walk around `anchor` whose first position is nudged by `noise`.
    init(anchor: Tensor, alpha: Float, beta: Float, noise: Tensor) {
        self.anchor = anchor
        self.alpha = alpha
        self.beta = beta
        latest = anchor * 0.95 + noise * 0.05
        before = anchor
    }

    /// The next position, after one step with fresh `noise`.
    mutating func step(noise: Tensor) -> Tensor {
        let drift = (latest - before) * beta + noise * (1 - beta)
        let position = anchor * alpha + (latest + drift) * (1 - alpha)
        before = latest
        latest = position
        return position
    }
}
