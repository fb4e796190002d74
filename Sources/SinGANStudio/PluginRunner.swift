import Foundation

/// Runs a plugin for the API: the uploads are stored and checked, the command line is built from
/// the plugin's form, and `singan-edit PLUGIN …` runs in its own process, one at a time, exactly
/// as on the command line (same validation, same one-line errors, same files).
struct PluginRunner: Sendable {
    let store: ModelStore
    let results: ResultStore
    let gate: GenerationGate
    let executable: URL
    /// Seconds a run may take, waiting included.
    let timeout: Double

    func run(_ form: PluginForm, model id: String, request: MultipartForm) async throws -> StudioResult {
        let modelPath = try store.existingPath(of: id)
        let resultID = ResultStore.newID()
        let directory = try results.directory(of: resultID)
        let inputsFolder = directory.appendingPathComponent("inputs", isDirectory: true)
        do {
            var images: [String: String] = [:]
            for field in form.fields where field.kind == .image {
                guard let data = request.files[field.name] else { continue }
                images[field.name] = try UploadedImage.store(data, field: field.name, in: inputsFolder, name: field.name)
            }
            if let stray = request.files.keys.sorted().first(where: { images[$0] == nil }) {
                throw StudioError.badRequest("\(form.name) takes no picture in the field '\(stray)'")
            }
            let arguments = try form.arguments(model: modelPath, values: request.fields, images: images, folder: directory)
            let outcome = try await runInTurn(arguments)
            guard outcome.status == 0 else { throw StudioError.badRequest(outcome.errorLine) }
            let inputs = images.mapValues {
                ResultStore.fileURL(id: resultID, relative: "inputs/" + URL(fileURLWithPath: $0).lastPathComponent)
            }
            let result = StudioResult(
                id: resultID, model: id, plugin: form.name, parameters: request.fields, created: Date(),
                files: ResultStore.outputs(in: directory).map { ResultStore.fileURL(id: resultID, relative: $0) },
                inputs: inputs, lines: outcome.stdout.split(whereSeparator: \.isNewline).map(String.init),
                command: ["singan-edit"] + arguments)
            try results.save(result)
            return result
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Waits for the gate, runs, and interrupts a run that outlives the timeout (504).
    private func runInTurn(_ arguments: [String]) async throws -> ChildProcess.Outcome {
        let deadline = Date().addingTimeInterval(timeout)
        try await gate.enter()
        let process = ChildProcess(executable: executable, arguments: arguments)
        let watchdog = Task {
            try await Task.sleep(nanoseconds: UInt64(max(deadline.timeIntervalSinceNow, 0) * 1e9))
            process.send(SIGKILL)
        }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try await process.run()
        } catch {
            watchdog.cancel()
            await gate.leave()
            throw error
        }
        watchdog.cancel()
        await gate.leave()
        if outcome.status != 0 && Date() >= deadline {
            throw StudioError(.gatewayTimeout, "the run took longer than \(Int(timeout)) s and was stopped")
        }
        return outcome
    }
}
