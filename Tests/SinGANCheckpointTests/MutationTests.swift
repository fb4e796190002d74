import Testing
@testable import SinGANCheckpoint
import SinGANTensor

/// A quick, seeded mutation loop (the long fuzz run lives elsewhere): every mutated file either
/// reads or fails with a `CheckpointError` with a one-line message; nothing traps or hangs.
@Suite struct MutationTests {
    static let interesting: [UInt64] = [0, 1, 7, 8, 9, 24, 47, 48, 63, 64, 255, 256, 4096, 0x7FFF_FFFF,
                                        0x8000_0000, 0xFFFF_FFFF, 1 << 32, 1 << 62, 1 << 63, .max]

    private func mutate(_ file: inout [UInt8], using rng: inout SeededGenerator) {
        guard !file.isEmpty else { file = [UInt8.random(in: 0...255, using: &rng)]; return }
        let position = Int.random(in: 0..<file.count, using: &rng)
        switch Int.random(in: 0..<10, using: &rng) {
        case 0:
            file[position] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        case 1:
            file[position] = UInt8.random(in: 0...255, using: &rng)
        case 2:  // a 32- or 64-bit field anywhere set to an edge value
            let value = Self.interesting.randomElement(using: &rng) ?? 0
            if Bool.random(using: &rng) {
                writeLE(UInt32(truncatingIfNeeded: value), into: &file, at: position)
            } else {
                writeLE(value, into: &file, at: position)
            }
        case 3:  // a preamble field specifically
            let field = [8, 10, 16, 20, 24, 32].randomElement(using: &rng) ?? 8
            let value = Self.interesting.randomElement(using: &rng) ?? 0
            if field == 24 { writeLE(value, into: &file, at: field) } else {
                writeLE(UInt32(truncatingIfNeeded: value), into: &file, at: field)
            }
        case 4:
            file.removeLast(Int.random(in: 0..<file.count, using: &rng))
        case 5:
            let count = Int.random(in: 1...64, using: &rng)
            file.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: position)
        case 6:
            let end = min(file.count, position + Int.random(in: 1...128, using: &rng))
            file.removeSubrange(position..<end)
        case 7:
            let end = min(file.count, position + Int.random(in: 1...128, using: &rng))
            file.insert(contentsOf: file[position..<end], at: position)
        case 8:  // JSON-significant characters (lands in the header payload about 1 time in 10)
            file[position] = Array(#"{}[]",:\-0123456789.eE"#.utf8).randomElement(using: &rng) ?? 0
        default:  // a directory byte: name length, kind, flags
            let directoryEnd = min(file.count, 48 + 400)
            if directoryEnd > 48 {
                file[Int.random(in: 48..<directoryEnd, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
        }
    }

    @Test func mutatedFilesNeverCrash() throws {
        let original = Fixtures.sampleBytes()
        var rng = SeededGenerator(seed: 0x5EED_0001)
        var outcomes: [String: Int] = [:]
        let iterations = 20_000
        for _ in 0..<iterations {
            var file = original
            for _ in 0..<Int.random(in: 1...3, using: &rng) { mutate(&file, using: &rng) }
            // Most of the time make the checksums right again so the structural checks are hit.
            if Int.random(in: 0..<10, using: &rng) < 7 {
                if Bool.random(using: &rng) { writeLE(UInt64(file.count), into: &file, at: 24) }
                repairChecksums(&file)
            }
            do {
                let archive = try CheckpointReader.read(bytes: file)
                outcomes["ok", default: 0] += 1
                // Anything that reads must write back and read identically.
                let again = try CheckpointReader.read(bytes: CheckpointWriter.encode(archive))
                #expect(again.chunks == archive.chunks && again.header == archive.header)
                _ = try CheckpointReader.readHeader(bytes: file)
            } catch let error as CheckpointError {
                let message = error.description
                #expect(!message.isEmpty && !message.contains("\n"))
                outcomes[caseName(error.underlying), default: 0] += 1
            }
        }
        print("mutation outcomes:", outcomes.sorted { $0.key < $1.key })
        #expect(outcomes.values.reduce(0, +) == iterations)
        // The loop reaches deep into the format, not only the checksums.
        for kind in ["ok", "checksumMismatch", "truncated", "corrupt", "absurdSize"] {
            #expect(outcomes[kind, default: 0] > 0, "no \(kind) outcome")
        }
    }
}

func caseName(_ error: CheckpointError) -> String {
    switch error {
    case .notACheckpoint: return "notACheckpoint"
    case .damagedInTransfer: return "damagedInTransfer"
    case .truncated: return "truncated"
    case .newerMajorVersion: return "newerMajorVersion"
    case .checksumMismatch: return "checksumMismatch"
    case .absurdSize: return "absurdSize"
    case .corrupt: return "corrupt"
    case .unsupportedRequiredChunk: return "unsupportedRequiredChunk"
    case .invalidArchive: return "invalidArchive"
    case .noSpace: return "noSpace"
    case .io: return "io"
    case .inFile: return "inFile"
    }
}
