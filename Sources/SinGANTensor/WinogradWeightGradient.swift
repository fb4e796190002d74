/// ∂L/∂w of a 3×3 convolution by Winograd's algorithm, the adjoint of the forward pass:
/// per tile the forward computes y = Aᵀ[(G w Gᵀ) ⊙ (Bᵀ x B)]A, so
///
///     ∂L/∂w = Gᵀ [ Σ_tiles (A dy Aᵀ) ⊙ (Bᵀ x B) ] G,
///
/// and the sum over tiles is, for each of the α² positions ξ, one GEMM [Co, tiles]·[tiles, Ci].
/// Output-gradient pixels past the edge of partial tiles are zeros, so they add nothing.
extension WinogradConvolution {
    /// Tiles per block for the weight gradient. Its GEMMs reduce over the tiles, but a block's
    /// transformed tiles and gradients (α²·(Ci + Co)·4 bytes per tile) must stay in the core's L2:
    /// 64 tiles (1.2 MB at 64 channels) trains the 64-channel scales about 8 % faster than 256
    /// (interleaved A/B runs).
    static let gradientBlockTiles = 64

    /// ∂L/∂w [Co, Ci, 3, 3] from `input` [1, Ci, H, W] and `gradOutput` [1, Co, H−2, W−2].
    static func weightGradient<T: WinogradTransform>(_ variant: T.Type, _ input: Tensor, _ gradOutput: Tensor) -> Tensor {
        let (ci, co) = (input.shape[1], gradOutput.shape[1])
        let g = ConvGeometry(input: input.shape, weight: [co, ci, 3, 3])
        precondition(gradOutput.shape == [1, co, g.outHeight, g.outWidth], "gradient \(gradOutput.shape) for \(input.shape)")
        precondition(handles(g), "Winograd convolution needs a 3×3 kernel and ≥ \(minimumChannels) channels")
        let plan = WinogradPlan(g, outputTile: T.outputTile, blockTiles: gradientBlockTiles)
        let workers = Swift.min(ParallelWorkers.count, plan.blocks)
        let xi = plan.inputTile * plan.inputTile
        let partials = PartialSums(workers: workers, size: xi * co * ci)
        input.withUnsafeBufferPointer { x in
            gradOutput.withUnsafeBufferPointer { dy in
                let (xs, dys) = (SendableConstPointer(x.baseAddress!), SendableConstPointer(dy.baseAddress!))
                plan.forEachBlock(workers: workers) { worker, tileRows, scratch in
                    plan.transformInput(T.self, xs.base, tileRows: tileRows, scratch)
                    transformGradient(T.self, plan, dys.base, tileRows: tileRows, scratch)
                    let n = tileRows.count * plan.tilesX
                    let (tileStride, productStride) = (WinogradPlan.planeStride(channels: ci, tiles: n),
                                                       WinogradPlan.planeStride(channels: co, tiles: n))
                    for position in 0..<xi {
                        MatrixProducts.accumulateTransposed(
                            m: co, n: ci, k: n, a: scratch.products + position * productStride,
                            b: scratch.tiles + position * tileStride, into: partials.buffer(worker) + position * co * ci,
                            transposeScratch: scratch.transposed)
                    }
                }
            }
        }
        let scalars = partials.total().withUnsafeBufferPointer { m in
            T.kernelGradient(m.baseAddress!, outChannels: co, inChannels: ci)
        }
        return Tensor(shape: [co, ci, 3, 3], scalars: scalars)
    }

    /// Fills `scratch.products` [α², Co, n] with A dy Aᵀ of every output-gradient tile in `tileRows`.
    private static func transformGradient<T: WinogradTransform>(_: T.Type, _ plan: WinogradPlan,
                                                                _ gradOutput: UnsafePointer<Float>,
                                                                tileRows: Range<Int>, _ scratch: WinogradScratch) {
        let g = plan.geometry, alpha = T.inputTile, m = T.outputTile, tilesX = plan.tilesX
        let n = tileRows.count * tilesX, planeStride = WinogradPlan.planeStride(channels: g.outChannels, tiles: n)
        let (height, width, rowLength) = (g.outHeight, g.outWidth, m * tilesX)
        let zero = UnsafePointer(scratch.zeroRow)
        for channel in 0..<g.outChannels {
            let plane = gradOutput + channel * g.outPixels
            for (r, tileRow) in tileRows.enumerated() {
                let first = tileRow * m
                T.gradientColumns({ j in first + j < height ? plane + (first + j) * width : zero }, count: width,
                                  into: scratch.columns, stride: rowLength)
                for k in 0..<alpha {
                    let row = scratch.columns + k * rowLength
                    (row + width).update(repeating: 0, count: rowLength - width)
                    T.gradientRow(row, tiles: tilesX, into: scratch.products + k * alpha * planeStride + channel * n + r * tilesX,
                                  planeStride: planeStride)
                }
            }
        }
    }
}
