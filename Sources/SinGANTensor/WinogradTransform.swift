/// One Winograd variant F(m×m, 3×3): an α×α input tile (α = m + 2) gives an m×m output tile.
///
/// Each 2-D transform is applied as two 1-D passes so that every loop runs along contiguous
/// memory (or a fixed-stride interleave the compiler vectorises):
/// - input:  `inputColumns` (Bᵀ down the α input rows, whole rows at once), then `inputRow`
///   (Bᵀ along each resulting row, one tile after another, writing tile-contiguous planes);
/// - output: `outputColumns` (Aᵀ over the ξy planes, tile-contiguous), then `outputRow`
///   (Aᵀ over ξx, writing m interleaved pixels per tile, plus the bias).
protocol WinogradTransform: Sendable {
    /// Output tile side m.
    static var outputTile: Int { get }
    /// Kernel transform matrix G (α × 3), row-major.
    static var kernelMatrix: [Double] { get }

    /// out[k·stride + x] = Σⱼ Bᵀ[k][j] · row(j)[x] for k < α, x < count.
    static func inputColumns(_ row: (Int) -> UnsafePointer<Float>, count: Int,
                             into out: UnsafeMutablePointer<Float>, stride: Int)
    /// out[i·planeStride + t] = Σⱼ Bᵀ[i][j] · row[m·t + j] for i < α, t < tiles.
    static func inputRow(_ row: UnsafePointer<Float>, tiles: Int,
                         into out: UnsafeMutablePointer<Float>, planeStride: Int)
    /// out[(j·α + ξx)·tiles + t] = Σ_ξy Aᵀ[j][ξy] · products[(ξy·α + ξx)·planeStride + t]
    /// for j < m, ξx < α, t < tiles.
    static func outputColumns(_ products: UnsafePointer<Float>, planeStride: Int, tiles: Int,
                              into out: UnsafeMutablePointer<Float>)
    /// y = bias + Σ_ξx Aᵀ[i][ξx] · columns[ξx·stride + t], out[m·t + i] = max(y, slope·y) for the
    /// first `pixels` outputs m·t + i: a fused leaky ReLU (0 ≤ slope ≤ 1; slope 1 leaves y unchanged).
    static func outputRow(_ columns: UnsafePointer<Float>, stride: Int, pixels: Int, bias: Float, slope: Float,
                          into out: UnsafeMutablePointer<Float>)

    /// The output transform's adjoint (A dy Aᵀ) down the m rows: out[k·stride + x] = Σⱼ A[k][j] · row(j)[x].
    static func gradientColumns(_ row: (Int) -> UnsafePointer<Float>, count: Int,
                                into out: UnsafeMutablePointer<Float>, stride: Int)
    /// …and along a row: out[k·planeStride + t] = Σᵢ A[k][i] · row[m·t + i] for k < α, t < tiles.
    static func gradientRow(_ row: UnsafePointer<Float>, tiles: Int,
                            into out: UnsafeMutablePointer<Float>, planeStride: Int)
}

extension WinogradTransform {
    /// Input tile side α = m + 2.
    static var inputTile: Int { outputTile + 2 }

