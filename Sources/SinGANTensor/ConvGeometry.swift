/// Sizes of one valid, stride-1 convolution and its im2col tiling.
struct ConvGeometry: Sendable {
    let inChannels, height, width, outChannels, kernel: Int
    var outHeight: Int { height - kernel + 1 }
    var outWidth: Int { width - kernel + 1 }
    var outPixels: Int { outHeight * outWidth }
    /// Rows of the column matrix: Ci·k·k.
    var patchSize: Int { inChannels * kernel * kernel }

    init(input: [Int], weight: [Int]) {
        precondition(input.count == 4 && input[0] == 1, "convolution input must be [1, C, H, W], got \(input)")
        precondition(weight.count == 4 && weight[1] == input[1] && weight[2] == weight[3],
                     "weight \(weight) does not fit input \(input)")
        precondition(input[2] >= weight[2] && input[3] >= weight[3], "input \(input) smaller than kernel \(weight)")
        inChannels = input[1]; height = input[2]; width = input[3]
        outChannels = weight[0]; kernel = weight[2]
    }

    /// Output rows per tile: keeps the column tile near 1 MB.
    var tileRows: Int { max(1, min(outHeight, (1 << 18) / max(1, patchSize * outWidth))) }

    /// Runs `body(rows, column, worker)` on every tile of output rows: each core takes an even
    /// contiguous share of the rows (`EvenSplit`) in tiles of at most `tileRows`, with its own
    /// column buffer.
    func forEachRowTile(_ body: @Sendable (Range<Int>, UnsafeMutablePointer<Float>, Int) -> Void) {
        let rowsPerTile = tileRows
        let columnSize = patchSize * rowsPerTile * outWidth
        parallelShares(outHeight) { worker, share in
            let column = UnsafeMutablePointer<Float>.allocate(capacity: columnSize)
            defer { column.deallocate() }
            for rows in EvenSplit.blocks(of: share, maximum: rowsPerTile) { body(rows, column, worker) }
        }
    }

    /// Same as above for bodies that do not need the worker index.
    func forEachRowTile(_ body: @Sendable (Range<Int>, UnsafeMutablePointer<Float>) -> Void) {
        forEachRowTile { rows, column, _ in body(rows, column) }
    }

    /// Writes the patches of output `rows` as columns: column[(c,ky,kx), p] = x[c, r+ky, col+kx].
    func im2col(_ x: UnsafePointer<Float>, rows: Range<Int>, into column: UnsafeMutablePointer<Float>) {
        let pixels = rows.count * outWidth
        var destination = column
        for c in 0..<inChannels {
            let plane = x + c * height * width
            for ky in 0..<kernel {
                for kx in 0..<kernel {
                    var d = destination
                    for r in rows {
                        d.update(from: plane + (r + ky) * width + kx, count: outWidth)
                        d += outWidth
                    }
                    destination += pixels
                }
            }
        }
    }
}
