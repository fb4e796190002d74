import Foundation
import Testing
@testable import SinGANCheckpoint
import SinGANTensor

/// A small deterministic generator for tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Fixtures {
    /// Special values whose bits must survive: quiet NaN with payload, negative signalling NaN,
    /// negative zero, smallest subnormal, infinities, extremes.
    static let specialBits: [UInt32] = [
        0x7FC0_1234, 0xFF80_0001, 0x8000_0000, 0x0000_0001, 0x7F80_0000, 0xFF80_0000,
        0x7F7F_FFFF, 0x3FC0_0000,
    ]

    /// An archive exercising every feature: odd shapes, special floats, blobs, optional chunks,
    /// a nested header with Unicode and numbers that must round-trip exactly.
    static func sampleArchive() -> CheckpointArchive {
        var archive = CheckpointArchive(creator: "singan-edit test", header: [
            "config": ["iterations": 2000, "lr": 0.0005, "alpha": 10.0, "seed": 18_446_744_073_709,
                       "min_size": 25, "profile": "paint2img", "quantize": true, "none": nil],
            "scales": [[1, 3, 25, 33], [1, 3, 33, 44]],
            "unicode": "ünïcødé \u{1F600} \"quoted\" back\\slash\n",
            "tiny": .double(.leastNonzeroMagnitude), "negative_zero": -0.0, "big": 1.0e300, "int_min": .int(Int64.min),
        ])
        archive[tensor: "scale/00/generator/head.conv.weight"] = Tensor(
            shape: [2, 1, 2, 2], scalars: specialBits.map(Float.init(bitPattern:)))
        archive[tensor: "scale/00/noise_amplitude"] = Tensor(scalar: 0.1)
        archive[tensor: "scale/00/empty"] = Tensor(shape: [0], scalars: [])
        archive[tensor: "scale/00/empty_middle"] = Tensor(shape: [3, 0, 5], scalars: [])
        archive[tensor: "scale/00/rank8"] = Tensor(shape: [1, 2, 1, 1, 2, 1, 1, 1], scalars: [1, -2, 3, -4])
        archive[tensor: "scale/00/real"] = Tensor(shape: [1, 3, 4, 5], scalars: (0..<60).map { Float($0) / 7 })
        archive[bytes: "train/rng"] = Array(0..<41)
        archive[bytes: "train/empty"] = []
        archive.set(.tensor(Tensor(shape: [3], scalars: [1, 2, 3])),
                    named: "scale/00/optimizer/generator/head.conv.weight/m", required: false)
        return archive
    }

    static func sampleBytes() -> [UInt8] {
        (try? CheckpointWriter.encode(sampleArchive())) ?? []
    }

    /// A minimal valid header payload.
    static func headerJSON(format: String = "1.0") -> [UInt8] {
        Array(#"{"creator":"t","format":"\#(format)","header":{}}"#.utf8)
    }

    /// A tensor payload with arbitrary (possibly invalid) fields.
    static func tensorPayload(rank: UInt32, extents: [UInt64], dataBytes: Int) -> [UInt8] {
        var bytes = le(rank) + le(UInt32(0))
        for extent in extents { bytes += le(extent) }
        return bytes + [UInt8](repeating: 0x3F, count: dataBytes)
    }
}

func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

func readLE<T: FixedWidthInteger>(_ bytes: [UInt8], _ offset: Int, as: T.Type) -> T? {
    let size = MemoryLayout<T>.size
    guard offset >= 0, offset + size <= bytes.count else { return nil }
    var value: T = 0
    for i in (0..<size).reversed() { value = value << 8 | T(bytes[offset + i]) }
    return value
}

func writeLE<T: FixedWidthInteger>(_ value: T, into bytes: inout [UInt8], at offset: Int) {
    for (i, byte) in le(value).enumerated() where offset + i < bytes.count { bytes[offset + i] = byte }
}

/// An independent, deliberately permissive writer of `.sgn` files following the spec's byte
/// tables, so tests can craft files with any field wrong but valid checksums.
struct RawFile {
    struct Entry {
        var name: [UInt8]
        var kind: UInt8
        var flags: UInt8 = 1
        var payload: [UInt8]
        var offset: UInt64? = nil
        var length: UInt64? = nil
        var crc: UInt32? = nil
    }

    var magic: [UInt8] = [0x53, 0x47, 0x4E, 0x00]
    var transferGuard: [UInt8] = [0x0D, 0x0A, 0x1A, 0x0A]
    var major: UInt16 = 1
    var minor: UInt16 = 0
    var byteOrderMark: UInt32 = 0x0102_0304
    var preambleLength = 48
    var chunkCount: UInt32? = nil
    var fileLength: UInt64? = nil
    var directoryLength: UInt32? = nil
    var entries: [Entry]
    var trailing: [UInt8] = []

