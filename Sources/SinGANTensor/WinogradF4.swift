import CTensorKernels

/// Winograd F(4×4, 3×3) with interpolation points 0, ±1, ±2, ∞ (Lavin & Gray, 2016):
/// 36 products per 16 outputs instead of 144.
///
///     Bᵀ = [4  0 -5  0 1 0]     G = [ 1/4     0     0]     Aᵀ = [1 1  1 1  1 0]
///          [0 -4 -4  1 1 0]         [-1/6  -1/6  -1/6]          [0 1 -1 2 -2 0]
///          [0  4 -4 -1 1 0]         [-1/6   1/6  -1/6]          [0 1  1 4  4 0]
///          [0 -2 -1  2 1 0]         [1/24  1/12   1/6]          [0 1 -1 8 -8 1]
///          [0  2 -1 -2 1 0]         [1/24 -1/12   1/6]
///          [0  4  0 -5 0 1]         [   0     0     1]
enum WinogradF4: WinogradTransform {
    static let outputTile = 4
    static let kernelMatrix: [Double] = [
        1.0 / 4, 0, 0,
        -1.0 / 6, -1.0 / 6, -1.0 / 6,
        -1.0 / 6, 1.0 / 6, -1.0 / 6,
        1.0 / 24, 1.0 / 12, 1.0 / 6,
        1.0 / 24, -1.0 / 12, 1.0 / 6,
        0, 0, 1,
    ]

    // The passes run in CTensorKernels (vectorised C, same operations in the same order).

    static func inputColumns(_ row: (Int) -> UnsafePointer<Float>, count: Int,
                             into out: UnsafeMutablePointer<Float>, stride: Int) {
        withRowPointers(row, count: 6) { winograd_f4_input_columns($0, count, out, stride) }
    }

    static func inputRow(_ row: UnsafePointer<Float>, tiles: Int,
                         into out: UnsafeMutablePointer<Float>, planeStride: Int) {
        winograd_f4_input_row(row, tiles, out, planeStride)
    }

    static func outputColumns(_ products: UnsafePointer<Float>, planeStride: Int, tiles: Int,
                              into out: UnsafeMutablePointer<Float>) {
        winograd_f4_output_columns(products, planeStride, tiles, out)
    }

    static func outputRow(_ columns: UnsafePointer<Float>, stride: Int, pixels: Int, bias: Float, slope: Float,
                          into out: UnsafeMutablePointer<Float>) {
        winograd_f4_output_row(columns, stride, pixels, bias, slope, out)
    }

    static func gradientColumns(_ row: (Int) -> UnsafePointer<Float>, count: Int,
                                into out: UnsafeMutablePointer<Float>, stride: Int) {
        withRowPointers(row, count: 4) { winograd_f4_gradient_columns($0, count, out, stride) }
    }

    static func gradientRow(_ row: UnsafePointer<Float>, tiles: Int,
                            into out: UnsafeMutablePointer<Float>, planeStride: Int) {
        winograd_f4_gradient_row(row, tiles, out, planeStride)
    }

    /// Calls `body` with a C array (on the stack) of the pointers `row(0)…row(count − 1)`.
    private static func withRowPointers(_ row: (Int) -> UnsafePointer<Float>, count: Int,
                                        _ body: (UnsafePointer<UnsafePointer<Float>?>) -> Void) {
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>?.self, capacity: count) { rows in
            for j in 0..<count { (rows.baseAddress! + j).initialize(to: row(j)) }
            body(UnsafePointer(rows.baseAddress!))
        }
    }
}
