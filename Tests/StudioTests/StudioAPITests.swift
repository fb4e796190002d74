import Foundation
import PluginCatalog
import SinGANImaging
import SinGANModel
import Testing

/// The studio's API against the real `singan-edit serve` on a free loopback port: train through
/// the API with live progress, run every plugin, keep and delete history.
@Suite struct StudioAPITests {
    @Test func trainWithLiveProgressThenRunEveryPlugin() throws {
        let models = try StudioFixture.modelsFolder(with: ["anim": .animation, "sr": .superResolution])
        let studio = try StudioProcess(models: models)
        defer { studio.stop() }
        let port = studio.port

        // The panels are the catalog's plugins, with the descriptors' options.
        let plugins = try HTTP.request(port: port, "GET", "/api/plugins").array()
        #expect(plugins.map { $0["name"] as? String } == PluginCatalog.all.map { $0.descriptor.nickname })
        let paint = try #require(plugins.first { $0["name"] as? String == "paint2img" })
        let paintFields = try #require(paint["fields"] as? [[String: Any]])
        #expect(paintFields.contains { $0["name"] as? String == "clipart" && $0["kind"] as? String == "image" })
        #expect(paintFields.contains { $0["name"] as? String == "start-scale" && $0["kind"] as? String == "startScale" })

        // Upload a photo and train a tiny model; progress arrives live and in order.
        let submitted = try HTTP.post(port: port, "/api/models", fields: ["name": "tiny", "max-size": "42", "iterations": "30"],
                                      files: ["image": StudioFixture.picture])
        #expect(submitted.status == 202, "\(submitted.text)")
        let job = try #require(try submitted.object()["id"] as? String)
        // A second training (ConSinGAN with BatchNorm, the form's check box) waits for its turn: one at a time.
        let second = try HTTP.post(port: port, "/api/models", fields: ["name": "second", "max-size": "42", "iterations": "5",
                                                                        "family": "consingan", "batch-norm": "on"],
                                   files: ["image": StudioFixture.picture])
        let secondJob = try #require(try second.object()["id"] as? String)
        let states = try HTTP.request(port: port, "GET", "/api/jobs").array()
        #expect(states.first { $0["id"] as? String == secondJob }?["state"] as? String == "queued")
        #expect(states.filter { $0["state"] as? String == "running" }.count <= 1)
        let stream = try HTTP.request(port: port, "GET", "/api/jobs/\(job)/events")
        #expect(stream.headers["content-type"]?.hasPrefix("text/event-stream") == true)
        let events = try StudioFixture.events(stream.text)
        let sequence = events.compactMap { $0["seq"] as? Int }
        #expect(sequence == Array(sequence.sorted()) && Set(sequence).count == sequence.count)
        #expect(events.last?["state"] as? String == "finished", "\(stream.text.suffix(600))")
        let scaleCount = try #require(events.first { $0["event"] as? String == "scale" }?["scales"] as? Int)
        #expect(events.filter { $0["event"] as? String == "scale" }.compactMap { $0["scale"] as? Int } == Array(0..<scaleCount))
        #expect(events.filter { $0["event"] as? String == "scaleDone" }.count == scaleCount)
        #expect(events.filter { $0["event"] as? String == "sample" }.count == scaleCount)
        for scale in 0..<scaleCount {
            let iterations = events.filter { $0["event"] as? String == "iteration" && $0["scale"] as? Int == scale }
            let counts = iterations.compactMap { $0["iteration"] as? Int }
            #expect(counts.last == 30 && counts == counts.sorted(), "scale \(scale): \(counts)")
            #expect(iterations.allSatisfy { $0["itPerSecond"] is Double && $0["eta"] is Double && $0["d"] is Double })
        }
        // Streamed: the first iteration event was on the wire before the job finished.
        let firstIteration = try #require(stream.arrivals.first { $0.seen.contains("event: iteration") }?.time)
        let finished = try #require(stream.arrivals.first { $0.seen.contains("\"state\":\"finished\"") }?.time)
        #expect(firstIteration < finished)
        let jobState = try HTTP.request(port: port, "GET", "/api/jobs/\(job)").object()
        #expect((jobState["samples"] as? [String])?.count == scaleCount)
        let sample = try HTTP.request(port: port, "GET", "/api/jobs/\(job)/samples/\(scaleCount - 1)")
        #expect(sample.status == 200 && UploadedSniff.isPNG(sample.body))

        // The second job ran after the first; its model can be deleted.
        _ = try HTTP.request(port: port, "GET", "/api/jobs/\(secondJob)/events")
        let (first, next) = (try HTTP.request(port: port, "GET", "/api/jobs/\(job)").object(),
                             try HTTP.request(port: port, "GET", "/api/jobs/\(secondJob)").object())
        #expect(next["state"] as? String == "finished")
        #expect((next["options"] as? [String: Any])?["batchNorm"] as? Bool == true, "\(next)")
        let secondInfo = try #require(try HTTP.request(port: port, "GET", "/api/models/second").object()["info"] as? [String: Any])
        #expect(secondInfo["family"] as? String == "consingan" && secondInfo["format"] as? String == ".sgn 2.1", "\(secondInfo)")
        #expect(try #require(first["ended"] as? String) <= (try #require(next["started"] as? String)))
        #expect(try HTTP.request(port: port, "DELETE", "/api/models/second").status == 200)
        #expect(try HTTP.request(port: port, "GET", "/api/models/second").status == 404)

        // The model is listed with what `info --json` says, and its training image as thumbnail.
        let listed = try HTTP.request(port: port, "GET", "/api/models").array()
        #expect(listed.compactMap { $0["id"] as? String } == ["anim", "sr", "tiny"])
        let tiny = try #require(listed.first { $0["id"] as? String == "tiny" }?["info"] as? [String: Any])
        #expect(tiny["complete"] as? Bool == true && tiny["trainedSize"] as? [Int] == [42, 34] && tiny["profile"] as? String == "default")
        let thumbnail = try HTTP.request(port: port, "GET", "/api/models/tiny/thumbnail")
        #expect(thumbnail.status == 200 && UploadedSniff.isPNG(thumbnail.body))
        let palette = try HTTP.request(port: port, "GET", "/api/models/tiny/palette?scale=1").object()
        let colours = try #require(palette["colours"] as? [String])
        #expect(colours.count == 5 && colours.allSatisfy { $0.count == 7 && $0.hasPrefix("#") })

        // Every plugin through the API.
        let sampled = try run(port, "tiny", "sample", fields: ["count": "2", "seed": "3"])
        #expect((sampled["files"] as? [String])?.count == 2)
        let painted = try run(port, "tiny", "paint2img", fields: ["start-scale": "1", "quantize": "true"],
                              files: ["clipart": StudioFixture.clipart])
        let paintedFile = try download(port, painted)
        #expect(paintedFile != (try StudioFixture.clipart))
        _ = try download(port, try run(port, "tiny", "edit", files: ["input": StudioFixture.picture, "mask": StudioFixture.mask]))
        _ = try download(port, try run(port, "tiny", "harmonize", fields: ["seed": "2"],
                                       files: ["input": StudioFixture.picture, "mask": StudioFixture.mask]))
        let animated = try run(port, "anim", "animate", fields: ["frames": "3", "format": "gif"])
        #expect(try download(port, animated).starts(with: Data("GIF8".utf8)))
        _ = try download(port, try run(port, "sr", "super-resolve", fields: ["factor": "2"]))

        // History: kept with parameters until deleted.
        var history = try HTTP.request(port: port, "GET", "/api/models/tiny/results").array()
        #expect(history.compactMap { $0["plugin"] as? String }.sorted() == ["edit", "harmonize", "paint2img", "sample"])
        let sampleResult = try #require(history.first { $0["plugin"] as? String == "sample" })
        #expect((sampleResult["parameters"] as? [String: String]) == ["count": "2", "seed": "3"])
        let paintResult = try #require(history.first { $0["plugin"] as? String == "paint2img" })
        #expect((paintResult["command"] as? [String])?.contains("--quantize") == true)
        let sampleID = try #require(sampleResult["id"] as? String)
        #expect(try HTTP.request(port: port, "DELETE", "/api/results/\(sampleID)").status == 200)
        #expect(try HTTP.request(port: port, "GET", "/api/results/\(sampleID)").status == 404)
        history = try HTTP.request(port: port, "GET", "/api/models/tiny/results").array()
        #expect(history.count == 3)
        // paint2img --quantize keeps its retrained scale beside the model; it is not listed as a model.
        #expect(FileManager.default.fileExists(atPath: models.appendingPathComponent("tiny.paint-s1.sgn").path))
        #expect(try HTTP.request(port: port, "GET", "/api/models").array().compactMap { $0["id"] as? String } == ["anim", "sr", "tiny"])
        #expect(studio.stop() == 0)
    }

