import Testing
@testable import SinGANCheckpoint
import SinGANTensor

@Suite struct CorruptionTests {
    @Test func everyTruncationIsReportedAsTruncated() throws {
        let bytes = Fixtures.sampleBytes()
        for length in 0..<bytes.count {
            let error = expectCheckpointError("length \(length)") {
                _ = try CheckpointReader.read(bytes: Array(bytes.prefix(length)))
            }
            guard case .truncated(let expected, let actual)? = error else {
                Issue.record("length \(length): \(String(describing: error))")
                continue
            }
            #expect(actual == UInt64(length))
            #expect(expected == (length < 48 ? 48 : UInt64(bytes.count)))
            // The header-only reader agrees.
            #expect(throws: CheckpointError.self) {
                _ = try CheckpointReader.readHeader(bytes: Array(bytes.prefix(length)))
            }
        }
    }

    @Test func everySingleBitFlipIsDetected() throws {
        let bytes = Fixtures.sampleBytes()
        var checksumErrors = 0
        var flips = 0
        for position in bytes.indices {
            for bit in 0..<8 {
                var damaged = bytes
                damaged[position] ^= 1 << bit
                flips += 1
                let error = expectCheckpointError("byte \(position) bit \(bit)") {
                    _ = try CheckpointReader.read(bytes: damaged)
                }
                // Only the magic, the transfer guard, the preamble length and padding bytes give
                // errors other than a checksum mismatch.
                switch (error, position) {
                case (.checksumMismatch?, _): checksumErrors += 1
                case (.notACheckpoint?, 0..<4), (.damagedInTransfer?, 4..<8): break
                case (.corrupt?, 16..<20), (.truncated?, 16..<20): break
                case (.corrupt(let reason)?, _) where reason.hasPrefix("non-zero padding"): break
                default: Issue.record("byte \(position) bit \(bit): \(String(describing: error))")
                }
            }
        }
        #expect(checksumErrors * 10 > flips * 7, "\(checksumErrors) of \(flips)")
    }

    @Test func payloadDamageNamesTheChunk() throws {
        var bytes = Fixtures.sampleBytes()
        // Find the payload of "scale/00/real" (the 60-float image) by its second element.
        let marker = le(Float(1.0 / 7).bitPattern)
        let index = try #require((0..<bytes.count - 4).first { Array(bytes[$0..<$0 + 4]) == marker })
        bytes[index] ^= 0x10
        let error = expectCheckpointError { _ = try CheckpointReader.read(bytes: bytes) }
        #expect(error == .checksumMismatch(chunk: "scale/00/real"))
        // The header-only read does not look at that payload.
        #expect(try CheckpointReader.readHeader(bytes: bytes).chunks.count == 10)
    }

    @Test func wrongMagicAndTextModeDamage() {
        var bytes = Fixtures.sampleBytes()
        bytes[0] = UInt8(ascii: "P")
        #expect(expectCheckpointError { _ = try CheckpointReader.read(bytes: bytes) } == .notACheckpoint)
        #expect(expectCheckpointError { _ = try CheckpointReader.read(bytes: Array("{\"json\": 1}".utf8)) }
            == .notACheckpoint)
        #expect(expectCheckpointError { _ = try CheckpointReader.read(bytes: [0x53, 0x47, 0x58]) }
            == .notACheckpoint)
        // A text-mode transfer turning "\r\n" into "\n".
        var mangled = Fixtures.sampleBytes()
        mangled.remove(at: 4)
        #expect(expectCheckpointError { _ = try CheckpointReader.read(bytes: mangled) } == .damagedInTransfer)
        let error = CheckpointError.inFile(path: "m.sgn", .notACheckpoint)
        #expect(error.description.hasPrefix("m.sgn is not a singan-edit checkpoint (.sgn)"))
        #expect(error.underlying == .notACheckpoint)
    }

    @Test func trailingDataIsRefused() {
        var raw = RawFile.withHeader()
        raw.trailing = [0, 0, 0, 0]
        raw.fileLength = UInt64(raw.bytes().count - 4)
        #expect(expectCheckpointError { _ = try CheckpointReader.read(bytes: raw.bytes()) }
            == .corrupt(reason: "4 unexpected bytes after the end"))
    }

    @Test func absurdSizesAreRefusedWithoutAllocating() {
        func error(_ raw: RawFile) -> CheckpointError? {
            expectCheckpointError { _ = try CheckpointReader.read(bytes: raw.bytes()) }
        }
        func isAbsurd(_ error: CheckpointError?) -> Bool {
            if case .absurdSize? = error { return true }
            return false
        }
        // Extent 2^62 (and a shape whose partial products overflow even though one extent is 0).
        for extents: [UInt64] in [[1 << 62], [1 << 62, 1 << 62, 0], [0, 1 << 40, 1 << 40], [UInt64.max], [3, 1 << 61]] {
            let raw = RawFile.withHeader([.init(name: Array("t".utf8), kind: 2, payload:
                Fixtures.tensorPayload(rank: UInt32(extents.count), extents: extents, dataBytes: 16))])
            #expect(isAbsurd(error(raw)), "\(extents)")
        }
        // Chunk count 2^32 − 1, and a count larger than the directory can hold.
        var raw = RawFile.withHeader()
        raw.chunkCount = .max
        #expect(isAbsurd(error(raw)))
        raw.chunkCount = 1000
        #expect(isAbsurd(error(raw)))
        // Directory length beyond the file.
        raw = RawFile.withHeader()
        raw.directoryLength = .max
        #expect(isAbsurd(error(raw)))
        // Offset beyond the file, length beyond the file, offset + length overflowing.
        for (offset, length) in [(UInt64(1) << 40, UInt64(4)), (UInt64(128), UInt64(1) << 50),
                                 (UInt64.max - 63, UInt64(4)), (UInt64(64), UInt64.max)] {
            raw = RawFile.withHeader([.init(name: Array("b".utf8), kind: 3, payload: [1, 2, 3, 4],
                                            offset: offset, length: length)])
            #expect(isAbsurd(error(raw)), "offset \(offset) length \(length)")
        }
        // A header chunk above 1 MiB, valid JSON or not.
        raw = RawFile.withHeader()
        raw.entries[0].payload = Array(#"{"creator":"t","format":"1.0","header":{"x":""#.utf8)
            + [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20) + Array(#""}}"#.utf8)
        #expect(error(raw) == .absurdSize(what: "header length", value: UInt64(raw.entries[0].payload.count),
                                          limit: 1 << 20))
        #expect(throws: CheckpointError.self) {
            _ = try CheckpointWriter.encode(CheckpointArchive(header: ["x": .string(String(repeating: "a", count: 1 << 20))]))
        }
        // File length field of 2^63 on a small file.
        raw = RawFile.withHeader()
        raw.fileLength = 1 << 63
        #expect(error(raw) == .truncated(expected: 1 << 63, actual: UInt64(raw.bytes().count)))
    }

    @Test func structuralRulesAreEnforced() {
        func reason(_ raw: RawFile) -> String? {
            let error = expectCheckpointError { _ = try CheckpointReader.read(bytes: raw.bytes()) }
            if case .corrupt(let reason)? = error { return reason }
            Issue.record("not corrupt: \(String(describing: error))")
            return nil
        }
        let header = RawFile.Entry(name: Array("header".utf8), kind: 1, payload: Fixtures.headerJSON())
        let blob = RawFile.Entry(name: Array("b".utf8), kind: 3, payload: [1])
        #expect(reason(RawFile(entries: [blob, header]))?.contains("first chunk") == true)
        #expect(reason(RawFile(entries: [header, blob, blob]))?.contains("two chunks") == true)
        #expect(reason(RawFile.withHeader([.init(name: Array("header2".utf8), kind: 1,
                                                 payload: Fixtures.headerJSON())]))?.contains("second header") == true)
        var misaligned = blob
        misaligned.offset = 136  // inside the file, not aligned
        #expect(reason(RawFile.withHeader([misaligned]))?.contains("multiple of 64") == true)
        var overlapping = blob
        overlapping.offset = 64  // inside the directory / header payload
        #expect(reason(RawFile.withHeader([overlapping]))?.contains("overlaps") == true)
        #expect(reason(RawFile.withHeader([.init(name: [0x62, 0x0A], kind: 3, payload: [])]))?
            .contains("invalid name") == true)
        #expect(reason(RawFile.withHeader([.init(name: [0xFF, 0xFE], kind: 3, payload: [])]))?
            .contains("invalid name") == true)
        // Padding is not under any CRC, so it must be zero: header payload [128, 170), blob at 192.
        var bytes = RawFile.withHeader([blob]).bytes()
        let headerEnd = 128 + Fixtures.headerJSON().count
        bytes[headerEnd] = 7
        #expect(expectCheckpointError { _ = try CheckpointReader.read(bytes: bytes) }
            == .corrupt(reason: "non-zero padding between offsets \(headerEnd) and 192"))
        bytes = RawFile.withHeader([blob]).bytes()
        bytes[110] = 1  // between the directory's end (101) and the header payload (128)
        #expect(expectCheckpointError { _ = try CheckpointReader.read(bytes: bytes) }
            == .corrupt(reason: "non-zero padding between offsets 101 and 128"))
        // Tensors: rank 9, wrong data length, short header.
        let tensor = { (payload: [UInt8]) in RawFile.withHeader([.init(name: Array("t".utf8), kind: 2, payload: payload)]) }
        #expect(reason(tensor(Fixtures.tensorPayload(rank: 9, extents: Array(repeating: 1, count: 9), dataBytes: 4)))?
            .contains("rank 9") == true)
        #expect(reason(tensor(Fixtures.tensorPayload(rank: 2, extents: [2, 3], dataBytes: 20)))?
            .contains("needs 24 data bytes") == true)
        #expect(reason(tensor([1, 0, 0]))?.contains("shorter") == true)
        #expect(reason(tensor(Fixtures.tensorPayload(rank: 2, extents: [2], dataBytes: 0)))?
            .contains("shorter") == true)
        // Header JSON problems.
        let json = { (text: String) in
            RawFile(entries: [.init(name: Array("header".utf8), kind: 1, payload: Array(text.utf8))])
        }
        #expect(reason(json(#"{"creator":"t","format":"1.1","header":{}}"#))?.contains("format") == true)
        #expect(reason(json(#"{"creator":"t","format":"1.0"}"#))?.contains("lacks") == true)
        #expect(reason(json(#"{"creator":"t","format":"1.0","header":{}"#))?.contains("JSON") == true)
        #expect(reason(json(#"{"a":1,"a":2}"#))?.contains("duplicate") == true)
        #expect(reason(json(String(repeating: "[", count: 100_000)))?.contains("deeper than 64") == true)
        #expect(reason(json(#"{"creator":"\ud800","format":"1.0","header":{}}"#))?.contains("surrogate") == true)
        #expect(reason(json(#"{"creator":1e999,"format":"1.0","header":{}}"#))?.contains("range") == true)
        // Preamble fields behind a valid CRC.
        var raw = RawFile.withHeader()
        raw.byteOrderMark = 0x0403_0201
        #expect(reason(raw)?.contains("byte-order") == true)
        raw = RawFile.withHeader()
        raw.major = 0
        #expect(reason(raw)?.contains("does not exist") == true)
        raw = RawFile.withHeader()
        raw.chunkCount = 0
        #expect(reason(raw)?.contains("no chunks") == true)
    }
}
