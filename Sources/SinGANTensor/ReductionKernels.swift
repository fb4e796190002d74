import CTensorKernels

/// Fast sums for the axis patterns training uses: after merging neighbouring axes, the input is
/// viewed as alternating kept (K) and reduced (R) blocks, and the patterns R, K·R, R·K, R·K·R and
/// K·R·K run as vectorised loops. Anything else takes the general strided loop.
/// Reduced runs accumulate in Double lanes; row sums (R·K) add Float rows, used for short reductions
/// such as the gradient penalty's sum over channels.
enum ReductionKernels {
    /// Σ p[0..<n] in Double lanes (the sums feed batch statistics and second-order gradients,
    /// whose finite-difference checks need more than Float accumulation gives).
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Double {
        channel_sum(p, n)
    }

    /// One block of the merged view: its extent and whether it is summed away.
    struct Block: Equatable {
        var extent: Int
        var reduced: Bool
    }

    /// Merges neighbouring axes of equal kind and drops extent-1 axes.
    static func blocks(shape: [Int], reduced axes: Set<Int>) -> [Block] {
        var blocks: [Block] = []
        for (axis, extent) in shape.enumerated() where extent != 1 {
            let reduced = axes.contains(axis)
            if let last = blocks.last, last.reduced == reduced {
                blocks[blocks.count - 1].extent *= extent
            } else {
                blocks.append(Block(extent: extent, reduced: reduced))
            }
        }
        return blocks
    }

    /// The sums for `blocks` of `x` into `out` (row-major over the kept blocks), or false when the
    /// pattern is not one of the fast ones.
    static func sum(_ x: UnsafePointer<Float>, blocks: [Block], into out: UnsafeMutablePointer<Float>) -> Bool {
        guard blocks.allSatisfy({ $0.extent > 0 }) else { return false }
        let kinds = blocks.map(\.reduced), extents = blocks.map(\.extent)
        switch kinds {
        case []:
            out[0] = x[0]
        case [false]:
            out.update(from: x, count: extents[0])
        case [true]:
            out[0] = Float(sum(x, extents[0]))
        case [false, true]:
            sumOuterInner(x, outer: 1, kept: extents[0], inner: extents[1], into: out)
        case [true, false, true]:
            sumOuterInner(x, outer: extents[0], kept: extents[1], inner: extents[2], into: out)
        case [true, false]:
            sumRows(x, outer: 1, rows: extents[0], length: extents[1], into: out)
        case [false, true, false]:
            sumRows(x, outer: extents[0], rows: extents[1], length: extents[2], into: out)
        default:
            return false
        }
        return true
    }

    /// out[k] = Σ_o Σ_i x[o, k, i]: contiguous runs of `inner`, parallel over `kept` when large.
    static func sumOuterInner(_ x: UnsafePointer<Float>, outer: Int, kept: Int, inner: Int,
                              into out: UnsafeMutablePointer<Float>) {
        let xs = SendableConstPointer(x), os = SendablePointer(out)
        parallelRanges(kept, grain: Swift.max(1, 8192 / Swift.max(1, outer * inner))) { range in
            for k in range {
                var total: Double = 0
                for o in 0..<outer { total += sum(xs.base + (o * kept + k) * inner, inner) }
                os.base[k] = Float(total)
            }
        }
    }

    /// out[o, j] = Σ_r x[o, r, j]: row vectors added together.
    static func sumRows(_ x: UnsafePointer<Float>, outer: Int, rows: Int, length: Int,
                        into out: UnsafeMutablePointer<Float>) {
        for o in 0..<outer {
            let destination = out + o * length
            let source = x + o * rows * length
            destination.update(from: source, count: length)
            for r in 1..<rows {
                let row = source + r * length
                for j in 0..<length { destination[j] += row[j] }
            }
        }
    }
}
