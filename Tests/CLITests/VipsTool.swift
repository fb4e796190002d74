import Foundation

/// Test pictures in formats the project never writes (16-bit, CMYK, alpha, huge), made at test time
/// with the `vips` command-line tool (package libvips-tools, installed by `make deps`), so no binary
/// fixtures are committed.
enum VipsTool {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `vips arguments…` in `directory`; throws with its stderr when it fails.
    static func run(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["vips"] + arguments
        process.currentDirectoryURL = directory
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "vips \(arguments.joined(separator: " ")) failed (is libvips-tools installed?): "
                         + String(decoding: message, as: UTF8.self))
        }
    }

    /// Writes, next to the 8-bit RGB picture `source` in `directory`: `grey.png` (one band),
    /// `rgba.png` (opaque alpha), `rgb16.png` (16 bits per sample, v = 257·level, so it decodes
    /// exactly like `source`), `cmyk.jpg` (converted with libvips's default CMYK profile) and
    /// `cmyk-as-srgb.png`, libvips's own sRGB conversion of `cmyk.jpg`.
    static func writeVariants(of source: String, in directory: URL) throws {
        try run(["colourspace", source, "grey.png", "b-w"], in: directory)
        try run(["bandjoin_const", source, "rgba.png", "255"], in: directory)
        try run(["linear", source, "times257.v", "257", "0"], in: directory)
        try run(["cast", "times257.v", "ushort.v", "ushort"], in: directory)
        try run(["copy", "ushort.v", "rgb16.png", "--interpretation", "rgb16"], in: directory)
        for scratch in ["times257.v", "ushort.v"] { try FileManager.default.removeItem(at: directory.appendingPathComponent(scratch)) }
        try run(["colourspace", source, "cmyk.jpg", "cmyk"], in: directory)
        try run(["colourspace", "cmyk.jpg", "cmyk-as-srgb.png", "srgb"], in: directory)
    }
}
