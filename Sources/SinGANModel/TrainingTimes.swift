import SinGANCheckpoint

/// The `timings` chunk: wall-clock seconds per finished scale, then (with a snapshot) the seconds
/// spent so far on the unfinished one, as little-endian binary64 values. Kept out of the header so
/// that two trainings that differ only in timing write files that differ only in this chunk.
enum TrainingTimes {
    static let chunkName = "timings"

    static func put(_ seconds: [Double], into archive: inout CheckpointArchive) {
        let bytes = seconds.flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
        archive.set(.bytes(bytes), named: chunkName, required: false)
    }

    /// The stored seconds: from the chunk, or from the header of a file written before it existed.
    static func read(from chunks: ChunkLedger, header: ModelHeader, finished: Int,
                     hasSnapshot: Bool) throws(ModelFileError) -> [Double] {
        try read(from: chunks, fallback: header.secondsPerScale, expected: finished + (hasSnapshot ? 1 : 0))
    }

    /// The stored seconds (`expected` values), or `fallback` when the chunk is absent.
    static func read(from chunks: ChunkLedger, fallback: [Double], expected: Int) throws(ModelFileError) -> [Double] {
        guard let bytes = chunks.bytes(chunkName) else { return fallback }
        guard bytes.count == 8 * expected else {
            throw .invalid("the timings chunk holds \(bytes.count) bytes, expected \(8 * expected)")
        }
        let seconds = (0..<expected).map { i in
            Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[8 * i + $1]) << (8 * $1) })
        }
        guard seconds.allSatisfy({ (0...SettingRanges.largestSeconds).contains($0) }) else {
            throw .invalid("a training time is out of range (0–\(Int(SettingRanges.largestSeconds)) s)")
        }
        return seconds
    }
}
