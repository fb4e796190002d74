import SinGANModel

/// Finds the official pyramid geometry that produced a given list of level sizes. An official
/// folder stores the pyramid (`reals.pth`) but not the original image's size or the min/max
/// settings, so the import tries the plausible ones and keeps the first whose every level size
/// matches exactly; the generation only depends on the level sizes and the re-derived factor,
/// which a match reproduces.
enum PyramidGeometryMatch {
    /// Candidates per long side searched above the max size (an original up to this many times larger).
    static let largestDownscale = 8

    static func find(levels: [ImageSize], variant: ScalePyramid.Variant, minSizes: [Int], scaleFactor: Double)
        -> ScalePyramid? {
        guard let finest = levels.last, let coarsest = levels.first else { return nil }
        // The official default first, so that the model keeps it when both fit.
        let maxSizes = finest.longSide == ScalePyramid.defaultMaxSize ? [finest.longSide] : [ScalePyramid.defaultMaxSize, finest.longSide]
        for minSize in minSizes where minSize >= 1 && minSize <= coarsest.shortSide {
            for maxSize in maxSizes where maxSize >= finest.longSide {
                for image in originals(of: finest, maxSize: maxSize) {
                    if let pyramid = try? ScalePyramid(imageSize: image, minSize: minSize, maxSize: maxSize,
                                                       scaleFactor: scaleFactor, variant: variant),
                       pyramid.levelSizes == levels {
                        return pyramid
                    }
                }
            }
        }
        return nil
    }

    /// Original sizes whose `scale1` resize gives `finest`: the finest size itself, and, when its long
    /// side equals `maxSize`, larger images that were brought down to it.
    static func originals(of finest: ImageSize, maxSize: Int) -> [ImageSize] {
        var result = [finest]
        guard finest.longSide == maxSize else { return result }
        let tall = finest.height >= finest.width
        for long in (maxSize + 1)...(largestDownscale * maxSize) {
            let scale = Double(maxSize) / Double(long)
            let short = tall ? finest.width : finest.height
            let low = Int((Double(short - 1) / scale).rounded(.down)), high = Int((Double(short) / scale).rounded(.up))
            for side in max(1, low)...max(1, high) where side <= long {
                result.append(tall ? ImageSize(height: long, width: side) : ImageSize(height: side, width: long))
            }
        }
        return result
    }
}
