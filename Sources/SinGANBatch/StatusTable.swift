import Foundation

/// `batch status`: every model of a batch with its state, as an aligned table or as JSON.
public struct StatusTable: Codable, Equatable, Sendable {
    public let folder: String
    public let models: [ModelStatus]
    /// How many models are in each state (every state listed, zeros included).
    public let counts: [String: Int]

    public init(folder: String, models: [ModelStatus]) {
        self.folder = folder
        self.models = models
        counts = Dictionary(uniqueKeysWithValues: ModelStatus.State.allCases.map { state in
            (state.rawValue, models.filter { $0.state == state }.count)
        })
    }

    /// The status of every model of the batch in `layout`.
    public static func read(_ layout: BatchLayout) throws -> StatusTable {
        let manifest = try BatchManifest.read(layout)
        return StatusTable(folder: layout.folder, models: manifest.images.map { ModelStatus.read($0, layout: layout) })
    }

    /// One line per model (name, state, scales, the unfinished scale's iterations or the error)
    /// and a count line.
    public func text() -> String {
        let nameWidth = max(5, models.map(\.name.count).max() ?? 0) + 2
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0) }
        var lines = [pad("model", nameWidth) + pad("state", 9) + pad("scales", 8) + "detail"]
        for model in models {
            let scales = model.scaleCount.map { "\(model.scalesDone ?? 0)/\($0)" } ?? "–"
            var detail = ""
            if let done = model.iterationsDone, let total = model.iterationsPerScale {
                detail = "scale \((model.scalesDone ?? 0) + 1) at iteration \(done)/\(total)"
            }
            if let error = model.error { detail = "error: " + error }
            lines.append((pad(model.name, nameWidth) + pad(model.state.rawValue, 9) + pad(scales, 8) + detail)
                .trimmingCharacters(in: .whitespaces))
        }
        let summary = ModelStatus.State.allCases.reversed().compactMap { state in
            counts[state.rawValue].flatMap { $0 > 0 ? "\($0) \(state.rawValue)" : nil }
        }
        lines.append("\(models.count) model\(models.count == 1 ? "" : "s"): " + summary.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pretty-printed JSON with sorted keys and a final newline.
    public func json() throws -> String {
        try BatchJSON.text(of: self)
    }
}
