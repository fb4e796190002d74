// Module SinGANCheckpoint: the generic `.sgn` container (spec: Docs/checkpoint-format.md).
//
// Files, one concept each:
//   CheckpointFormat.swift     version, chunk kinds, limits, name rules
//   CheckpointError.swift      every failure, with a one-line message
//   JSONValue.swift            the header's JSON values; JSONCoding.swift parses and prints them
//   CheckpointArchive.swift    the in-memory model: header + ordered named chunks
//   CheckpointSummary.swift    what `readHeader` returns (for `info`)
//   ByteIO.swift, CRC32.swift  bounds-checked little-endian access, zlib CRC-32
//   TensorPayload.swift        float32 tensor chunk encoding
//   ContainerEncoder.swift     archive → bytes;  ContainerDecoder.swift  bytes → validated parts
//   ByteSource.swift           in-memory and file-backed (pread) byte sources
//   CheckpointReader.swift     public reading API;  CheckpointWriter.swift  atomic writing
//   POSIXFile.swift            thin errno-checked wrappers over open/pread/write/fsync/rename
