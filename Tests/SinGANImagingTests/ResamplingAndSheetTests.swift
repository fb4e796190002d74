import SinGANTensor
import Testing
@testable import SinGANImaging

@Suite("Resizing and contact sheets")
struct ResamplingAndSheetTests {
    @Test(arguments: [(100, 61), (5, 3), (250, 167), (37, 23), (1, 1), (74, 12)])
    func resizeGivesExactSize(width: Int, height: Int) throws {
        let image = gradientImage(height: 23, width: 37)
        let resized = try ImageResampler.resize(image, width: width, height: height)
        #expect(resized.shape == [1, 3, height, width])
        #expect(resized.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func resizeKeepsAConstantImageConstant() throws {
        let flat = Tensor(repeating: 0.25, shape: [1, 1, 30, 40])
        let resized = try ImageResampler.resize(flat, width: 97, height: 13)
        #expect(resized.shape == [1, 1, 13, 97])
        #expect(resized.scalars.allSatisfy { abs($0 - 0.25) < 1e-5 })
    }

    @Test func resizeRejectsEmptySize() {
        #expect(throws: ImagingError.self) {
            try ImageResampler.resize(gradientImage(height: 4, width: 4), width: 0, height: 3)
        }
    }

    @Test func contactSheetLaysOutCells() throws {
        let (height, width) = (8, 10)
        let images = (0..<5).map { index in
            Tensor(repeating: Float(index) / 10, shape: [1, 3, height, width])
        }
        let sheet = try ContactSheet.make(images, columns: 3, spacing: 2, background: 1)
        #expect(sheet.shape == [1, 3, 2 * height + 2, 3 * width + 2 * 2])
        for (index, _) in images.enumerated() {
            let top = (index / 3) * (height + 2), left = (index % 3) * (width + 2)
            #expect(sheet[0, 1, top + 3, left + 4] == Float(index) / 10)
        }
        // The sixth cell is empty and the gaps are background.
        #expect(sheet[0, 0, height + 2 + 1, 2 * (width + 2) + 1] == 1)
        #expect(sheet[0, 2, 0, width] == 1)
    }

    @Test func contactSheetShowsGreyAsRgb() throws {
        let grey = Tensor(repeating: 0.5, shape: [1, 1, 4, 4])
        let sheet = try ContactSheet.make([grey, grey], columns: 4)
        #expect(sheet.shape == [1, 3, 4, 8])
        #expect(sheet.scalars.allSatisfy { $0 == 0.5 })
    }

    @Test func contactSheetSaves() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/sheet.png"
            try ContactSheet.save([gradientImage(height: 6, width: 9), gradientImage(height: 6, width: 9)],
                                  columns: 1, to: path, spacing: 1)
            #expect(try ImageFile.load(path).image.shape == [1, 3, 13, 9])
        }
    }
}
