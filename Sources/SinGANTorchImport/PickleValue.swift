/// What the pickle interpreter builds: plain values, the few containers these files use, and the
/// PyTorch objects it knows (storages, tensors, instances of the allowed module classes).
/// Containers are reference types because pickle mutates them after creating them (APPEND,
/// SETITEMS, BUILD) and shares them through the memo.
public indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int64)
    /// A LONG1 integer wider than 64 bits (the legacy format's magic number), little-endian bytes.
    case wideInt([UInt8])
    case float(Double)
    case string(String)
    case tuple([PickleValue])
    case list(PickleList)
    case dict(PickleDict)
    /// One of the allowed classes or functions, not yet called.
    case global(TorchGlobal)
    case object(PickleObject)
    case storage(TorchStorage)
    case tensor(TorchTensor)

    /// Marks a list, dict or object as placed inside another value: from then on it cannot change.
    func seal() {
        switch self {
        case .list(let list): list.sealed = true
        case .dict(let dict): dict.sealed = true
        case .object(let object): object.sealed = true
        default: break
        }
    }

    /// A short name of the kind of value, for messages.
    var kind: String {
        switch self {
        case .none: "None"
        case .bool: "bool"
        case .int, .wideInt: "int"
        case .float: "float"
        case .string: "str"
        case .tuple: "tuple"
        case .list: "list"
        case .dict: "dict"
        case .global(let g): g.rawValue
        case .object(let o): o.type.rawValue
        case .storage: "storage"
        case .tensor: "tensor"
        }
    }
}

/// A Python list.
public final class PickleList {
    public var items: [PickleValue]
    /// Set once the list is inside another value; it may not change after that (see `PickleMachine`).
    var sealed = false
    /// 1 + the deepest item's depth.
    var depth = 1
    init(_ items: [PickleValue] = []) { self.items = items }
}

/// A Python dict or OrderedDict, in insertion order (keys are strings in these files).
public final class PickleDict {
    public private(set) var entries: [(key: PickleValue, value: PickleValue)] = []
    /// Set once the dict is inside another value; it may not change after that.
    var sealed = false
    /// 1 + the deepest key's or value's depth.
    var depth = 1
    /// Where each string key's entry is (constant-time lookups, whatever a file's size).
    private var positions: [String: Int] = [:]

    func set(_ key: PickleValue, _ value: PickleValue) {
        if case .string(let name) = key {
            if let i = positions[name] { entries[i].value = value; return }
            positions[name] = entries.count
        }
        entries.append((key, value))
    }

    /// The value stored under the string `key`.
    public subscript(key: String) -> PickleValue? { positions[key].map { entries[$0].value } }
}

/// An instance of an allowed module class; `state` is its `__dict__` once BUILD ran.
public final class PickleObject {
    public let type: TorchGlobal
    public var state: PickleDict?
    /// Set once the object is inside another value; its state may not be set after that.
    var sealed = false
    /// 1 + its state's depth.
    var depth = 1
    init(type: TorchGlobal) { self.type = type }
}

/// The element types of the storages these files hold.
public enum StorageType: String, Sendable {
    case float = "torch FloatStorage"
    case double = "torch DoubleStorage"
    case long = "torch LongStorage"
    case int = "torch IntStorage"

    /// Bytes per element.
    var elementSize: Int {
        switch self {
        case .float, .int: 4
        case .double, .long: 8
        }
    }
}

/// A typed array of `count` elements whose bytes come from the archive (the zip's `data/<key>`
/// entry, or the legacy file's tail once the main pickle is read).
public final class TorchStorage {
    public let key: String
    public let type: StorageType
    public let count: Int
    /// The raw little-endian bytes, `count × elementSize` of them, once loaded.
    var bytes: ArraySlice<UInt8>?

    init(key: String, type: StorageType, count: Int) {
        self.key = key
        self.type = type
        self.count = count
    }

    /// Element `index` as a Float (integers and doubles are converted).
    func element(_ index: Int) -> Float {
        guard let bytes else { preconditionFailure("storage \(key) was never loaded") }
        let base = bytes.startIndex + index * type.elementSize
        var raw: UInt64 = 0
        for i in 0..<type.elementSize { raw |= UInt64(bytes[base + i]) << (8 * UInt64(i)) }
        switch type {
        case .float: return Float(bitPattern: UInt32(truncatingIfNeeded: raw))
        case .double: return Float(Double(bitPattern: raw))
        case .long: return Float(Int64(bitPattern: raw))
        case .int: return Float(Int32(bitPattern: UInt32(truncatingIfNeeded: raw)))
        }
    }
}

/// A strided view of a storage (`torch._utils._rebuild_tensor_v2`), checked to lie inside it.
public struct TorchTensor {
    public let storage: TorchStorage
    public let offset: Int
    public let shape: [Int]
    public let strides: [Int]

    /// The elements in row-major order, as Float.
    public func scalars() -> [Float] {
        let count = shape.reduce(1, *)
        var result = [Float](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: shape.count)
        for flat in 0..<count {
            var position = offset
            for d in 0..<shape.count { position += index[d] * strides[d] }
            result[flat] = storage.element(position)
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < shape[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return result
    }
}
