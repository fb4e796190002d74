/// Winograd F(2×2, 3×3) with interpolation points 0, ±1, ∞: 16 products per 4 outputs instead of
/// 36, with transforms of additions only (nearly exact in Float).
///
///     Bᵀ = [1  0 -1  0]     G = [  1    0    0]     Aᵀ = [1 1  1  0]
///          [0  1  1  0]         [1/2  1/2  1/2]          [0 1 -1 -1]
///          [0 -1  1  0]         [1/2 -1/2  1/2]
///          [0  1  0 -1]         [  0    0    1]
enum WinogradF2: WinogradTransform {
    static let outputTile = 2
    static let kernelMatrix: [Double] = [1, 0, 0, 0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0, 0, 1]

    static func inputColumns(_ row: (Int) -> UnsafePointer<Float>, count: Int,
                             into out: UnsafeMutablePointer<Float>, stride: Int) {
        let (d0, d1, d2, d3) = (row(0), row(1), row(2), row(3))
        let (o0, o1, o2, o3) = (out, out + stride, out + 2 * stride, out + 3 * stride)
        for x in 0..<count {
            o0[x] = d0[x] - d2[x]
            o1[x] = d1[x] + d2[x]
            o2[x] = d2[x] - d1[x]
            o3[x] = d1[x] - d3[x]
        }
    }

    static func inputRow(_ row: UnsafePointer<Float>, tiles: Int,
                         into out: UnsafeMutablePointer<Float>, planeStride: Int) {
        let (o0, o1, o2, o3) = (out, out + planeStride, out + 2 * planeStride, out + 3 * planeStride)
        for t in 0..<tiles {
            let e = row + 2 * t
            let (e0, e1, e2, e3) = (e[0], e[1], e[2], e[3])
            o0[t] = e0 - e2
            o1[t] = e1 + e2
            o2[t] = e2 - e1
            o3[t] = e1 - e3
        }
    }

    static func outputColumns(_ products: UnsafePointer<Float>, planeStride: Int, tiles: Int,
                              into out: UnsafeMutablePointer<Float>) {
        for xi in 0..<4 {
            let m0 = products + xi * planeStride, m1 = m0 + 4 * planeStride
            let m2 = m1 + 4 * planeStride, m3 = m2 + 4 * planeStride
            let y0 = out + xi * tiles, y1 = y0 + 4 * tiles
            for t in 0..<tiles {
                y0[t] = m0[t] + m1[t] + m2[t]
                y1[t] = m1[t] - m2[t] - m3[t]
            }
        }
    }

    static func outputRow(_ columns: UnsafePointer<Float>, stride: Int, pixels: Int, bias: Float, slope: Float,
                          into out: UnsafeMutablePointer<Float>) {
        let m0 = columns, m1 = m0 + stride, m2 = m1 + stride, m3 = m2 + stride
        for t in 0..<(pixels + 1) / 2 {
            let y0 = bias + m0[t] + m1[t] + m2[t], y1 = bias + m1[t] - m2[t] - m3[t]
            out[2 * t] = Swift.max(y0, slope * y0)
            if 2 * t + 1 < pixels { out[2 * t + 1] = Swift.max(y1, slope * y1) }
        }
    }

    // A = Aᵀ transposed: rows [1 0], [1 1], [1 -1], [0 -1].

    static func gradientColumns(_ row: (Int) -> UnsafePointer<Float>, count: Int,
                                into out: UnsafeMutablePointer<Float>, stride: Int) {
        let (d0, d1) = (row(0), row(1))
        let (o0, o1, o2, o3) = (out, out + stride, out + 2 * stride, out + 3 * stride)
        for x in 0..<count {
            o0[x] = d0[x]
            o1[x] = d0[x] + d1[x]
            o2[x] = d0[x] - d1[x]
            o3[x] = -d1[x]
        }
    }

    static func gradientRow(_ row: UnsafePointer<Float>, tiles: Int,
                            into out: UnsafeMutablePointer<Float>, planeStride: Int) {
        let (o0, o1, o2, o3) = (out, out + planeStride, out + 2 * planeStride, out + 3 * planeStride)
        for t in 0..<tiles {
            let (e0, e1) = (row[2 * t], row[2 * t + 1])
            o0[t] = e0
            o1[t] = e0 + e1
            o2[t] = e0 - e1
            o3[t] = -e1
        }
    }
}
