import Testing
import SinGANAutodiff
import SinGANTensor

/// The fused primitives (conv + bias, batch norm, channel affine, leaky ReLU's gate): first order
/// against finite differences, second order (a gradient built with `createGraph` differentiated
/// again) against finite differences of that gradient, and values against the composite
/// formulations they replace.
@Suite struct FusedPrimitiveTests {
    static func random(_ shape: [Int], seed: UInt64, scale: Float = 1, offset: Float = 0) -> Tensor {
        var r = RandomSource(seed: seed)
        return r.normal(shape) * scale + offset
    }
    let tolerance = 2e-3
    let x = random([1, 3, 6, 7], seed: 21, scale: 2, offset: 0.7)
    let weight = random([3], seed: 22, scale: 0.3, offset: 1)
    let bias = random([3], seed: 23)

    /// `inputs` as they are when they are graph leaves (the analytic pass), else as fresh leaves,
    /// so that gradients taken inside a checked function are real in the finite-difference passes.
    static func leaves(_ inputs: [Variable]) -> [Variable] {
        inputs.map { $0.requiresGrad ? $0 : Variable($0.value, requiresGrad: true) }
    }

    /// Composite batch norm (the implementation the fused primitive replaced).
    static func compositeBatchNorm(_ x: Variable, _ w: Variable, _ b: Variable) -> Variable {
        let channels = x.shape[1], statShape = [1, channels, 1, 1]
        let centered = x - x.mean(axes: [0, 2, 3])
        let normalized = centered / (centered.squared().mean(axes: [0, 2, 3]) + 1e-5).sqrt()
        return normalized * w.reshaped(statShape) + b.reshaped(statShape)
    }

    static func fusedBatchNorm(_ x: Variable, _ w: Variable, _ b: Variable) -> Variable {
        x.batchNormTraining(weight: w, bias: b, epsilon: 1e-5).output
    }

    @Test func batchNormFirstOrder() {
        #expect(GradientCheck.worstError(inputs: [x, weight, bias]) { Self.fusedBatchNorm($0[0], $0[1], $0[2]) } < tolerance)
        let fused = Self.fusedBatchNorm(Variable(x), Variable(weight), Variable(bias)).value
        let composite = Self.compositeBatchNorm(Variable(x), Variable(weight), Variable(bias)).value
        #expect(fused.maxAbsDifference(composite) < 1e-5)
    }

    @Test func batchNormStatistics() {
        let result = Variable(x).batchNormTraining(weight: Variable(weight), bias: Variable(bias), epsilon: 1e-5)
        let mean = x.mean(axes: [0, 2, 3])
        let variance = (x - mean).pow(2).mean(axes: [0, 2, 3])
        #expect(result.mean.maxAbsDifference(mean.reshaped([3])) < 1e-6)
        #expect(result.variance.maxAbsDifference(variance.reshaped([3])) < 1e-5)
    }

    /// ∂/∂(x, w, b) of Σ (∂⟨BN(x), probe⟩/∂x)²·r: second order through the rule's graph form.
    static func secondOrderLoss(_ bn: @escaping (Variable, Variable, Variable) -> Variable) -> ([Variable]) -> Variable {
        { inputs in
            let v = leaves(inputs)
            let probe = Variable(random(v[0].shape, seed: 31))
            let grads = gradients(of: (bn(v[0], v[1], v[2]) * probe).sum(), wrt: [v[0], v[1]], createGraph: true)
            return (grads[0] * grads[0]).sum(axes: [1]) + grads[1].sum().reshaped([1, 1, 1, 1])
        }
    }

    @Test func batchNormSecondOrder() {
        let fused = Self.secondOrderLoss(Self.fusedBatchNorm), composite = Self.secondOrderLoss(Self.compositeBatchNorm)
        #expect(GradientCheck.worstError(inputs: [x, weight, bias], fused) < tolerance)
        // Same gradients as the composite formulation.
        let leaves = [x, weight, bias].map { Variable($0, requiresGrad: true) }
        let a = gradients(of: fused(leaves).sum(), wrt: leaves).map(\.value)
        let b = gradients(of: composite(leaves).sum(), wrt: leaves).map(\.value)
        for (p, q) in zip(a, b) {
            let scale = q.scalars.map(abs).max() ?? 1
            #expect(p.maxAbsDifference(q) <= 1e-4 * max(scale, 1e-2))
        }
    }

    /// Batch norm with the leaky ReLU fused in: the same values, gradients and second-order
    /// gradients as the two primitives in sequence, bit for bit.
    @Test func batchNormLeakyReLUEqualsSequence() {
        let fused = { (x: Variable, w: Variable, b: Variable) in
            x.batchNormLeakyReLU(weight: w, bias: b, epsilon: 1e-5, slope: 0.2).output
        }
        let sequence = { (x: Variable, w: Variable, b: Variable) in
            x.batchNormTraining(weight: w, bias: b, epsilon: 1e-5).output.leakyReLU(slope: 0.2)
        }
        let leaves = [x, weight, bias].map { Variable($0, requiresGrad: true) }
        let probe = Variable(Self.random(x.shape, seed: 32))
        #expect(fused(leaves[0], leaves[1], leaves[2]).value.scalars == sequence(leaves[0], leaves[1], leaves[2]).value.scalars)
        let first = { (f: (Variable, Variable, Variable) -> Variable) in
            gradients(of: (f(leaves[0], leaves[1], leaves[2]) * probe).sum(), wrt: leaves).map(\.value.scalars)
        }
        #expect(first(fused) == first(sequence))
        let second = { (f: @escaping (Variable, Variable, Variable) -> Variable) in
            gradients(of: Self.secondOrderLoss(f)(leaves).sum(), wrt: leaves).map(\.value.scalars)
        }
        #expect(second(fused) == second(sequence))
        #expect(GradientCheck.worstError(inputs: [x, weight, bias]) { fused($0[0], $0[1], $0[2]) } < tolerance)
    }

