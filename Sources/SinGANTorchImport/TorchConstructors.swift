/// What `REDUCE` may call: the constructors of the allowed globals, each checking its arguments.
/// Everything else — a module class, a storage class, any value that is not a callable global —
/// is refused.
enum TorchConstructors {
    /// The largest rank a tensor may have.
    static let maximumRank = 8

    static func call(_ callable: PickleValue, arguments args: [PickleValue]) throws(TorchImportError) -> PickleValue {
        guard case .global(let function) = callable else { throw .refused("the pickle calls a \(callable.kind)") }
        switch function {
        case .orderedDict:
            guard args.isEmpty else { throw .refused("OrderedDict is built from arguments") }
            return .dict(PickleDict())
        case .set:
            guard args.count <= 1 else { throw .corrupt("set() with \(args.count) arguments") }
            return .tuple([])
        case .rebuildTensor:
            return .tensor(try tensor(args))
        case .rebuildParameter:
            guard args.count == 3, case .tensor(let t) = args[0] else { throw .corrupt("_rebuild_parameter needs a tensor") }
            return .tensor(t)
        default:
            throw .refused("the pickle calls \(function.rawValue)")
        }
    }

    /// `_rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])`, checked
    /// to lie inside its storage.
    static func tensor(_ args: [PickleValue]) throws(TorchImportError) -> TorchTensor {
        guard (6...7).contains(args.count), case .storage(let storage) = args[0], case .int(let offset) = args[1],
              case .tuple(let sizeValues) = args[2], case .tuple(let strideValues) = args[3] else {
            throw .corrupt("_rebuild_tensor_v2 has unexpected arguments")
        }
        let shape = try integers(sizeValues), strides = try integers(strideValues)
        guard shape.count == strides.count, shape.count <= maximumRank else { throw .corrupt("a tensor's size and stride disagree") }
        guard offset >= 0, offset <= Int64(storage.count) else { throw .corrupt("a tensor starts outside its storage") }
        var count = 1, last = Int(offset)
        for (extent, stride) in zip(shape, strides) {
            guard extent >= 0, stride >= 0 else { throw .corrupt("a tensor has a negative size or stride") }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= storage.count || extent <= 1 else { throw .corrupt("a tensor is larger than its storage") }
            count = product
            if extent > 0 {
                let (reach, o1) = (extent - 1).multipliedReportingOverflow(by: stride)
                let (sum, o2) = last.addingReportingOverflow(reach)
                guard !o1, !o2 else { throw .corrupt("a tensor reaches outside its storage") }
                last = sum
            }
        }
        guard count == 0 || last < storage.count else { throw .corrupt("a tensor reaches outside its storage") }
        return TorchTensor(storage: storage, offset: Int(offset), shape: shape, strides: strides)
    }

    private static func integers(_ values: [PickleValue]) throws(TorchImportError) -> [Int] {
        var result: [Int] = []
        for value in values {
            guard case .int(let n) = value, n >= Int64(Int32.min), n <= Int64(Int32.max) else {
                throw .corrupt("a tensor size or stride is not a small integer")
            }
            result.append(Int(n))
        }
        return result
    }
}
