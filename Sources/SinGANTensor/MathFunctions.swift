import Foundation

/// Transcendental and activation functions, element-wise.
extension Tensor {
    /// e^x.
    public func exp() -> Tensor { map { Foundation.exp($0) } }
    /// Natural logarithm.
    public func log() -> Tensor { map { Foundation.log($0) } }
    /// Square root.
    public func sqrt() -> Tensor { map { $0.squareRoot() } }
    /// Hyperbolic tangent.
    public func tanh() -> Tensor { map { Foundation.tanh($0) } }
    /// x raised to a constant power.
    public func pow(_ exponent: Float) -> Tensor {
        if exponent == 2 { return map { $0 * $0 } }
        return map { Foundation.pow($0, exponent) }
    }
    /// max(x, 0) + slope·min(x, 0).
    public func leakyReLU(slope: Float) -> Tensor { map { $0 > 0 ? $0 : $0 * slope } }
    /// The derivative of leaky ReLU at each element: 1 where x > 0, else `slope`.
    public func leakyReLUSlope(slope: Float) -> Tensor { map { $0 > 0 ? 1 : slope } }
}
