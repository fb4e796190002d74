import Testing
@testable import SinGANCheckpoint
import SinGANTensor

@Suite struct VersioningTests {
    /// The sample archive encoded as `version`, with `extra` chunks appended.
    private func encoded(version: CheckpointFormatVersion, extra: [EncodableChunk] = []) throws -> [UInt8] {
        let chunks = try ContainerEncoder.chunks(of: Fixtures.sampleArchive(), version: version)
        return try ContainerEncoder.encode(chunks + extra, version: version)
    }

    @Test func newerMajorVersionIsRefusedWithAClearMessage() throws {
        let bytes = try encoded(version: CheckpointFormatVersion(major: 3, minor: 0))
        let error = expectCheckpointError { _ = try CheckpointReader.read(bytes: bytes) }
        let expected = CheckpointError.newerMajorVersion(found: .init(major: 3, minor: 0), supportedMajor: 2)
        #expect(error == expected)
        #expect(expectCheckpointError { _ = try CheckpointReader.readHeader(bytes: bytes) } == expected)

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("m.sgn")
        try writeFile(bytes, to: path)
        let fromFile = expectCheckpointError { _ = try CheckpointReader.read(path: path) }
        #expect(fromFile == .inFile(path: path, expected))
        #expect(fromFile?.description == "\(path) was written by a newer singan-edit (format 3.0); "
            + "this version reads formats up to 2.x — upgrade singan-edit")
        #expect(expectCheckpointError { _ = try CheckpointReader.readHeader(path: path) }?.underlying == expected)
    }

    @Test func damagedVersionFieldReadsAsDamageNotAsNewer() {
        var bytes = Fixtures.sampleBytes()
        bytes[9] ^= 0x01  // major 1 → 257
        #expect(expectCheckpointError { _ = try CheckpointReader.read(bytes: bytes) }
            == .checksumMismatch(chunk: "preamble"))
    }

    @Test func newerMinorVersionSkipsUnknownOptionalChunks() throws {
        let future = EncodableChunk(name: "future/thumbnail", kind: CheckpointChunkKind(rawValue: 42),
                                    isRequired: false, content: .bytes([9, 9, 9]))
        let bytes = try encoded(version: CheckpointFormatVersion(major: 1, minor: 3), extra: [future])
        let archive = try CheckpointReader.read(bytes: bytes)
        var expected = Fixtures.sampleArchive()
        #expect(archive.chunks == expected.chunks)
        #expect(archive.header == expected.header)
        #expect(archive.skippedChunks == [CheckpointChunkInfo(name: "future/thumbnail",
            kind: CheckpointChunkKind(rawValue: 42), byteCount: 3, isRequired: false)])
        let summary = try CheckpointReader.readHeader(bytes: bytes)
        #expect(summary.version == CheckpointFormatVersion(major: 1, minor: 3))
        #expect(summary.chunks.last?.kind.isKnown == false)
        // Writing it back produces a current-version file without the unknown chunk.
        expected.skippedChunks = archive.skippedChunks
        let rewritten = try CheckpointReader.read(bytes: CheckpointWriter.encode(archive))
        #expect(rewritten.chunks == expected.chunks && rewritten.skippedChunks.isEmpty)
    }

    @Test func unknownRequiredChunkIsAnError() throws {
        let future = EncodableChunk(name: "future/new-layer", kind: CheckpointChunkKind(rawValue: 9),
                                    isRequired: true, content: .bytes([1]))
        let bytes = try encoded(version: CheckpointFormatVersion(major: 1, minor: 1), extra: [future])
        let error = expectCheckpointError { _ = try CheckpointReader.read(bytes: bytes) }
        #expect(error == .unsupportedRequiredChunk(name: "future/new-layer"))
        #expect(error?.description.hasSuffix("upgrade singan-edit") == true)
    }

    @Test func longerPreambleOfANewerMinorIsAccepted() throws {
        var raw = RawFile.withHeader([.init(name: Array("b".utf8), kind: 3, payload: [5])])
        raw.minor = 2
        raw.preambleLength = 64
        raw.entries[0].payload = Fixtures.headerJSON(format: "1.2")
        let archive = try CheckpointReader.read(bytes: raw.bytes())
        #expect(archive[bytes: "b"] == [5])
    }

    @Test func versionsOrderAndPrint() {
        #expect(CheckpointFormatVersion(major: 1, minor: 9) < CheckpointFormatVersion(major: 2, minor: 0))
        #expect(CheckpointFormatVersion.current.description == "1.0")
        #expect(CheckpointFormatVersion.newestReadable.description == "2.0")
        #expect(CheckpointReader.supportedMajorVersion == 2)
        #expect(CheckpointChunkKind(rawValue: 7).description == "unknown kind 7")
    }
}

func writeFile(_ bytes: [UInt8], to path: String) throws {
    try CheckpointWriter.replaceAtomically(path: path, with: bytes)
}
