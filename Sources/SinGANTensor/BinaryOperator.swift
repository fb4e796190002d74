/// A binary element-wise operation the compiler can inline into the broadcasting loops.
public protocol BinaryOperator {
    /// Whether the loops may run it on several threads at once.
    static var isSendable: Bool { get }
    func apply(_ a: Float, _ b: Float) -> Float
}

extension BinaryOperator {
    @inlinable public static var isSendable: Bool { true }
}

/// a + b.
public struct Add: BinaryOperator, Sendable {
    @inlinable public init() {}
    @inlinable public func apply(_ a: Float, _ b: Float) -> Float { a + b }
}

/// a − b.
public struct Subtract: BinaryOperator, Sendable {
    @inlinable public init() {}
    @inlinable public func apply(_ a: Float, _ b: Float) -> Float { a - b }
}

/// a · b.
public struct Multiply: BinaryOperator, Sendable {
    @inlinable public init() {}
    @inlinable public func apply(_ a: Float, _ b: Float) -> Float { a * b }
}

/// a / b.
public struct Divide: BinaryOperator, Sendable {
    @inlinable public init() {}
    @inlinable public func apply(_ a: Float, _ b: Float) -> Float { a / b }
}

/// Any closure as an operator (single-threaded: the closure need not be thread-safe).
public struct ClosureOperator: BinaryOperator {
    @usableFromInline let body: (Float, Float) -> Float
    @inlinable public init(_ body: @escaping (Float, Float) -> Float) { self.body = body }
    @inlinable public static var isSendable: Bool { false }
    @inlinable public func apply(_ a: Float, _ b: Float) -> Float { body(a, b) }
}
