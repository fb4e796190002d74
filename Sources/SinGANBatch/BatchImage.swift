/// One image of a batch: where it is, the name of its model, and the training options that are
/// its own (from a CSV list), added after the options common to the whole batch.
public struct BatchImage: Codable, Equatable, Sendable {
    /// The model's name: the image file's name without its extension, unique in the batch.
    public let name: String
    /// The image's absolute path (a cluster node may start in another folder).
    public let image: String
    /// This image's own `train` options, e.g. `["--max-size", "128", "--seed", "3"]`.
    public let options: [String]
    /// Where the image was listed, for messages: `list.csv:4`, or the folder it was found in.
    public let source: String

    public init(name: String, image: String, options: [String] = [], source: String) {
        self.name = name
        self.image = image
        self.options = options
        self.source = source
    }

    /// The same image and options, wherever they were listed.
    public static func == (a: BatchImage, b: BatchImage) -> Bool {
        a.name == b.name && a.image == b.image && a.options == b.options
    }
}
