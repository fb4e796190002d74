import Testing
@testable import SinGANCheckpoint

@Suite struct JSONValueTests {
    @Test func valuesRoundTripExactly() throws {
        let value: JSONValue = [
            "ints": [0, -1, .int(Int64.max), .int(Int64.min)],
            "doubles": [0.1, -0.0, 1e-300, .double(.leastNonzeroMagnitude), 1.7976931348623157e308, 2.0, 123456789.125],
            "strings": ["", "tab\t", "\u{0}\u{1F}", "😀", "\"\\/"],
            "nested": [["a": [nil, true, false]]],
        ]
        let text = try value.serialized()
        #expect(try JSONValue(parsing: text) == value)
        #expect(try JSONValue(parsing: text).serialized() == text)
        // Keys are sorted, output is compact.
        #expect(String(decoding: try (["b": 1, "a": 2] as JSONValue).serialized(), as: UTF8.self) == #"{"a":2,"b":1}"#)
    }

    @Test func parsesStandardJSON() throws {
        let value = try JSONValue(parsing: Array(#" { "a" : [1, 2.5, -3e2, "\u00e9\ud83d\ude00\n"], "b": null } "#.utf8))
        #expect(value["a"]?[0] == .int(1))
        #expect(value["a"]?[1]?.doubleValue == 2.5)
        #expect(value["a"]?[2] == .double(-300))
        #expect(value["a"]?[3]?.stringValue == "é😀\n")
        #expect(value["b"] == .null)
        #expect(value["a"]?[9] == nil)
        #expect(try JSONValue(parsing: Array("18446744073709551616".utf8)) == .double(18446744073709551616))
        #expect(JSONValue.double(3).intValue == 3)
    }

    @Test func rejectsMalformedJSON() {
        let bad = ["", "{", "[1,]", "{\"a\"}", "01", "1.", "-", ".5", "1e", "tru", "nul", "\"a",
                   "\"\\x\"", "\"\\u12\"", "\"\u{1}\"", "[1] 2", "{\"a\":1,}", "NaN", "Infinity",
                   "\"\\udc00\"", "\"\\ud800\\u0041\""]
        for text in bad {
            #expect(throws: CheckpointError.self, "\(text)") { _ = try JSONValue(parsing: Array(text.utf8)) }
        }
        #expect(throws: CheckpointError.self) { _ = try JSONValue(parsing: [0x22, 0xFF, 0x22]) }
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: CheckpointError.self) { _ = try JSONValue(parsing: Array(deep.utf8)) }
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { _ = try JSONValue(parsing: Array(ok.utf8)) }
        #expect(throws: CheckpointError.self) { _ = try JSONValue.double(.infinity).serialized() }
    }
}
