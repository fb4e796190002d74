import SinGANTensor

/// Reverse-mode differentiation of `target` with respect to `sources`.
///
/// Only the part of the graph that lies on a path from `target` to a source is walked. With
/// `createGraph`, the returned gradients are themselves recorded variables that can be
/// differentiated again (needed by the WGAN gradient penalty); otherwise they are constants.
/// `seed` is ∂L/∂target (ones when omitted). Sources unreachable from `target` get zeros.
///
/// With `releasingGraph` (not allowed together with `createGraph`), the pass consumes the graph as
/// PyTorch's `backward()` does: each node forgets its inputs once its gradient has been passed on,
/// so activations are freed while gradients are formed and the peak memory is close to the
/// forward pass's alone. Afterwards every node of the graph is a constant.
public func gradients(
    of target: Variable, wrt sources: [Variable], seed: Variable? = nil, createGraph: Bool = false,
    releasingGraph: Bool = false
) -> [Variable] {
    precondition(!(createGraph && releasingGraph), "a released graph cannot be differentiated again")
    let sourceIDs = Set(sources.map(ObjectIdentifier.init))
    var order: [Variable?] = topologicalOrder(from: target)
    // Which nodes lead to a source (children come before parents in `order`).
    var leads = Set<ObjectIdentifier>()
    for case let node? in order {
        let id = ObjectIdentifier(node)
        if sourceIDs.contains(id) || (node.record?.inputs.contains { leads.contains(ObjectIdentifier($0)) } ?? false) {
            leads.insert(id)
        }
    }
    var grads: [ObjectIdentifier: Variable] = [:]
    let start = seed ?? Variable(Tensor(repeating: 1, shape: target.shape))
    precondition(start.shape == target.shape, "seed shape \(start.shape) vs target \(target.shape)")
    grads[ObjectIdentifier(target)] = createGraph ? start : start.detached()

    for index in order.indices.reversed() {
        guard let node = order[index] else { continue }
        let id = ObjectIdentifier(node)
        defer {
            if !sourceIDs.contains(id) { grads[id] = nil }
            if releasingGraph {
                node.releaseRecord()
                order[index] = nil
            }
        }
        guard leads.contains(id), let record = node.record, let upstream = grads[id] else { continue }
        let needed = record.inputs.map { leads.contains(ObjectIdentifier($0)) }
        guard needed.contains(true) else { continue }
        let context = BackwardContext(
            gradient: upstream,
            inputs: createGraph ? record.inputs : record.inputs.map { $0.detached() },
            output: createGraph ? node : node.detached(),
            needed: needed)
        let inputGrads = record.rule(context)
        for (input, grad) in zip(record.inputs, inputGrads) {
            guard let grad, leads.contains(ObjectIdentifier(input)) else { continue }
            precondition(grad.shape == input.shape, "gradient shape \(grad.shape) for input \(input.shape)")
            let key = ObjectIdentifier(input)
            grads[key] = grads[key].map { $0 + grad } ?? grad
        }
    }
    return sources.map { grads[ObjectIdentifier($0)] ?? Variable(Tensor.zeros($0.shape)) }
}

/// Nodes reachable from `target` through gradient-carrying edges, inputs before their users.
private func topologicalOrder(from target: Variable) -> [Variable] {
    var order: [Variable] = []
    var visited = Set<ObjectIdentifier>()
    // Iterative post-order DFS (graphs can be deep enough to overflow recursion).
    var stack: [(Variable, Int)] = [(target, 0)]
    visited.insert(ObjectIdentifier(target))
    while let (node, next) = stack.popLast() {
        let inputs = node.record?.inputs ?? []
        if next < inputs.count {
            stack.append((node, next + 1))
            let child = inputs[next]
            if child.requiresGrad, visited.insert(ObjectIdentifier(child)).inserted {
                stack.append((child, 0))
            }
        } else {
            order.append(node)
        }
    }
    return order
}
