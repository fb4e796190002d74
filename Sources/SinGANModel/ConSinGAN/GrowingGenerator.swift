import SinGANAutodiff
import SinGANNN
import SinGANTensor

/// ConSinGAN's single growing generator (`GrowingGenerator`, tohinz/ConSinGAN `models.py`, generation
/// mode): a head `ConvBlock(3→w)`, one body of `layers` blocks per stage (a new stage starts as a
/// copy of the previous body) and a tail `Conv(w→3)` + tanh, all 3×3 without padding; the blocks
/// have BatchNorm when the model is trained with `--batch_norm`.
///
/// Forward, with `pad₁` zero padding by 1 and `up` bicubic align-corners interpolation:
/// ```
/// x   = body₀(pad_{layers−1}(up(head(pad₁(input₀)), +2 px)))
/// x   = bodyₖ(up(x, sizeₖ + 2·layers) + inputₖ·σₖ) + up(x, sizeₖ)      for k = 1, 2, …
/// out = tanh(tail(pad₁(x)))
/// ```
/// `input₀` is `[1, 3, H₀, W₀]` (noise, or the coarsest real image for reconstruction); `inputₖ` is
/// `[1, w, Hₖ + 2·layers, Wₖ + 2·layers]` noise.
public final class GrowingGenerator: Layer {
    /// Hidden channels.
    public let width: Int
    /// Blocks per stage body.
    public let layersPerStage: Int
    public let head: PlainConvBlock
    /// One body per stage, coarsest first.
    public private(set) var bodies: [[PlainConvBlock]]
    public let tail: Conv2d
    private let inference = GrowingInferenceCache()

    /// A one-stage generator with fresh weights (`batchNorm`: BatchNorm in every block).
    public init(width: Int, layersPerStage: Int, slope: Float, batchNorm: Bool = false, random: inout RandomSource) {
        self.width = width
        self.layersPerStage = layersPerStage
        head = PlainConvBlock("head", inChannels: 3, outChannels: width, slope: slope, batchNorm: batchNorm, random: &random)
        bodies = [(0..<layersPerStage).map {
            PlainConvBlock("body.0.block\($0)", inChannels: width, outChannels: width, slope: slope, batchNorm: batchNorm,
                           random: &random)
        }]
        tail = Conv2d("tail.0", inChannels: width, outChannels: 3, random: &random)
    }

    /// Adds a stage whose body starts as a copy of the last one (`init_next_stage`).
    public func addStage() {
        let k = bodies.count
        bodies.append(bodies[k - 1].enumerated().map { PlainConvBlock(copying: $1, as: "body.\(k).block\($0)") })
    }

    /// Number of stages (bodies).
    public var stageCount: Int { bodies.count }

    /// Head, bodies in order, tail: the order checkpoints and optimisers use.
    public var parameters: [Parameter] { head.parameters + bodies.flatMap { $0.flatMap(\.parameters) } + tail.parameters }
    public var buffers: [String: Tensor] { get { [:] } set {} }

    /// Padding of a stage input above stage 0 on each side: `layersPerStage`.
    public var stagePadding: Int { layersPerStage }

    /// The forward pass with a graph. `leaf` gives each parameter's graph leaf (a constant for
    /// frozen stages, so no gradient is computed for them).
    public func callAsFunction(_ inputs: [Variable], sizes: [ImageSize], amplitudes: [Float],
                               leaf: (Parameter) -> Variable) -> Variable {
        precondition(inputs.count == bodies.count && sizes.count == bodies.count && amplitudes.count == bodies.count,
                     "one input, size and amplitude per stage")
        let p = layersPerStage - 1
        var x = head(inputs[0].padded(before: [0, 0, 1, 1], after: [0, 0, 1, 1]), leaf: leaf)
        x = x.upsampledBicubicAlignCorners(toHeight: x.shape[2] + 2, width: x.shape[3] + 2)
        x = body(0, x.padded(before: [0, 0, p, p], after: [0, 0, p, p]), leaf: leaf)
        for k in bodies.indices.dropFirst() {
            let skip = x.upsampledBicubicAlignCorners(toHeight: sizes[k].height, width: sizes[k].width)
            let grown = x.upsampledBicubicAlignCorners(toHeight: sizes[k].height + 2 * stagePadding, width: sizes[k].width + 2 * stagePadding)
            x = body(k, grown + inputs[k] * amplitudes[k], leaf: leaf) + skip
        }
        let padded = x.padded(before: [0, 0, 1, 1], after: [0, 0, 1, 1])
        return conv2d(padded, leaf(tail.weight), bias: leaf(tail.bias)).tanh()
    }

    /// The same pass on values, without a graph, with convolutions prepared once per weight change.
    public func generate(_ inputs: [Tensor], sizes: [ImageSize], amplitudes: [Float]) -> Tensor {
        precondition(inputs.count == bodies.count && sizes.count == bodies.count && amplitudes.count == bodies.count,
                     "one input, size and amplitude per stage")
        let layers = inference.layers(of: self)
        let p = layersPerStage - 1
        func run(_ stage: Int, _ x: Tensor) -> Tensor { layers.bodies[stage].reduce(x) { $1($0) } }
        var x = layers.head(inputs[0].padded(before: [0, 0, 1, 1], after: [0, 0, 1, 1]))
        x = x.upsampledBicubicAlignCorners(toHeight: x.shape[2] + 2, width: x.shape[3] + 2)
        x = run(0, x.padded(before: [0, 0, p, p], after: [0, 0, p, p]))
        for k in bodies.indices.dropFirst() {
            let skip = x.upsampledBicubicAlignCorners(toHeight: sizes[k].height, width: sizes[k].width)
            let grown = x.upsampledBicubicAlignCorners(toHeight: sizes[k].height + 2 * stagePadding, width: sizes[k].width + 2 * stagePadding)
            x = run(k, grown + inputs[k] * amplitudes[k]) + skip
        }
        return layers.tail(x.padded(before: [0, 0, 1, 1], after: [0, 0, 1, 1])).tanh()
    }

    private func body(_ k: Int, _ x: Variable, leaf: (Parameter) -> Variable) -> Variable {
        bodies[k].reduce(x) { $1($0, leaf: leaf) }
    }
}

extension GrowingGenerator {
    /// An independent generator with the same stages and values (training goes on changing the
    /// original's last stages while the copy stays as the finished model).
    public func copy() -> GrowingGenerator {
        var unused = RandomSource(seed: 0)
        let made = GrowingGenerator(width: width, layersPerStage: layersPerStage, slope: head.slope, batchNorm: head.norm != nil,
                                    random: &unused)
        while made.stageCount < stageCount { made.addStage() }
        made.copyWeights(from: self)
        return made
    }
}
