import Foundation
import SinGANImaging
import SinGANModel
import SinGANTensor

/// The `--sheet` contact sheet: samples in a near-square grid, 4 px apart on white.
enum SampleSheet {
    static let spacing = 4

    /// Columns for `count` images: ⌈√count⌉.
    static func columns(for count: Int) -> Int { Int(Double(count).squareRoot().rounded(.up)) }

    /// The sheet's size for `count` cells of size `cell`.
    static func size(count: Int, cell: ImageSize) -> ImageSize {
        let columns = columns(for: count), rows = (count + columns - 1) / columns
        return ImageSize(height: rows * cell.height + (rows - 1) * spacing,
                         width: columns * cell.width + (columns - 1) * spacing)
    }

    /// The sheet of `images` (all the same size, [0, 1]).
    static func make(_ images: [Tensor]) throws -> Tensor {
        try ContactSheet.make(images, columns: columns(for: images.count), spacing: spacing, background: 1)
    }
}
