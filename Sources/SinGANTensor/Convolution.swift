/// 2-D convolution (cross-correlation, stride 1, no padding, batch 1) and its two adjoints.
///
/// 3×3 kernels with at least 16 input and output channels run as Winograd F(4×4, 3×3)
/// (`WinogradConvolution`), 4× fewer multiplications than the direct form. Other shapes run as
/// shifted GEMMs (Ci ≥ 16) or im2col + SGEMM over tiles of output rows, one tile per core at a
/// time, so the column buffer stays in cache instead of spanning hundreds of megabytes.
extension Tensor {
    /// `input` [1, Ci, H, W] ⋆ `weight` [Co, Ci, k, k] (+ `bias` [Co] per output channel)
    /// → [1, Co, H-k+1, W-k+1]. `transforms` (of this weight) keeps the kernel transform for
    /// later calls with the same weight.
    public static func conv2d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil,
                              transforms: KernelTransforms? = nil) -> Tensor {
        let g = ConvGeometry(input: input.shape, weight: weight.shape)
        precondition(bias == nil || bias!.count == g.outChannels, "conv bias \(bias!.shape) for \(weight.shape)")
        if WinogradConvolution.handles(g) {
            let kernel = transforms?.forward(weight) ?? KernelTransforms.transform(weight)
            return WinogradConvolution.convolve(WinogradF4.self, input, transformedKernel: kernel, weightShape: weight.shape,
                                                bias: bias?.scalars ?? [])
        }
        return directConv2d(input, weight, bias: bias)
    }

    /// `conv2d` by shifted GEMMs or im2col (not Winograd), then leaky ReLU with `slope` unless it
    /// is 1: on the im2col path (the first layer's) to each row tile while it is in cache, on the
    /// shifted path (only ever linear in the networks here) as a pass over the result.
    static func directConv2d(_ input: Tensor, _ weight: Tensor, bias: Tensor?, slope: Float = 1) -> Tensor {
        let g = ConvGeometry(input: input.shape, weight: weight.shape)
        var out = Tensor(shape: [1, g.outChannels, g.outHeight, g.outWidth], unsafeUninitialized: { _ in })
        let outPointer = out.withUnsafeMutableBufferPointer { SendablePointer($0.baseAddress!) }
        let biasScalars = bias?.scalars ?? []
        if g.inChannels >= ShiftedConvolution.minimumChannels {
            let taps = ShiftedConvolution.tapMatrices(weight)
            input.withUnsafeBufferPointer { x in
                taps.withUnsafeBufferPointer { t in
                    ShiftedConvolution.forward(g, input: x.baseAddress!, taps: t.baseAddress!, bias: biasScalars,
                                               into: outPointer.base)
                }
            }
            return slope == 1 ? out : out.leakyReLU(slope: slope)
        }
        input.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                let xs = SendableConstPointer(x.baseAddress!), ws = SendableConstPointer(w.baseAddress!)
                g.forEachRowTile { rows, column in
                    g.im2col(xs.base, rows: rows, into: column)
                    let c = outPointer.base + rows.lowerBound * g.outWidth, n = rows.count * g.outWidth
                    for (channel, value) in biasScalars.enumerated() {
                        (c + channel * g.outPixels).initialize(repeating: value, count: n)
                    }
                    MatrixProducts.multiply(m: g.outChannels, n: n, k: g.patchSize, a: ws.base, lda: g.patchSize,
                                            b: column, ldb: n, into: c, ldc: g.outPixels, accumulate: !biasScalars.isEmpty)
                    if slope != 1 {
                        let activation = LeakyReLU(slope: slope)
                        for channel in 0..<g.outChannels {
                            let row = c + channel * g.outPixels
                            for i in 0..<n { row[i] = activation.apply(row[i]) }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The adjoint of `conv2d` in its input: spreads `gradOutput` [1, Co, Ho, Wo] back through
    /// `weight` [Co, Ci, k, k] to [1, Ci, Ho+k-1, Wo+k-1] (a "full" transposed convolution).
    /// `transforms` as for `conv2d`.
    public static func conv2dTransposed(_ gradOutput: Tensor, _ weight: Tensor, transforms: KernelTransforms? = nil) -> Tensor {
        let k = weight.shape[2]
        if WinogradConvolution.handles(kernel: k, inChannels: weight.shape[0], outChannels: weight.shape[1]) {
            let kernel = transforms?.transposed(weight) ?? KernelTransforms.transform(weight.flippedTransposedKernel())
            // The zero padding is read virtually by the input transform instead of being copied.
            return WinogradConvolution.convolve(WinogradF4.self, gradOutput, transformedKernel: kernel,
                                                weightShape: [weight.shape[1], weight.shape[0], k, k], padding: k - 1)
        }
        let padded = gradOutput.padded(before: [0, 0, k - 1, k - 1], after: [0, 0, k - 1, k - 1])
        return conv2d(padded, weight.flippedTransposedKernel())
    }

    /// The adjoint of `conv2d` in its weight: ∂L/∂W from `input` [1, Ci, H, W] and
    /// `gradOutput` [1, Co, Ho, Wo], giving [Co, Ci, H-Ho+1, W-Wo+1].
    public static func conv2dWeightGradient(_ input: Tensor, _ gradOutput: Tensor) -> Tensor {
        let kernel = input.shape[2] - gradOutput.shape[2] + 1
        let outChannels = gradOutput.shape[1]
        let g = ConvGeometry(input: input.shape, weight: [outChannels, input.shape[1], kernel, kernel])
        if WinogradConvolution.handles(g) {
            return WinogradConvolution.weightGradient(WinogradF4.self, input, gradOutput)
        }
        if g.inChannels >= ShiftedConvolution.minimumChannels {
            let scalars = input.withUnsafeBufferPointer { x in
                gradOutput.withUnsafeBufferPointer { dy in
                    ShiftedConvolution.weightGradient(g, input: x.baseAddress!, gradOutput: dy.baseAddress!)
                }
            }
            return Tensor(shape: [outChannels, input.shape[1], kernel, kernel], scalars: scalars)
        }
        let partials = PartialSums(workers: ParallelWorkers.count, size: outChannels * g.patchSize)
        input.withUnsafeBufferPointer { x in
            gradOutput.withUnsafeBufferPointer { dy in
                let xs = SendableConstPointer(x.baseAddress!), dys = SendableConstPointer(dy.baseAddress!)
                g.forEachRowTile { rows, column, worker in
                    g.im2col(xs.base, rows: rows, into: column)
                    MatrixProducts.accumulateRowProducts(
                        m: outChannels, n: g.patchSize, k: rows.count * g.outWidth,
                        a: dys.base + rows.lowerBound * g.outWidth, lda: g.outPixels, b: column,
                        ldb: rows.count * g.outWidth, into: partials.buffer(worker), ldc: g.patchSize)
                }
            }
        }
        return Tensor(shape: [outChannels, input.shape[1], kernel, kernel], scalars: partials.total())
    }

    /// [Co, Ci, kh, kw] → [Ci, Co, k-1-kh, k-1-kw]: the kernel of the transposed convolution.
    func flippedTransposedKernel() -> Tensor {
        let (co, ci, kh, kw) = (shape[0], shape[1], shape[2], shape[3])
        return Tensor(shape: [ci, co, kh, kw], unsafeUninitialized: { out in
            let o = SendablePointer(out.baseAddress!)
            withUnsafeBufferPointer { source in
                let w = SendableConstPointer(source.baseAddress!)
                parallelRanges(ci, grain: Swift.max(1, 4096 / Swift.max(1, co * kh * kw))) { range in
                    for b in range { for a in 0..<co { for y in 0..<kh { for x in 0..<kw {
                        o.base[((b * co + a) * kh + (kh - 1 - y)) * kw + (kw - 1 - x)] = w.base[((a * ci + b) * kh + y) * kw + x]
                    } } } }
                }
            }
        })
    }
}

/// Per-worker accumulation buffers for reductions over row tiles.
final class PartialSums: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Float>
    private let workers: Int
    private let size: Int

    init(workers: Int, size: Int) {
        self.workers = workers
        self.size = size
        storage = .allocate(capacity: workers * size)
        storage.initialize(repeating: 0, count: workers * size)
    }

    deinit { storage.deallocate() }

    func buffer(_ worker: Int) -> UnsafeMutablePointer<Float> { storage + worker * size }

    func total() -> [Float] {
        [Float](unsafeUninitializedCapacity: size) { result, initialized in
            let (out, parts) = (SendablePointer(result.baseAddress!), SendableConstPointer(UnsafePointer(storage)))
            let (size, workers) = (self.size, self.workers)
            parallelRanges(size) { range in
                for i in range { out.base[i] = parts.base[i] }
                for w in 1..<Swift.max(1, workers) {
                    let part = parts.base + w * size
                    for i in range { out.base[i] += part[i] }
                }
            }
            initialized = size
        }
    }
}
