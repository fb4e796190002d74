import SinGANCheckpoint

/// Reads a `.sgn` model of any family: the header member `family` (absent in format 1.x, which
/// holds SinGAN models only; required from 2.0) says which layout the rest of the file has
/// (Docs/checkpoint-format.md, "Model families").
public enum ModelArchive {
    /// The header member naming the family.
    public static let familyKey = "family"

    /// The family an archive declares.
    public static func family(of archive: CheckpointArchive) throws(ModelFileError) -> ModelFamily {
        try family(header: archive.header, version: archive.formatVersion)
    }

    /// The family a header declares (format `version`).
    public static func family(header: [String: JSONValue], version: CheckpointFormatVersion) throws(ModelFileError) -> ModelFamily {
        guard let value = header[familyKey] else {
            guard version.major < 2 else { throw .missing("the header member 'family' (required from format 2.0)") }
            return .singan
        }
        guard let name = value.stringValue else { throw .invalid("the header member 'family' is not a string") }
        guard let family = ModelFamily(rawValue: name) else { throw .unknownFamily(name) }
        return family
    }

    /// The model an archive holds, whatever its family.
    public static func model(from archive: CheckpointArchive) throws -> any TrainableModel {
        switch try family(of: archive) {
        case .singan: try PyramidArchive.pyramid(from: archive)
        case .consingan: try GrowingArchive.model(from: archive)
        }
    }

    /// Reads the model at `path`, whatever its family.
    public static func read(from path: String) throws -> any TrainableModel {
        do {
            return try model(from: try CheckpointReader.read(path: path))
        } catch let error as ModelFileError {
            throw ModelFileError.inFile(path: path, error)
        }
    }
}
