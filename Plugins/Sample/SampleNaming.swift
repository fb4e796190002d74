import SinGANImaging

/// The file names `sample` writes for an `-o` value: a directory gets `0.png, 1.png, …`
/// zero-padded to the same width (`00.png … 49.png` for 50), a name with an extension
/// `name-0.ext, …` likewise (just the name for a single sample); the reconstruction is
/// `reconstruction.png` or `name-reconstruction.ext`.
struct SampleNaming {
    /// Samples written when `--count` is not given: 50 (as the official random_samples.py) into a
    /// directory, one for a file name, so `-o wide.png` writes exactly `wide.png`.
    static func defaultCount(forOutput output: String) -> Int {
        isDirectory(output) ? 50 : 1
    }

    /// Whether `-o` names a directory: it ends in `/` or has no extension.
    static func isDirectory(_ output: String) -> Bool {
        output.hasSuffix("/") || ImageFileFormat.fileExtension(of: output).isEmpty
    }

    /// The sample paths, in order.
    let samples: [String]
    /// Where `--reconstruct` writes G(z*).
    let reconstruction: String

    init(output: String, count: Int) {
        let digits = String(max(count - 1, 0)).count
        let number = { (i: Int) in String(repeating: "0", count: digits - String(i).count) + String(i) }
        let fileExtension = ImageFileFormat.fileExtension(of: output)
        if Self.isDirectory(output) {
            let directory = output.hasSuffix("/") ? String(output.dropLast()) : output
            let prefix = directory.isEmpty ? "/" : directory + "/"
            samples = (0..<count).map { prefix + number($0) + ".png" }
            reconstruction = prefix + "reconstruction.png"
        } else {
            let stem = String(output.dropLast(fileExtension.count + 1))
            samples = count == 1 ? [output] : (0..<count).map { "\(stem)-\(number($0)).\(fileExtension)" }
            reconstruction = "\(stem)-reconstruction.\(fileExtension)"
        }
    }
}
