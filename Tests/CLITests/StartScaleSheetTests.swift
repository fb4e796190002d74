import Foundation
import PluginTestKit
import SinGANImaging
import SinGANTensor
import Testing

/// `--start-scale all`: one labelled result per possible start scale on one sheet, through the real
/// binary on the kit's tiny model (42×34, scales 1–3 valid for injection).
@Suite struct StartScaleSheetTests {
    /// The sheet's cells: 3 in one row, 42 px wide and 11 + 34 px high (a label strip above each
    /// picture), 4 px apart.
    static func cells(_ sheet: Tensor) -> [(label: [Float], picture: [Float])] {
        let (h, w) = (sheet.shape[2], sheet.shape[3]), p = sheet.scalars
        return (0..<3).map { cell in
            let left = cell * 46
            func region(_ rows: Range<Int>) -> [Float] {
                (0..<3).flatMap { c in rows.flatMap { y in (left..<left + 42).map { x in p[(c * h + y) * w + x] } } }
            }
            return (region(0..<11), region(11..<45))
        }
    }

    @Test(arguments: ["paint2img", "edit", "harmonize"])
    func allWritesOneLabelledResultPerStartScale(_ command: String) throws {
        let work = try InjectionWorkspace()
        try work.write(TinyModel.picture(), "in.png")
        try work.write(InjectionWorkspace.mask(rows: 8..<24, columns: 10..<30), "mask.png")
        let mask = command == "paint2img" ? [] : ["-m", "mask.png"]
        let result = try work.run(command, ["in.png"] + mask + ["--start-scale", "all", "-o", "sheet.png"])
        #expect(result.status == 0, "\(result.stderr)")
        let sheet = try work.load("sheet.png")
        #expect(sheet.shape == [1, 3, 45, 3 * 42 + 2 * 4])
        let cells = Self.cells(sheet)
        for (index, cell) in cells.enumerated() {
            #expect(cell.label.contains(0) && cell.label.filter { $0 == 1 }.count > cell.label.count / 2,
                    "cell \(index) has a black-on-white label")
        }
        #expect(cells[0].picture != cells[1].picture && cells[1].picture != cells[2].picture)
        let refused = try work.run(command, ["in.png"] + mask + ["--start-scale", "none", "-o", "bad.png"])
        #expect(refused.status == 64 && refused.stderr.contains("--start-scale"), "\(refused.stderr)")
    }

    @Test func sampleWritesOneSamplePerStartScale() throws {
        let work = try InjectionWorkspace()
        let result = try work.run("sample", ["--start-scale", "all", "-o", "scales.png"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try work.load("scales.png").shape == [1, 3, 45, 4 * 42 + 3 * 4], "scales 0–3 in one row")
        let refused = try work.run("sample", ["--start-scale", "all", "--count", "3", "-o", "bad.png"])
        #expect(refused.status == 64 && refused.stderr.hasPrefix("error: --start-scale all writes one sheet"), "\(refused.stderr)")
    }

    @Test func theLabelsAreTheScaleNumbers() {
        let one = PixelFont.bitmap("1")
        #expect(one.count == PixelFont.glyphHeight && one[0].count == PixelFont.glyphWidth)
        #expect(one.map { $0.map { $0 ? "#" : "." }.joined() } == ["..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."])
        #expect(PixelFont.canDraw("start scale 10") && !PixelFont.canDraw("Scale"))
        #expect(PixelFont.bitmap("12", zoom: 2).count == 14 && PixelFont.bitmap("12", zoom: 2)[0].count == 22)
        let labelled = try? ContactSheet.labelled(Tensor(repeating: 0.5, shape: [1, 3, 10, 200]), "start scale 3")
        #expect(labelled?.shape == [1, 3, 10 + 22, 200], "zoom 2 at 200 px: an 22-px strip")
    }
}
