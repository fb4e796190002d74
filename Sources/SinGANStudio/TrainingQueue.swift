import Foundation
import SinGANCheckpoint

/// Trainings, one at a time (the machine's cores go to one), each in its own `singan-edit train`
/// process. Jobs are files in `.studio/jobs/`; on start, every job that was queued or running
/// when the server stopped is queued again and continues with `--resume`, since the model file,
/// with its per-scale and mid-scale snapshots, is the job's state.
actor TrainingQueue {
    private let store: ModelStore
    private let executable: URL
    /// Checks a `train` command line as the CLI would; nil when it is valid, else its error line.
    private let check: @Sendable ([String]) -> String?
    private var jobs: [String: TrainingJob] = [:]
    /// Events of each job since the server started, in order (older iteration events are dropped).
    private var events: [String: [ProgressEvent]] = [:]
    private var running: (id: String, process: ChildProcess)?
    private var cancelRequested: Set<String> = []
    private var worker: Task<Void, Never>?
    private var stopping = false
    private var lastSaved = Date.distantPast

    init(store: ModelStore, executable: URL, check: @escaping @Sendable ([String]) -> String?) {
        self.store = store
        self.executable = executable
        self.check = check
    }

    private var folder: URL { store.studioFolder.appendingPathComponent("jobs", isDirectory: true) }

    /// Loads the saved jobs, queues the unfinished ones again and starts working.
    func start() {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                  var job = try? decoder.decode(TrainingJob.self, from: data) else { continue }
            if job.state == .running { job.state = .queued }
            update(job, event: ProgressEvent(event: "state", state: job.state))
        }
        kick()
    }

    /// Interrupts the running training (it saves a snapshot) and waits for it; the job stays
    /// queued for the next start.
    func stop() async {
        stopping = true
        running?.process.send(SIGINT)
        await worker?.value
    }

    /// Queues a training of `photo` into model `name` with the `train` options in `fields`
    /// (`family`, `profile`, `max-size`, `iterations`, the check box `batch-norm`; the recipe's for those
    /// missing); throws a 4xx (the CLI's own line for a bad option) before anything is written.
    func submit(photo: Data, name: String, fields: [String: String]) throws -> TrainingJob {
        let modelPath = try store.path(of: name)
        if FileManager.default.fileExists(atPath: modelPath) || jobs.values.contains(where: { $0.model == name && $0.state != .finished }) {
            throw StudioError(.conflict, "\(name).sgn already exists; choose another name or delete it first")
        }
        let given = TrainingJob.Options.fieldNames.compactMap { key in fields[key].flatMap { $0.isEmpty ? nil : "--\(key)=\($0)" } }
            + TrainingJob.Options.flagNames.compactMap { key in fields[key].flatMap { $0.isEmpty ? nil : "--\(key)" } }
        if let error = check(["photo.png", "-o", modelPath] + given) { throw StudioError.badRequest(error) }
        let options = TrainingJob.Options(fields)
        let id = "job-" + UUID().uuidString.lowercased().prefix(8)
        let photoPath = try UploadedImage.store(photo, field: "image", in: store.studioFolder.appendingPathComponent("uploads"), name: id)
        let job = TrainingJob(id: id, model: name, photo: photoPath, options: options, state: .queued, created: Date())
        jobs[id] = job
        try save(job)
        kick()
        return job
    }

    /// Cancels a queued job, or interrupts the running one (it saves and can be resumed).
    func cancel(_ id: String) throws -> TrainingJob {
        guard var job = jobs[id] else { throw StudioError.notFound("no job '\(id)'") }
        switch job.state {
        case .queued:
            job.state = .cancelled
            job.ended = Date()
            update(job, event: ProgressEvent(event: "state", state: .cancelled))
        case .running:
            cancelRequested.insert(id)
            running?.process.send(SIGINT)
        case .finished, .failed, .cancelled:
            throw StudioError(.conflict, "job '\(id)' is \(job.state.rawValue), not queued or running")
        }
        return job
    }

    /// Queues a cancelled or failed job again; it continues from what its model file holds.
    func resume(_ id: String) throws -> TrainingJob {
        guard var job = jobs[id] else { throw StudioError.notFound("no job '\(id)'") }
        guard job.state == .cancelled || job.state == .failed else {
            throw StudioError(.conflict, "job '\(id)' is \(job.state.rawValue); only cancelled or failed jobs resume")
        }
        job.state = .queued
        job.error = nil
        update(job, event: ProgressEvent(event: "state", state: .queued))
        kick()
        return job
    }

    func job(_ id: String) throws -> TrainingJob {
        guard let job = jobs[id] else { throw StudioError.notFound("no job '\(id)'") }
        return job
    }

    /// Every job, newest first.
    func all() -> [TrainingJob] { jobs.values.sorted { $0.created > $1.created } }

    /// The events of job `id` after number `seq`, and whether the job has ended.
    func events(of id: String, after seq: Int) throws -> (events: [ProgressEvent], ended: Bool) {
        guard let job = jobs[id] else { throw StudioError.notFound("no job '\(id)'") }
        let ended = stopping || (job.state != .queued && job.state != .running)
        return ((events[id] ?? []).filter { ($0.seq ?? 0) > seq }, ended)
    }

    // MARK: - Working

    private func kick() {
        guard worker == nil, !stopping else { return }
        worker = Task { await self.work() }
    }

    private func work() async {
        while !stopping, let next = jobs.values.filter({ $0.state == .queued }).min(by: { $0.created < $1.created }) {
            await run(next)
        }
        worker = nil
    }

    private func run(_ queued: TrainingJob) async {
        let modelPath = (try? store.path(of: queued.model)) ?? ""
        await Self.waitForWriter(of: modelPath)
        // It may have been cancelled meanwhile.
        guard var job = jobs[queued.id], job.state == .queued, !stopping else { return }
        let resume = FileManager.default.fileExists(atPath: modelPath)
        let arguments = ["train", job.photo, "-o", modelPath] + job.options.arguments + ["--progress", "jsonl"]
            + (resume ? ["--resume"] : [])
        let process = ChildProcess(executable: executable, arguments: arguments)
        running = (job.id, process)
        job.state = .running
        job.started = job.started ?? Date()
        job.runs += 1
        update(job, event: ProgressEvent(event: "state", state: .running))
        let id = job.id
        // One consumer keeps the progress lines in order; all are applied before the end is.
        let (lines, feed) = AsyncStream.makeStream(of: String.self)
        let consumer = Task { for await line in lines { await self.received(line, job: id) } }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try await process.run { feed.yield($0) }
        } catch {
            outcome = ChildProcess.Outcome(status: -1, stdout: "", stderr: "error: could not start training: \(error)")
        }
        feed.finish()
        await consumer.value
        running = nil
        job = jobs[id] ?? job
        if outcome.status == 0 {
            job.state = .finished
            try? FileManager.default.removeItem(atPath: job.photo)
        } else if cancelRequested.remove(id) != nil {
            job.state = .cancelled
        } else if stopping || outcome.status == 128 + SIGINT || outcome.status == 128 + SIGTERM {
            // Stopped with the server (or by a signal from outside): saved, continues next time.
            job.state = .queued
        } else {
            job.state = .failed
            job.error = outcome.errorLine
        }
        if job.state != .queued { job.ended = Date() }
        update(job, event: ProgressEvent(event: "state", state: job.state))
        // A signal from outside (someone's `kill`) often comes with the server's own shutdown: give
        // that a moment instead of restarting the job at once.
        if job.state == .queued && !stopping { try? await Task.sleep(nanoseconds: 2_000_000_000) }
    }

    /// Waits (up to a minute) while another process still writes the model: a training left over
    /// from a killed server saves its snapshot and stops once it notices its reader is gone.
    private static func waitForWriter(of modelPath: String) async {
        for _ in 0..<240 {
            guard case .failure(.held(_, _)) = Result(catching: { () throws(WriterLockError) in
                try WriterLock(for: modelPath, command: "studio: waiting to resume").release()
            }) else { return }
            try? await Task.sleep(nanoseconds: 250_000_000)
        }
    }

    /// One progress line from the running process; after a finished scale, its sample is written
    /// before the next line is taken, so the events keep their order.
    private func received(_ line: String, job id: String) async {
        guard let event = try? JSONDecoder().decode(ProgressEvent.self, from: Data(line.utf8)), var job = jobs[id] else { return }
        if event.event == "warning" { job.warning = event.message } else { job.latest = event }
        update(job, event: event, persist: event.event != "iteration")
        guard event.event == "scaleDone", let scale = event.scale, let modelPath = try? store.path(of: job.model) else { return }
        let file = folder.appendingPathComponent("\(id)-scale\(scale).png").path
        let written = await Task.detached {
            (try? ModelPictures.writeSample(of: modelPath, seed: UInt64(scale + 1), to: file)) != nil
        }.value
        if written { sampleWritten(job: id, scale: scale) }
    }

    private func sampleWritten(job id: String, scale: Int) {
        guard var job = jobs[id] else { return }
        let url = "/api/jobs/\(id)/samples/\(scale)"
        job.samples.append(url)
        update(job, event: ProgressEvent(event: "sample", scale: scale, sample: url))
    }

    /// Stores `job`, numbers and records `event`, and saves the job file (at most every 2 s for
    /// iteration events).
    private func update(_ job: TrainingJob, event: ProgressEvent, persist: Bool = true) {
        var event = event
        var list = events[job.id] ?? []
        event.seq = (list.last?.seq ?? 0) + 1
        list.append(event)
        if list.count > 2000, let drop = list.firstIndex(where: { $0.event == "iteration" }) { list.remove(at: drop) }
        events[job.id] = list
        jobs[job.id] = job
        if persist || Date().timeIntervalSince(lastSaved) > 2 { try? save(job) }
    }

    /// The path of the sample after `scale` of job `id`.
    func samplePath(job id: String, scale: Int) throws -> String {
        guard jobs[id] != nil else { throw StudioError.notFound("no job '\(id)'") }
        let path = folder.appendingPathComponent("\(id)-scale\(scale).png").path
        guard FileManager.default.fileExists(atPath: path) else { throw StudioError.notFound("no sample for scale \(scale) yet") }
        return path
    }

    private func save(_ job: TrainingJob) throws {
        lastSaved = Date()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(job).write(to: folder.appendingPathComponent("\(job.id).json"), options: .atomic)
    }
}
