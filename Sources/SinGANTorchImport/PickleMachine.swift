/// A strict interpreter for the pickles PyTorch writes (protocols 2–5): it understands only the
/// opcodes these files use and can only create the values of `PickleValue`. It never imports or
/// calls anything: `GLOBAL` must name a `TorchGlobal`, `REDUCE` and `NEWOBJ` only build the few
/// objects those stand for, and every length is checked against the bytes that are left.
///
/// A list, dict or object is sealed as soon as it is placed inside another value (a tuple, a
/// container, a call's arguments, an object's state), and a sealed one may not change: PyTorch fills
/// every container before using it, and the rule makes reference cycles (which would never be
/// freed) impossible. Values may nest at most `maximumDepth` deep, so releasing them (which
/// recurses) cannot overflow the stack.
struct PickleMachine {
    /// Turns a `BINPERSID` id (a tuple naming a storage, or in the legacy format also a module
    /// class) into its value.
    typealias PersistentLoad = (PickleValue) throws(TorchImportError) -> PickleValue

    private var reader: ByteReader
    /// How deep values may nest (official model files nest about 12 deep).
    static let maximumDepth = 64

    private var stack: [PickleValue] = []
    /// The nesting depth of each stack entry (containers keep theirs up to date themselves).
    private var depths: [Int] = []
    /// The largest depth among the values the last `pop`/`popMark` returned.
    private var poppedDepth = 0
    private var memoDepths: [Int: Int] = [:]
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]
    private let persistentLoad: PersistentLoad

    /// Interprets the pickle in `bytes[range]`.
    init(_ bytes: [UInt8], range: Range<Int>, persistentLoad: @escaping PersistentLoad) {
        reader = ByteReader(bytes, from: range.lowerBound, to: range.upperBound)
        self.persistentLoad = persistentLoad
    }

    /// Where the interpreter stopped (just after STOP).
    var position: Int { reader.position }

    /// Runs to STOP and returns the value on top of the stack.
    mutating func run() throws(TorchImportError) -> PickleValue {
        while true {
            let opcode = try reader.byte("the pickle ends before its STOP opcode")
            if opcode == 0x2E {  // STOP
                guard stack.count == 1, marks.isEmpty else { throw .corrupt("the pickle stops with \(stack.count) values on its stack") }
                return stack[0]
            }
            try execute(opcode)
        }
    }

    private mutating func execute(_ opcode: UInt8) throws(TorchImportError) {
        switch opcode {
        case 0x80: _ = try reader.byte("PROTO")  // PROTO: any version; the opcodes decide
        case 0x95: _ = try reader.unsigned(8, "FRAME")  // FRAME: a length hint only
        case 0x5D: push(.list(PickleList()))  // EMPTY_LIST
        case 0x7D: push(.dict(PickleDict()))  // EMPTY_DICT
        case 0x29: push(.tuple([]))  // EMPTY_TUPLE
        case 0x8F: push(.tuple([]))  // EMPTY_SET (a set's items are never used)
        case 0x28: marks.append(stack.count)  // MARK
        case 0x71: try put(Int(try reader.unsigned(1, "BINPUT")))
        case 0x72: try put(Int(try reader.unsigned(4, "LONG_BINPUT")))
        case 0x94: try put(memo.count)  // MEMOIZE
        case 0x68: try get(Int(try reader.unsigned(1, "BINGET")))
        case 0x6A: try get(Int(try reader.unsigned(4, "LONG_BINGET")))
        case 0x4B: push(.int(Int64(try reader.unsigned(1, "BININT1"))))
        case 0x4D: push(.int(Int64(try reader.unsigned(2, "BININT2"))))
        case 0x4A: push(.int(Int64(Int32(truncatingIfNeeded: try reader.unsigned(4, "BININT")))))
        case 0x8A: try long1()
        case 0x47:  // BINFLOAT, big-endian
            let bits = try reader.unsigned(8, "BINFLOAT")
            push(.float(Double(bitPattern: bits.byteSwapped)))
        case 0x58: try string(lengthSize: 4)  // BINUNICODE
        case 0x8C: try string(lengthSize: 1)  // SHORT_BINUNICODE
        case 0x4E: push(.none)
        case 0x88: push(.bool(true))
        case 0x89: push(.bool(false))
        case 0x74: try pushTuple(try popMark())  // TUPLE
        case 0x85: try pushTuple(try pop(1))
        case 0x86: try pushTuple(try pop(2))
        case 0x87: try pushTuple(try pop(3))
        case 0x61: try append(try pop(1))  // APPEND
        case 0x65: try append(try popMark())  // APPENDS
        case 0x73: try setItems(try pop(2))  // SETITEM
        case 0x75: try setItems(try popMark())  // SETITEMS
        case 0x90: _ = try popMark(); try requireTop("ADDITEMS")  // ADDITEMS to a set: ignored
        case 0x63: try global()  // GLOBAL
        case 0x93:  // STACK_GLOBAL
            let pair = try pop(2)
            guard case .string(let module) = pair[0], case .string(let name) = pair[1] else {
                throw .corrupt("STACK_GLOBAL needs two strings")
            }
            try pushGlobal(module: module, name: name)
        case 0x52:  // REDUCE
            let pair = sealed(try pop(2))
            guard case .tuple(let args) = pair[1] else { throw .corrupt("REDUCE arguments are not a tuple") }
            push(try TorchConstructors.call(pair[0], arguments: args), depth: 1)
        case 0x81:  // NEWOBJ
            let pair = try pop(2)
            guard case .global(let type) = pair[0], type.isModuleClass else {
                throw .refused("the pickle creates an object of \(pair[0].kind)")
            }
            guard case .tuple(let args) = pair[1], args.isEmpty else { throw .refused("\(type.rawValue) is created with arguments") }
            push(.object(PickleObject(type: type)))
        case 0x62:  // BUILD
            let state = try pop(1)[0]
            guard case .object(let object)? = stack.last, case .dict(let dict) = state, object.state == nil, !object.sealed else {
                throw .refused("the pickle sets the state of \(stack.last?.kind ?? "nothing")")
            }
            state.seal()
            object.depth = try Self.checked(poppedDepth + 1)
            object.state = dict
        case 0x51:  // BINPERSID
            push(try persistentLoad(try pop(1)[0]), depth: 1)
        default:
            throw .refused(String(format: "pickle opcode 0x%02X", opcode))
        }
    }

    private mutating func put(_ index: Int) throws(TorchImportError) {
        guard let top = stack.last else { throw .corrupt("memo store on an empty stack") }
        memo[index] = top
        memoDepths[index] = depths[depths.count - 1]
    }

    private mutating func get(_ index: Int) throws(TorchImportError) {
        guard let value = memo[index] else { throw .corrupt("memo entry \(index) is read before it is written") }
        push(value, depth: memoDepths[index] ?? 0)
    }

    private mutating func long1() throws(TorchImportError) {
        let count = Int(try reader.byte("LONG1"))
        let range = try reader.take(count, "LONG1")
        let bytes = Array(reader.bytes[range])
        if count <= 8 {
            var value: UInt64 = 0
            for (i, b) in bytes.enumerated() { value |= UInt64(b) << (8 * UInt64(i)) }
            if count < 8, count > 0, bytes[count - 1] & 0x80 != 0 { value |= ~0 << (8 * UInt64(count)) }  // sign-extend
            push(.int(Int64(bitPattern: value)))
        } else {
            push(.wideInt(bytes))
        }
    }

    private mutating func string(lengthSize: Int) throws(TorchImportError) {
        let length = try reader.unsigned(lengthSize, "a string's length")
        guard length <= UInt64(reader.remaining) else { throw .truncated("a string of \(length) bytes") }
        let range = try reader.take(Int(length), "a string")
        guard let text = String(validating: reader.bytes[range], as: UTF8.self) else { throw .corrupt("a string is not UTF-8") }
        push(.string(text))
    }

    private mutating func global() throws(TorchImportError) {
        func line() throws(TorchImportError) -> String {
            var characters: [UInt8] = []
            while true {
                let b = try reader.byte("GLOBAL")
                if b == 0x0A { break }
                guard characters.count < 256 else { throw .corrupt("a GLOBAL name is too long") }
                characters.append(b)
            }
            return String(decoding: characters, as: UTF8.self)
        }
        let module = try line(), name = try line()
        try pushGlobal(module: module, name: name)
    }

    private mutating func pushGlobal(module: String, name: String) throws(TorchImportError) {
        guard let global = TorchGlobal(module: module, name: name) else {
            throw .refused("the pickle asks for \(module).\(name)")
        }
        push(.global(global))
    }

    private mutating func push(_ value: PickleValue, depth: Int = 0) {
        stack.append(value)
        depths.append(depth)
    }

    private mutating func pushTuple(_ items: [PickleValue]) throws(TorchImportError) {
        push(.tuple(sealed(items)), depth: try Self.checked(poppedDepth + 1))
    }

    static func checked(_ depth: Int) throws(TorchImportError) -> Int {
        guard depth <= maximumDepth else { throw .refused("values nested more than \(maximumDepth) deep") }
        return depth
    }

    /// The depth of the stack entry at `index`: a container's own (it may have grown since it was pushed).
    private func depth(at index: Int) -> Int {
        switch stack[index] {
        case .list(let list): list.depth
        case .dict(let dict): dict.depth
        case .object(let object): object.depth
        default: depths[index]
        }
    }

    private mutating func pop(_ count: Int) throws(TorchImportError) -> [PickleValue] {
        guard stack.count - (marks.last ?? 0) >= count else { throw .corrupt("the pickle's stack runs empty") }
        return removeEntries(from: stack.count - count)
    }

    private mutating func removeEntries(from start: Int) -> [PickleValue] {
        poppedDepth = (start..<stack.count).map(depth(at:)).max() ?? 0
        defer {
            stack.removeSubrange(start...)
            depths.removeSubrange(start...)
        }
        return Array(stack[start...])
    }

    private mutating func popMark() throws(TorchImportError) -> [PickleValue] {
        guard let mark = marks.popLast() else { throw .corrupt("the pickle pops a MARK it never set") }
        return removeEntries(from: mark)
    }

    private func requireTop(_ what: String) throws(TorchImportError) {
        guard stack.count > (marks.last ?? 0) else { throw .corrupt("\(what) on an empty stack") }
    }

    private mutating func append(_ items: [PickleValue]) throws(TorchImportError) {
        guard case .list(let list)? = stack.last else { throw .corrupt("APPEND to \(stack.last?.kind ?? "nothing")") }
        let items = sealed(items)  // first, so that a list appended to itself is refused
        guard !list.sealed else { throw .refused("the pickle changes a list after using it") }
        list.depth = max(list.depth, try Self.checked(poppedDepth + 1))
        list.items.append(contentsOf: items)
    }

    /// `values`, each sealed.
    private func sealed(_ values: [PickleValue]) -> [PickleValue] {
        for value in values { value.seal() }
        return values
    }

    private mutating func setItems(_ items: [PickleValue]) throws(TorchImportError) {
        guard items.count % 2 == 0 else { throw .corrupt("SETITEMS with an odd number of values") }
        guard case .dict(let dict)? = stack.last else { throw .corrupt("SETITEMS on \(stack.last?.kind ?? "nothing")") }
        let items = sealed(items)
        guard !dict.sealed else { throw .refused("the pickle changes a dict after using it") }
        dict.depth = max(dict.depth, try Self.checked(poppedDepth + 1))
        for i in stride(from: 0, to: items.count, by: 2) { dict.set(items[i], items[i + 1]) }
    }
}
