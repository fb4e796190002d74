import Foundation

/// A pure one-argument element-wise function the compiler can inline into `Tensor.apply`'s
/// parallel loop (a closure would cost an indirect call per element there).
public protocol UnaryOperator: Sendable {
    func apply(_ x: Float) -> Float
}

/// −x.
public struct Negate: UnaryOperator {
    @inlinable public init() {}
    @inlinable public func apply(_ x: Float) -> Float { -x }
}

/// factor·x.
public struct Scale: UnaryOperator {
    public let factor: Float
    @inlinable public init(_ factor: Float) { self.factor = factor }
    @inlinable public func apply(_ x: Float) -> Float { x * factor }
}

/// x + offset.
public struct Shift: UnaryOperator {
    public let offset: Float
    @inlinable public init(_ offset: Float) { self.offset = offset }
    @inlinable public func apply(_ x: Float) -> Float { x + offset }
}

/// x².
public struct Square: UnaryOperator {
    @inlinable public init() {}
    @inlinable public func apply(_ x: Float) -> Float { x * x }
}

/// √x.
public struct SquareRoot: UnaryOperator {
    @inlinable public init() {}
    @inlinable public func apply(_ x: Float) -> Float { x.squareRoot() }
}

/// x raised to a constant power.
public struct Power: UnaryOperator {
    public let exponent: Float
    @inlinable public init(_ exponent: Float) { self.exponent = exponent }
    @inlinable public func apply(_ x: Float) -> Float { Foundation.pow(x, exponent) }
}

/// e^x.
public struct Exponential: UnaryOperator {
    @inlinable public init() {}
    @inlinable public func apply(_ x: Float) -> Float { Foundation.exp(x) }
}

/// ln x.
public struct Logarithm: UnaryOperator {
    @inlinable public init() {}
    @inlinable public func apply(_ x: Float) -> Float { Foundation.log(x) }
}

/// tanh x.
public struct HyperbolicTangent: UnaryOperator {
    @inlinable public init() {}
    @inlinable public func apply(_ x: Float) -> Float { Foundation.tanh(x) }
}

/// max(x, 0) + slope·min(x, 0).
public struct LeakyReLU: UnaryOperator {
    public let slope: Float
    @inlinable public init(slope: Float) { self.slope = slope }
    @inlinable public func apply(_ x: Float) -> Float { x > 0 ? x : x * slope }
}

/// Leaky ReLU's derivative: 1 where x > 0, else `slope`.
public struct LeakyReLUSlope: UnaryOperator {
    public let slope: Float
    @inlinable public init(slope: Float) { self.slope = slope }
    @inlinable public func apply(_ x: Float) -> Float { x > 0 ? 1 : slope }
}

/// x limited to a closed range.
public struct Clamp: UnaryOperator {
    public let lower, upper: Float
    @inlinable public init(_ range: ClosedRange<Float>) { (lower, upper) = (range.lowerBound, range.upperBound) }
    @inlinable public func apply(_ x: Float) -> Float { Swift.min(Swift.max(x, lower), upper) }
}
