/// 3×3 convolution by Winograd's minimal filtering: per block of output tiles, the input tiles
/// are transformed (Bᵀ d B), multiplied channel-wise by the transformed kernel (G g Gᵀ) as α²
/// GEMMs [Co, Ci]·[Ci, tiles], and transformed back (Aᵀ m A) with the bias added.
///
/// Output tiles that run past the image edge read zeros beyond the input and drop the pixels
/// beyond the output. Blocks of whole tile rows are spread over the cores, each worker with its
/// own scratch; OpenBLAS runs single-threaded inside each worker.
enum WinogradConvolution {
    /// Smallest channel counts for which the α² GEMMs stay efficient.
    static let minimumChannels = 16
    /// Tiles per block (whole tile rows are taken; at least one row).
    static let blockTiles = 128

    /// Whether the Winograd path handles this geometry (3×3 kernel, Ci, Co ≥ `minimumChannels`).
    static func handles(_ g: ConvGeometry) -> Bool {
        g.kernel == 3 && g.inChannels >= minimumChannels && g.outChannels >= minimumChannels
    }

    /// `input` [1, Ci, H, W] ⋆ `weight` [Co, Ci, 3, 3] (+ `bias`) with the variant `T`.
    static func convolve<T: WinogradTransform>(_ variant: T.Type, _ input: Tensor, _ weight: Tensor,
                                               bias: [Float] = []) -> Tensor {
        let g = ConvGeometry(input: input.shape, weight: weight.shape)
        return Tensor(shape: [1, g.outChannels, g.outHeight, g.outWidth]) { out in
            input.withUnsafeBufferPointer { x in
                weight.withUnsafeBufferPointer { w in
                    forward(T.self, g, input: x.baseAddress!, weight: w.baseAddress!, bias: bias,
                            into: out.baseAddress!)
                }
            }
        }
    }

    /// y = conv(x, w) + bias for the geometry `g` with the variant `T`, into `out` [Co, Ho, Wo].
    static func forward<T: WinogradTransform>(_ variant: T.Type, _ g: ConvGeometry, input: UnsafePointer<Float>,
                                              weight: UnsafePointer<Float>, bias: [Float],
                                              into out: UnsafeMutablePointer<Float>) {
        precondition(handles(g), "Winograd convolution needs a 3×3 kernel and ≥ \(minimumChannels) channels")
        let kernel = T.transformedKernel(weight, outChannels: g.outChannels, inChannels: g.inChannels)
        let plan = WinogradPlan(g, outputTile: T.outputTile, blockTiles: blockTiles)
        let workers = Swift.min(ParallelWorkers.count, plan.blocks)
        let (xs, os) = (SendableConstPointer(input), SendablePointer(out))
        kernel.withUnsafeBufferPointer { u in
            let us = SendableConstPointer(u.baseAddress!)
            DispatchQueueWorkers.run(workers) { worker in
                let scratch = WinogradScratch(plan)
                defer { scratch.deallocate() }
                var block = worker
                while block < plan.blocks {
                    let tileRows = plan.tileRows(block)
                    transformInput(T.self, plan, xs.base, tileRows: tileRows, scratch)
                    multiply(plan, us.base, tiles: tileRows.count * plan.tilesX, scratch)
                    transformOutput(T.self, plan, bias, tileRows: tileRows, scratch, into: os.base)
                    block += workers
                }
            }
        }
    }

    /// Fills `scratch.tiles` [α², Ci, n] with Bᵀ d B of every input tile in `tileRows`.
    private static func transformInput<T: WinogradTransform>(_: T.Type, _ plan: WinogradPlan,
                                                             _ input: UnsafePointer<Float>, tileRows: Range<Int>,
                                                             _ scratch: WinogradScratch) {
        let g = plan.geometry, alpha = T.inputTile, m = T.outputTile
        let n = tileRows.count * plan.tilesX, planeStride = g.inChannels * n
        let rowWidth = plan.paddedWidth, zero = UnsafePointer(scratch.zeroRow)
        for channel in 0..<g.inChannels {
            let plane = input + channel * g.height * g.width
            for (r, tileRow) in tileRows.enumerated() {
                let first = tileRow * m, valid = g.height - first
                T.inputColumns({ j in j < valid ? plane + (first + j) * g.width : zero }, count: g.width,
                               into: scratch.columns, stride: rowWidth)
                for k in 0..<alpha {
                    let row = scratch.columns + k * rowWidth
                    (row + g.width).update(repeating: 0, count: rowWidth - g.width)
                    T.inputRow(row, tiles: plan.tilesX,
                               into: scratch.tiles + k * alpha * planeStride + channel * n + r * plan.tilesX,
                               planeStride: planeStride)
                }
            }
        }
    }

