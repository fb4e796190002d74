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

    /// Whether the Winograd path handles a convolution (3×3 kernel, Ci, Co ≥ `minimumChannels`).
    static func handles(kernel: Int, inChannels: Int, outChannels: Int) -> Bool {
        kernel == 3 && inChannels >= minimumChannels && outChannels >= minimumChannels
    }

    static func handles(_ g: ConvGeometry) -> Bool {
        handles(kernel: g.kernel, inChannels: g.inChannels, outChannels: g.outChannels)
    }

    /// `input` [1, Ci, H, W], zero-padded by `padding` on every side, ⋆ `weight` [Co, Ci, 3, 3]
    /// (+ `bias`) with the variant `T` → [1, Co, H + 2·padding − 2, W + 2·padding − 2].
    static func convolve<T: WinogradTransform>(_ variant: T.Type, _ input: Tensor, _ weight: Tensor,
                                               bias: [Float] = [], padding: Int = 0) -> Tensor {
        let (h, w) = (input.shape[2] + 2 * padding, input.shape[3] + 2 * padding)
        let g = ConvGeometry(input: [1, input.shape[1], h, w], weight: weight.shape)
        return Tensor(shape: [1, g.outChannels, g.outHeight, g.outWidth]) { out in
            input.withUnsafeBufferPointer { x in
                weight.withUnsafeBufferPointer { w in
                    forward(T.self, WinogradPlan(g, outputTile: T.outputTile, padding: padding, blockTiles: blockTiles),
                            input: x.baseAddress!, weight: w.baseAddress!, bias: bias, into: out.baseAddress!)
                }
            }
        }
    }

    /// y = conv(x, w) + bias for `plan` with the variant `T`, into `out` [Co, Ho, Wo].
    static func forward<T: WinogradTransform>(_ variant: T.Type, _ plan: WinogradPlan, input: UnsafePointer<Float>,
                                              weight: UnsafePointer<Float>, bias: [Float],
                                              into out: UnsafeMutablePointer<Float>) {
        let g = plan.geometry
        precondition(handles(g), "Winograd convolution needs a 3×3 kernel and ≥ \(minimumChannels) channels")
        let kernel = T.transformedKernel(weight, outChannels: g.outChannels, inChannels: g.inChannels)
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
        let rowLength = plan.rowLength, zero = UnsafePointer(scratch.zeroRow)
        let (height, width, pad) = (plan.sourceHeight, plan.sourceWidth, plan.padding)
        for channel in 0..<g.inChannels {
            let plane = input + channel * height * width
            for (r, tileRow) in tileRows.enumerated() {
                let first = tileRow * m - pad
                T.inputColumns({ j in (0..<height).contains(first + j) ? plane + (first + j) * width : zero },
                               count: width, into: scratch.columns + pad, stride: rowLength)
                for k in 0..<alpha {
                    let row = scratch.columns + k * rowLength
                    row.update(repeating: 0, count: pad)
                    (row + pad + width).update(repeating: 0, count: rowLength - pad - width)
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
    /// The convolution of the zero-padded input.
    let geometry: ConvGeometry
    /// Zeros around the stored input on every side (the transposed convolution's k − 1).
    let padding: Int
    let outputTile, inputTile, tilesX, tilesY, rowsPerBlock, blocks: Int
    /// Padded input row length rounded up to whole tiles: m·tilesX + 2.
    var rowLength: Int { outputTile * tilesX + 2 }
    /// Extent of the stored (unpadded) input.
    var sourceHeight: Int { geometry.height - 2 * padding }
    var sourceWidth: Int { geometry.width - 2 * padding }

    init(_ g: ConvGeometry, outputTile m: Int, padding: Int = 0, blockTiles: Int) {
        geometry = g
        self.padding = padding
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
        columns = .allocate(capacity: plan.inputTile * Swift.max(plan.rowLength, plan.outputTile * plan.tilesX))
        edgeTile = .allocate(capacity: plan.outputTile)
        zeroRow = .allocate(capacity: g.width)
        zeroRow.initialize(repeating: 0, count: g.width)
    }

    func deallocate() {
        for buffer in [tiles, products, columns, edgeTile, zeroRow] { buffer.deallocate() }
    }
}
