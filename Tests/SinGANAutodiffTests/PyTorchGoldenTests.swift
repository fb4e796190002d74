import Foundation
import Testing
import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// Forward values and the second-order WGAN-GP gradient against PyTorch (float64), for the
/// closed-form network in Fixtures/gp_golden.json (made by Fixtures/make_gp_fixture.py).
@Suite struct PyTorchGoldenTests {
    struct Stored: Decodable { let shape: [Int]; let values: [Double] }
    struct Golden: Decodable {
        let parameter_order: [String]
        let a: Double
        let inputs: [String: Stored]
        let d_real_out: Stored
        let gradient_x_hat: Stored
        let gp: Double
        let gp_grad_wrt_params: [String: Stored]
        let wgan_d_loss_grad_wrt_params: [String: Stored]
        let bn_running_after_forwards: Running
        struct Running: Decodable { let running_mean: Stored; let running_var: Stored }
    }

    let golden: Golden = {
        let url = Bundle.module.url(forResource: "gp_golden", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }()

    /// The recipe's closed forms: parameter p, flat element i.
    static func parameter(_ p: Int, shape: [Int]) -> Tensor {
        let n = shape.reduce(1, *)
        let values: [Float] = (0..<n).map { i in
            let t = 0.37 * Double(i) + 1.3 * Double(p) + 0.5
            switch p {
            case 2: return Float(1 + 0.05 * sin(t))
            case 3: return Float(0.05 * cos(t))
            default: return Float(0.1 * sin(t))
            }
        }
        return Tensor(shape: shape, scalars: values)
    }

    static func tensor(_ stored: Stored) -> Tensor {
        Tensor(shape: stored.shape, scalars: stored.values.map { Float($0) })
    }

    /// Largest difference relative to the largest reference magnitude (at least 1e-2, so
    /// gradients that are zero up to round-off, like a bias before BatchNorm, compare absolutely).
    static func relativeError(_ ours: Tensor, _ reference: Stored) -> Double {
        let scale = reference.values.map(abs).max() ?? 1
        return zip(ours.scalars, reference.values).map { abs(Double($0) - $1) }.max()! / max(scale, 1e-2)
    }

    func makeCritic() -> TinyCritic {
        let critic = TinyCritic(seed: 0)
        for (p, parameter) in critic.parameters.enumerated() {
            parameter.value = Self.parameter(p, shape: parameter.value.shape)
        }
        return critic
    }

    @Test func parameterOrderMatchesRecipe() {
        #expect(makeCritic().parameters.map(\.name) == golden.parameter_order)
    }

    @Test func forwardAndInputGradientMatch() {
        let critic = makeCritic()
        let real = Self.tensor(golden.inputs["real"]!)
        #expect(Self.relativeError(critic(Variable(real)).value, golden.d_real_out) < 1e-5)
        let point = Variable(Self.tensor(golden.inputs["x_hat"]!), requiresGrad: true)
        let slope = gradients(of: critic(point), wrt: [point])[0].value
        #expect(Self.relativeError(slope, golden.gradient_x_hat) < 1e-5)
    }

    @Test func gradientPenaltyAndItsWeightGradientMatch() {
        let critic = makeCritic()
        let penalty = critic.gradientPenalty(at: Self.tensor(golden.inputs["x_hat"]!), createGraph: true)
        #expect(abs(Double(penalty.value.scalar) - golden.gp) < 1e-5 * golden.gp)
        let grads = gradients(of: penalty, wrt: critic.parameters.map(\.variable))
        for (parameter, grad) in zip(critic.parameters, grads) {
            let reference = golden.gp_grad_wrt_params[parameter.name]!
            if reference.values.allSatisfy({ $0 == 0 }) {
                #expect(grad.value.scalars.allSatisfy { abs($0) < 1e-6 }, "\(parameter.name)")
            } else {
                #expect(Self.relativeError(grad.value, reference) < 1e-4, "\(parameter.name)")
            }
        }
    }

    @Test func fullDiscriminatorLossGradientAndRunningStatisticsMatch() {
        let real = Variable(Self.tensor(golden.inputs["real"]!))
        let fake = Variable(Self.tensor(golden.inputs["fake"]!))
        // PyTorch's order of forwards: real, fake, then x̂ (the running statistics depend on it).
        let critic2 = makeCritic()
        let loss2 = -critic2(real).mean() + critic2(fake).mean()
        let penalty2 = critic2.gradientPenalty(at: Self.tensor(golden.inputs["x_hat"]!), createGraph: true)
        let grads = gradients(of: loss2 + penalty2, wrt: critic2.parameters.map(\.variable))
        for (parameter, grad) in zip(critic2.parameters, grads) {
            #expect(Self.relativeError(grad.value, golden.wgan_d_loss_grad_wrt_params[parameter.name]!) < 1e-4, "\(parameter.name)")
        }
        #expect(Self.relativeError(critic2.norm.runningMean, golden.bn_running_after_forwards.running_mean) < 1e-5)
        #expect(Self.relativeError(critic2.norm.runningVariance, golden.bn_running_after_forwards.running_var) < 1e-5)
    }
}
