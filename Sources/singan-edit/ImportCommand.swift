import ArgumentParser
import Foundation
import SinGANCheckpoint
import SinGANModel
import SinGANRuntime
import SinGANTorchImport

/// `singan-edit import DIR -o m.sgn`: a model trained with the official SinGAN code, as a .sgn model.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a model trained with the official SinGAN code into a .sgn model.",
        discussion: """
            DIR is the official model folder, TrainedModels/<image>/scale_factor=…, with Gs.pth, \
            Zs.pth, NoiseAmp.pth and reals.pth (PyTorch's zip or legacy format; no Python needed). \
            The recipe (default, animation, super-resolution, quantized paint) is read from the \
            folder's name. An existing output is replaced only with --force.
            """)

    @Argument(help: "The official model folder.")
    var folder: String

    @Option(name: [.short, .customLong("output")], help: "Where to write the model (.sgn).")
    var output: String

    @Flag(help: "Replace an existing output file.")
    var force = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard output.hasSuffix(".sgn") else { throw ValidationError("the output must end in .sgn (got \(output)).") }
    }

    func run() throws {
        try CommandFailure.report {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
                throw CommandFailure("\(output) is a folder; give the model a file name ending in .sgn.")
            }
            let imported = try OfficialModelFolder.read(folder)
            try OutputFolder.create(for: output)
            let lock = try WriterLock(for: output, command: "import " + CommandLine.arguments.dropFirst(2).joined(separator: " "))
            defer { lock.release() }
            if FileManager.default.fileExists(atPath: output) && !force {
                throw CommandFailure("\(output) already exists; use --force to replace it.")
            }
            try PyramidArchive.write(imported.pyramid, creator: CreatorVersion.string, annotations: imported.annotations, to: output)
            guard !quiet else { return }
            for line in imported.notices { note(line.replacingOccurrences(of: "MODEL.sgn", with: output)) }
            let p = imported.pyramid, finest = p.geometry.finestSize
            note("imported \(imported.annotations[ImportedModel.sourceKey] ?? folder) "
                 + "(\(imported.annotations[ImportedModel.formatKey] ?? ""), \(imported.variant.recipe.rawValue) recipe): "
                 + "\(p.scales.count) of \(p.scaleCount) scales, finest \(finest.width)×\(finest.height); saved \(output).")
        }
    }
}
