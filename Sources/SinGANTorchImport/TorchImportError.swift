/// Why a PyTorch file or an official SinGAN model folder could not be imported. Every case reads as
/// one sentence that names the file (when known) and what to do.
public enum TorchImportError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not a PyTorch file of a supported kind.
    case notATorchFile(String)
    /// The file ends before a structure it announces.
    case truncated(String)
    /// A structure is malformed or a size is impossible for the file.
    case corrupt(String)
    /// The pickle asks for something this reader refuses (a class, a function, an opcode).
    case refused(String)
    /// The file is valid PyTorch but does not hold what an official SinGAN model holds.
    case unexpectedContent(String)
    /// The model folder is unusable (missing files, inconsistent pyramid).
    case folder(String)
    /// `path: error`.
    indirect case inFile(path: String, TorchImportError)

    public var description: String {
        switch self {
        case .notATorchFile(let why): "not a PyTorch file (\(why))"
        case .truncated(let what): "the file is truncated (\(what))"
        case .corrupt(let what): "the file is damaged (\(what))"
        case .refused(let what): "refused: \(what); only official SinGAN model files are read"
        case .unexpectedContent(let what): "this is not an official SinGAN model file: \(what)"
        case .folder(let what): what
        case let .inFile(path, inner): "\(path): \(inner)"
        }
    }
}
