import Foundation
import Testing
@testable import SinGANCheckpoint

/// Runs the Python reader from Docs/checkpoint-format.md (appendix A) on files written by Swift,
/// so the spec's reference reader and this implementation cannot drift apart. Skipped when
/// python3 with numpy is not installed.
@Suite struct SpecReaderTests {
    private static let specPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Docs/checkpoint-format.md").path

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func pythonReaderFromTheSpecReadsSwiftFiles() throws {
        guard (try? run(["python3", "-c", "import numpy"]))?.status == 0 else {
            print("skipping: python3 with numpy is not available")
            return
        }
        let spec = try String(contentsOfFile: Self.specPath, encoding: .utf8)
        let start = try #require(spec.range(of: "```python\n"))
        let end = try #require(spec.range(of: "```", range: start.upperBound..<spec.endIndex))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let script = directory.file("read_sgn.py")
        try String(spec[start.upperBound..<end.lowerBound]).write(toFile: script, atomically: false, encoding: .utf8)
        let model = directory.file("m.sgn")
        try CheckpointWriter.write(Fixtures.sampleArchive(), to: model)

        let good = try run(["python3", script, model])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.hasPrefix("singan-edit test "))
        #expect(good.output.contains("scale/00/generator/head.conv.weight (2, 1, 2, 2) float32"))
        #expect(good.output.contains("scale/00/empty_middle (3, 0, 5) float32"))
        #expect(good.output.contains("scale/00/noise_amplitude () float32"))

        var bytes = try CheckpointWriter.encode(Fixtures.sampleArchive())
        bytes[bytes.count - 1] ^= 1
        try writeFile(bytes, to: model)
        let bad = try run(["python3", script, model])
        #expect(bad.status != 0 && bad.output.contains("CRC mismatch"))
    }
}
