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

    static func inputColumns(_ row: (Int) -> UnsafePointer<Float>, count: Int,
                             into out: UnsafeMutablePointer<Float>, stride: Int) {
        let (d0, d1, d2, d3, d4, d5) = (row(0), row(1), row(2), row(3), row(4), row(5))
        let (o0, o1, o2) = (out, out + stride, out + 2 * stride)
        let (o3, o4, o5) = (out + 3 * stride, out + 4 * stride, out + 5 * stride)
        for x in 0..<count {
            let (e0, e1, e2, e3, e4, e5) = (d0[x], d1[x], d2[x], d3[x], d4[x], d5[x])
            o0[x] = 4 * e0 - 5 * e2 + e4
            o1[x] = (e3 + e4) - 4 * (e1 + e2)
            o2[x] = (e4 - e3) + 4 * (e1 - e2)
            o3[x] = (e4 - e2) + 2 * (e3 - e1)
            o4[x] = (e4 - e2) - 2 * (e3 - e1)
            o5[x] = 4 * e1 - 5 * e3 + e5
        }
    }

    static func inputRow(_ row: UnsafePointer<Float>, tiles: Int,
                         into out: UnsafeMutablePointer<Float>, planeStride: Int) {
        let (o0, o1, o2) = (out, out + planeStride, out + 2 * planeStride)
        let (o3, o4, o5) = (out + 3 * planeStride, out + 4 * planeStride, out + 5 * planeStride)
        for t in 0..<tiles {
            let e = row + 4 * t
            let (e0, e1, e2, e3, e4, e5) = (e[0], e[1], e[2], e[3], e[4], e[5])
            o0[t] = 4 * e0 - 5 * e2 + e4
            o1[t] = (e3 + e4) - 4 * (e1 + e2)
            o2[t] = (e4 - e3) + 4 * (e1 - e2)
            o3[t] = (e4 - e2) + 2 * (e3 - e1)
            o4[t] = (e4 - e2) - 2 * (e3 - e1)
            o5[t] = 4 * e1 - 5 * e3 + e5
        }
    }

    static func outputColumns(_ products: UnsafePointer<Float>, planeStride: Int, tiles: Int,
                              into out: UnsafeMutablePointer<Float>) {
        for xi in 0..<6 {
            let m0 = products + xi * planeStride, m1 = m0 + 6 * planeStride, m2 = m1 + 6 * planeStride
            let m3 = m2 + 6 * planeStride, m4 = m3 + 6 * planeStride, m5 = m4 + 6 * planeStride
            let y0 = out + xi * tiles, y1 = y0 + 6 * tiles, y2 = y1 + 6 * tiles, y3 = y2 + 6 * tiles
            for t in 0..<tiles {
                let (a, b) = (m1[t] + m2[t], m1[t] - m2[t])
                let (c, d) = (m3[t] + m4[t], m3[t] - m4[t])
                y0[t] = m0[t] + a + c
                y1[t] = b + 2 * d
                y2[t] = a + 4 * c
                y3[t] = b + 8 * d + m5[t]
            }
        }
    }

    static func outputRow(_ columns: UnsafePointer<Float>, stride: Int, tiles: Int, bias: Float,
                          into out: UnsafeMutablePointer<Float>) {
        let m0 = columns, m1 = m0 + stride, m2 = m1 + stride, m3 = m2 + stride, m4 = m3 + stride, m5 = m4 + stride
        for t in 0..<tiles {
            let (a, b) = (m1[t] + m2[t], m1[t] - m2[t])
            let (c, d) = (m3[t] + m4[t], m3[t] - m4[t])
            let y = out + 4 * t
            y[0] = bias + m0[t] + a + c
            y[1] = bias + b + 2 * d
            y[2] = bias + a + 4 * c
            y[3] = bias + b + 8 * d + m5[t]
        }
    }

    // A = Aᵀ transposed: rows [1 0 0 0], [1 1 1 1], [1 -1 1 -1], [1 2 4 8], [1 -2 4 -8], [0 0 0 1].

    static func gradientColumns(_ row: (Int) -> UnsafePointer<Float>, count: Int,
                                into out: UnsafeMutablePointer<Float>, stride: Int) {
        let (d0, d1, d2, d3) = (row(0), row(1), row(2), row(3))
        let (o0, o1, o2) = (out, out + stride, out + 2 * stride)
        let (o3, o4, o5) = (out + 3 * stride, out + 4 * stride, out + 5 * stride)
        for x in 0..<count {
            let (e0, e1, e2, e3) = (d0[x], d1[x], d2[x], d3[x])
            let (a, b, c, d) = (e0 + e2, e1 + e3, e0 + 4 * e2, 2 * e1 + 8 * e3)
            o0[x] = e0
            o1[x] = a + b
            o2[x] = a - b
            o3[x] = c + d
            o4[x] = c - d
            o5[x] = e3
        }
    }

    static func gradientRow(_ row: UnsafePointer<Float>, tiles: Int,
                            into out: UnsafeMutablePointer<Float>, planeStride: Int) {
        let (o0, o1, o2) = (out, out + planeStride, out + 2 * planeStride)
        let (o3, o4, o5) = (out + 3 * planeStride, out + 4 * planeStride, out + 5 * planeStride)
        for t in 0..<tiles {
            let e = row + 4 * t
            let (e0, e1, e2, e3) = (e[0], e[1], e[2], e[3])
            let (a, b, c, d) = (e0 + e2, e1 + e3, e0 + 4 * e2, 2 * e1 + 8 * e3)
            o0[t] = e0
            o1[t] = a + b
            o2[t] = a - b
            o3[t] = c + d
            o4[t] = c - d
            o5[t] = e3
        }
    }
}
