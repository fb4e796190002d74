/// The spatial size of an image or pyramid level: height and width in pixels.
public struct ImageSize: Hashable, Sendable, CustomStringConvertible {
    /// Number of rows.
    public var height: Int
    /// Number of columns.
    public var width: Int

    /// A size of `height` rows by `width` columns.
    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }

    /// The shorter side.
    public var shortSide: Int { Swift.min(height, width) }
    /// The longer side.
    public var longSide: Int { Swift.max(height, width) }

    /// `"W×H"`, width first, as every size the command line and the studio show (an error naming a
    /// 451×300 photo says 451×300, as `info` does).
    public var description: String { "\(width)×\(height)" }
}