    /// The API's result is the command line's, byte for byte (same runtime, same seed).
    @Test func sameImageAsTheCommandLine() throws {
        let models = try StudioFixture.modelsFolder(with: ["m": .standard])
        let studio = try StudioProcess(models: models)
        defer { studio.stop() }
        let result = try run(studio.port, "m", "sample", fields: ["count": "1", "seed": "7"])
        let fromAPI = try download(studio.port, result)
        let out = models.appendingPathComponent("cli.png").path
        let cli = Process()
        cli.executableURL = StudioProcess.binary
        cli.arguments = ["sample", "--model", models.appendingPathComponent("m.sgn").path, "--seed", "7", "--count", "1", "-o", out]
        try cli.run()
        cli.waitUntilExit()
        #expect(cli.terminationStatus == 0)
        #expect(fromAPI == (try Data(contentsOf: URL(fileURLWithPath: out))))
    }

    /// Runs `plugin` and returns the result object (fails the test on an error answer).
    private func run(_ port: Int, _ model: String, _ plugin: String, fields: [String: String] = [:],
                     files: [String: Data] = [:]) throws -> [String: Any] {
        let reply = try HTTP.post(port: port, "/api/models/\(model)/run/\(plugin)", fields: fields, files: files)
        guard reply.status == 200 else { throw StudioTestError("\(plugin): \(reply.status) \(reply.text)") }
        return try reply.object()
    }

    /// The first output file of `result`.
    private func download(_ port: Int, _ result: [String: Any]) throws -> Data {
        let url = try #require((result["files"] as? [String])?.first)
        let reply = try HTTP.request(port: port, "GET", url)
        #expect(reply.status == 200 && !reply.body.isEmpty)
        return reply.body
    }
}

/// Format checks on downloaded bytes.
enum UploadedSniff {
    static func isPNG(_ data: Data) -> Bool { data.starts(with: [0x89, 0x50, 0x4E, 0x47]) }
}
