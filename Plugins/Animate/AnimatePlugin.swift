import ArgumentParser
import Foundation
import SinGANImaging
import SinGANModel
import SinGANRuntime
import SinGANTensor

/// `singan-edit animate`: a looping animation from a random walk in noise space (the official
/// `animation.py` and `generate_gif`).
///
/// The official loop runs scale by scale, keeping every frame of a scale for the next; here each
/// frame runs through all scales before the next one starts (one `NoiseWalk` per scale), so only
/// the finished frames are kept. The walk is the same; only the order of the random draws differs.
public enum AnimatePlugin: EditPlugin {
    static let frames = OptionSpec("frames", "Number of frames.", default: 100, range: 1...1000)
    static let fps = OptionSpec("fps", "Frames per second, stored exactly: 100/n for GIF, 1000/n for WebP.",
                                default: 10.0, range: 0.1...1000)
    static let fpsInfo = OptionInfo(name: fps.name, summary: fps.summary, defaultValue: fps.info.defaultValue,
                                    allowed: fps.allowed, invalidExamples: fps.info.invalidExamples + ["30", "8"])
    static let alpha = OptionSpec("alpha", "Pull of every step back to the reconstruction noise z*.",
                                  default: 0.1, range: 0...1)
    static let beta = OptionSpec("beta", "Momentum: how much of the previous step each step keeps.",
                                 default: 0.9, range: 0...1)
    static let startScale = InjectionScale(
        summary: "First scale whose noise moves; coarser scales keep z*, so a higher start moves only finer detail.",
        default: 0)
    static let outputInfo = OptionInfo(name: "output", summary: "The animation: an animated GIF or, for .webp, an animated WebP.",
                                       invalidExamples: ["{out}/loop.png", "{out}/loop.xyz"])

    /// Name, help, options, profile and examples.
    public static let descriptor = PluginDescriptor(
        nickname: "animate",
        summary: "Looping GIF or WebP from a random walk in noise space.",
        discussion: """
            As the official animation.py (generate_gif): every scale's noise walks around the \
            reconstruction noise z*, starting at 0.95·z* + 0.05·ε and moving with momentum \
            --beta and a pull --alpha back to z* (d = β(z₁ − z₂) + (1 − β)ε, \
            z = α·z* + (1 − α)(z₁ + d)); scales below --start-scale keep z*. Frame i of every \
            scale builds on frame i of the coarser one, at the training size. The file has \
            exactly --frames frames played at exactly --fps: GIF stores delays in hundredths of \
            a second and WebP in milliseconds, so rates those cannot hold (30 fps, say) are \
            refused rather than rounded. The official code writes 100 frames at 10 fps.
            """,
        options: [frames.info, fpsInfo, alpha.info, beta.info, outputInfo],
        injection: startScale,
        profile: .animation,
        examples: [
            PluginExample(["--frames", "6", "-o", "{out}/loop.gif"]),
            PluginExample(["--frames", "5", "--fps", "25", "-o", "{out}/loop.webp"]),
            PluginExample(["--frames", "4", "--start-scale", "1", "-o", "{out}/s1.gif"]),
            PluginExample(["--frames", "3", "--beta", "0.8", "-o", "{out}/b.gif"]),
        ])

    /// Checks the output and the options against the model; lists the one file to write.
    public static func plan(_ options: AnimateOptions, runtime: Runtime) throws -> OutputPlan {
        let fileExtension = ImageFileFormat.fileExtension(of: options.output).lowercased()
        guard AnimationWriter.supportedExtensions.contains(fileExtension) else {
            throw ValidationError("--output \(options.output): an animation is written as .gif or .webp")
        }
        try FrameRate.check(options.fps, forPath: options.output)
        return OutputPlan([PlannedImage(path: options.output, size: runtime.trainingSize)])
    }

    /// Generates and saves the planned file; returns one line describing it.
    public static func run(_ options: AnimateOptions, plan: OutputPlan, runtime: Runtime,
                           output: OutputWriter) throws -> [String] {
        let sizes = runtime.trainingSizes
        var walks = sizes.indices.map { k in
            NoiseWalk(anchor: runtime.reconstructionNoise(at: k, size: sizes[k]), alpha: Float(options.alpha),
                      beta: Float(options.beta), noise: runtime.freshNoise(at: k, size: sizes[k]))
        }
        var frames: [Tensor] = []
        frames.reserveCapacity(options.frames)
        for _ in 0..<options.frames {
            let maps = sizes.indices.map { k in
                let position = walks[k].step(noise: runtime.freshNoise(at: k, size: sizes[k]))
                return k < options.startScale ? walks[k].anchor : position
            }
            frames.append(PixelRange.display(fromModel: try runtime.generate(GenerationRequest(noise: .given(maps)))))
        }
        try output.saveAnimation(frames, fps: options.fps, to: options.output)
        let size = runtime.trainingSize
        let seconds = String(format: "%g", Double(options.frames) / options.fps)
        return ["\(options.output): \(options.frames) frames of \(size.width)x\(size.height) px at "
                + "\(String(format: "%g", options.fps)) fps (\(seconds) s per loop)"]
    }
}
