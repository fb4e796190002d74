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

extension ContactSheet {
    /// `image` ([1, 3, H, W] in [0, 1]) with `label` written in black above it on a white strip
    /// (`PixelFont`, zoomed 1× per 100 pixels of width; the label is shortened to its last word
    /// when it does not fit, e.g. "start scale 2" to "2").
    public static func labelled(_ image: Tensor, _ label: String) throws(ImagingError) -> Tensor {
        let geometry = try ImageTensorLayout.geometry(of: image, channelCounts: [3])
        let (height, width) = (geometry.height, geometry.width)
        let (text, zoom, strip) = labelLayout(width: width, label: label)
        let ink = PixelFont.bitmap(text, zoom: zoom)
        let newHeight = height + strip
        var pixels = [Float](repeating: 1, count: 3 * newHeight * width)
        let left = max(0, (width - (ink.first?.count ?? 0)) / 2), top = 2 * zoom
        for (y, row) in ink.enumerated() { for (x, on) in row.enumerated() where on && left + x < width {
            for c in 0..<3 { pixels[(c * newHeight + top + y) * width + left + x] = 0 }
        } }
        let source = image.scalars
        for c in 0..<3 { for y in 0..<height {
            let from = (c * height + y) * width, to = (c * newHeight + strip + y) * width
            pixels.replaceSubrange(to..<to + width, with: source[from..<from + width])
        } }
        return Tensor(shape: [1, 3, newHeight, width], scalars: pixels)
    }

    /// The height of the strip `labelled(_:_:)` adds above an image `width` pixels wide.
    public static func labelHeight(forWidth width: Int) -> Int {
        labelLayout(width: width, label: "").strip
    }

    /// The text that fits, its zoom (1 per 100 pixels of width) and the strip's height (which
    /// depends on the width only, so labels of any length give cells of one size).
    private static func labelLayout(width: Int, label: String) -> (text: String, zoom: Int, strip: Int) {
        let zoom = max(1, width / 100)
        let text = PixelFont.width(of: label) * zoom + 4 <= width ? label : String(label.split(separator: " ").last ?? "")
        return (text, zoom, (PixelFont.glyphHeight + 4) * zoom)
    }
}
