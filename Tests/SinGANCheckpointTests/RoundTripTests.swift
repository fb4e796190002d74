import Testing
@testable import SinGANCheckpoint
import SinGANTensor

@Suite struct RoundTripTests {
    @Test func inMemoryRoundTripIsBitExact() throws {
        let archive = Fixtures.sampleArchive()
        let bytes = try CheckpointWriter.encode(archive)
        let decoded = try CheckpointReader.read(bytes: bytes)
        #expect(decoded == archive)
        #expect(decoded.chunkNames == archive.chunkNames)
        let weight = try #require(decoded[tensor: "scale/00/generator/head.conv.weight"])
        #expect(weight.shape == [2, 1, 2, 2])
        #expect(weight.scalars.map(\.bitPattern) == Fixtures.specialBits)
        #expect(decoded[tensor: "scale/00/noise_amplitude"]?.shape == [])
        #expect(decoded[tensor: "scale/00/noise_amplitude"]?.scalars == [0.1])
        #expect(decoded[tensor: "scale/00/empty_middle"]?.shape == [3, 0, 5])
        #expect(decoded[bytes: "train/empty"] == [])
        #expect(decoded.chunk(named: "scale/00/optimizer/generator/head.conv.weight/m")?.isRequired == false)
        #expect(decoded.chunk(named: "scale/00/real")?.isRequired == true)
        #expect(decoded.header["negative_zero"]?.doubleValue?.sign == .minus)
        #expect(decoded.header["tiny"] == .double(.leastNonzeroMagnitude))
        #expect(decoded.header["config"]?["seed"] == .int(18_446_744_073_709))
        #expect(decoded.skippedChunks.isEmpty)
        // Encoding is deterministic and stable through a round trip.
        #expect(try CheckpointWriter.encode(decoded) == bytes)
        #expect(try CheckpointWriter.encode(archive) == bytes)
    }

    @Test func fileRoundTripAndHeaderOnlyRead() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("m.sgn")
        let archive = Fixtures.sampleArchive()
        try CheckpointWriter.write(archive, to: path)
        #expect(try CheckpointReader.read(path: path) == archive)
        #expect(directory.contents == ["m.sgn"])

        let summary = try CheckpointReader.readHeader(path: path)
        #expect(summary.version == .current)
        #expect(summary.creator == "singan-edit test")
        #expect(summary.header == archive.header)
        #expect(summary.chunks.map(\.name) == ["header"] + archive.chunkNames)
        #expect(summary.chunks[1].kind == .float32Tensor)
        #expect(summary.chunks[1].byteCount == 8 + 8 * 4 + 4 * 8)
        #expect(summary.fileSize == UInt64(try CheckpointWriter.encode(archive).count))
        #expect(try CheckpointReader.readHeader(bytes: CheckpointWriter.encode(archive)) == summary)

