/// A strict interpreter for the pickles PyTorch writes (protocols 2–5): it understands only the
/// opcodes these files use and can only create the values of `PickleValue`. It never imports or
/// calls anything: `GLOBAL` must name a `TorchGlobal`, `REDUCE` and `NEWOBJ` only build the few
/// objects those stand for, and every length is checked against the bytes that are left.
///
/// A list, dict or object is sealed as soon as it is placed inside another value (a tuple, a
/// container, a call's arguments, an object's state), and a sealed one may not change: PyTorch fills
/// every container before using it, and the rule makes reference cycles (which would never be
/// freed) impossible.
struct PickleMachine {
    /// Turns a `BINPERSID` id (a tuple naming a storage, or in the legacy format also a module
    /// class) into its value.
    typealias PersistentLoad = (PickleValue) throws(TorchImportError) -> PickleValue

    private var reader: ByteReader
    private var stack: [PickleValue] = []
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
        case 0x5D: stack.append(.list(PickleList()))  // EMPTY_LIST
        case 0x7D: stack.append(.dict(PickleDict()))  // EMPTY_DICT
        case 0x29: stack.append(.tuple([]))  // EMPTY_TUPLE
        case 0x8F: stack.append(.tuple([]))  // EMPTY_SET (a set's items are never used)
        case 0x28: marks.append(stack.count)  // MARK
        case 0x71: try put(Int(try reader.unsigned(1, "BINPUT")))
        case 0x72: try put(Int(try reader.unsigned(4, "LONG_BINPUT")))
        case 0x94: try put(memo.count)  // MEMOIZE
        case 0x68: try get(Int(try reader.unsigned(1, "BINGET")))
        case 0x6A: try get(Int(try reader.unsigned(4, "LONG_BINGET")))
        case 0x4B: stack.append(.int(Int64(try reader.unsigned(1, "BININT1"))))
        case 0x4D: stack.append(.int(Int64(try reader.unsigned(2, "BININT2"))))
        case 0x4A: stack.append(.int(Int64(Int32(truncatingIfNeeded: try reader.unsigned(4, "BININT")))))
        case 0x8A: try long1()
        case 0x47:  // BINFLOAT, big-endian
            let bits = try reader.unsigned(8, "BINFLOAT")
            stack.append(.float(Double(bitPattern: bits.byteSwapped)))
        case 0x58: try string(lengthSize: 4)  // BINUNICODE
        case 0x8C: try string(lengthSize: 1)  // SHORT_BINUNICODE
        case 0x4E: stack.append(.none)
        case 0x88: stack.append(.bool(true))
        case 0x89: stack.append(.bool(false))
        case 0x74: stack.append(.tuple(sealed(try popMark())))  // TUPLE
        case 0x85: stack.append(.tuple(sealed(try pop(1))))
        case 0x86: stack.append(.tuple(sealed(try pop(2))))
        case 0x87: stack.append(.tuple(sealed(try pop(3))))
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
            stack.append(try TorchConstructors.call(pair[0], arguments: args))
        case 0x81:  // NEWOBJ
            let pair = try pop(2)
            guard case .global(let type) = pair[0], type.isModuleClass else {
                throw .refused("the pickle creates an object of \(pair[0].kind)")
            }
            guard case .tuple(let args) = pair[1], args.isEmpty else { throw .refused("\(type.rawValue) is created with arguments") }
            stack.append(.object(PickleObject(type: type)))
        case 0x62:  // BUILD
            let state = try pop(1)[0]
            guard case .object(let object)? = stack.last, case .dict(let dict) = state, object.state == nil, !object.sealed else {
                throw .refused("the pickle sets the state of \(stack.last?.kind ?? "nothing")")
            }
            state.seal()
            object.state = dict
        case 0x51:  // BINPERSID
            stack.append(try persistentLoad(try pop(1)[0]))
        default:
            throw .refused(String(format: "pickle opcode 0x%02X", opcode))
        }
    }

    private mutating func put(_ index: Int) throws(TorchImportError) {
        guard let top = stack.last else { throw .corrupt("memo store on an empty stack") }
        memo[index] = top
    }

    private mutating func get(_ index: Int) throws(TorchImportError) {
        guard let value = memo[index] else { throw .corrupt("memo entry \(index) is read before it is written") }
        stack.append(value)
    }

    private mutating func long1() throws(TorchImportError) {
        let count = Int(try reader.byte("LONG1"))
        let range = try reader.take(count, "LONG1")
        let bytes = Array(reader.bytes[range])
        if count <= 8 {
            var value: UInt64 = 0
            for (i, b) in bytes.enumerated() { value |= UInt64(b) << (8 * UInt64(i)) }
            if count < 8, count > 0, bytes[count - 1] & 0x80 != 0 { value |= ~0 << (8 * UInt64(count)) }  // sign-extend
            stack.append(.int(Int64(bitPattern: value)))
        } else {
            stack.append(.wideInt(bytes))
        }
    }

    private mutating func string(lengthSize: Int) throws(TorchImportError) {
        let length = try reader.unsigned(lengthSize, "a string's length")
        guard length <= UInt64(reader.remaining) else { throw .truncated("a string of \(length) bytes") }
        let range = try reader.take(Int(length), "a string")
        guard let text = String(validating: reader.bytes[range], as: UTF8.self) else { throw .corrupt("a string is not UTF-8") }
        stack.append(.string(text))
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
        stack.append(.global(global))
    }

    private mutating func pop(_ count: Int) throws(TorchImportError) -> [PickleValue] {
        guard stack.count - (marks.last ?? 0) >= count else { throw .corrupt("the pickle's stack runs empty") }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    private mutating func popMark() throws(TorchImportError) -> [PickleValue] {
        guard let mark = marks.popLast() else { throw .corrupt("the pickle pops a MARK it never set") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    private func requireTop(_ what: String) throws(TorchImportError) {
        guard stack.count > (marks.last ?? 0) else { throw .corrupt("\(what) on an empty stack") }
    }

    private mutating func append(_ items: [PickleValue]) throws(TorchImportError) {
        guard case .list(let list)? = stack.last else { throw .corrupt("APPEND to \(stack.last?.kind ?? "nothing")") }
        let items = sealed(items)  // first, so that a list appended to itself is refused
        guard !list.sealed else { throw .refused("the pickle changes a list after using it") }
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
        for i in stride(from: 0, to: items.count, by: 2) { dict.set(items[i], items[i + 1]) }
    }
}