    /// The gradient penalty's case: a gradient wrt the input only, built with `createGraph` and
    /// differentiated again, runs through the fused double-backward kernel. Against finite
    /// differences and the step-by-step form, for plain batch norm and with the leaky ReLU, and
    /// once more differentiated (a third derivative, through the step-by-step graph).
    @Test func batchNormInputGradientSecondOrder() {
        let forms: [(Variable, Variable, Variable) -> Variable] = [
            { x, w, b in x.batchNormTraining(weight: w, bias: b, epsilon: 1e-5).output },
            { x, w, b in x.batchNormLeakyReLU(weight: w, bias: b, epsilon: 1e-5, slope: 0.2).output },
        ]
        let x = self.x.map { $0 >= 0.7 ? $0 + 0.1 : $0 - 0.1 }   // away from the leaky ReLU's kink
        let probe = Variable(Self.random(x.shape, seed: 33)), weighting = Variable(Self.random(x.shape, seed: 34))
        for bn in forms + [Self.compositeBatchNorm] {
            let loss = { (inputs: [Variable]) -> Variable in
                let v = Self.leaves(inputs)
                let slope = gradients(of: (bn(v[0], v[1], v[2]) * probe).sum(), wrt: [v[0]], createGraph: true)[0]
                return (slope * slope * weighting).sum(axes: [1])
            }
            #expect(GradientCheck.worstError(inputs: [x, weight, bias], step: 1e-3, loss) < tolerance)
        }
        let leaves = [x, weight, bias].map { Variable($0, requiresGrad: true) }
        func secondOrder(_ bn: (Variable, Variable, Variable) -> Variable, createGraph: Bool) -> [Variable] {
            let slope = gradients(of: (bn(leaves[0], leaves[1], leaves[2]) * probe).sum(), wrt: [leaves[0]], createGraph: true)[0]
            return gradients(of: (slope * slope * weighting).sum(), wrt: leaves, createGraph: createGraph)
        }
        for (fused, composite) in zip(secondOrder(forms[0], createGraph: false), secondOrder(Self.compositeBatchNorm, createGraph: false)) {
            #expect(fused.value.maxAbsDifference(composite.value) <= 1e-4 * max(composite.value.scalars.map(abs).max()!, 1e-2))
        }
        let third = { (bn: (Variable, Variable, Variable) -> Variable) in
            gradients(of: (secondOrder(bn, createGraph: true)[1] * Variable(Self.random([3], seed: 35))).sum(), wrt: leaves)
        }
        for (fused, composite) in zip(third(forms[0]), third(Self.compositeBatchNorm)) {
            #expect(fused.value.maxAbsDifference(composite.value) <= 1e-3 * max(composite.value.scalars.map(abs).max()!, 1e-2))
        }
    }

    @Test func convolutionWithBias() {
        let input = Self.random([1, 3, 8, 9], seed: 24), w = Self.random([4, 3, 3, 3], seed: 25)
        let b = Self.random([4], seed: 26)
        #expect(GradientCheck.worstError(inputs: [input, w, b]) { conv2d($0[0], $0[1], bias: $0[2]) } < tolerance)
        let fused = conv2d(Variable(input), Variable(w), bias: Variable(b)).value
        let composite = (conv2d(Variable(input), Variable(w)) + Variable(b.reshaped([1, 4, 1, 1]))).value
        #expect(fused.maxAbsDifference(composite) < 1e-5)
        // Second order: the input gradient as a function of the weights.
        #expect(GradientCheck.worstError(inputs: [input, w, b]) { inputs in
            let v = Self.leaves(inputs)
            let probe = Variable(Self.random([1, 4, 6, 7], seed: 27))
            let g = gradients(of: (conv2d(v[0], v[1], bias: v[2]) * probe).sum(), wrt: [v[0], v[2]], createGraph: true)
            return g[0] * g[0] + g[1].sum().reshaped([1, 1, 1, 1])
        } < tolerance)
    }

    @Test func channelAffine() {
        #expect(GradientCheck.worstError(inputs: [x, weight, bias]) { $0[0].channelAffine(scale: $0[1], shift: $0[2]) } < tolerance)
        let composite = Variable(x) * Variable(weight.reshaped([1, 3, 1, 1])) + Variable(bias.reshaped([1, 3, 1, 1]))
        #expect(Variable(x).channelAffine(scale: Variable(weight), shift: Variable(bias)).value
            .maxAbsDifference(composite.value) < 1e-5)
        #expect(GradientCheck.worstError(inputs: [x, weight, bias]) { inputs in
            let v = Self.leaves(inputs)
            let probe = Variable(Self.random(x.shape, seed: 28))
            let g = gradients(of: (v[0].channelAffine(scale: v[1], shift: v[2]) * probe).sum(), wrt: [v[0], v[1]],
                              createGraph: true)
            return g[0] * g[0] + g[1].sum().reshaped([1, 1, 1, 1])
        } < tolerance)
    }

    @Test func leakyReLUSecondOrder() {
        let awayFromZero = x.map { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 }
        #expect(GradientCheck.worstError(inputs: [awayFromZero, weight], step: 1e-3) { inputs in
            let v = Self.leaves(inputs)
            let probe = Variable(Self.random(x.shape, seed: 29))
            let y = v[0].channelAffine(scale: v[1], shift: Variable(Tensor.zeros([3]))).leakyReLU(slope: 0.2)
            let g = gradients(of: (y * probe).sum(), wrt: [v[0]], createGraph: true)[0]
            return g * g
        } < tolerance)
    }
}