    /// `weight` [Co, Ci, 3, 3] → α² matrices [Co, Ci] (G g Gᵀ per channel pair, ξ-major).
    ///
    /// Both 1-D passes run over many channel pairs at once (pair-contiguous loops, the pairs split
    /// across the cores), so the transform costs little next to the GEMMs even though the weights
    /// change every step.
    static func transformedKernel(_ weight: UnsafePointer<Float>, outChannels: Int, inChannels: Int) -> [Float] {
        let alpha = inputTile, gm = kernelMatrix.map(Float.init)
        let pairs = outChannels * inChannels
        return [Float](unsafeUninitializedCapacity: alpha * alpha * pairs) { buffer, initialized in
            let out = SendablePointer(buffer.baseAddress!), source = SendableConstPointer(weight)
            parallelRanges(pairs, grain: 1024) { range in
                // taps[t][pair] = g[pair][t], then half[a][q] = Σₚ G[a][p]·taps[3p + q],
                // then out[a][b] = Σ_q half[a][q]·G[b][q], over the pairs of `range`.
                let count = range.count
                let taps = UnsafeMutablePointer<Float>.allocate(capacity: 9 * count)
                let half = UnsafeMutablePointer<Float>.allocate(capacity: alpha * 3 * count)
                defer { taps.deallocate(); half.deallocate() }
                let weight = source.base + range.lowerBound * 9
                for pair in 0..<count { for t in 0..<9 { taps[t * count + pair] = weight[pair * 9 + t] } }
                for a in 0..<alpha { for q in 0..<3 {
                    let (c0, c1, c2) = (gm[a * 3], gm[a * 3 + 1], gm[a * 3 + 2])
                    let (t0, t1, t2, h) = (taps + q * count, taps + (3 + q) * count, taps + (6 + q) * count,
                                           half + (a * 3 + q) * count)
                    for pair in 0..<count { h[pair] = c0 * t0[pair] + c1 * t1[pair] + c2 * t2[pair] }
                } }
                for a in 0..<alpha { for b in 0..<alpha {
                    let (c0, c1, c2) = (gm[b * 3], gm[b * 3 + 1], gm[b * 3 + 2])
                    let (h0, h1, h2) = (half + a * 3 * count, half + (a * 3 + 1) * count, half + (a * 3 + 2) * count)
                    let o = out.base + (a * alpha + b) * pairs + range.lowerBound
                    for pair in 0..<count { o[pair] = c0 * h0[pair] + c1 * h1[pair] + c2 * h2[pair] }
                } }
            }
            initialized = alpha * alpha * pairs
        }
    }

    /// The adjoint of `transformedKernel`: α² matrices [Co, Ci] (ξ-major) → Gᵀ M G per channel
    /// pair, as [Co, Ci, 3, 3]; the pairs split across the cores.
    static func kernelGradient(_ products: UnsafePointer<Float>, outChannels: Int, inChannels: Int) -> [Float] {
        let alpha = inputTile, gm = kernelMatrix.map(Float.init)
        let pairs = outChannels * inChannels
        return [Float](unsafeUninitializedCapacity: 9 * pairs) { buffer, initialized in
            let out = SendablePointer(buffer.baseAddress!), source = SendableConstPointer(products)
            parallelRanges(pairs, grain: 1024) { range in
                // half[p][b] = Σₐ G[a][p]·M[a][b], then taps[p][q] = Σ_b half[p][b]·G[b][q], over the
                // pairs of `range`, pair-contiguous.
                let count = range.count
                let half = UnsafeMutablePointer<Float>.allocate(capacity: 3 * alpha * count)
                let taps = UnsafeMutablePointer<Float>.allocate(capacity: 9 * count)
                defer { half.deallocate(); taps.deallocate() }
                for p in 0..<3 { for b in 0..<alpha {
                    let h = half + (p * alpha + b) * count
                    h.initialize(repeating: 0, count: count)
                    for a in 0..<alpha where gm[a * 3 + p] != 0 {
                        let (c, m) = (gm[a * 3 + p], source.base + (a * alpha + b) * pairs + range.lowerBound)
                        for pair in 0..<count { h[pair] += c * m[pair] }
                    }
                } }
                for p in 0..<3 { for q in 0..<3 {
                    let t = taps + (p * 3 + q) * count
                    t.initialize(repeating: 0, count: count)
                    for b in 0..<alpha where gm[b * 3 + q] != 0 {
                        let (c, h) = (gm[b * 3 + q], half + (p * alpha + b) * count)
                        for pair in 0..<count { t[pair] += c * h[pair] }
                    }
                } }
                let o = out.base + range.lowerBound * 9
                for pair in 0..<count { for t in 0..<9 { o[pair * 9 + t] = taps[t * count + pair] } }
            }
            initialized = 9 * pairs
        }
    }
}
