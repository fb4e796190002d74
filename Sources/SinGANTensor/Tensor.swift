/// A dense, row-major Float32 tensor with value semantics.
///
/// Storage is a Swift array, so copies are cheap and copy-on-write. Images use NCHW layout with a
/// batch of one; reductions and broadcasting work on any rank.
public struct Tensor: Sendable, Equatable {
    /// Extent of each axis, outermost first.
    public let shape: [Int]
    /// Elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public internal(set) var scalars: [Float]

    /// Wraps `scalars` with `shape`; the element count must match.
    public init(shape: [Int], scalars: [Float]) {
        MemoryPolicy.ensureApplied()
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` filled with `value`.
    public init(repeating value: Float, shape: [Int]) {
        MemoryPolicy.ensureApplied()
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(repeating: 0, shape: shape) }

    /// A rank-0 tensor holding `value`.
    public init(scalar value: Float) { self.init(shape: [], scalars: [value]) }

    /// A tensor whose scalars are written by `body` into uninitialised storage of the right size.
    public init(shape: [Int], unsafeUninitialized body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        MemoryPolicy.ensureApplied()
        let count = shape.reduce(1, *)
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            body(buffer)
            initialized = count
        }
        self.init(shape: shape, scalars: scalars)
    }

    /// Number of elements.
    public var count: Int { scalars.count }
    /// Number of axes.
    public var rank: Int { shape.count }

    /// The single value of a one-element tensor.
    public var scalar: Float {
        precondition(count == 1, "scalar of a tensor with shape \(shape)")
        return scalars[0]
    }

    /// Row-major strides of `shape`.
    public static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// Reads the buffer without copying.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Runs `body` with read-only pointers to the scalars of each of `tensors`, in order: for
    /// kernels that read several tensors from all cores.
    public static func withReadPointers<R>(_ tensors: [Tensor], _ body: ([SendableConstPointer<Float>]) throws -> R) rethrows
        -> R {
        func nest(_ index: Int, _ pointers: [SendableConstPointer<Float>]) throws -> R {
            guard index < tensors.count else { return try body(pointers) }
            return try tensors[index].withUnsafeBufferPointer { buffer in
                try nest(index + 1, pointers + [SendableConstPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 16)!)])
            }
        }
        return try nest(0, [])
    }

    /// Writes the buffer in place (copying first only if the storage is shared).
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer(body)
    }

    /// Element at a full multi-index (slow; for tests and small tensors).
    public subscript(index: Int...) -> Float {
        get { scalars[offset(of: index)] }
        set { scalars[offset(of: index)] = newValue }
    }

    private func offset(of index: [Int]) -> Int {
        precondition(index.count == rank, "index \(index) for shape \(shape)")
        var offset = 0
        for (axis, i) in index.enumerated() {
            precondition(i >= 0 && i < shape[axis], "index \(index) out of range for \(shape)")
            offset = offset * shape[axis] + i
        }
        return offset
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor\(shape)[\(preview)\(count > 8 ? ", …" : "")]"
    }
}
