import Foundation

/// A file written by `torch.save`, in either of PyTorch's formats, read without Python:
///
/// - **zip** (PyTorch ≥ 1.6): `<name>/data.pkl` is the pickle, each storage is the entry
///   `<name>/data/<key>`;
/// - **legacy** (PyTorch ≤ 1.5, what the official SinGAN's pinned 1.4 writes): four pickles in a row
///   (magic number, protocol version, system info, the object), then the list of storage keys, then
///   each storage as its element count (u64) and raw bytes.
///
/// Both are read strictly (see `PickleMachine`): only the values an official SinGAN model holds.
public struct TorchFile {
    /// Which of PyTorch's formats the file is in.
    public enum Format: String, Sendable {
        case zip
        case legacy
    }

    /// The largest file this reader loads (official models are a few megabytes).
    public static let maximumFileSize = 2 << 30

    public let format: Format
    /// The object that was saved.
    public let root: PickleValue

    /// Reads `path`; errors name the file.
    public init(contentsOf path: String) throws(TorchImportError) {
        let bytes: [UInt8]
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > Self.maximumFileSize {
                throw TorchImportError.inFile(path: path, .corrupt("\(size) bytes is far larger than a SinGAN model"))
            }
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as TorchImportError {
            throw error
        } catch {
            throw .inFile(path: path, .folder("cannot be read (\((error as NSError).localizedDescription))"))
        }
        do {
            try self.init(bytes: bytes)
        } catch {
            throw .inFile(path: path, error)
        }
    }

    /// Reads a file's bytes.
    public init(bytes: [UInt8]) throws(TorchImportError) {
        if ZipDirectory.looksLikeZip(bytes) {
            format = .zip
            root = try Self.readZip(bytes)
        } else if bytes.starts(with: [0x80, 0x02, 0x8A, 0x0A]) {
            format = .legacy
            root = try Self.readLegacy(bytes)
        } else {
            throw .notATorchFile("it starts neither like PyTorch's zip format nor like its legacy format")
        }
    }

    private static func readZip(_ bytes: [UInt8]) throws(TorchImportError) -> PickleValue {
        let zip = try ZipDirectory(bytes)
        let pickles = zip.entries.keys.filter { $0.hasSuffix("/data.pkl") && !$0.dropLast(9).contains("/") }
        guard pickles.count == 1, let pickleName = pickles.first else {
            throw .notATorchFile("the archive has \(pickles.count) data.pkl entries")
        }
        let prefix = String(pickleName.dropLast("data.pkl".count))
        if zip.entries[prefix + "byteorder"] != nil {
            guard Array(try zip.contents(of: prefix + "byteorder")) == Array("little".utf8) else {
                throw .unexpectedContent("the file was written on a big-endian machine")
            }
        }
        let table = StorageTable(byteLimit: bytes.count, allowsModuleIDs: false)
        let pickle = try zip.contents(of: pickleName)
        var machine = PickleMachine(bytes, range: pickle.startIndex..<pickle.endIndex, persistentLoad: table.load)
        let root = try machine.run()
        for key in table.keys {
            let storage = table.storages[key]!
            let data = try zip.contents(of: prefix + "data/" + key)
            guard data.count == storage.count * storage.type.elementSize else {
                throw .corrupt("storage \(key) holds \(data.count) bytes, its tensors need \(storage.count * storage.type.elementSize)")
            }
            storage.bytes = data
        }
        return root
    }

    /// The legacy format's magic number 0x1950a86a20f9469cfc6c, as LONG1 stores it.
    private static let legacyMagic: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]

    private static func readLegacy(_ bytes: [UInt8]) throws(TorchImportError) -> PickleValue {
        let table = StorageTable(byteLimit: bytes.count, allowsModuleIDs: true)
        var position = 0
        func next(_ load: @escaping PickleMachine.PersistentLoad) throws(TorchImportError) -> PickleValue {
            var machine = PickleMachine(bytes, range: position..<bytes.count, persistentLoad: load)
            let value = try machine.run()
            position = machine.position
            return value
        }
        let noIDs: PickleMachine.PersistentLoad = { _ throws(TorchImportError) in throw .refused("a persistent id in a header pickle") }
        guard case .wideInt(legacyMagic) = try next(noIDs) else { throw .notATorchFile("the legacy magic number is wrong") }
        guard case .int(1001) = try next(noIDs) else { throw .unexpectedContent("unknown legacy protocol version") }
        guard case .dict(let info) = try next(noIDs) else { throw .corrupt("the system information is not a dict") }
        if case .bool(false)? = info["little_endian"] { throw .unexpectedContent("the file was written on a big-endian machine") }
        let root = try next(table.load)
        guard case .list(let keyList) = try next(noIDs) else { throw .corrupt("the storage key list is missing") }
        var reader = ByteReader(bytes, from: position)
        for value in keyList.items {
            guard case .string(let key) = value, let storage = table.storages[key] else {
                throw .corrupt("the storage key list names a storage no tensor uses")
            }
            let count = try reader.unsigned(8, "the size of storage \(key)")
            guard count == UInt64(storage.count) else { throw .corrupt("storage \(key) holds \(count) elements, its id says \(storage.count)") }
            storage.bytes = bytes[try reader.take(storage.count * storage.type.elementSize, "storage \(key)")]
        }
        if let missing = table.keys.first(where: { table.storages[$0]!.bytes == nil }) {
            throw .truncated("storage \(missing) is missing")
        }
        return root
    }
}
