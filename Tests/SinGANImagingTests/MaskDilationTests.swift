import Foundation
import SinGANTensor
import Testing
@testable import SinGANImaging

/// The official `dilate_mask` outputs stored in Fixtures/masks.json (see Fixtures/README.md).
struct MaskFixture: Decodable {
    struct Input: Decodable {
        let height: Int
        let width: Int
        let array_hw: [[Int]]
    }
    struct Case: Decodable {
        let disk_radius: Int
        let output_shape: [Int]
        let channel0_values: [Float]
        let intermediate_dilated_binary_runs: [[Int]]
    }
    let input: Input
    let harmonization: Case
    let editing: Case

    static func load() throws -> MaskFixture {
        let url = try #require(Bundle.module.url(forResource: "masks", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        return try JSONDecoder().decode(MaskFixture.self, from: Data(contentsOf: url))
    }

    /// The input as a [1, 3, H, W] mask in [0, 1].
    var maskTensor: Tensor {
        let plane = input.array_hw.flatMap { $0.map(Float.init) }
        return Tensor(shape: [1, 3, input.height, input.width], scalars: plane + plane + plane)
    }
}

@Suite("Mask dilation and blur (official dilate_mask)")
struct MaskDilationTests {
    @Test(arguments: [MaskDilation.Purpose.harmonization, .editing])
    func matchesOfficialOutput(purpose: MaskDilation.Purpose) throws {
        let fixture = try MaskFixture.load()
        let expected = purpose == .harmonization ? fixture.harmonization : fixture.editing
        #expect(expected.disk_radius == purpose.diskRadius)
        let result = try MaskDilation.dilateAndBlur(mask: fixture.maskTensor, for: purpose)
        #expect(result.shape == expected.output_shape)
        let plane = fixture.input.height * fixture.input.width
        let worst = (0..<3).flatMap { channel in
            (0..<plane).map { abs(result.scalars[channel * plane + $0] - expected.channel0_values[$0]) }
        }.max() ?? .infinity
        #expect(worst <= 1e-5, "max abs difference \(worst) for radius \(purpose.diskRadius)")
        #expect(result.scalars.min() == 0 && result.scalars.max() == 1)
    }

    @Test(arguments: [MaskDilation.Purpose.harmonization, .editing])
    func dilationMatchesOfficialRuns(purpose: MaskDilation.Purpose) throws {
        let fixture = try MaskFixture.load()
        let expected = purpose == .harmonization ? fixture.harmonization : fixture.editing
        let width = fixture.input.width
        let dilated = try MaskDilation.dilate(mask: fixture.maskTensor, radius: purpose.diskRadius)
        var runs: [[Int]] = []
        for row in 0..<fixture.input.height {
            let columns = (0..<width).filter { dilated[row * width + $0] == 1 }
            if let first = columns.first, let last = columns.last {
                #expect(columns.count == last - first + 1, "row \(row) is not one run")
                runs.append([row, first, last])
            }
        }
        #expect(runs == expected.intermediate_dilated_binary_runs)
    }

    @Test func acceptsEveryMaskShape() throws {
        let fixture = try MaskFixture.load()
        let (height, width) = (fixture.input.height, fixture.input.width)
        let reference = try MaskDilation.dilateAndBlur(mask: fixture.maskTensor, radius: 7)
        let plane = Array(fixture.maskTensor.scalars.prefix(height * width))
        let shapes: [[Int]] = [[height, width], [1, 1, height, width]]
        for shape in shapes {
            let result = try MaskDilation.dilateAndBlur(mask: Tensor(shape: shape, scalars: plane), radius: 7)
            #expect(result == reference)
        }
    }

    @Test func thresholdFollowsTorch2uint8() {
        #expect(!MaskDilation.isForeground(0))
        #expect(!MaskDilation.isForeground(0.5 / 255))
        #expect(MaskDilation.isForeground(1.5 / 255))
        #expect(MaskDilation.isForeground(1))
    }

    @Test func emptyAndFullMasks() throws {
        let empty = try MaskDilation.dilateAndBlur(mask: Tensor.zeros([6, 7]), radius: 2)
        #expect(empty.shape == [1, 3, 6, 7])
        #expect(empty.scalars.allSatisfy { $0 == 0 })
        let full = try MaskDilation.dilateAndBlur(mask: Tensor(repeating: 1, shape: [6, 7]), radius: 2)
        #expect(full.scalars.allSatisfy { $0 == 1 })
    }

    @Test func diskElementIsSkimageDisk() {
        // skimage.morphology.disk(1) is the 3×3 cross.
        #expect(MaskDilation.diskElement(radius: 1) == [128, 255, 128, 255, 255, 255, 128, 255, 128])
        #expect(MaskDilation.diskElement(radius: 0) == [255])
    }

    @Test func gaussianKernelFollowsScipy() {
        #expect(GaussianKernel.scipyRadius(sigma: 5) == 20)
        let weights = GaussianKernel.scipyWeights(sigma: 5, radius: 20)
        #expect(weights.count == 41)
        #expect(abs(weights.reduce(0, +) - 1) < 1e-12)
        #expect(weights[20] > weights[19] && weights[19] == weights[21])
    }

    @Test func rejectsBadArguments() {
        #expect(throws: ImagingError.self) { try MaskDilation.dilateAndBlur(mask: Tensor.zeros([4, 4]), radius: -1) }
        #expect(throws: ImagingError.self) { try MaskDilation.dilateAndBlur(mask: Tensor.zeros([4, 4]), radius: 1, sigma: 0) }
        #expect(throws: ImagingError.self) { try MaskDilation.dilateAndBlur(mask: Tensor.zeros([2, 4, 4]), radius: 1) }
    }
}
