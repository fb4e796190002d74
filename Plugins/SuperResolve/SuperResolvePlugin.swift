import ArgumentParser
import Foundation
import SinGANImaging
import SinGANModel
import SinGANRuntime

/// `singan-edit super-resolve`: the training image enlarged by the model's finest generator,
/// applied again and again (the official SR.py).
public enum SuperResolvePlugin: EditPlugin {
    static let defaultFactor = 4.0
    static let maximumFactor = 100.0
    static let factorInfo = OptionInfo(
        name: "factor", summary: "Magnification of the training image.", defaultValue: String(defaultFactor),
        allowed: "more than 1, at most \(maximumFactor); memory sets the practical limit",
        invalidExamples: ["1", "0.5", "-2", "101"])
    static let outputInfo = OptionInfo(
        name: "output", summary: "The enlarged image (.png, .jpg, .webp, .tif or .gif).",
        invalidExamples: ["{out}/hr.xyz", "{out}"])

    /// Name, help, options, profile and examples.
    public static let descriptor = PluginDescriptor(
        nickname: "super-resolve",
        summary: "Enlarge the training image with the model's finest generator.",
        discussion: """
            As the official SR.py: the training image (the finest scale) is enlarged by the \
            model's scale step s (2^(1/3) ≈ 1.26 for the super-resolution profile) and run \
            through the finest generator with fresh noise, ⌈log(factor)/log(s)⌉ times (6 for \
            ×4, 3 for ×2, 9 for ×8), then cropped to factor × the training size. Other factors \
            keep the trained step and crop the last pass. There is no 1000-pixel limit: the \
            peak memory is estimated first; a run that would not fit in the available memory \
            is refused, otherwise the estimate is printed with the result.
            """,
        options: [factorInfo, outputInfo],
        profile: .superResolution,
        needsScalePyramid: true,
        examples: [
            PluginExample(["-o", "{out}/hr.png"]),
            PluginExample(["--factor", "2", "-o", "{out}/x2.webp"]),
            PluginExample(["--factor", "2.5", "-o", "{out}/x2.5.jpg"]),
        ])

    /// Checks the output and the options against the model; lists the one file to write.
    public static func plan(_ options: SuperResolveOptions, runtime: Runtime) throws -> OutputPlan {
        guard ImageFileFormat(path: options.output) != nil else {
            throw ValidationError("--output \(options.output): name an image file with one of the extensions "
                                  + ImageFileFormat.supportedExtensions.map { ".\($0)" }.joined(separator: ", "))
        }
        let plan = SuperResolutionPlan(factor: options.factor, runtime: runtime)
        let memory = MemoryEstimate(plan, runtime: runtime)
        guard memory.fits else { throw ValidationError(memory.refusal(plan, runtime: runtime)) }
        return OutputPlan([PlannedImage(path: options.output, size: plan.outputSize)])
    }

    /// Generates and saves the planned file; returns one line describing it.
    public static func run(_ options: SuperResolveOptions, plan: OutputPlan, runtime: Runtime,
                           output: OutputWriter) throws -> [String] {
        let chain = SuperResolutionPlan(factor: options.factor, runtime: runtime)
        let memory = MemoryEstimate(chain, runtime: runtime)
        let enlarged = try runtime.generate(chain.generation, from: runtime.trainingImage(at: runtime.scaleCount - 1))
        let size = chain.outputSize
        let cropped = PyramidSampler.fit(enlarged, height: size.height, width: size.width)
        try output.save(PixelRange.display(fromModel: cropped), to: options.output)
        let training = runtime.trainingSize
        let step = String(format: "%.4g", chain.generation.step)
        return ["\(options.output): \(size.width)x\(size.height) px, ×\(String(format: "%g", options.factor)) of \(training.width)x\(training.height) "
                + "in \(chain.generation.passes) pass\(chain.generation.passes == 1 ? "" : "es") of ×\(step); peak memory about "
                + "\(AvailableMemory.describe(memory.peakBytes)) of \(AvailableMemory.describe(Double(memory.availableBytes))) available"]
    }
}
