import Testing
@testable import SinGANTensor

@Suite struct TensorBasicsTests {
    @Test func broadcastingAddsChannelBias() {
        let x = Tensor(shape: [1, 2, 1, 2], scalars: [1, 2, 3, 4])
        let b = Tensor(shape: [1, 2, 1, 1], scalars: [10, 20])
        #expect((x + b).scalars == [11, 12, 23, 24])
    }
}
