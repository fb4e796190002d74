import Foundation

/// One-dimensional Gaussian kernels with SciPy's conventions.
enum GaussianKernel {
    /// The radius SciPy's `gaussian_filter` uses: `int(truncate * sigma + 0.5)` (20 for σ = 5).
    static func scipyRadius(sigma: Double, truncate: Double = 4) -> Int {
        Int(truncate * sigma + 0.5)
    }

    /// SciPy's `_gaussian_kernel1d(sigma, order: 0, radius)`: `exp(-0.5 / σ² · x²)` for
    /// x in -radius...radius, divided by its sum; computed in Double.
    static func scipyWeights(sigma: Double, radius: Int) -> [Double] {
        let weights = (-radius...radius).map { offset in
            exp(-0.5 / (sigma * sigma) * Double(offset * offset))
        }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }
}
