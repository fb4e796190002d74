import Foundation

/// The one JSON style of the batch files and reports: pretty-printed, sorted keys, unescaped
/// slashes, a final newline.
enum BatchJSON {
    static func text<Value: Encodable>(of value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
