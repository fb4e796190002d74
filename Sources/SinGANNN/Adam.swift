import Foundation
import SinGANTensor

/// Adam with PyTorch's update rule (single-tensor CPU path), for a fixed list of parameters.
///
/// m ← m + (1−β₁)(g − m); v ← β₂v + (1−β₂)g²; p ← p − (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε),
/// with the bias corrections computed in Double as Python does.
public final class Adam {
    public let parameters: [Parameter]
    /// Current learning rate (schedules change it between steps).
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    /// Steps taken so far.
    public private(set) var step = 0
    /// First-moment estimates, one per parameter.
    public private(set) var firstMoments: [Tensor]
    /// Second-moment estimates, one per parameter.
    public private(set) var secondMoments: [Tensor]

    public init(_ parameters: [Parameter], learningRate: Float, beta1: Float = 0.5, beta2: Float = 0.999,
                epsilon: Float = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = parameters.map { Tensor.zeros($0.value.shape) }
        secondMoments = firstMoments
    }

    /// Restores saved optimiser state (from a checkpoint); shapes must match the parameters.
    public func restore(step: Int, firstMoments: [Tensor], secondMoments: [Tensor]) {
        precondition(firstMoments.map(\.shape) == parameters.map(\.value.shape)
                     && secondMoments.map(\.shape) == parameters.map(\.value.shape), "Adam state shapes")
        self.step = step
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }

    /// Applies one update with `gradients` (same order and shapes as `parameters`).
    public func update(_ gradients: [Tensor]) {
        precondition(gradients.count == parameters.count, "one gradient per parameter")
        step += 1
        let correction1 = 1 - Foundation.pow(Double(beta1), Double(step))
        let correction2 = 1 - Foundation.pow(Double(beta2), Double(step))
        let stepSize = Float(Double(learningRate) / correction1)
        let correction2Root = Float(correction2.squareRoot())
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        for i in parameters.indices {
            let g = gradients[i]
            precondition(g.shape == parameters[i].value.shape, "\(parameters[i].name): gradient shape")
            var m = firstMoments[i], v = secondMoments[i], p = parameters[i].value
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    p.withUnsafeMutableBufferPointer { p in
                        g.withUnsafeBufferPointer { g in
                            for j in 0..<g.count {
                                m[j] += (g[j] - m[j]) * (1 - b1)
                                v[j] = v[j] * b2 + g[j] * g[j] * (1 - b2)
                                let denominator = v[j].squareRoot() / correction2Root + eps
                                p[j] += -stepSize * (m[j] / denominator)
                            }
                        }
                    }
                }
            }
            firstMoments[i] = m
            secondMoments[i] = v
            parameters[i].value = p
        }
    }
}

