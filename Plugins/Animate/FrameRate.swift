import ArgumentParser
import Foundation

/// Which frame rates an animation format stores exactly: GIF stores each frame's delay in whole
/// hundredths of a second, WebP in whole milliseconds, so `--fps` must divide 100 (GIF) or
/// 1000 (WebP) into a whole number. GIF delays below 2/100 s are refused too, since most viewers
/// play them at 10 fps. A rate that cannot be stored exactly is refused rather than rounded.
enum FrameRate {
    /// The delay unit of the format at `path`, in seconds, and its name.
    static func unit(forPath path: String) -> (seconds: Double, name: String, minimumUnits: Int) {
        path.lowercased().hasSuffix(".gif") ? (0.01, "hundredths of a second", 2) : (0.001, "milliseconds", 1)
    }

    /// The delay of one frame at `fps` in the format's units, when it is a whole number the
    /// format plays as stored.
    static func exactDelay(fps: Double, forPath path: String) -> Int? {
        let unit = unit(forPath: path)
        let units = 1 / (fps * unit.seconds)
        let whole = units.rounded()
        guard abs(units - whole) <= 1e-6 * whole, whole >= Double(unit.minimumUnits), whole < 1e9 else { return nil }
        return Int(whole)
    }

    /// Throws a one-line error unless `fps` is stored exactly in the format at `path`.
    static func check(_ fps: Double, forPath path: String) throws {
        guard exactDelay(fps: fps, forPath: path) == nil else { return }
        let unit = unit(forPath: path)
        let isGIF = unit.minimumUnits == 2
        let perSecond = Int((1 / unit.seconds).rounded())
        let examples = isGIF ? "50, 25, 20, 12.5 or 10" : "50, 40, 25, 20 or 12.5"
        let format = isGIF ? "a GIF" : "a WebP"
        var message = "--fps \(String(format: "%g", fps)) cannot be stored exactly in \(format), whose frame delays are "
            + "whole \(unit.name)\(isGIF ? " (at least 2)" : ""): use \(perSecond) divided by a whole number, such as \(examples)"
        if isGIF { message += ", or write .webp" }
        throw ValidationError(message)
    }
}

