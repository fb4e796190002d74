import Foundation
import SinGANTensor
import Testing

/// Training jobs: cancel (the model keeps what was trained), resume, and a server stopped in the
/// middle of a training continues it with `--resume` when it starts again.
@Suite struct StudioJobTests {
    @Test func cancelResumeAndContinueAfterRestart() throws {
        let models = try StudioFixture.modelsFolder()
        var studio = try StudioProcess(models: models)
        defer { studio.stop() }
        let submitted = try HTTP.post(studio.port, fields: ["name": "long", "max-size": "42", "iterations": "80"])
        #expect(submitted.status == 202, "\(submitted.text)")
        let job = try #require(try submitted.object()["id"] as? String)

        // Cancel once the second scale trains: the job is cancelled, the model keeps the first scale.
        try waitFor(port: studio.port, job: job) { $0["event"] as? String == "iteration" && $0["scale"] as? Int == 1 }
        let cancel = try HTTP.request(port: studio.port, "DELETE", "/api/jobs/\(job)")
        #expect(cancel.status == 202)
        let cancelled = try waitForState(port: studio.port, job: job) { $0 != "running" }
        #expect(cancelled["state"] as? String == "cancelled")
        var info = try HTTP.request(port: studio.port, "GET", "/api/models/long").object()["info"] as? [String: Any]
        #expect(info?["complete"] as? Bool == false && (info?["trainedScales"] as? Int ?? 0) >= 1)
        #expect(try HTTP.request(port: studio.port, "DELETE", "/api/jobs/\(job)").status == 409)

        // Resume, then stop the server in the middle: it saves and the job stays queued.
        #expect(try HTTP.request(port: studio.port, "POST", "/api/jobs/\(job)/resume").status == 202)
        try waitFor(port: studio.port, job: job) { $0["event"] as? String == "iteration" && ($0["scale"] as? Int ?? 0) >= 2 }
        #expect(studio.stop() == 0)
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: models.appendingPathComponent(".studio/jobs/\(job).json"))) as? [String: Any]
        #expect(saved?["state"] as? String == "queued")

        // A new server continues it with --resume and finishes it; nothing trained is lost.
        studio = try StudioProcess(models: models)
        let done = try waitForState(port: studio.port, job: job, timeout: 600) { $0 == "finished" || $0 == "failed" }
        #expect(done["state"] as? String == "finished", "\(done)")
        #expect((done["runs"] as? Int ?? 0) >= 3)
        info = try HTTP.request(port: studio.port, "GET", "/api/models/long").object()["info"] as? [String: Any]
        #expect(info?["complete"] as? Bool == true)
        #expect(studio.stop() == 0)
    }

    /// A server killed outright (SIGKILL) in the middle of a training: its training process notices,
    /// saves and stops; the next server continues the job from what was saved.
    @Test func killedServerRestartsWithItsJob() throws {
        let models = try StudioFixture.modelsFolder()
        var studio = try StudioProcess(models: models)
        defer { studio.stop() }
        let submitted = try HTTP.post(studio.port, fields: ["name": "killed", "max-size": "42", "iterations": "60"])
        let job = try #require(try submitted.object()["id"] as? String)
        try waitFor(port: studio.port, job: job) { $0["event"] as? String == "iteration" && ($0["scale"] as? Int ?? 0) >= 1 }
        kill(studio.process.processIdentifier, SIGKILL)
        studio.process.waitUntilExit()

        studio = try StudioProcess(models: models)
        let done = try waitForState(port: studio.port, job: job, timeout: 600) { $0 == "finished" || $0 == "failed" }
        #expect(done["state"] as? String == "finished", "\(done)")
        #expect(done["runs"] as? Int == 2)
        let info = try HTTP.request(port: studio.port, "GET", "/api/models/killed").object()["info"] as? [String: Any]
        #expect(info?["complete"] as? Bool == true)
        #expect(studio.stop() == 0)
    }

    /// A scale that has not learned its picture (two iterations on a black picture with a white dot: the
    /// generator still draws grey) is reported on the job and in its event stream, as `train` warns on
    /// the command line; the training goes on to the end.
    @Test func aCollapseWarningReachesTheJob() throws {
        let models = try StudioFixture.modelsFolder()
        let studio = try StudioProcess(models: models)
        defer { studio.stop() }
        let dot = Tensor(shape: [1, 3, 34, 40], scalars: (0..<3 * 34 * 40).map { index in
            let (y, x) = (index % (34 * 40) / 40, index % 40)
            return (x - 20) * (x - 20) + (y - 17) * (y - 17) < 16 ? 1 : 0
        })
        let submitted = try HTTP.post(port: studio.port, "/api/models", fields: ["name": "dot", "max-size": "40", "iterations": "2"],
                                      files: ["image": try StudioFixture.png(dot)])
        #expect(submitted.status == 202, "\(submitted.text)")
        let job = try #require(try submitted.object()["id"] as? String)
        let done = try waitForState(port: studio.port, job: job) { $0 == "finished" || $0 == "failed" }
        #expect(done["state"] as? String == "finished", "\(done)")
        let warning = done["warning"] as? String ?? ""
        #expect(warning.hasPrefix("scale 1 has not learned the image: its reconstruction is "), "\(done)")
        let events = try StudioFixture.events(HTTP.request(port: studio.port, "GET", "/api/jobs/\(job)/events").text)
        let warnings = events.filter { $0["event"] as? String == "warning" }
        #expect(warnings.count == 1 && warnings.first?["message"] as? String == warning, "\(warnings)")
        #expect((done["latest"] as? [String: Any])?["event"] as? String != "warning", "the progress line stays a progress line")
    }

    /// Polls the job until its latest progress event satisfies `condition`.
    private func waitFor(port: Int, job: String, timeout: Double = 400, _ condition: @escaping ([String: Any]) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let job = try HTTP.request(port: port, "GET", "/api/jobs/\(job)").object()
            if let latest = job["latest"] as? [String: Any], condition(latest) { return }
            if let state = job["state"] as? String, state != "running" && state != "queued" {
                throw StudioTestError("the job ended (\(state)) before the awaited event")
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw StudioTestError("no such event within \(timeout) s")
    }

    private func waitForState(port: Int, job: String, timeout: Double = 120, _ done: (String) -> Bool) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let object = try HTTP.request(port: port, "GET", "/api/jobs/\(job)").object()
            if let state = object["state"] as? String, done(state) { return object }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw StudioTestError("job \(job) did not reach the state within \(timeout) s")
    }
}

private extension HTTP {
    /// Submits the tiny picture for training.
    static func post(_ port: Int, fields: [String: String]) throws -> Reply {
        try post(port: port, "/api/models", fields: fields, files: ["image": StudioFixture.picture])
    }
}
