import SinGANTensor

/// One patch set seen through every direction of a `SlicedWasserstein`: row `k` holds the patches'
/// projections onto direction `k`, sorted ascending.
public struct SortedProjections: Sendable, Equatable {
    /// Number of directions (rows).
    public let directionCount: Int
    /// Number of patches (columns).
    public let pointCount: Int
    /// `directionCount` ascending rows of `pointCount` values.
    public let values: [Float]

    /// Row `k`: the sorted projections onto direction `k`.
    public func row(_ k: Int) -> ArraySlice<Float> { values[(k * pointCount)..<((k + 1) * pointCount)] }
}

/// The sliced Wasserstein distance between two sets of patches: the 1-Wasserstein distance of their
/// one-dimensional projections, averaged over a fixed set of random unit directions.
///
/// SWD(A, B) = (1/K) Σₖ W₁(θₖ·A, θₖ·B), where W₁ of two sorted sets of equal size n is
/// (1/n) Σᵢ |aᵢ − bᵢ| (the mean distance a projection has to move). Sets of different sizes are compared
/// at max(n, m) quantiles (t = (i + ½)/max(n, m) on both empirical quantile functions), which is exact
/// when one size divides the other. The directions are standard normal vectors normalised to unit
/// length, drawn from `RandomSource(seed:)`: the same seed gives the same distance on every machine.
public struct SlicedWasserstein: Sendable {
    /// Default number of random directions.
    public static let defaultDirectionCount = 128

    /// The unit directions, `[directionCount, dimension]`.
    public let directions: Tensor

    /// `directionCount` random unit directions in `dimension` dimensions, from `seed`.
    public init(dimension: Int, directionCount: Int = defaultDirectionCount, seed: UInt64) {
        precondition(dimension >= 1 && directionCount >= 1, "\(directionCount) directions in \(dimension) dimensions")
        var random = RandomSource(seed: seed)
        var scalars: [Float] = []
        scalars.reserveCapacity(directionCount * dimension)
        for _ in 0..<directionCount {
            var direction = (0..<dimension).map { _ in Double(random.nextNormal()) }
            let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm == 0 { direction[0] = 1 } else { direction = direction.map { $0 / norm } }
            scalars += direction.map { Float($0) }
        }
        directions = Tensor(shape: [directionCount, dimension], scalars: scalars)
    }

    /// Number of directions.
    public var directionCount: Int { directions.shape[0] }
    /// Dimension of the patches it projects.
    public var dimension: Int { directions.shape[1] }

    /// Projects every patch onto every direction (one SGEMM) and sorts each direction's values.
    public func project(_ patches: PatchSet) -> SortedProjections {
        precondition(patches.dimension == dimension, "patches of \(patches.dimension) values for \(dimension)-d directions")
        precondition(patches.count > 0, "no patches to project")
        let (k, n) = (directionCount, patches.count)
        var values = [Float](repeating: 0, count: k * n)
        values.withUnsafeMutableBufferPointer { out in
            directions.withUnsafeBufferPointer { theta in
                patches.values.withUnsafeBufferPointer { points in
                    // [k, d] · [n, d]ᵀ = [k, n]: one row per direction.
                    BLAS.sgemm(transposeA: false, transposeB: true, m: k, n: n, k: dimension,
                               a: theta.baseAddress!, lda: dimension, b: points.baseAddress!, ldb: dimension,
                               beta: 0, c: out.baseAddress!, ldc: n)
                }
            }
            let rows = SendablePointer(out.baseAddress!)
            parallelRanges(k, grain: 16) { range in
                for row in range {
                    var values = UnsafeMutableBufferPointer(start: rows.base + row * n, count: n)
                    values.sort()
                }
            }
        }
        return SortedProjections(directionCount: k, pointCount: n, values: values)
    }

    /// SWD of two patch sets.
    public func distance(_ a: PatchSet, _ b: PatchSet) -> Double {
        Self.distance(project(a), project(b))
    }

    /// SWD of two patch sets projected with the same directions.
    public static func distance(_ a: SortedProjections, _ b: SortedProjections) -> Double {
        precondition(a.directionCount == b.directionCount, "\(a.directionCount) and \(b.directionCount) directions")
        let total = (0..<a.directionCount).reduce(0.0) { $0 + wasserstein1(sorted: a.row($1), sorted: b.row($1)) }
        return total / Double(a.directionCount)
    }

    /// W₁ of two ascending, non-empty sets of numbers: the mean of |aᵢ − bᵢ| over max(n, m) matched
    /// quantiles (every element of the larger set once).
    public static func wasserstein1(sorted a: ArraySlice<Float>, sorted b: ArraySlice<Float>) -> Double {
        precondition(!a.isEmpty && !b.isEmpty, "W1 of an empty set")
        let (n, m) = (a.count, b.count), q = Swift.max(n, m)
        var sum = 0.0
        for i in 0..<q {
            // The empirical quantile at (i + ½)/q: element ⌊(2i + 1)·n / 2q⌋.
            let x = a[a.startIndex + (2 * i + 1) * n / (2 * q)], y = b[b.startIndex + (2 * i + 1) * m / (2 * q)]
            sum += Double(abs(x - y))
        }
        return sum / Double(q)
    }
}
