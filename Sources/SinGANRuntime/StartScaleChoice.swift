import ArgumentParser
import SinGANImaging
import SinGANModel
import SinGANTensor

/// The value of `--start-scale` for plugins that inject a picture: one scale, or `all` for a
/// labelled contact sheet with one result per possible start scale, so a user sees at once which
/// to pick.
public enum StartScaleChoice: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
    case scale(Int)
    case all

    public init?(argument: String) {
        if argument == "all" { self = .all } else if let n = Int(argument) { self = .scale(n) } else { return nil }
    }

    public var description: String {
        switch self {
        case .scale(let n): String(n)
        case .all: "all"
        }
    }

    /// The chosen scale; nil for `all`.
    public var single: Int? {
        if case .scale(let n) = self { n } else { nil }
    }
}

/// The contact sheet of `--start-scale all`: the result of every valid start scale at the model's
/// size, left to right from the lowest, each labelled "start scale N", in rows of at most four,
/// 4 px apart on white.
public enum StartScaleSheet {
    static let spacing = 4
    static let columns = 4

    /// The start scales the sheet shows for `injection` on the model of `runtime`.
    public static func scales(_ injection: InjectionScale, runtime: Runtime) -> [Int] {
        injection.range(scaleCount: runtime.scaleCount).map(Array.init) ?? []
    }

    /// The sheet's size on the model of `runtime`.
    public static func size(_ injection: InjectionScale, runtime: Runtime) -> ImageSize {
        let count = scales(injection, runtime: runtime).count
        let cell = runtime.trainingSize
        let label = ContactSheet.labelHeight(forWidth: cell.width)
        let columns = min(Self.columns, max(1, count)), rows = (count + columns - 1) / columns
        return ImageSize(height: rows * (cell.height + label) + (rows - 1) * spacing,
                         width: columns * cell.width + (columns - 1) * spacing)
    }

    /// The sheet: `result(n)` (`[1, 3, H, W]` in [0, 1] at the model's size) for every scale.
    public static func make(_ injection: InjectionScale, runtime: Runtime,
                            result: (Int) throws -> Tensor) throws -> Tensor {
        let cells = try scales(injection, runtime: runtime).map { n in
            try ContactSheet.labelled(try result(n), "start scale \(n)")
        }
        return try ContactSheet.make(cells, columns: min(columns, cells.count), spacing: spacing, background: 1)
    }
}
