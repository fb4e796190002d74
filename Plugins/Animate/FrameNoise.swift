import SinGANModel
import SinGANRuntime
import SinGANTensor

/// Every scale's noise map for each frame of an animation: the official random walk (`NoiseWalk`)
/// per scale, scales below the start scale held at z*.
///
/// For a seamless loop (`WalkKind.loop`) each walk is run one step further first, to learn where
/// frame N would be, and the walk is then bent linearly back to its start: frame i gets
/// `z_i − (i/N)·(z_N − z_0)`. Frame N would equal frame 0 exactly, so the step from the last frame
/// back to the first is an ordinary step of the walk. The bend is spread over all frames (each step
/// moves by an extra `(z_N − z_0)/N`), so the walk keeps its momentum and pull; the random stream is
/// replayed, so both passes see the same noise.
struct FrameNoise {
    let sizes: [ImageSize]
    let startScale: Int
    let frameCount: Int
    private var walks: [NoiseWalk]
    private var bend: [Tensor]?
    private var index = 0

    /// Starts the walks around `anchors` (each stage's reconstruction input at its output size in
    /// `sizes`, or a fresh draw where that exists only at the training size), drawing from
    /// `runtime.random`; for `.loop`, first runs them to frame N and rewinds the random stream.
    init(anchors: [Tensor], sizes: [ImageSize], startScale: Int, alpha: Float, beta: Float, frameCount: Int, walk: WalkKind,
         runtime: Runtime) {
        self.sizes = sizes
        self.startScale = startScale
        self.frameCount = frameCount
        let start = { Self.start(anchors: anchors, sizes: sizes, alpha: alpha, beta: beta, runtime: runtime) }
        if walk == .loop {
            let saved = runtime.random
            var probe = start()
            var first: [Tensor] = [], last: [Tensor] = []
            for i in 0...frameCount {
                let positions = Self.step(&probe, sizes: sizes, runtime: runtime)
                if i == 0 { first = positions }
                if i == frameCount { last = positions }
            }
            bend = zip(last, first).map { ($0 - $1) * (1 / Float(frameCount)) }
            runtime.random = saved
        }
        walks = start()
    }

    /// The next frame's maps, scale by scale (coarsest first).
    mutating func next(runtime: Runtime) -> [Tensor] {
        let positions = Self.step(&walks, sizes: sizes, runtime: runtime)
        defer { index += 1 }
        return positions.indices.map { k in
            if k < startScale { return walks[k].anchor }
            guard let bend else { return positions[k] }
            return positions[k] - bend[k] * Float(index)
        }
    }

    /// One walk per scale around its z*, nudged by fresh noise.
    private static func start(anchors: [Tensor], sizes: [ImageSize], alpha: Float, beta: Float,
                              runtime: Runtime) -> [NoiseWalk] {
        sizes.indices.map { k in
            NoiseWalk(anchor: anchors[k], alpha: alpha, beta: beta, noise: runtime.freshNoise(at: k, size: sizes[k]))
        }
    }

    /// Every walk's next position.
    private static func step(_ walks: inout [NoiseWalk], sizes: [ImageSize], runtime: Runtime) -> [Tensor] {
        sizes.indices.map { k in walks[k].step(noise: runtime.freshNoise(at: k, size: sizes[k])) }
    }
}
