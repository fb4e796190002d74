import SinGANTensor

/// A chunk ready to be laid out: name, kind byte, required flag and content.
struct EncodableChunk {
    enum Content {
        case bytes([UInt8])
        case tensor(Tensor)
    }

    var name: String
    var kind: CheckpointChunkKind
    var isRequired: Bool
    var content: Content

    var byteCount: Int {
        switch content {
        case .bytes(let bytes): return bytes.count
        case .tensor(let tensor): return TensorPayload.byteCount(of: tensor)
        }
    }
}

/// Lays chunks out as a complete file image: preamble, directory, 64-aligned payloads, CRCs.
enum ContainerEncoder {
    /// The archive's chunks with the JSON header chunk first.
    static func chunks(of archive: CheckpointArchive,
                       version: CheckpointFormatVersion = .current) throws -> [EncodableChunk] {
        let document: JSONValue = .object([
            "format": .string(version.description),
            "creator": .string(archive.creator),
            "header": .object(archive.header),
        ])
        let json = try document.serialized()
        guard json.count <= CheckpointFormat.maxHeaderLength else {
            throw CheckpointError.invalidArchive(reason: "the header JSON has \(json.count) bytes; "
                + "at most \(CheckpointFormat.maxHeaderLength) are allowed (store bulk data in chunks)")
        }
        var result = [EncodableChunk(name: CheckpointFormat.headerChunkName, kind: .header,
                                     isRequired: true, content: .bytes(json))]
        result.reserveCapacity(archive.chunks.count + 1)
        for chunk in archive.chunks {
            guard chunk.name != CheckpointFormat.headerChunkName else {
                throw CheckpointError.invalidArchive(reason: "the chunk name 'header' is reserved")
            }
            switch chunk.payload {
            case .tensor(let tensor):
                try TensorPayload.validate(tensor, name: chunk.name)
                result.append(EncodableChunk(name: chunk.name, kind: .float32Tensor,
                                             isRequired: chunk.isRequired, content: .tensor(tensor)))
            case .bytes(let bytes):
                result.append(EncodableChunk(name: chunk.name, kind: .bytes,
                                             isRequired: chunk.isRequired, content: .bytes(bytes)))
            }
        }
        return result
    }

    /// The file image of `chunks` (which the caller orders, header first) under `version`.
    static func encode(_ chunks: [EncodableChunk],
                       version: CheckpointFormatVersion = .current) throws -> [UInt8] {
        guard (1...CheckpointFormat.maxChunkCount).contains(chunks.count) else {
            throw CheckpointError.invalidArchive(
                reason: "\(chunks.count) chunks; the format allows 1 to \(CheckpointFormat.maxChunkCount)")
        }
        let names = chunks.map { Array($0.name.utf8) }
        var seen = Set<String>()
        for (chunk, utf8) in zip(chunks, names) {
            guard CheckpointFormat.isValidChunkName(utf8: utf8) else {
                throw CheckpointError.invalidArchive(reason: "chunk name '\(chunk.name)' must be 1–255 "
                    + "UTF-8 bytes without control characters")
            }
            guard seen.insert(chunk.name).inserted else {
                throw CheckpointError.invalidArchive(reason: "two chunks are named '\(chunk.name)'")
            }
        }
        let preambleLength = CheckpointFormat.preambleLength
        let directoryLength = names.reduce(0) { $0 + CheckpointFormat.entryFixedSize + $1.count }
        guard directoryLength <= Int(UInt32.max) else {
            throw CheckpointError.invalidArchive(reason: "the chunk directory exceeds 4 GiB")
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(chunks.count)
        var cursor = preambleLength + directoryLength
        for chunk in chunks {
            cursor = alignUp(cursor, to: CheckpointFormat.payloadAlignment)
            offsets.append(cursor)
            cursor += chunk.byteCount
        }
        var file = [UInt8](repeating: 0, count: cursor)
        file.withUnsafeMutableBytes { buffer in
            var checksums: [UInt32] = []
            checksums.reserveCapacity(chunks.count)
            for (chunk, offset) in zip(chunks, offsets) {
                let payload = UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<offset + chunk.byteCount])
                switch chunk.content {
                case .bytes(let bytes): payload.storeBytes(bytes, at: 0)
                case .tensor(let tensor): TensorPayload.write(tensor, into: payload)
                }
                checksums.append(CRC32.checksum(UnsafeRawBufferPointer(payload)))
            }
            var position = preambleLength
            for index in chunks.indices {
                buffer[position] = UInt8(names[index].count)
                buffer.storeBytes(names[index], at: position + 1)
                position += 1 + names[index].count
                buffer[position] = chunks[index].kind.rawValue
                buffer[position + 1] = chunks[index].isRequired ? CheckpointFormat.requiredFlag : 0
                buffer.storeLE(UInt64(offsets[index]), at: position + 2)
                buffer.storeLE(UInt64(chunks[index].byteCount), at: position + 10)
                buffer.storeLE(checksums[index], at: position + 18)
                position += 22
            }
            let directory = UnsafeRawBufferPointer(buffer).slice(preambleLength..<position)
            buffer.storeBytes(CheckpointFormat.magic, at: 0)
            buffer.storeBytes(CheckpointFormat.transferGuard, at: 4)
            buffer.storeLE(version.major, at: 8)
            buffer.storeLE(version.minor, at: 10)
            buffer.storeLE(CheckpointFormat.byteOrderMark, at: 12)
            buffer.storeLE(UInt32(preambleLength), at: 16)
            buffer.storeLE(UInt32(chunks.count), at: 20)
            buffer.storeLE(UInt64(cursor), at: 24)
            buffer.storeLE(UInt32(directoryLength), at: 32)
            buffer.storeLE(CRC32.checksum(directory), at: 36)
            buffer.storeLE(UInt32(0), at: 40)
            let covered = UnsafeRawBufferPointer(buffer).slice(0..<preambleLength - 4)
            buffer.storeLE(CRC32.checksum(covered), at: preambleLength - 4)
        }
        return file
    }
}
