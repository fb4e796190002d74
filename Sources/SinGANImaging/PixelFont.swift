import SinGANTensor

/// A tiny built-in 5×7 bitmap font for labels on contact sheets: digits, a space and the
/// letters of "start scale". Built in so labels look the same on every machine, with no font
/// library.
public enum PixelFont {
    /// Glyph width and height in font pixels; glyphs are drawn 1 pixel apart.
    public static let glyphWidth = 5, glyphHeight = 7

    static let glyphs: [Character: [String]] = [
        "0": [".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."],
        "1": ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."],
        "2": [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"],
        "3": ["####.", "....#", "....#", ".###.", "....#", "....#", "####."],
        "4": ["...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."],
        "5": ["#####", "#....", "####.", "....#", "....#", "#...#", ".###."],
        "6": ["..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."],
        "7": ["#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."],
        "8": [".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."],
        "9": [".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."],
        "s": [".....", ".....", ".####", "#....", ".###.", "....#", "####."],
        "t": ["..#..", "..#..", "#####", "..#..", "..#..", "..#.#", "...#."],
        "a": [".....", ".....", ".###.", "....#", ".####", "#...#", ".####"],
        "r": [".....", ".....", "#.##.", "##..#", "#....", "#....", "#...."],
        "c": [".....", ".....", ".###.", "#....", "#....", "#...#", ".###."],
        "l": [".##..", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."],
        "e": [".....", ".....", ".###.", "#...#", "#####", "#....", ".###."],
        " ": [".....", ".....", ".....", ".....", ".....", ".....", "....."],
    ]

    /// Whether every character of `text` has a glyph.
    public static func canDraw(_ text: String) -> Bool { text.allSatisfy { glyphs[$0] != nil } }

    /// The width of `text` in font pixels.
    public static func width(of text: String) -> Int { max(0, text.count * (glyphWidth + 1) - 1) }

    /// The ink of `text` as rows of booleans (`glyphHeight` rows of `width(of:)`), each font
    /// pixel repeated `zoom` × `zoom` times. Characters without a glyph are drawn as spaces.
    public static func bitmap(_ text: String, zoom: Int = 1) -> [[Bool]] {
        let blank = glyphs[" "]!
        let rows = (0..<glyphHeight).map { row -> [Bool] in
            text.enumerated().flatMap { index, character -> [Bool] in
                let ink = (glyphs[character] ?? blank)[row].map { $0 == "#" }
                return index == text.count - 1 ? ink : ink + [false]
            }
        }
        return rows.flatMap { row in
            Array(repeating: row.flatMap { Array(repeating: $0, count: zoom) }, count: zoom)
        }
    }
}
