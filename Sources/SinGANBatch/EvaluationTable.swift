import Foundation

/// `batch evaluate`: one row of quality measures per finished model, and their mean and spread
/// (sample standard deviation) over the set, as CSV or JSON.
public struct EvaluationTable: Codable, Equatable, Sendable {
    /// The measures of one model (Docs/evaluation.md), or their mean or spread.
    public struct Measures: Codable, Equatable, Sendable {
        /// Mean patch sliced Wasserstein distance over the levels.
        public var swd: Double?
        /// Sample diversity; nil for a flat training image.
        public var diversity: Double?
        /// Reconstruction RMSE.
        public var reconstructionRMSE: Double?

        /// The CSV's column names, as in `evaluate --json`.
        private enum CodingKeys: String, CodingKey {
            case swd, diversity, reconstructionRMSE = "reconstruction_rmse"
        }

        public init(swd: Double?, diversity: Double?, reconstructionRMSE: Double?) {
            self.swd = swd
            self.diversity = diversity
            self.reconstructionRMSE = reconstructionRMSE
        }
    }

    /// One model's name and measures.
    public struct Row: Codable, Equatable, Sendable {
        public var name: String
        public var measures: Measures
        public init(name: String, measures: Measures) {
            self.name = name
            self.measures = measures
        }
    }

    /// One per evaluated model, in the batch's order.
    public let rows: [Row]
    /// The mean over the rows that have each measure.
    public let mean: Measures
    /// Sample standard deviation (n − 1); nil with fewer than two values.
    public let spread: Measures
    /// Samples per model and their seed, as given to every evaluation.
    public let samples: Int
    public let seed: UInt64

    public init(rows: [Row], samples: Int, seed: UInt64) {
        self.rows = rows
        self.samples = samples
        self.seed = seed
        func column(_ value: (Measures) -> Double?) -> [Double] { rows.compactMap { value($0.measures) } }
        let swd = column(\.swd), diversity = column(\.diversity), rmse = column(\.reconstructionRMSE)
        mean = Measures(swd: Self.mean(swd), diversity: Self.mean(diversity), reconstructionRMSE: Self.mean(rmse))
        spread = Measures(swd: Self.standardDeviation(swd), diversity: Self.standardDeviation(diversity),
                          reconstructionRMSE: Self.standardDeviation(rmse))
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count >= 2, let mean = mean(values) else { return nil }
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }

    /// `model,swd,diversity,reconstruction_rmse`, one line per model, then `mean` and `spread`
    /// lines; an undefined value is an empty cell.
    public func csv() -> String {
        func cell(_ value: Double?) -> String { value.map { String(format: "%.6f", $0) } ?? "" }
        func line(_ name: String, _ m: Measures) -> String {
            [name, cell(m.swd), cell(m.diversity), cell(m.reconstructionRMSE)].joined(separator: ",")
        }
        let quotedNames = rows.map { row in
            row.name.contains(where: { ",\"".contains($0) }) ? "\"" + row.name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : row.name
        }
        return (["model,swd,diversity,reconstruction_rmse"]
                + zip(quotedNames, rows).map { line($0, $1.measures) }
                + [line("mean", mean), line("spread", spread)]).joined(separator: "\n") + "\n"
    }

    /// Pretty-printed JSON with sorted keys and a final newline.
    public func json() throws -> String {
        try BatchJSON.text(of: self)
    }
}
