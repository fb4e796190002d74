import Foundation

/// A CSV list of images with per-image options. The first line is the header; `image` is the one
/// required column, and `family`, `profile`, `max_size`, `iterations` and `seed` set that image's `train`
/// options (an empty cell keeps the batch's). Fields may be quoted (`"a, b.png"`, `""` for a quote).
///
///     image,max_size,iterations,seed
///     photos/rocket.png,128,,3
///     photos/hubble.png,250,1000,1
enum CSVImageList {
    /// The option columns and the `train` option each sets; `integer` columns must hold whole numbers.
    static let optionColumns: [(column: String, option: String, integer: Bool)] = [
        ("family", "--family", false), ("profile", "--profile", false), ("max_size", "--max-size", true),
        ("iterations", "--iterations", true), ("seed", "--seed", true),
    ]

    static var columnNames: String { (["image"] + optionColumns.map(\.column)).joined(separator: ", ") }

    static func parse(_ text: String, file: String, baseFolder: String) throws -> [BatchImage] {
        var rows = ImageList.lines(text).enumerated().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }[...]
        guard let headerRow = rows.popFirst() else { return [] }
        let header = try fields(headerRow.element, location: "\(file):\(headerRow.offset + 1)").map {
            $0.lowercased().replacingOccurrences(of: "-", with: "_")
        }
        let headerLocation = "\(file):\(headerRow.offset + 1)"
        for (index, name) in header.enumerated() {
            guard name == "image" || optionColumns.contains(where: { $0.column == name }) else {
                throw BatchError("\(headerLocation): unknown column '\(name)'; the columns are \(columnNames)")
            }
            if header[..<index].contains(name) { throw BatchError("\(headerLocation): the column '\(name)' appears twice") }
        }
        guard let imageColumn = header.firstIndex(of: "image") else {
            throw BatchError("\(headerLocation): the header has no 'image' column (the columns are \(columnNames))")
        }
        return try rows.map { row in
            let location = "\(file):\(row.offset + 1)"
            let cells = try fields(row.element, location: location)
            guard cells.count == header.count else {
                throw BatchError("\(location): \(cells.count) fields, but the header has \(header.count)")
            }
            guard !cells[imageColumn].isEmpty else { throw BatchError("\(location): the image is empty") }
            var options: [String] = []
            for (name, cell) in zip(header, cells) where name != "image" && !cell.isEmpty {
                let column = optionColumns.first { $0.column == name }!
                if column.integer && Int(cell) == nil && UInt64(cell) == nil {
                    throw BatchError("\(location): \(name) must be a whole number (got '\(cell)')")
                }
                options += [column.option, cell]
            }
            let path = try ImageList.existingImage(cells[imageColumn], baseFolder: baseFolder, location: location)
            return BatchImage(name: ImageList.stem(cells[imageColumn]), image: path, options: options, source: location)
        }
    }

    /// The fields of one CSV line, trimmed of surrounding spaces.
    static func fields(_ line: String, location: String) throws -> [String] {
        var fields: [String] = [], field = "", quoted = false, wasQuoted = false
        var characters = line.makeIterator()
        while let c = characters.next() {
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == "," { fields.append(field); field = ""; wasQuoted = false }
                            else if next != " " { throw BatchError("\(location): text after a closing quote") }
                        }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "," {
                fields.append(wasQuoted ? field : field.trimmingCharacters(in: .whitespaces))
                field = ""
                wasQuoted = false
            } else if c == "\"" && field.trimmingCharacters(in: .whitespaces).isEmpty {
                quoted = true
                wasQuoted = true
                field = ""
            } else { field.append(c) }
        }
        guard !quoted else { throw BatchError("\(location): a quoted field is not closed") }
        fields.append(wasQuoted ? field : field.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