        // Overwriting replaces the content and leaves no temporary file behind.
        var smaller = CheckpointArchive(creator: "second")
        smaller[tensor: "x"] = Tensor(scalar: -0.0)
        try CheckpointWriter.write(smaller, to: path)
        #expect(try CheckpointReader.read(path: path) == smaller)
        #expect(directory.contents == ["m.sgn"])
    }

    @Test func layoutFollowsTheSpec() throws {
        let bytes = try CheckpointWriter.encode(Fixtures.sampleArchive())
        #expect(Array(bytes[0..<8]) == [0x53, 0x47, 0x4E, 0x00, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(readLE(bytes, 8, as: UInt16.self) == 1)
        #expect(readLE(bytes, 10, as: UInt16.self) == 0)
        #expect(Array(bytes[12..<16]) == [0x04, 0x03, 0x02, 0x01])
        #expect(readLE(bytes, 16, as: UInt32.self) == 48)
        #expect(readLE(bytes, 24, as: UInt64.self) == UInt64(bytes.count))
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(try CheckpointReader.readHeader(bytes: bytes).chunks.count == 10)

        // The independent test-side writer (built from the spec's tables) gives identical bytes.
        var small = CheckpointArchive(creator: "t")
        small[tensor: "x"] = Tensor(scalar: 1.5)
        small.set(.bytes([1, 2, 3]), named: "y", required: false)
        let raw = RawFile.withHeader([
            .init(name: Array("x".utf8), kind: 2, payload: le(UInt64(0)) + le(Float(1.5).bitPattern)),
            .init(name: Array("y".utf8), kind: 3, flags: 0, payload: [1, 2, 3]),
        ])
        #expect(try CheckpointWriter.encode(small) == raw.bytes())
    }

    @Test func archiveEditingKeepsOrder() {
        var archive = CheckpointArchive()
        archive[tensor: "b"] = Tensor(scalar: 1)
        archive[bytes: "a"] = [1]
        archive[tensor: "c"] = Tensor(scalar: 2)
        archive[tensor: "b"] = Tensor(scalar: 3)  // replaced in place
        #expect(archive.chunkNames == ["b", "a", "c"])
        #expect(archive.tensors.map(\.name) == ["b", "c"])
        #expect(archive.blobs.map(\.name) == ["a"])
        archive[tensor: "b"] = nil
        #expect(archive.chunkNames == ["a", "c"])
        #expect(archive.chunk(named: "c")?.payload == .tensor(Tensor(scalar: 2)))
        #expect(archive.removeChunk(named: "missing") == nil)
        // Bitwise equality: NaN equals itself, +0 differs from -0.
        let nan = Float(bitPattern: 0x7FC0_0001)
        #expect(CheckpointArchive.Payload.tensor(Tensor(scalar: nan)) == .tensor(Tensor(scalar: nan)))
        #expect(CheckpointArchive.Payload.tensor(Tensor(scalar: 0)) != .tensor(Tensor(scalar: -0.0)))
    }

    @Test func invalidArchivesAreRefusedBeforeWriting() throws {
        func refused(_ archive: CheckpointArchive) -> CheckpointError? {
            expectCheckpointError { _ = try CheckpointWriter.encode(archive) }
        }
        var badName = CheckpointArchive()
        badName[bytes: "line\nbreak"] = []
        #expect(refused(badName)?.underlying == .invalidArchive(
            reason: "chunk name 'line\nbreak' must be 1–255 UTF-8 bytes without control characters"))
        var empty = CheckpointArchive()
        empty[bytes: ""] = []
        #expect(refused(empty) != nil)
        var long = CheckpointArchive()
        long[bytes: String(repeating: "é", count: 128)] = []  // 256 bytes
        #expect(refused(long) != nil)
        var reserved = CheckpointArchive()
        reserved[bytes: "header"] = []
        #expect(refused(reserved) == .invalidArchive(reason: "the chunk name 'header' is reserved"))
        var rank9 = CheckpointArchive()
        rank9[tensor: "t"] = Tensor(shape: [1, 1, 1, 1, 1, 1, 1, 1, 1], scalars: [0])
        #expect(refused(rank9) != nil)
        let nonFinite = CheckpointArchive(header: ["x": .double(.nan)])
        #expect(refused(nonFinite) != nil)
        var deep: JSONValue = [1]
        for _ in 0..<70 { deep = [deep] }
        #expect(refused(CheckpointArchive(header: ["deep": deep])) != nil)

        // Nothing is created on disk for an invalid archive.
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        expectCheckpointError { try CheckpointWriter.write(rank9, to: directory.file("m.sgn")) }
        #expect(directory.contents.isEmpty)
    }

    @Test func requiredNamesCheckForTheModelLayer() throws {
        var archive = CheckpointArchive()
        archive[tensor: "known"] = Tensor(scalar: 1)
        archive.set(.bytes([1]), named: "future/optional", required: false)
        try archive.checkRequiredChunks { $0 == "known" }
        archive.set(.bytes([1]), named: "future/required", required: true)
        let error = expectCheckpointError { try archive.checkRequiredChunks { $0 == "known" } }
        #expect(error == .unsupportedRequiredChunk(name: "future/required"))
    }
}
