/// The storages a pickle refers to through persistent ids, each checked against the file size
/// before anything is allocated: a storage can never claim more bytes than the file has.
final class StorageTable {
    /// The file's size in bytes: the upper bound of any storage.
    let byteLimit: Int
    /// Whether `('module', class, file, source)` ids are allowed (the legacy format records the
    /// classes of pickled modules that way).
    let allowsModuleIDs: Bool
    private(set) var storages: [String: TorchStorage] = [:]
    /// Keys in the order they were first seen.
    private(set) var keys: [String] = []

    init(byteLimit: Int, allowsModuleIDs: Bool) {
        self.byteLimit = byteLimit
        self.allowsModuleIDs = allowsModuleIDs
    }

    /// Resolves a `BINPERSID` id.
    func load(_ id: PickleValue) throws(TorchImportError) -> PickleValue {
        guard case .tuple(let fields) = id, case .string(let tag)? = fields.first else {
            throw .refused("a persistent id that is not a tagged tuple")
        }
        switch tag {
        case "storage":
            guard (5...6).contains(fields.count), case .global(let global) = fields[1], let type = global.storageType,
                  case .string(let key) = fields[2], case .int(let count) = fields[4] else {
                throw .corrupt("a storage id has unexpected fields")
            }
            guard count >= 0, count <= Int64(byteLimit / type.elementSize) else {
                throw .corrupt("storage \(key) claims \(count) elements, more than the file holds")
            }
            if let known = storages[key] {
                guard known.type == type, known.count == Int(count) else { throw .corrupt("storage \(key) is described twice differently") }
                return .storage(known)
            }
            let storage = TorchStorage(key: key, type: type, count: Int(count))
            storages[key] = storage
            keys.append(key)
            return .storage(storage)
        case "module" where allowsModuleIDs:
            guard fields.count == 4, case .global(let type) = fields[1], type.isModuleClass else {
                throw .refused("a module id that names no allowed class")
            }
            return .global(type)
        default:
            throw .refused("a persistent id of kind '\(tag)'")
        }
    }
}
