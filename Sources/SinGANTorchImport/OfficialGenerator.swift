import SinGANModel
import SinGANTensor

/// Turns one pickled `GeneratorConcatSkip2CleanAdd` (head ConvBlock, body of three ConvBlocks,
/// tail Conv2d + Tanh) into the project's `Generator`, checking every module's class, every
/// hyper-parameter that changes the computation (3×3 kernels, stride 1, no padding, LeakyReLU 0.2,
/// BatchNorm ε 1e-5) and every tensor's shape.
enum OfficialGenerator {
    static func generator(from value: PickleValue, scale: Int) throws(TorchImportError) -> Generator {
        let root = try module(value, .generator, "Gs[\(scale)]")
        let head = try module(try child(root, "head"), .convBlock, "head")
        let body = try module(try child(root, "body"), .sequential, "body")
        let tail = try module(try child(root, "tail"), .sequential, "tail")
        let bodyBlocks = try modules(of: body)
        guard bodyBlocks.map(\.name) == ["block1", "block2", "block3"] else {
            throw .unexpectedContent("Gs[\(scale)].body has \(bodyBlocks.map(\.name)), expected block1–block3 (num_layer 5)")
        }
        let tailParts = try modules(of: tail)
        guard tailParts.count == 2 else { throw .unexpectedContent("Gs[\(scale)].tail has \(tailParts.count) modules") }
        _ = try module(tailParts[1].value, .tanh, "tail.1")
        let width = try conv(try child(head, "conv"), "head.conv").weight.shape[0]
        var unused = RandomSource(seed: 0)
        let generator = Generator(width: width, random: &unused)
        var blocks: [(name: String, value: PickleValue)] = [("head", try child(root, "head"))]
        for (i, b) in bodyBlocks.enumerated() { blocks.append(("body.\(i + 1)", b.value)) }
        var parameters: [String: Tensor] = [:]
        var buffers: [String: Tensor] = [:]
        for (name, value) in blocks {
            let block = try module(value, .convBlock, name)
            let c = try conv(try child(block, "conv"), name + ".conv")
            parameters[name + ".conv.weight"] = c.weight
            parameters[name + ".conv.bias"] = c.bias
            let norm = try batchNorm(try child(block, "norm"), name + ".norm")
            parameters[name + ".norm.weight"] = norm.weight
            parameters[name + ".norm.bias"] = norm.bias
            buffers[name + ".norm.running_mean"] = norm.mean
            buffers[name + ".norm.running_var"] = norm.variance
            let relu = try module(try child(block, "LeakyRelu"), .leakyReLU, name + ".LeakyRelu")
            guard case .float(let slope)? = relu["negative_slope"], slope == 0.2 as Double else {
                throw .unexpectedContent("\(name) uses a LeakyReLU slope other than 0.2")
            }
        }
        let t = try conv(tailParts[0].value, "tail.0")
        parameters["tail.weight"] = t.weight
        parameters["tail.bias"] = t.bias
        for parameter in generator.parameters {
            guard let value = parameters[parameter.name], value.shape == parameter.value.shape else {
                throw .unexpectedContent("Gs[\(scale)] \(parameter.name) has shape \(parameters[parameter.name]?.shape ?? []), expected \(parameter.value.shape) (all layers \(width) channels wide)")
            }
            parameter.value = value
        }
        var current = generator.buffers
        for (name, expected) in current {
            guard let value = buffers[name], value.shape == expected.shape else { throw .unexpectedContent("Gs[\(scale)] \(name) has the wrong shape") }
            current[name] = value
        }
        generator.buffers = current
        generator.isTraining = false
        return generator
    }

    // MARK: - Modules

    private static func module(_ value: PickleValue, _ type: TorchGlobal, _ path: String) throws(TorchImportError) -> PickleDict {
        guard case .object(let object) = value, object.type == type, let state = object.state else {
            throw .unexpectedContent("\(path) is a \(value.kind), expected \(type.rawValue)")
        }
        return state
    }

    private static func child(_ module: PickleDict, _ name: String) throws(TorchImportError) -> PickleValue {
        guard case .dict(let children)? = module["_modules"], let value = children[name] else {
            throw .unexpectedContent("a module has no '\(name)'")
        }
        return value
    }

    private static func modules(of module: PickleDict) throws(TorchImportError) -> [(name: String, value: PickleValue)] {
        guard case .dict(let children)? = module["_modules"] else { throw .unexpectedContent("a Sequential has no modules") }
        var result: [(String, PickleValue)] = []
        for (key, value) in children.entries {
            guard case .string(let name) = key else { throw .unexpectedContent("a module name is not a string") }
            result.append((name, value))
        }
        return result
    }

    private static func tensors(_ module: PickleDict, _ member: String, _ names: [String], _ path: String) throws(TorchImportError) -> [Tensor] {
        guard case .dict(let dict)? = module[member] else { throw .unexpectedContent("\(path) has no \(member)") }
        var result: [Tensor] = []
        for name in names {
            guard case .tensor(let t)? = dict[name] else { throw .unexpectedContent("\(path) has no \(name)") }
            let scalars = t.scalars()
            guard scalars.allSatisfy(\.isFinite) else { throw .unexpectedContent("\(path).\(name) holds non-finite values") }
            result.append(Tensor(shape: t.shape, scalars: scalars))
        }
        return result
    }

    private static func conv(_ value: PickleValue, _ path: String) throws(TorchImportError) -> (weight: Tensor, bias: Tensor) {
        let state = try module(value, .conv2d, path)
        for (key, expected) in [("kernel_size", 3), ("stride", 1), ("padding", 0), ("dilation", 1)] {
            guard case .tuple(let pair)? = state[key], pair.count == 2,
                  pair.allSatisfy({ if case .int(Int64(expected)) = $0 { true } else { false } }) else {
                throw .unexpectedContent("\(path) has a \(key) other than \(expected)")
            }
        }
        guard case .int(1)? = state["groups"] else { throw .unexpectedContent("\(path) uses groups") }
        let t = try tensors(state, "_parameters", ["weight", "bias"], path)
        guard t[0].rank == 4, t[0].shape[2] == 3, t[0].shape[3] == 3, t[1].shape == [t[0].shape[0]] else {
            throw .unexpectedContent("\(path) has weights of shape \(t[0].shape)")
        }
        return (t[0], t[1])
    }

    private static func batchNorm(_ value: PickleValue, _ path: String) throws(TorchImportError)
        -> (weight: Tensor, bias: Tensor, mean: Tensor, variance: Tensor) {
        let state = try module(value, .batchNorm2d, path)
        guard case .float(let eps)? = state["eps"], eps == 1e-5 else { throw .unexpectedContent("\(path) uses an epsilon other than 1e-5") }
        guard case .bool(true)? = state["track_running_stats"] else { throw .unexpectedContent("\(path) keeps no running statistics") }
        let p = try tensors(state, "_parameters", ["weight", "bias"], path)
        let b = try tensors(state, "_buffers", ["running_mean", "running_var"], path)
        return (p[0], p[1], b[0], b[1])
    }
}
