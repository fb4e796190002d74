/// NumPy-style broadcasting of shapes: axes align from the right and extents of 1 stretch.
public enum Broadcasting {
    /// The broadcast shape of `a` and `b`, or nil if they are incompatible.
    public static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard da == db || da == 1 || db == 1 else { return nil }
            result[i] = da == 1 ? db : da
        }
        return result
    }

    /// Strides for reading a tensor of `shape` as if it had `target` shape (0 on stretched axes).
    public static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        let own = Tensor.strides(of: shape)
        let offset = target.count - shape.count
        return (0..<target.count).map { axis in
            axis < offset || shape[axis - offset] == 1 ? 0 : own[axis - offset]
        }
    }

    /// The axes of `target` that `shape` was stretched along (for summing a gradient back).
    public static func reducedAxes(from shape: [Int], to target: [Int]) -> [Int] {
        let offset = target.count - shape.count
        return (0..<target.count).filter { axis in
            axis < offset ? true : (shape[axis - offset] == 1 && target[axis] != 1)
        }
    }
}

/// An iteration plan over an output shape with several strided operands, with adjacent axes
/// merged wherever every operand allows it, so the innermost loop is as long as possible.
@usableFromInline
struct StridedLoop: Sendable {
    @usableFromInline var extents: [Int]
    @usableFromInline var strides: [[Int]]

    @usableFromInline
    init(shape: [Int], strides operandStrides: [[Int]]) {
        var extents: [Int] = []
        var strides: [[Int]] = operandStrides.map { _ in [] }
        for axis in 0..<shape.count where shape[axis] != 1 {
            if let last = extents.indices.last,
               operandStrides.indices.allSatisfy({ strides[$0][last] == operandStrides[$0][axis] * shape[axis] }) {
                extents[last] *= shape[axis]
                for k in operandStrides.indices { strides[k][last] = operandStrides[k][axis] }
            } else {
                extents.append(shape[axis])
                for k in operandStrides.indices { strides[k].append(operandStrides[k][axis]) }
            }
        }
        if extents.isEmpty {
            extents = [1]
            strides = operandStrides.map { _ in [0] }
        }
        self.extents = extents
        self.strides = strides
    }

    /// Calls `body(offsets, innerCount, innerStrides)` for every run of the innermost axis.
    @inlinable
    func forEachRun(_ body: ([Int], Int, [Int]) -> Void) {
        forEachRun(outer: 0..<(extents.count > 1 ? extents[0] : 1), body)
    }

    /// Elements per step of the outermost axis (the whole count when there is one axis).
    @usableFromInline var outerStepCount: Int { extents.dropFirst().reduce(1, *) }
    /// Steps of the outermost axis that `forEachRun(outer:_:)` may split (1 when there is one axis).
    @usableFromInline var outerCount: Int { extents.count > 1 ? extents[0] : 1 }

    /// `forEachRun` restricted to the steps `outer` of the outermost axis (all of a one-axis
    /// loop's single run when `outer` is 0..<1), so disjoint ranges can run on different cores.
    @inlinable
    func forEachRun(outer: Range<Int>, _ body: ([Int], Int, [Int]) -> Void) {
        guard !outer.isEmpty else { return }
        let inner = extents.count - 1
        let innerStrides = strides.map { $0[inner] }
        if inner == 0 {
            body([Int](repeating: 0, count: strides.count), extents[0], innerStrides)
            return
        }
        var counter = [Int](repeating: 0, count: inner)
        counter[0] = outer.lowerBound
        var offsets = strides.map { $0[0] * outer.lowerBound }
        while true {
            body(offsets, extents[inner], innerStrides)
            var axis = inner - 1
            while axis >= 0 {
                counter[axis] += 1
                for k in strides.indices { offsets[k] += strides[k][axis] }
                if counter[axis] < (axis == 0 ? outer.upperBound : extents[axis]) { break }
                if axis == 0 { return }
                for k in strides.indices { offsets[k] -= strides[k][axis] * extents[axis] }
                counter[axis] = 0
                axis -= 1
            }
        }
    }
}
