import SinGANTensor

/// Grids of images, e.g. a page of random samples to compare at a glance.
public enum ContactSheet {
    /// Lays out [1, 3, H, W] or [1, 1, H, W] images (grey is shown as RGB) in rows of `columns`,
    /// left to right, top to bottom, with libvips `arrayjoin`.
    ///
    /// Every cell has the size of the largest image; smaller images are centred in their cell.
    /// Cells are `spacing` pixels apart and empty space is `background` (0 black, 1 white).
    /// Returns a [1, 3, H, W] tensor.
    public static func make(_ images: [Tensor], columns: Int, spacing: Int = 0,
                            background: Float = 1) throws(ImagingError) -> Tensor {
        guard !images.isEmpty else {
            throw .invalidArgument(name: "images", reason: "a contact sheet needs at least one image")
        }
        guard columns >= 1 else {
            throw .invalidArgument(name: "columns", reason: "\(columns) must be at least 1")
        }
        guard spacing >= 0 else {
            throw .invalidArgument(name: "spacing", reason: "\(spacing) must not be negative")
        }
        var cells: [VipsImage] = []
        cells.reserveCapacity(images.count)
        for image in images {
            cells.append(try ImageTensorLayout.vipsImage(of: asRGB(image), channelCounts: [3]))
        }
        let sheet = try VipsImage.grid(cells, columns: min(columns, images.count), spacing: spacing,
                                       background: Double(background))
        return try ImageTensorLayout.tensor(of: sheet)
    }

    /// Builds the sheet and saves it (see `ImageFile.save` for formats and atomicity).
    public static func save(_ images: [Tensor], columns: Int, to path: String, spacing: Int = 0,
                            background: Float = 1) throws(ImagingError) {
        try ImageFile.save(make(images, columns: columns, spacing: spacing, background: background),
                           to: path)
    }

    /// A grey [1, 1, H, W] image repeated into three channels; other shapes pass through.
    static func asRGB(_ image: Tensor) throws(ImagingError) -> Tensor {
        let geometry = try ImageTensorLayout.geometry(of: image, channelCounts: [1, 3])
        guard geometry.channels == 1 else { return image }
        return Tensor(shape: [1, 3, geometry.height, geometry.width],
                      scalars: image.scalars + image.scalars + image.scalars)
    }
}
