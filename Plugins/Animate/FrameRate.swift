import Foundation

/// The frame rate an animation format can store: GIF keeps each frame's delay in whole
/// hundredths of a second, WebP in whole milliseconds. A `--fps` whose delay is not a whole number
/// of those units is rounded to the nearest one, with a notice, as other tools do (`--fps 8` in a
/// GIF: 13/100 s per frame, 7.69 fps). GIF delays below 2/100 s become 2/100 s, since most viewers
/// play shorter ones at 10 fps.
enum FrameRate {
    /// The delay unit of the format at `path`, in seconds, its name and the shortest delay kept.
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

    /// The delay the file stores for `fps`, in the format's units: the exact one, else the nearest
    /// whole number of units, at least the format's shortest.
    static func storedDelay(fps: Double, forPath path: String) -> Int {
        if let exact = exactDelay(fps: fps, forPath: path) { return exact }
        let unit = unit(forPath: path)
        return max(unit.minimumUnits, Int((1 / (fps * unit.seconds)).rounded()))
    }

    /// The rate the file plays at for `--fps fps`, and a one-line notice when it differs from `fps`.
    static func stored(_ fps: Double, forPath path: String) -> (fps: Double, notice: String?) {
        if exactDelay(fps: fps, forPath: path) != nil { return (fps, nil) }
        let unit = unit(forPath: path)
        let delay = storedDelay(fps: fps, forPath: path)
        let played = 1 / (Double(delay) * unit.seconds)
        let format = unit.minimumUnits == 2 ? "GIF" : "WebP"
        let denominator = Int((1 / unit.seconds).rounded())
        return (played, "--fps \(String(format: "%g", fps)): \(format) stores frame delays in whole \(unit.name); "
                + "each frame shows for \(delay)/\(denominator) s (\(String(format: "%.4g", played)) fps)")
    }
}