    /// `scratch.products` [α², Co, n] = U[ξ] · V[ξ] for every ξ.
    private static func multiply(_ plan: WinogradPlan, _ kernel: UnsafePointer<Float>, tiles n: Int,
                                 _ scratch: WinogradScratch) {
        let (co, ci) = (plan.geometry.outChannels, plan.geometry.inChannels)
        for xi in 0..<plan.inputTile * plan.inputTile {
            BLAS.sgemm(transposeA: false, transposeB: false, m: co, n: n, k: ci,
                       a: kernel + xi * co * ci, lda: ci, b: scratch.tiles + xi * ci * n, ldb: n,
                       beta: 0, c: scratch.products + xi * co * n, ldc: n)
        }
    }

    /// Writes Aᵀ m A + bias of every tile in `tileRows` into `out`, dropping pixels past the edge.
    private static func transformOutput<T: WinogradTransform>(_: T.Type, _ plan: WinogradPlan, _ bias: [Float],
                                                              tileRows: Range<Int>, _ scratch: WinogradScratch,
                                                              into out: UnsafeMutablePointer<Float>) {
        let g = plan.geometry, alpha = T.inputTile, m = T.outputTile, tilesX = plan.tilesX
        let n = tileRows.count * tilesX, fullTiles = g.outWidth / m
        for channel in 0..<g.outChannels {
            let b = bias.isEmpty ? 0 : bias[channel]
            for (r, tileRow) in tileRows.enumerated() {
                T.outputColumns(scratch.products + channel * n + r * tilesX, planeStride: g.outChannels * n,
                                tiles: tilesX, into: scratch.columns)
                for j in 0..<Swift.min(m, g.outHeight - tileRow * m) {
                    let columns = scratch.columns + j * alpha * tilesX
                    let row = out + channel * g.outPixels + (tileRow * m + j) * g.outWidth
                    T.outputRow(columns, stride: tilesX, tiles: fullTiles, bias: b, into: row)
                    if fullTiles < tilesX {   // the last tile runs past the edge: keep its first pixels
                        T.outputRow(columns + fullTiles, stride: tilesX, tiles: 1, bias: b, into: scratch.edgeTile)
                        (row + fullTiles * m).update(from: scratch.edgeTile, count: g.outWidth - fullTiles * m)
                    }
                }
            }
        }
    }
}

/// How one convolution is cut into Winograd tiles and blocks of tile rows.
struct WinogradPlan: Sendable {
    let geometry: ConvGeometry
    let outputTile, inputTile, tilesX, tilesY, rowsPerBlock, blocks: Int
    /// Input row length rounded up to whole tiles: m·tilesX + 2.
    var paddedWidth: Int { outputTile * tilesX + 2 }

    init(_ g: ConvGeometry, outputTile m: Int, blockTiles: Int) {
        geometry = g
        outputTile = m
        inputTile = m + 2
        tilesX = (g.outWidth + m - 1) / m
        tilesY = (g.outHeight + m - 1) / m
        // Enough blocks to keep every core busy, each near `blockTiles` tiles.
        let perCore = (tilesY + ParallelWorkers.count - 1) / ParallelWorkers.count
        rowsPerBlock = Swift.max(1, Swift.min(perCore, blockTiles / tilesX))
        blocks = (tilesY + rowsPerBlock - 1) / rowsPerBlock
    }

    /// The tile rows of `block`.
    func tileRows(_ block: Int) -> Range<Int> {
        block * rowsPerBlock..<Swift.min(tilesY, (block + 1) * rowsPerBlock)
    }
}

/// One worker's buffers for a block: transformed tiles, products, row scratch, one edge tile, a zero row.
struct WinogradScratch {
    let tiles, products, columns, edgeTile, zeroRow: UnsafeMutablePointer<Float>

    init(_ plan: WinogradPlan) {
        let g = plan.geometry, xi = plan.inputTile * plan.inputTile
        let n = plan.rowsPerBlock * plan.tilesX
        tiles = .allocate(capacity: xi * g.inChannels * n)
        products = .allocate(capacity: xi * g.outChannels * n)
        // Input pass: α rows of the padded width; output pass: m·α rows of tilesX.
        columns = .allocate(capacity: plan.inputTile * Swift.max(plan.paddedWidth, plan.outputTile * plan.tilesX))
        edgeTile = .allocate(capacity: plan.outputTile)
        zeroRow = .allocate(capacity: g.width)
        zeroRow.initialize(repeating: 0, count: g.width)
    }

    func deallocate() {
        for buffer in [tiles, products, columns, edgeTile, zeroRow] { buffer.deallocate() }
    }
}
