import SinGANModel
import SinGANTensor
import Testing

/// `BilinearResize` follows PyTorch's align-corners bilinear upsampling.
@Suite struct BilinearResizeTests {
    @Test func cornersAreKeptAndMidpointsAveraged() {
        let x = Tensor(shape: [1, 1, 2, 2], scalars: [0, 1, 2, 3])
        let y = BilinearResize.resize(x, toHeight: 3, width: 3)
        #expect(y.scalars == [0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3])
    }

    @Test func sameSizeIsIdentityAndOneRowSamplesTheFirst() {
        let x = Tensor(shape: [1, 2, 2, 3], scalars: (0..<12).map(Float.init))
        #expect(BilinearResize.resize(x, toHeight: 2, width: 3) == x)
        let row = BilinearResize.resize(x, toHeight: 1, width: 3)
        #expect(row.scalars == [0, 1, 2, 6, 7, 8])
        // 3 → 5 samples at 0, 0.5, 1, 1.5, 2 (PyTorch: align_corners=True).
        let line = BilinearResize.resize(Tensor(shape: [1, 1, 1, 3], scalars: [0, 4, 2]), toHeight: 1, width: 5)
        #expect(line.scalars == [0, 2, 4, 3, 2])
    }
}
