import Foundation

/// What `batch train` was asked to do, saved as `DIR/batch.json`: the images in order (a Slurm
/// array task trains the image at its index) and the `train` options common to all of them.
public struct BatchManifest: Codable, Equatable, Sendable {
    /// The manifest format.
    public var version = 1
    /// Options given to every training, e.g. `["--iterations", "500"]`.
    public var trainOptions: [String]
    /// The images in the order of the list (a Slurm array index is a position here).
    public var images: [BatchImage]

    public init(trainOptions: [String], images: [BatchImage]) {
        self.trainOptions = trainOptions
        self.images = images
    }

    /// The full `train` arguments of image `index`, without `--resume`.
    public func trainArguments(_ index: Int, layout: BatchLayout) -> [String] {
        let image = images[index]
        return [image.image, "-o", layout.model(image.name)] + trainOptions + image.options
    }

    /// The manifest of the batch in `layout`'s folder.
    public static func read(_ layout: BatchLayout) throws -> BatchManifest {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: layout.manifest))
        } catch {
            throw BatchError("\(layout.folder) is not a batch folder (no readable batch.json); create one with 'singan-edit batch train LIST -o \(layout.folder)'")
        }
        do {
            return try JSONDecoder().decode(BatchManifest.self, from: data)
        } catch {
            throw BatchError("\(layout.manifest) is damaged (\(error.localizedDescription)); run 'batch train' again into a new folder")
        }
    }

    /// Writes the manifest into a new batch folder, or checks that the folder's manifest asks for
    /// the same (so that running `batch train` again continues the batch). Creates the folders.
    public func save(_ layout: BatchLayout) throws {
        if FileManager.default.fileExists(atPath: layout.manifest) {
            let existing = try Self.read(layout)
            guard existing == self else {
                throw BatchError("\(layout.folder) holds another batch (other images or options in its batch.json); "
                                 + "give the same list and options to continue it, or choose another folder")
            }
        }
        for folder in [layout.folder, layout.modelFolder, layout.logFolder] {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw BatchError("cannot create the folder \(folder): \(error.localizedDescription)")
            }
        }
        do {
            try Data(BatchJSON.text(of: self).utf8).write(to: URL(fileURLWithPath: layout.manifest), options: .atomic)
        } catch {
            throw BatchError("cannot write \(layout.manifest): \(error.localizedDescription)")
        }
    }
}

/// A batch failure, said in one line.
public struct BatchError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
