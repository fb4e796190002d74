/// Convolution as k² shifted GEMMs, without an im2col buffer.
///
/// With the output computed in "wide" layout (row stride W of the input instead of Wo, the last
/// k−1 columns of each row being discarded), the contribution of kernel tap (ky, kx) to every
/// output pixel p is Wₖ·x[:, p + ky·W + kx]: a plain GEMM of the [Co, Ci] tap matrix with the input
/// planes read at an offset (leading dimension H·W). Measured on this project's machines, these
/// K = Ci products (Ci ≥ 32, N ≈ 4096) run as fast as the K = 9·Ci im2col product, so the im2col
/// copy (9× the input through memory) is saved. Used for Ci ≥ `minimumChannels`. The forward
/// products and the weight gradient's (rows times rows, K = pixels) go through `MatrixProducts`.
enum ShiftedConvolution {
    /// Below this many input channels the K = Ci products are too thin; im2col is used instead.
    static let minimumChannels = 16
    /// Wide output columns per GEMM tile (Co × this floats of scratch per worker).
    static let tileColumns = 4096

    /// `weight` [Co, Ci, k, k] → k² matrices [Co, Ci], tap-major.
    static func tapMatrices(_ weight: Tensor) -> [Float] {
        let (co, ci, k) = (weight.shape[0], weight.shape[1], weight.shape[2])
        var taps = [Float](repeating: 0, count: co * ci * k * k)
        weight.withUnsafeBufferPointer { w in
            for o in 0..<co { for i in 0..<ci { for t in 0..<(k * k) {
                taps[(t * co + o) * ci + i] = w[(o * ci + i) * k * k + t]
            } } }
        }
        return taps
    }

    /// y = conv(x, w) + bias for the geometry `g`, into `out` [Co, Ho, Wo].
    static func forward(_ g: ConvGeometry, input: UnsafePointer<Float>, taps: UnsafePointer<Float>, bias: [Float],
                        into out: UnsafeMutablePointer<Float>) {
        let (width, k) = (g.width, g.kernel)
        let rowsPerTile = Swift.max(1, tileColumns / width)
        let (xs, ts, os) = (SendableConstPointer(input), SendableConstPointer(taps), SendablePointer(out))
        let plane = g.height * width
        forEachRowTile(g, rowsPerTile: rowsPerTile) { _, tile, wide in
            let first = tile.lowerBound, rows = tile.count
            // The last row's discarded columns would read past the input; leave them out.
            let n = rows * width - (first + rows == g.outHeight ? k - 1 : 0)
            for t in 0..<(k * k) {
                MatrixProducts.multiply(m: g.outChannels, n: n, k: g.inChannels,
                                        a: ts.base + t * g.outChannels * g.inChannels, lda: g.inChannels,
                                        b: xs.base + first * width + (t / k) * width + t % k, ldb: plane,
                                        into: wide, ldc: rows * width, accumulate: t > 0)
            }
            for o in 0..<g.outChannels {
                let b = bias.isEmpty ? 0 : bias[o]
                for r in 0..<rows {
                    let source = wide + o * rows * width + r * width
                    let destination = os.base + o * g.outPixels + (first + r) * g.outWidth
                    for c in 0..<g.outWidth { destination[c] = source[c] + b }
                }
            }
        }
    }

    /// ∂L/∂w for the geometry `g` from `input` and `gradOutput` [Co, Ho, Wo], tap-major
    /// ([k², Co, Ci]): per row tile, the output gradient is laid out wide (zeros in the discarded
    /// columns) and each tap's [Co, Ci] block is dy_wide · x_shiftedᵀ.
    static func weightGradient(_ g: ConvGeometry, input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>)
        -> [Float] {
        let (width, k) = (g.width, g.kernel)
        let rowsPerTile = Swift.max(1, tileColumns / width)
        let size = k * k * g.outChannels * g.inChannels
        let partials = PartialSums(workers: ParallelWorkers.count, size: size)
        let (xs, dys) = (SendableConstPointer(input), SendableConstPointer(gradOutput))
        let plane = g.height * width
        forEachRowTile(g, rowsPerTile: rowsPerTile) { worker, tile, wide in
            let accumulator = partials.buffer(worker)
            let first = tile.lowerBound, rows = tile.count
            let n = rows * width - (first + rows == g.outHeight ? k - 1 : 0)
            for o in 0..<g.outChannels {
                for r in 0..<rows {
                    let destination = wide + o * rows * width + r * width
                    destination.update(from: dys.base + o * g.outPixels + (first + r) * g.outWidth, count: g.outWidth)
                    (destination + g.outWidth).update(repeating: 0, count: width - g.outWidth)
                }
            }
            for t in 0..<(k * k) {
                MatrixProducts.accumulateRowProducts(
                    m: g.outChannels, n: g.inChannels, k: n, a: wide, lda: rows * width,
                    b: xs.base + first * width + (t / k) * width + t % k, ldb: plane,
                    into: accumulator + t * g.outChannels * g.inChannels, ldc: g.inChannels)
            }
        }
        let taps = partials.total()
        var result = [Float](repeating: 0, count: size)
        for t in 0..<(k * k) { for o in 0..<g.outChannels { for i in 0..<g.inChannels {
            result[(o * g.inChannels + i) * k * k + t] = taps[(t * g.outChannels + o) * g.inChannels + i]
        } } }
        return result
    }

    /// Runs `body(worker, rows, wide)` on every tile of output rows: each core takes an even
    /// contiguous share of the rows (`EvenSplit`) in tiles of at most `rowsPerTile`, with its own
    /// wide-layout buffer of Co × `rowsPerTile` input rows.
    private static func forEachRowTile(_ g: ConvGeometry, rowsPerTile: Int,
                                       _ body: @Sendable (Int, Range<Int>, UnsafeMutablePointer<Float>) -> Void) {
        parallelShares(g.outHeight) { worker, share in
            let wide = UnsafeMutablePointer<Float>.allocate(capacity: g.outChannels * rowsPerTile * g.width)
            defer { wide.deallocate() }
            for rows in EvenSplit.blocks(of: share, maximum: rowsPerTile) { body(worker, rows, wide) }
        }
    }
}
