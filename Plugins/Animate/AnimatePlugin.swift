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
    static let fps = OptionSpec("fps", "Frames per second; rounded (with a notice) to a delay GIF (1/100 s) or WebP (1 ms) stores.",
                                default: 10.0, range: 0.1...1000)
    static let alpha = OptionSpec("alpha", "Pull of every step back to the reconstruction noise z*.",
                                  default: 0.1, range: 0...1)
    static let beta = OptionSpec("beta", "Momentum: how much of the previous step each step keeps.",
                                 default: 0.9, range: 0...1)
    static let startScale = InjectionScale(
        summary: "First scale whose noise moves: 0 moves whole shapes; higher ones keep z* below, so only finer detail moves.",
        default: 0)
    static let sizeInfo = OptionInfo(
        name: "size", summary: "Frame size instead of the training size (every scale's noise map is scaled; the walk then "
            + "circles a fresh draw instead of z*, which exists only at the training size).",
        invalidExamples: ["0x10", "axb", "5000x5000"])
    static let walkInfo = OptionInfo(
        name: "walk", summary: "loop: the official walk bent back to its start, so the file loops without a jump; "
            + "official: the walk as the official code takes it (it jumps when it restarts)",
        invalidExamples: ["circle"])
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
            scale builds on frame i of the coarser one, at the training size. The official walk \
            wanders off and the file jumps when it restarts; by default (--walk loop) every \
            walk is bent linearly back to where it started (frame i moves by −(i/N)·(z_N − z_0)), \
            so the last frame leads into the first like any other step. The file has \
            exactly --frames frames played at --fps: GIF stores delays in hundredths of \
            a second and WebP in milliseconds, so a rate those cannot hold is rounded to the \
            nearest delay they can, with a notice (--fps 30 in a GIF: 3/100 s, 33.3 fps). The \
            official code writes 100 frames at 10 fps.
            """,
        options: [frames.info, fps.info, alpha.info, beta.info, walkInfo, sizeInfo, outputInfo],
        injection: startScale,
        profile: .animation,
        examples: [
            PluginExample(["--frames", "6", "-o", "{out}/loop.gif"]),
            PluginExample(["--frames", "5", "--fps", "25", "-o", "{out}/loop.webp"]),
            PluginExample(["--frames", "4", "--start-scale", "1", "-o", "{out}/s1.gif"]),
            PluginExample(["--frames", "3", "--beta", "0.8", "-o", "{out}/b.gif"]),
            PluginExample(["--frames", "4", "--walk", "official", "-o", "{out}/o.gif"]),
            PluginExample(["--frames", "3", "--size", "60x30", "-o", "{out}/wide.webp"]),
        ])

    /// Checks the output and the options against the model; lists the one file to write.
    public static func plan(_ options: AnimateOptions, runtime: Runtime) throws -> OutputPlan {
        let fileExtension = ImageFileFormat.fileExtension(of: options.output).lowercased()
        guard AnimationWriter.supportedExtensions.contains(fileExtension) else {
            throw ValidationError("--output \(options.output): an animation is written as .gif or .webp")
        }
        if options.size != nil && options.startScale > 0 {
            throw ValidationError("--start-scale \(options.startScale) keeps z* at the coarser scales, which exists only at the "
                                  + "training size; drop --size or use --start-scale 0")
        }
        return OutputPlan([PlannedImage(path: options.output, size: try sizes(options, runtime: runtime).last!)])
    }

    /// Every scale's size: the training sizes, or those of `--size`.
    static func sizes(_ options: AnimateOptions, runtime: Runtime) throws -> [ImageSize] {
        guard let size = options.size else { return runtime.trainingSizes }
        do {
            return try runtime.outputSizes(for: .exact(size.size))
        } catch {
            throw ValidationError("--size \(size): \(error)")
        }
    }

    /// The animation's frames in [0, 1], at the training size or `--size`.
    static func frames(_ options: AnimateOptions, runtime: Runtime) throws -> [Tensor] {
        let sizes = try sizes(options, runtime: runtime)
        let anchors = sizes.indices.map { k in
            (try? runtime.reconstructionNoise(at: k, size: sizes[k])) ?? runtime.freshNoise(at: k, size: sizes[k])
        }
        var noise = FrameNoise(anchors: anchors, sizes: sizes, startScale: options.startScale, alpha: Float(options.alpha),
                               beta: Float(options.beta), frameCount: options.frames, walk: options.walk, runtime: runtime)
        let scale: OutputScale = options.size.map { .exact($0.size) } ?? .relative(vertical: 1, horizontal: 1)
        return try (0..<options.frames).map { _ in
            let request = GenerationRequest(noise: .given(noise.next(runtime: runtime)), outputScale: scale)
            return PixelRange.display(fromModel: try runtime.generate(request))
        }
    }

    /// Generates and saves the planned file; returns one line describing it.
    public static func run(_ options: AnimateOptions, plan: OutputPlan, runtime: Runtime,
                           output: OutputWriter) throws -> [String] {
        let frames = try frames(options, runtime: runtime)
        let rate = FrameRate.stored(options.fps, forPath: options.output)
        if let notice = rate.notice { runtime.notice(notice) }
        try output.saveAnimation(frames, fps: rate.fps, to: options.output)
        let size = plan.images[0].size
        let seconds = String(format: "%g", Double(options.frames) / rate.fps)
        return ["\(options.output): \(options.frames) frames of \(size.width)x\(size.height) px at "
                + "\(String(format: "%.4g", rate.fps)) fps (\(seconds) s per loop)"]
    }
}
