import ArgumentParser
import SinGANModel

/// A `WIDTHxHEIGHT` command-line value such as `400x250` (`×` also accepted), width first as
/// image tools write it.
public struct PixelDimensions: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    /// The size, height first as everywhere inside the engine.
    public let size: ImageSize

    public init(width: Int, height: Int) { size = ImageSize(height: height, width: width) }

    public init?(argument: String) {
        let parts = argument.lowercased().replacingOccurrences(of: "×", with: "x").split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0 else { return nil }
        self.init(width: width, height: height)
    }

    public var description: String { "\(size.width)x\(size.height)" }
}
