import Testing
@testable import SinGANTensor

/// Kept kernel transforms give exactly what transforming at every call gives.
@Suite struct KernelTransformsTests {
    @Test func keptTransformsGiveIdenticalConvolutions() {
        var random = RandomSource(seed: 31)
        let weight = random.normal([32, 16, 3, 3]), bias = random.normal([32])
        let transforms = KernelTransforms()
        for _ in 0..<2 {  // the first call fills the cache, the second reads it
            let x = random.normal([1, 16, 13, 17]), g = random.normal([1, 32, 11, 15])
            #expect(Tensor.conv2d(x, weight, bias: bias, transforms: transforms) == Tensor.conv2d(x, weight, bias: bias))
            #expect(Tensor.conv2dTransposed(g, weight, transforms: transforms) == Tensor.conv2dTransposed(g, weight))
        }
        #expect(transforms.forward(weight) == KernelTransforms.transform(weight))
        #expect(transforms.transposed(weight) == KernelTransforms.transform(weight.flippedTransposedKernel()))
    }
}