    init(entries: [Entry]) { self.entries = entries }

    /// A file with a valid header followed by `more`.
    static func withHeader(_ more: [Entry] = []) -> RawFile {
        RawFile(entries: [Entry(name: Array("header".utf8), kind: 1, payload: Fixtures.headerJSON())] + more)
    }

    func bytes() -> [UInt8] {
        let directorySize = entries.reduce(0) { $0 + 23 + $1.name.count }
        var cursor = preambleLength + directorySize
        var offsets: [Int] = []
        for entry in entries {
            cursor = (cursor + 63) / 64 * 64
            offsets.append(cursor)
            cursor += entry.payload.count
        }
        var file = [UInt8](repeating: 0, count: cursor)
        var position = preambleLength
        for (entry, offset) in zip(entries, offsets) {
            file.replaceSubrange(offset..<offset + entry.payload.count, with: entry.payload)
            file[position] = UInt8(truncatingIfNeeded: entry.name.count)
            file.replaceSubrange(position + 1..<position + 1 + entry.name.count, with: entry.name)
            position += 1 + entry.name.count
            file[position] = entry.kind
            file[position + 1] = entry.flags
            writeLE(entry.offset ?? UInt64(offset), into: &file, at: position + 2)
            writeLE(entry.length ?? UInt64(entry.payload.count), into: &file, at: position + 10)
            writeLE(entry.crc ?? CRC32.checksum(entry.payload), into: &file, at: position + 18)
            position += 22
        }
        file += trailing
        file.replaceSubrange(0..<4, with: magic)
        file.replaceSubrange(4..<8, with: transferGuard)
        writeLE(major, into: &file, at: 8)
        writeLE(minor, into: &file, at: 10)
        writeLE(byteOrderMark, into: &file, at: 12)
        writeLE(UInt32(preambleLength), into: &file, at: 16)
        writeLE(chunkCount ?? UInt32(entries.count), into: &file, at: 20)
        writeLE(fileLength ?? UInt64(file.count), into: &file, at: 24)
        writeLE(directoryLength ?? UInt32(directorySize), into: &file, at: 32)
        writeLE(CRC32.checksum(Array(file[preambleLength..<preambleLength + directorySize])), into: &file, at: 36)
        writeLE(CRC32.checksum(Array(file[0..<preambleLength - 4])), into: &file, at: preambleLength - 4)
        return file
    }
}

/// Recomputes every checksum it can find in a (possibly mutated) file, so mutations reach the
/// structural checks behind the CRCs.
func repairChecksums(_ file: inout [UInt8]) {
    guard let p32 = readLE(file, 16, as: UInt32.self), p32 >= 24, p32 <= 4096, Int(p32) <= file.count else { return }
    let p = Int(p32)
    if let d32 = readLE(file, 32, as: UInt32.self), p + Int(d32) <= file.count, p >= 40,
       let count = readLE(file, 20, as: UInt32.self) {
        let end = p + Int(d32)
        var position = p
        for _ in 0..<min(Int(count), 10_000) {
            guard position < end else { break }
            let fixed = position + 1 + Int(file[position])
            guard fixed + 22 <= end, let offset = readLE(file, fixed + 2, as: UInt64.self),
                  let length = readLE(file, fixed + 10, as: UInt64.self) else { break }
            if offset <= UInt64(file.count), length <= UInt64(file.count) - offset {
                let payload = Array(file[Int(offset)..<Int(offset + length)])
                writeLE(CRC32.checksum(payload), into: &file, at: fixed + 18)
            }
            position = fixed + 22
        }
        writeLE(CRC32.checksum(Array(file[p..<end])), into: &file, at: 36)
    }
    writeLE(CRC32.checksum(Array(file[0..<p - 4])), into: &file, at: p - 4)
}

/// Runs `body`, requires it to throw a `CheckpointError` with a one-line message, returns it.
@discardableResult
func expectCheckpointError(_ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                           _ body: () throws -> Void) -> CheckpointError? {
    do {
        try body()
        Issue.record("expected a CheckpointError \(comment.map { "(\($0))" } ?? "")", sourceLocation: sourceLocation)
        return nil
    } catch let error as CheckpointError {
        let message = error.description
        #expect(!message.isEmpty && !message.contains("\n"), sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("not a CheckpointError: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A fresh directory under /tmp, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "sgn-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    var contents: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
