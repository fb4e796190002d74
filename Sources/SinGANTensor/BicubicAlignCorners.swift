/// PyTorch's `F.interpolate(x, size: (H, W), mode: "bicubic", align_corners: True)` on NCHW tensors,
/// and its transpose (the adjoint linear map, which is the resize's gradient).
///
/// The resize is separable: each plane is first resampled along its rows (h×w → h×W, into a
/// per-worker scratch plane), then along its columns (h×W → H×W, four whole rows combined per
/// output row). The transpose runs the same steps backwards as scatter-adds. Planes (n, c) are
/// split among the worker pool; tap tables come from a `BicubicAlignCornersPlan`. No antialiasing:
/// shrinking with it samples, as PyTorch does.
extension Tensor {
    /// This `[N, C, h, w]` tensor resized to `[N, C, height, width]` by bicubic interpolation with
    /// aligned corners (PyTorch's `F.interpolate(…, mode="bicubic", align_corners=True)`; A = −0.75,
    /// border samples replicated). Equal sizes return the tensor unchanged.
    public func upsampledBicubicAlignCorners(toHeight height: Int, width: Int) -> Tensor {
        precondition(rank == 4, "bicubic resize of \(shape): needs [N, C, H, W]")
        return upsampledBicubicAlignCorners(
            BicubicAlignCornersPlan(fromHeight: shape[2], width: shape[3], toHeight: height, width: width))
    }

    /// This `[N, C, h, w]` tensor resized with `plan`, whose input size must be h×w.
    public func upsampledBicubicAlignCorners(_ plan: BicubicAlignCornersPlan) -> Tensor {
        precondition(rank == 4 && shape[2] == plan.inputSize.height && shape[3] == plan.inputSize.width,
                     "bicubic resize of \(shape) with a plan for \(plan.inputSize) inputs")
        if plan.isIdentity { return self }
        let (height, width) = plan.outputSize
        return BicubicAlignCornersKernels.run(self, plan, outputShape: [shape[0], shape[1], height, width],
                                              scratchCount: plan.inputSize.height * width,
                                              BicubicAlignCornersKernels.resizePlane)
    }

    /// The transpose of `upsampledBicubicAlignCorners(toHeight:width:)` from `height`×`width` to this
    /// tensor's size: this `[N, C, H, W]` tensor (a gradient of the resized output) mapped to
    /// `[N, C, height, width]`, each value scatter-added into the input samples it was interpolated
    /// from, with the same weights. For any x and g, ⟨resize(x), g⟩ = ⟨x, transpose(g)⟩.
    public func upsampledBicubicAlignCornersTransposed(toHeight height: Int, width: Int) -> Tensor {
        precondition(rank == 4, "transposed bicubic resize of \(shape): needs [N, C, H, W]")
        return upsampledBicubicAlignCornersTransposed(
            BicubicAlignCornersPlan(fromHeight: height, width: width, toHeight: shape[2], width: shape[3]))
    }

    /// The transpose of `upsampledBicubicAlignCorners(plan)`: this tensor must have the plan's
    /// output size; the result has its input size.
    public func upsampledBicubicAlignCornersTransposed(_ plan: BicubicAlignCornersPlan) -> Tensor {
        precondition(rank == 4 && shape[2] == plan.outputSize.height && shape[3] == plan.outputSize.width,
                     "transposed bicubic resize of \(shape) with a plan for \(plan.outputSize) outputs")
        if plan.isIdentity { return self }
        let (height, width) = plan.inputSize
        return BicubicAlignCornersKernels.run(self, plan, outputShape: [shape[0], shape[1], height, width],
                                              scratchCount: height * plan.outputSize.width,
                                              BicubicAlignCornersKernels.transposePlane)
    }
}

/// The per-plane loops of the bicubic resize and its transpose, and how planes reach the workers.
enum BicubicAlignCornersKernels {
    /// The tap tables of a plan as raw pointers, valid while `BicubicAlignCornersKernels.run` runs.
    struct Taps {
        let rowIndices: UnsafePointer<Int>, rowWeights: UnsafePointer<Float>
        let columnIndices: UnsafePointer<Int>, columnWeights: UnsafePointer<Float>
        let columnTransposeOffsets: UnsafePointer<Int>, columnTransposeIndices: UnsafePointer<Int>
        let columnTransposeWeights: UnsafePointer<Float>
        let inputHeight: Int, inputWidth: Int, outputHeight: Int, outputWidth: Int
    }

    /// Output elements below which one thread does all planes (waking workers costs more).
    static let elementsPerWorker = 16_384

