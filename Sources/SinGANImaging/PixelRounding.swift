/// How [0, 1] values become 8-bit levels when an image is written.
///
/// Values are first clipped to [0, 1] (NaN becomes 0), then multiplied by 255 in Float32.
public enum PixelRounding: Sendable, Equatable {
    /// `round(255·v)`, halves away from zero. The default: loading then saving an 8-bit image
    /// gives back the same levels, and the error is at most half a level.
    case nearest
    /// `floor(255·v)`, what `matplotlib.pyplot.imsave` does (it computes `(x * 255).astype(uint8)`,
    /// checked with matplotlib 3.11) and therefore what the official SinGAN code writes. Only 1.0
    /// reaches level 255, and a level that went through Float32 division may come back one lower.
    case truncate

    /// The 8-bit level for `value`.
    @inlinable
    public func level(for value: Float) -> UInt8 {
        let clipped = value.isNaN ? 0 : min(max(value, 0), 1)
        let scaled = clipped * 255
        switch self {
        case .nearest: return UInt8(scaled.rounded(.toNearestOrAwayFromZero))
        case .truncate: return UInt8(scaled.rounded(.towardZero))
        }
    }
}
