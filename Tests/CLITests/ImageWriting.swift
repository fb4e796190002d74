import SinGANImaging
import SinGANTensor

/// Test images written through SinGANImaging.
enum ImageWriting {
    static func save(pixels: [Float], width: Int, height: Int, to path: String) throws {
        try ImageFile.save(Tensor(shape: [1, 3, height, width], scalars: pixels), to: path)
    }
}
