import CTensorKernels

/// How one convolution is cut into Winograd tiles and blocks of tile rows.
struct WinogradPlan: Sendable {
    /// The convolution of the zero-padded input.
    let geometry: ConvGeometry
    /// Zeros around the stored input on every side (the transposed convolution's k − 1).
    let padding: Int
    let outputTile, inputTile, tilesX, tilesY, rowsPerBlock, blocks: Int
    /// Padded input row length rounded up to whole tiles: m·tilesX + 2.
    var rowLength: Int { outputTile * tilesX + 2 }
    /// Floats between the α² planes of a block's transformed tiles or products, [channels, n] each:
    /// the vectorised row passes store whole groups of tiles, up to `WINOGRAD_ROW_OVERRUN` floats
    /// past a plane's last tile, into this gap or into tiles that are written later.
    static func planeStride(channels: Int, tiles n: Int) -> Int { channels * n + Int(WINOGRAD_ROW_OVERRUN) }
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

    /// Runs `body(worker, tileRows, scratch)` over all tile rows: each of `workers` threads takes an
    /// even contiguous share (`EvenSplit`), in blocks of at most `rowsPerBlock` rows, with its own
    /// scratch buffers.
    func forEachBlock(workers: Int, _ body: @Sendable (Int, Range<Int>, WinogradScratch) -> Void) {
        parallelShares(tilesY, workers: workers) { worker, share in
            let scratch = WinogradScratch(self)
            defer { scratch.deallocate() }
            for rows in EvenSplit.blocks(of: share, maximum: rowsPerBlock) { body(worker, rows, scratch) }
        }
    }

    /// Fills `scratch.tiles` [α², Ci, n] with Bᵀ d B of every input tile in `tileRows`.
    func transformInput<T: WinogradTransform>(_: T.Type, _ input: UnsafePointer<Float>, tileRows: Range<Int>,
                                              _ scratch: WinogradScratch) {
        let g = geometry, alpha = T.inputTile, m = T.outputTile
        let n = tileRows.count * tilesX, planeStride = Self.planeStride(channels: g.inChannels, tiles: n)
        let rowLength = self.rowLength, zero = UnsafePointer(scratch.zeroRow)
        let (height, width, pad) = (sourceHeight, sourceWidth, padding)
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
                    T.inputRow(row, tiles: tilesX,
                               into: scratch.tiles + k * alpha * planeStride + channel * n + r * tilesX,
                               planeStride: planeStride)
                }
            }
        }
    }
}

/// One worker's buffers for a block: transformed tiles [α², Ci, n] and products [α², Co, n] (planes
/// `WinogradPlan.planeStride` apart), row scratch, a zero row, and room for one transposed [Ci, n]
/// plane (the weight gradient's products).
struct WinogradScratch {
    let tiles, products, columns, zeroRow, transposed: UnsafeMutablePointer<Float>

    init(_ plan: WinogradPlan) {
        let g = plan.geometry, xi = plan.inputTile * plan.inputTile
        let n = plan.rowsPerBlock * plan.tilesX
        tiles = .allocate(capacity: xi * WinogradPlan.planeStride(channels: g.inChannels, tiles: n))
        products = .allocate(capacity: xi * WinogradPlan.planeStride(channels: g.outChannels, tiles: n))
        // Input pass: α rows of the padded width; output pass: m·α rows of a whole block's tiles;
        // plus the slack the vectorised row passes read past their last value (zeros, so no stray
        // NaN or denormal).
        let columnsCount = plan.inputTile * Swift.max(plan.rowLength, plan.outputTile * n) + Int(WINOGRAD_F4_ROW_SLACK)
        columns = .allocate(capacity: columnsCount)
        columns.initialize(repeating: 0, count: columnsCount)
        zeroRow = .allocate(capacity: g.width)
        zeroRow.initialize(repeating: 0, count: g.width)
        transposed = .allocate(capacity: g.inChannels * n)
    }

    func deallocate() {
        for buffer in [tiles, products, columns, zeroRow, transposed] { buffer.deallocate() }
    }
}
