import Foundation
import Testing

/// Every bad request is answered with its 4xx and the CLI's one-line message, and writes nothing;
/// other sites and other Host names cannot drive the studio; a token guards the API when set.
@Suite struct StudioSafetyTests {
    @Test func badInputIsRefusedAndWritesNothing() throws {
        let models = try StudioFixture.modelsFolder(with: ["m": .standard])
        let studio = try StudioProcess(models: models, extra: ["--upload-limit", "1"])
        defer { studio.stop() }
        let port = studio.port
        let before = StudioFixture.files(in: models)

        func refused(_ reply: HTTP.Reply, _ status: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
            #expect(reply.error == message, sourceLocation: sourceLocation)
        }
        let photo = try StudioFixture.picture
        refused(try HTTP.post(port: port, "/api/models", files: ["image": Data("not a picture".utf8)]), 400,
                "image is not an image (JPEG, PNG, WebP, TIFF or GIF)")
        refused(try HTTP.post(port: port, "/api/models", fields: ["iterations": "0"], files: ["image": photo]), 400,
                "--iterations must be at least 1 (got 0)")
        refused(try HTTP.post(port: port, "/api/models", fields: ["max-size": "4"], files: ["image": photo]), 400,
                "--max-size must be at least 8 (got 4)")
        refused(try HTTP.post(port: port, "/api/models", fields: ["batch-norm": "on"], files: ["image": photo]), 400,
                "--batch-norm is for ConSinGAN models (--family consingan); SinGAN's blocks always have BatchNorm")
        let notANumber = try HTTP.post(port: port, "/api/models", fields: ["iterations": "many"], files: ["image": photo])
        #expect(notANumber.status == 400 && notANumber.error?.contains("'many'") == true, "\(notANumber.text)")
        let badProfile = try HTTP.post(port: port, "/api/models", fields: ["profile": "cartoon"], files: ["image": photo])
        #expect(badProfile.status == 400 && badProfile.error?.contains("cartoon") == true, "\(badProfile.text)")
        refused(try HTTP.post(port: port, "/api/models", fields: ["name": "m"], files: ["image": photo]), 409,
                "m.sgn already exists; choose another name or delete it first")
        refused(try HTTP.post(port: port, "/api/models", fields: ["name": "../evil"], files: ["image": photo]), 400,
                "'../evil' is not a valid model id (letters, digits, - _ .)")
        let tooLarge = try HTTP.post(port: port, "/api/models", files: ["image": Data(count: 1_500_000)])
        #expect(tooLarge.status == 413)

        refused(try HTTP.request(port: port, "GET", "/api/models/nothere"), 404, "no model 'nothere' in the models folder")
        refused(try HTTP.post(port: port, "/api/models/nothere/run/sample"), 404, "no model 'nothere' in the models folder")
        refused(try HTTP.request(port: port, "GET", "/api/jobs/job-none"), 404, "no job 'job-none'")
        #expect(try HTTP.post(port: port, "/api/models/m/run/paint").status == 404)

        // Plugin options: the CLI's own line, exactly.
        let cliLine = try commandLineError(["sample", "--model", models.appendingPathComponent("m.sgn").path,
                                            "--count", "0", "-o", models.appendingPathComponent("x").path + "/"])
        refused(try HTTP.post(port: port, "/api/models/m/run/sample", fields: ["count": "0"]), 400, cliLine)
        let outside = try HTTP.post(port: port, "/api/models/m/run/sample", fields: ["start-scale": "9"])
        #expect(outside.status == 400 && outside.error?.contains("--start-scale 9 is outside 0–3") == true, "\(outside.text)")
        refused(try HTTP.post(port: port, "/api/models/m/run/sample", fields: ["output": "/tmp/x.png"]), 400, "sample has no option 'output'")
        refused(try HTTP.post(port: port, "/api/models/m/run/paint2img"), 400, "paint2img needs a picture in the field 'clipart'")
        refused(try HTTP.post(port: port, "/api/models/m/run/paint2img", files: ["clipart": Data("GIF89a but not really".utf8)]), 400,
                try vipsMessage(Data("GIF89a but not really".utf8), field: "clipart"))
        let profile = try HTTP.post(port: port, "/api/models/m/run/animate")
        #expect(profile.status == 400 && profile.error?.contains("--profile animation") == true, "\(profile.text)")

        // Other sites and names.
        let rebound = try HTTP.request(port: port, "GET", "/api/models", host: "evil.example:\(port)")
        #expect(rebound.status == 403 && rebound.error?.contains("Host") == true)
        let crossSite = try HTTP.post(port: port, "/api/models/m/run/sample", headers: ["Origin": "http://evil.example"])
        #expect(crossSite.status == 403 && crossSite.error == "requests from another site (http://evil.example) are refused")
        #expect(crossSite.headers["access-control-allow-origin"] == nil)
        let sameSite = try HTTP.post(port: port, "/api/models/m/run/sample", fields: ["count": "1"], headers: ["Origin": "http://127.0.0.1:\(port)"])
        #expect(sameSite.status == 200, "\(sameSite.text)")
        let resultFiles = StudioFixture.files(in: models).subtracting(before)
        #expect(resultFiles.allSatisfy { $0.hasPrefix(".studio/results/") } && resultFiles.contains { $0.hasSuffix("result.json") },
                "only the one good run wrote files: \(resultFiles.sorted())")
        #expect(resultFiles.filter { $0.hasSuffix("result.json") }.count == 1)
        #expect(studio.stop() == 0)
    }

    @Test func tokenGuardsTheAPI() throws {
        let models = try StudioFixture.modelsFolder()
        let token = "0123456789abcdef0123"
        let studio = try StudioProcess(models: models, extra: ["--token", token])
        defer { studio.stop() }
        let missing = try HTTP.request(port: studio.port, "GET", "/api/models")
        #expect(missing.status == 401 && missing.error?.contains("token") == true)
        #expect(try HTTP.request(port: studio.port, "GET", "/api/models", headers: ["Authorization": "Bearer wrong-token-000000"]).status == 401)
        #expect(try HTTP.request(port: studio.port, "GET", "/api/models", headers: ["Authorization": "Bearer \(token)"]).status == 200)
        #expect(try HTTP.request(port: studio.port, "GET", "/api/models?token=\(token)").status == 200)
        // The page itself loads without it (it reads the token from its own address).
        #expect(try HTTP.request(port: studio.port, "GET", "/").text.contains("singan-edit studio"))
        #expect(try HTTP.request(port: studio.port, "GET", "/api.js").text.contains("Authorization"))
    }

    /// The line `singan-edit ARGUMENTS` prints on stderr, without `error: `.
    private func commandLineError(_ arguments: [String]) throws -> String {
        let process = Process(), errors = Pipe()
        process.executableURL = StudioProcess.binary
        process.arguments = arguments
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("error: ") })
        return String(line.dropFirst(7))
    }

    /// What libvips says about `data`, the file named `field`.
    private func vipsMessage(_ data: Data, field: String) throws -> String {
        let path = NSTemporaryDirectory() + "studio-bad-\(UUID().uuidString).gif"
        try data.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try SinGANImagingProbe.dimensions(path)
            return ""
        } catch {
            return "\(error)".replacingOccurrences(of: path, with: field)
        }
    }
}