    /// Runs `plane(taps, source, destination, scratch)` for every (n, c) plane of `x`, planes split
    /// among workers, each worker with its own `scratchCount`-float scratch plane.
    static func run(_ x: Tensor, _ plan: BicubicAlignCornersPlan, outputShape: [Int], scratchCount: Int,
                    _ plane: @Sendable (Taps, UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void)
        -> Tensor {
        let planes = outputShape[0] * outputShape[1]
        let sourceCount = x.shape[2] * x.shape[3], destinationCount = outputShape[2] * outputShape[3]
        let workers = Swift.max(1, Swift.min(ParallelWorkers.count, planes, planes * destinationCount / elementsPerWorker))
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, workers * scratchCount))
        defer { scratch.deallocate() }
        let scratchBase = SendablePointer(scratch)
        return Tensor(shape: outputShape) { out in
            guard planes > 0, destinationCount > 0 else { return }
            let destination = SendablePointer(out.baseAddress!)
            x.withUnsafeBufferPointer { src in
                let source = SendableConstPointer(src.baseAddress!)
                withTaps(of: plan) { taps in
                    parallelShares(planes, workers: workers) { worker, share in
                        let ownScratch = scratchBase.base + worker * scratchCount
                        for p in share {
                            plane(taps.taps, source.base + p * sourceCount, destination.base + p * destinationCount, ownScratch)
                        }
                    }
                }
            }
        }
    }

    /// Calls `body` with pointers to `plan`'s tables.
    static func withTaps(of plan: BicubicAlignCornersPlan, _ body: (SendableTaps) -> Void) {
        let (rows, columns) = (plan.rows, plan.columns)
        rows.indices.withUnsafeBufferPointer { rowIndices in
        rows.weights.withUnsafeBufferPointer { rowWeights in
        columns.indices.withUnsafeBufferPointer { columnIndices in
        columns.weights.withUnsafeBufferPointer { columnWeights in
        columns.transposeOffsets.withUnsafeBufferPointer { transposeOffsets in
        columns.transposeIndices.withUnsafeBufferPointer { transposeIndices in
        columns.transposeWeights.withUnsafeBufferPointer { transposeWeights in
            body(SendableTaps(Taps(
                rowIndices: rowIndices.baseAddress!, rowWeights: rowWeights.baseAddress!,
                columnIndices: columnIndices.baseAddress!, columnWeights: columnWeights.baseAddress!,
                columnTransposeOffsets: transposeOffsets.baseAddress!, columnTransposeIndices: transposeIndices.baseAddress!,
                columnTransposeWeights: transposeWeights.baseAddress!,
                inputHeight: rows.inputCount, inputWidth: columns.inputCount,
                outputHeight: rows.outputCount, outputWidth: columns.outputCount)))
        } } } } } } }
    }

    /// `Taps` crossing into the workers, which only read the tables.
    struct SendableTaps: @unchecked Sendable {
        let taps: Taps
        init(_ taps: Taps) { self.taps = taps }
    }

    /// One plane forward: h×w `source` → h×W `scratch` (rows) → H×W `destination` (columns).
    @Sendable static func resizePlane(_ taps: Taps, _ source: UnsafePointer<Float>,
                                      _ destination: UnsafeMutablePointer<Float>, _ scratch: UnsafeMutablePointer<Float>) {
        let (inputWidth, width) = (taps.inputWidth, taps.outputWidth)
        let ci = taps.columnIndices, cw = taps.columnWeights
        for r in 0..<taps.inputHeight {
            let row = source + r * inputWidth, resampled = scratch + r * width
            for j in 0..<width {
                let t = 4 * j
                resampled[j] = row[ci[t]] * cw[t] + row[ci[t + 1]] * cw[t + 1]
                    + row[ci[t + 2]] * cw[t + 2] + row[ci[t + 3]] * cw[t + 3]
            }
        }
        for i in 0..<taps.outputHeight {
            let t = 4 * i
            let r0 = UnsafePointer(scratch + taps.rowIndices[t] * width), w0 = taps.rowWeights[t]
            let r1 = UnsafePointer(scratch + taps.rowIndices[t + 1] * width), w1 = taps.rowWeights[t + 1]
            let r2 = UnsafePointer(scratch + taps.rowIndices[t + 2] * width), w2 = taps.rowWeights[t + 2]
            let r3 = UnsafePointer(scratch + taps.rowIndices[t + 3] * width), w3 = taps.rowWeights[t + 3]
            let out = destination + i * width
            for j in 0..<width { out[j] = r0[j] * w0 + r1[j] * w1 + r2[j] * w2 + r3[j] * w3 }
        }
    }

    /// One plane transposed: H×W `source` → h×W `scratch` (whole gradient rows scatter-added into
    /// the rows they read) → h×w `destination` (each input sample gathers the samples that read it).
    @Sendable static func transposePlane(_ taps: Taps, _ source: UnsafePointer<Float>,
                                         _ destination: UnsafeMutablePointer<Float>, _ scratch: UnsafeMutablePointer<Float>) {
        let (inputWidth, width) = (taps.inputWidth, taps.outputWidth)
        scratch.initialize(repeating: 0, count: taps.inputHeight * width)
        for i in 0..<taps.outputHeight {
            let gradientRow = source + i * width, t = 4 * i
            let ri = taps.rowIndices, rw = taps.rowWeights
            if ri[t] < ri[t + 1] && ri[t + 1] < ri[t + 2] && ri[t + 2] < ri[t + 3] {
                // Four distinct rows (away from the borders): one pass over the gradient row.
                let s0 = scratch + ri[t] * width, s1 = scratch + ri[t + 1] * width
                let s2 = scratch + ri[t + 2] * width, s3 = scratch + ri[t + 3] * width
                let (w0, w1, w2, w3) = (rw[t], rw[t + 1], rw[t + 2], rw[t + 3])
                for j in 0..<width {
                    let value = gradientRow[j]
                    s0[j] += value * w0; s1[j] += value * w1; s2[j] += value * w2; s3[j] += value * w3
                }
            } else {
                for k in t..<t + 4 {
                    let target = scratch + ri[k] * width, weight = rw[k]
                    for j in 0..<width { target[j] += gradientRow[j] * weight }
                }
            }
        }
        let offsets = taps.columnTransposeOffsets, readers = taps.columnTransposeIndices
        let readerWeights = taps.columnTransposeWeights
        for r in 0..<taps.inputHeight {
            let resampled = scratch + r * width, row = destination + r * inputWidth
            for k in 0..<inputWidth {
                var sum: Float = 0
                for e in offsets[k]..<offsets[k + 1] { sum += resampled[readers[e]] * readerWeights[e] }
                row[k] = sum
            }
        }
    }
}
