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

    /// `"H×W"`, height first.
    public var description: String { "\(height)×\(width)" }
}
