/// 3×3 convolution by Winograd's minimal filtering: per block of output tiles, the input tiles
/// are transformed (Bᵀ d B), multiplied channel-wise by the transformed kernel (G g Gᵀ) as α²
/// matrix products [Co, Ci]·[Ci, tiles] (`MatrixProducts`), and transformed back (Aᵀ m A) with the
/// bias added.
///
/// Output tiles that run past the image edge read zeros beyond the input and drop the pixels
/// beyond the output. Blocks of whole tile rows are spread over the cores, each worker with its
/// own scratch; the products run single-threaded inside each worker.
enum WinogradConvolution {
    /// Smallest channel counts for which the α² GEMMs stay efficient.
    static let minimumChannels = 16
    /// Tiles per block (whole tile rows are taken; at least one row).
    static let blockTiles = 128

    /// Whether the Winograd path handles a convolution (3×3 kernel, Ci, Co ≥ `minimumChannels`).
    static func handles(kernel: Int, inChannels: Int, outChannels: Int) -> Bool {
        kernel == 3 && inChannels >= minimumChannels && outChannels >= minimumChannels
    }

    /// Whether the Winograd path handles the convolution of geometry `g`.
    static func handles(_ g: ConvGeometry) -> Bool {
        handles(kernel: g.kernel, inChannels: g.inChannels, outChannels: g.outChannels)
    }

    /// `input` [1, Ci, H, W], zero-padded by `padding` on every side, ⋆ `weight` [Co, Ci, 3, 3]
    /// (+ `bias`, then leaky ReLU with `slope`; 1 keeps it linear) with the variant `T`
    /// → [1, Co, H + 2·padding − 2, W + 2·padding − 2].
    static func convolve<T: WinogradTransform>(_ variant: T.Type, _ input: Tensor, _ weight: Tensor,
                                               bias: [Float] = [], slope: Float = 1, padding: Int = 0) -> Tensor {
        let kernel = weight.withUnsafeBufferPointer { w in
            T.transformedKernel(w.baseAddress!, outChannels: weight.shape[0], inChannels: weight.shape[1])
        }
        return convolve(T.self, input, transformedKernel: kernel, weightShape: weight.shape, bias: bias, slope: slope,
                        padding: padding)
    }

    /// `convolve` with the kernel already transformed (`T.transformedKernel` of a weight of
    /// `weightShape`), for weights used many times.
    static func convolve<T: WinogradTransform>(_ variant: T.Type, _ input: Tensor, transformedKernel kernel: [Float],
                                               weightShape: [Int], bias: [Float] = [], slope: Float = 1,
                                               padding: Int = 0) -> Tensor {
        let (h, w) = (input.shape[2] + 2 * padding, input.shape[3] + 2 * padding)
        let g = ConvGeometry(input: [1, input.shape[1], h, w], weight: weightShape)
        precondition(kernel.count == T.inputTile * T.inputTile * g.outChannels * g.inChannels, "Winograd kernel size")
        return Tensor(shape: [1, g.outChannels, g.outHeight, g.outWidth]) { out in
            input.withUnsafeBufferPointer { x in
                kernel.withUnsafeBufferPointer { u in
                    forward(T.self, WinogradPlan(g, outputTile: T.outputTile, padding: padding, blockTiles: blockTiles),
                            input: x.baseAddress!, transformedKernel: u.baseAddress!, bias: bias, slope: slope,
                            into: out.baseAddress!)
                }
            }
        }
    }

    /// y = leakyReLU(conv(x, w) + bias, slope) for `plan` with the variant `T` and the transformed
    /// kernel U = G w Gᵀ, into `out` [Co, Ho, Wo].
    static func forward<T: WinogradTransform>(_ variant: T.Type, _ plan: WinogradPlan, input: UnsafePointer<Float>,
                                              transformedKernel kernel: UnsafePointer<Float>, bias: [Float], slope: Float,
                                              into out: UnsafeMutablePointer<Float>) {
        precondition(slope >= 0 && slope <= 1, "leaky ReLU slope \(slope) outside 0…1")
        let g = plan.geometry
        precondition(handles(g), "Winograd convolution needs a 3×3 kernel and ≥ \(minimumChannels) channels")
        let workers = Swift.min(ParallelWorkers.count, plan.blocks)
        let (xs, us, os) = (SendableConstPointer(input), SendableConstPointer(kernel), SendablePointer(out))
        plan.forEachBlock(workers: workers) { _, tileRows, scratch in
            plan.transformInput(T.self, xs.base, tileRows: tileRows, scratch)
            multiply(plan, us.base, tiles: tileRows.count * plan.tilesX, scratch)
            transformOutput(T.self, plan, bias, slope: slope, tileRows: tileRows, scratch, into: os.base)
        }
    }

    /// `scratch.products` [α², Co, n] = U[ξ] · V[ξ] for every ξ.
    private static func multiply(_ plan: WinogradPlan, _ kernel: UnsafePointer<Float>, tiles n: Int,
                                 _ scratch: WinogradScratch) {
        let (co, ci) = (plan.geometry.outChannels, plan.geometry.inChannels)
        let (tileStride, productStride) = (WinogradPlan.planeStride(channels: ci, tiles: n),
                                           WinogradPlan.planeStride(channels: co, tiles: n))
        for xi in 0..<plan.inputTile * plan.inputTile {
            MatrixProducts.multiply(m: co, n: n, k: ci, a: kernel + xi * co * ci, lda: ci, b: scratch.tiles + xi * tileStride,
                                    ldb: n, into: scratch.products + xi * productStride, ldc: n)
        }
    }

    /// Writes leakyReLU(Aᵀ m A + bias, slope) of every tile in `tileRows` into `out`, dropping
    /// pixels past the edge.
    private static func transformOutput<T: WinogradTransform>(_: T.Type, _ plan: WinogradPlan, _ bias: [Float], slope: Float,
                                                              tileRows: Range<Int>, _ scratch: WinogradScratch,
                                                              into out: UnsafeMutablePointer<Float>) {
        let g = plan.geometry, alpha = T.inputTile, m = T.outputTile, tilesX = plan.tilesX
        let n = tileRows.count * tilesX
        for channel in 0..<g.outChannels {
            let b = bias.isEmpty ? 0 : bias[channel]
            // The column pass over the whole block at once (long loops), then each pixel row.
            T.outputColumns(scratch.products + channel * n, planeStride: WinogradPlan.planeStride(channels: g.outChannels, tiles: n),
                            tiles: n, into: scratch.columns)
            for (r, tileRow) in tileRows.enumerated() {
                for j in 0..<Swift.min(m, g.outHeight - tileRow * m) {
                    let columns = scratch.columns + j * alpha * n + r * tilesX
                    let row = out + channel * g.outPixels + (tileRow * m + j) * g.outWidth
                    // The last tile may run past the edge: only the row's pixels are written.
                    T.outputRow(columns, stride: n, pixels: g.outWidth, bias: b, slope: slope, into: row)
                }
            }
        }
    }
}
