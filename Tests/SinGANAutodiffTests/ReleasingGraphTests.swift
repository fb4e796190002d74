import Testing
import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// `gradients(…, releasingGraph: true)`: same numbers as a normal pass, and the activations are
/// gone when it returns (that is what keeps training's peak memory at the forward pass's).
@Suite struct ReleasingGraphTests {
    @Test func penaltyGradientsAreIdenticalAndTheGraphIsFreed() {
        let critic = TinyCritic(seed: 3)
        var random = RandomSource(seed: 4)
        let point = random.normal([1, 3, 12, 11])
        let parameters = critic.parameters.map(\.variable)

        let kept = gradients(of: critic.gradientPenalty(at: point, createGraph: true), wrt: parameters).map(\.value)

        weak var activation: Variable?
        let x = Variable(point, requiresGrad: true)
        let hidden: () -> Variable = {
            let made = critic.conv1(x)
            activation = made
            return made
        }
        let slope = gradients(of: critic.conv2(critic.norm(hidden()).leakyReLU(slope: 0.2)), wrt: [x], createGraph: true)[0]
        let penalty = (slope.squared().sum(axes: [1]).sqrt() - 1).squared().mean() * 0.1
        #expect(activation != nil)
        let released = gradients(of: penalty, wrt: parameters, releasingGraph: true).map(\.value)
        // The loss is still referenced, yet its graph no longer holds the activation.
        withExtendedLifetime(penalty) { #expect(activation == nil) }
        for (a, b) in zip(kept, released) { #expect(a.scalars == b.scalars) }
    }

    @Test func parametersSurviveAReleasingPass() {
        let critic = TinyCritic(seed: 8)
        var random = RandomSource(seed: 2)
        let x = Variable(random.normal([1, 3, 7, 7]))
        let parameters = critic.parameters.map(\.variable)
        let first = gradients(of: critic(x).mean(), wrt: parameters, releasingGraph: true).map(\.value)
        let second = gradients(of: critic(x).mean(), wrt: parameters, releasingGraph: true).map(\.value)
        for (a, b) in zip(first, second) { #expect(a.scalars == b.scalars) }
        #expect(first.contains { $0.scalars.contains { $0 != 0 } })
    }
}
