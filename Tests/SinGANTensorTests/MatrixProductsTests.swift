import Testing
@testable import SinGANTensor

/// The convolutions' product kernel (AVX-512 where the CPU has it, OpenBLAS otherwise)
/// against sums in Double, for every column remainder of its 16-lane vectors, row counts that
/// are not multiples of its 8-row blocks, and leading dimensions wider than the matrices.
@Suite struct MatrixProductsTests {
    /// Normal deviates for two operands and a result's starting values, of the given sizes.
    static func operands(seed: UInt64, _ a: Int, _ b: Int, _ c: Int) -> (a: [Float], b: [Float], start: [Float]) {
        var random = RandomSource(seed: seed)
        return (random.normal([a]).scalars, random.normal([b]).scalars, random.normal([c]).scalars)
    }

    /// Runs `product` on a result [m, ldc] that starts as `start` and returns the largest
    /// difference to `expected(i, j)`, relative to √k.
    static func worstError(m: Int, ldc: Int, k: Int, start: [Float], a: [Float], b: [Float],
                           _ product: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void,
                           expected: (Int, Int) -> Double) -> Double {
        var c = start
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in product(a.baseAddress!, b.baseAddress!, c.baseAddress!) }
            }
        }
        var worst = 0.0
        for i in 0..<m {
            for j in 0..<ldc { worst = max(worst, abs(Double(c[i * ldc + j]) - expected(i, j)) / Double(k).squareRoot()) }
        }
        return worst
    }

    static func check(m: Int, n: Int, k: Int, seed: UInt64) -> (product: Double, transposed: Double) {
        let (lda, ldb, ldc) = (k + 3, n + 5, n + 2)
        let (a, b, start) = Self.operands(seed: seed, m * lda, k * ldb, m * ldc)
        let worst = Self.worstError(m: m, ldc: ldc, k: k, start: start, a: a, b: b) { a, b, c in
            MatrixProducts.multiply(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, into: c, ldc: ldc)
        } expected: { i, j in
            j < n ? (0..<k).reduce(0.0) { $0 + Double(a[i * lda + $1]) * Double(b[$1 * ldb + j]) }
                  : Double(start[i * ldc + j])   // padding columns are left alone
        }

        // c [m, n] += a [m, k] · bᵀ with b [n, k], contiguous.
        var random = RandomSource(seed: seed &+ 1)
        let bt = random.normal([n * k]).scalars, a2 = random.normal([m * k]).scalars
        var c2 = random.normal([m * n]).scalars
        let before = c2
        var scratch = [Float](repeating: 0, count: n * k)
        a2.withUnsafeBufferPointer { a in
            bt.withUnsafeBufferPointer { b in
                c2.withUnsafeMutableBufferPointer { c in
                    scratch.withUnsafeMutableBufferPointer { s in
                        MatrixProducts.accumulateTransposed(m: m, n: n, k: k, a: a.baseAddress!, b: b.baseAddress!,
                                                              into: c.baseAddress!, transposeScratch: s.baseAddress!)
                    }
                }
            }
        }
        var worstTransposed = 0.0
        for i in 0..<m {
            for j in 0..<n {
                let expected = Double(before[i * n + j]) + (0..<k).reduce(0.0) { $0 + Double(a2[i * k + $1]) * Double(bt[j * k + $1]) }
                worstTransposed = max(worstTransposed, abs(Double(c2[i * n + j]) - expected) / Double(k).squareRoot())
            }
        }
        return (worst, worstTransposed)
    }

    @Test(arguments: Array(1...50))
    func everyColumnRemainder(columns: Int) {
        let (product, transposed) = Self.check(m: 16, n: columns, k: 19, seed: UInt64(columns))
        #expect(product < 1e-5)
        #expect(transposed < 1e-5)
    }

    @Test(arguments: [(1, 7, 1), (3, 40, 16), (9, 17, 33), (20, 97, 64), (64, 130, 64), (64, 64, 256), (128, 33, 128)])
    func rowCountsAndDepths(m: Int, n: Int, k: Int) {
        let (product, transposed) = Self.check(m: m, n: n, k: k, seed: UInt64(m * 1000 + n))
        #expect(product < 1e-5)
        #expect(transposed < 1e-5)
    }

    /// Rows times rows (the head's and tail's weight gradients): c += a·bᵀ with strided a and b,
    /// every row and column count around the 4 × 4 blocks and depths around the 16-lane steps.
    @Test(arguments: [(1, 1, 1), (3, 27, 15), (4, 4, 16), (5, 7, 17), (64, 27, 1000), (3, 64, 4093), (7, 13, 50)])
    func rowProducts(m: Int, n: Int, k: Int) {
        let (lda, ldb, ldc) = (k + 5, k + 11, n + 3)
        let (a, b, start) = Self.operands(seed: UInt64(m * 100 + n), m * lda, n * ldb, m * ldc)
        let worst = Self.worstError(m: m, ldc: ldc, k: k, start: start, a: a, b: b) { a, b, c in
            MatrixProducts.accumulateRowProducts(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, into: c, ldc: ldc)
        } expected: { i, j in
            Double(start[i * ldc + j]) + (j < n ? (0..<k).reduce(0.0) { $0 + Double(a[i * lda + $1]) * Double(b[j * ldb + $1]) } : 0)
        }
        #expect(worst < 1e-5)
    }
}
