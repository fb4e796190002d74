import Foundation
import Testing
@testable import SinGANBatch

/// Reading a batch's images from a folder, a file of paths and a CSV list, and the one-line
/// errors (naming file and line) for lists that cannot work.
@Suite struct ImageListTests {
    /// A fresh folder with empty files at `names` (the list reader only checks that they exist).
    func folder(with names: [String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("singan-batch-\(UUID().uuidString)")
        for name in names {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: file)
        }
        return url
    }

    func errorMessage(_ body: () throws -> Void) -> String? {
        do { try body() } catch { return "\(error)" }
        return nil
    }

    @Test func aFolderGivesItsImagesSortedByName() throws {
        let dir = try folder(with: ["b.png", "a.JPG", "notes.txt", ".hidden.png", "sub/c.png"])
        let images = try ImageList.read(dir.path)
        #expect(images.map(\.name) == ["a", "b"])
        #expect(images.map(\.image) == [dir.appendingPathComponent("a.JPG").path, dir.appendingPathComponent("b.png").path])
        #expect(images.allSatisfy { $0.options.isEmpty })
    }

    @Test func aFileOfPathsIsReadRelativeToItsFolder() throws {
        let dir = try folder(with: ["photos/rocket.png", "hubble.jpg"])
        let list = dir.appendingPathComponent("list.txt")
        try "# my set\nphotos/rocket.png\n\n  \(dir.path)/hubble.jpg  \r\n".write(to: list, atomically: true, encoding: .utf8)
        let images = try ImageList.read(list.path)
        #expect(images.map(\.name) == ["rocket", "hubble"])
        #expect(images[0].image == dir.appendingPathComponent("photos/rocket.png").path)
        #expect(images[0].source == "\(list.path):2" && images[1].source == "\(list.path):4")
    }

    @Test func aCSVListGivesEachImageItsOwnOptions() throws {
        let dir = try folder(with: ["a.png", "b c.png"])
        let list = dir.appendingPathComponent("set.csv")
        try "image, Max-Size ,iterations,seed,profile\na.png,128,,3,\n\"b c.png\",64,500,,animation\n"
            .write(to: list, atomically: true, encoding: .utf8)
        let images = try ImageList.read(list.path)
        #expect(images.map(\.name) == ["a", "b c"])
        #expect(images[0].options == ["--max-size", "128", "--seed", "3"])
        #expect(images[1].options == ["--max-size", "64", "--iterations", "500", "--profile", "animation"])
    }

    @Test func badListsFailWithOneLineNamingFileAndLine() throws {
        let dir = try folder(with: ["a.png", "x/a.jpg", "b.png"])
        func listError(_ name: String, _ text: String) throws -> String? {
            let list = dir.appendingPathComponent(name)
            try text.write(to: list, atomically: true, encoding: .utf8)
            return errorMessage { _ = try ImageList.read(list.path) }
        }
        let p = dir.path
        #expect(try listError("l1.csv", "image,size\na.png,3\n") == "\(p)/l1.csv:1: unknown column 'size'; the columns are image, family, profile, max_size, iterations, seed")
        #expect(try listError("l2.csv", "max_size\n3\n") == "\(p)/l2.csv:1: the header has no 'image' column (the columns are image, family, profile, max_size, iterations, seed)")
        #expect(try listError("l3.csv", "image,seed\na.png,3\n\nb.png,3,4\n") == "\(p)/l3.csv:4: 3 fields, but the header has 2")
        #expect(try listError("l4.csv", "image,iterations\na.png,many\n") == "\(p)/l4.csv:2: iterations must be a whole number (got 'many')")
        #expect(try listError("l5.csv", "image\n\"a.png\n") == "\(p)/l5.csv:2: a quoted field is not closed")
        #expect(try listError("l6.txt", "a.png\nmissing.png\n") == "\(p)/l6.txt:2: no such image: missing.png")
        #expect(try listError("l7.txt", "a.png\nb.png\nx/a.jpg\n") == "\(p)/l7.txt:3: a.jpg and a.png (\(p)/l7.txt:1) would both train models/a.sgn; rename one of them")
        #expect(try listError("l8.txt", "# nothing\n") == "\(p)/l8.txt lists no images")
        #expect(try listError("l9.txt", "x\n") == "\(p)/l9.txt:1: x is a folder, not an image file")
        #expect(errorMessage { _ = try ImageList.read(p + "/nope") } == "no such file or folder: \(p)/nope — give a folder of images, a file of paths or a CSV file")
        let empty = try folder(with: ["readme.txt"])
        #expect(errorMessage { _ = try ImageList.read(empty.path) }?.hasPrefix("the folder \(empty.path) holds no images (.gif, .jpeg") == true)
    }

    @Test func theManifestRefusesAnotherBatchInTheSameFolder() throws {
        let dir = try folder(with: ["a.png"])
        let layout = BatchLayout(folder: dir.appendingPathComponent("run").path)
        let image = BatchImage(name: "a", image: dir.appendingPathComponent("a.png").path, source: "list.txt:1")
        let manifest = BatchManifest(trainOptions: ["--iterations", "5"], images: [image])
        try manifest.save(layout)
        #expect(try BatchManifest.read(layout) == manifest)
        // The same list again (from anywhere) continues the batch; other options are refused.
        try BatchManifest(trainOptions: ["--iterations", "5"], images: [BatchImage(name: "a", image: image.image, source: "elsewhere")]).save(layout)
        #expect(errorMessage { try BatchManifest(trainOptions: ["--iterations", "6"], images: [image]).save(layout) }
                == "\(layout.folder) holds another batch (other images or options in its batch.json); give the same list and options to continue it, or choose another folder")
        #expect(manifest.trainArguments(0, layout: layout) == [image.image, "-o", layout.folder + "/models/a.sgn", "--iterations", "5"])
    }
}
