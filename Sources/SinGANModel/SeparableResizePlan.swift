import SinGANTensor

/// The per-call plan of a `BicubicResize`: both axis tables, the sizes and the axis order,
/// shared read-only by every plane (and every worker thread).
///
/// Each plane is quantised to 8-bit levels in Double, resized along the first axis into a
/// scratch buffer, then along the second, and written back as normalised Float32.
struct SeparableResizePlan: Sendable {
    let input: ImageSize
    let output: ImageSize
    let rows: ResizeContributions?
    let columns: ResizeContributions?
    let widthFirst: Bool

    /// Size after the first of the two axis passes.
    var intermediate: ImageSize {
        widthFirst ? ImageSize(height: input.height, width: output.width)
                   : ImageSize(height: output.height, width: input.width)
    }

    /// Rough multiply-add count per plane, used to decide on threading.
    var multiplyAdds: Int {
        let mid = intermediate
        let rowWork = (rows?.tapCount ?? 0) * output.height * (widthFirst ? output.width : input.width)
        let columnWork = (columns?.tapCount ?? 0) * output.width * (widthFirst ? input.height : mid.height)
        return rowWork + columnWork + input.height * input.width
    }

    /// Resizes `planes` of `source` into `destination` (both planar, plane after plane).
    func run(planes: Range<Int>, source: UnsafePointer<Float>, destination: UnsafeMutablePointer<Float>) {
        let inCount = input.height * input.width
        let midCount = intermediate.height * intermediate.width
        let outCount = output.height * output.width
        let levels = UnsafeMutablePointer<Double>.allocate(capacity: inCount)
        let middle = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(midCount, 1))
        let result = UnsafeMutablePointer<Double>.allocate(capacity: outCount)
        defer { levels.deallocate(); middle.deallocate(); result.deallocate() }

        for plane in planes {
            let src = source + plane * inCount
            for i in 0..<inCount { levels[i] = Double(BicubicResize.quantizedLevel(src[i])) }

            var current = UnsafePointer(levels)
            var currentSize = input
            let passes: [(ResizeContributions?, Bool)] = widthFirst
                ? [(columns, false), (rows, true)] : [(rows, true), (columns, false)]
            for (index, (table, alongHeight)) in passes.enumerated() {
                guard let table else { continue }
                let target = index == 0 ? middle : result
                if alongHeight {
                    resizeAlongHeight(current, into: target, width: currentSize.width, table: table)
                    currentSize.height = table.outputLength
                } else {
                    resizeAlongWidth(current, into: target, height: currentSize.height,
                                     inputWidth: currentSize.width, table: table)
                    currentSize.width = table.outputLength
                }
                current = UnsafePointer(target)
            }

            let dst = destination + plane * outCount
            for i in 0..<outCount { dst[i] = BicubicResize.normalizedValue(current[i]) }
        }
    }

    /// `dst[o, c] = Σ_k w[o,k] · src[idx[o,k], c]` for rows of `width` values.
    private func resizeAlongHeight(_ src: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>,
                                   width: Int, table: ResizeContributions) {
        let taps = table.tapCount
        table.indices.withUnsafeBufferPointer { indices in
            table.weights.withUnsafeBufferPointer { weights in
                for o in 0..<table.outputLength {
                    let out = dst + o * width
                    let first = src + indices[o * taps] * width
                    let w0 = weights[o * taps]
                    for c in 0..<width { out[c] = w0 * first[c] }
                    for k in 1..<Swift.max(taps, 1) {
                        let weight = weights[o * taps + k]
                        if weight == 0 { continue }
                        let row = src + indices[o * taps + k] * width
                        for c in 0..<width { out[c] += weight * row[c] }
                    }
                }
            }
        }
    }

    /// `dst[r, o] = Σ_k w[o,k] · src[r, idx[o,k]]` for `height` rows.
    private func resizeAlongWidth(_ src: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>,
                                  height: Int, inputWidth: Int, table: ResizeContributions) {
        let taps = table.tapCount
        let outWidth = table.outputLength
        table.indices.withUnsafeBufferPointer { indices in
            table.weights.withUnsafeBufferPointer { weights in
                for r in 0..<height {
                    let row = src + r * inputWidth
                    let out = dst + r * outWidth
                    for o in 0..<outWidth {
                        var sum = 0.0
                        let base = o * taps
                        for k in 0..<taps { sum += weights[base + k] * row[indices[base + k]] }
                        out[o] = sum
                    }
                }
            }
        }
    }
}
