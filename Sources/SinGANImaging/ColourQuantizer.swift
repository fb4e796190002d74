import SinGANTensor

/// k-means colour quantisation, as paint-to-image uses it (the official code calls scikit-learn's
/// `KMeans(n_clusters=5, random_state=0)`).
///
/// Initialisation is k-means++ from a seeded `RandomSource` (so results are deterministic but not
/// scikit-learn's), followed by Lloyd iterations until no centre moves more than `tolerance`.
public enum ColourQuantizer {
    /// One RGB colour.
    public typealias Colour = SIMD3<Float>

    /// The `clusters` centres of the pixels of `image` ([1, 3, H, W]).
    public static func centres(of image: Tensor, clusters: Int = 5, seed: UInt64 = 0,
                               maxIterations: Int = 300, tolerance: Float = 1e-6) -> [Colour] {
        let pixels = colours(of: image)
        precondition(!pixels.isEmpty && clusters >= 1, "k-means needs pixels and at least one cluster")
        var random = RandomSource(seed: seed)
        return lloyd(pixels, start: plusPlusSeeds(pixels, clusters: clusters, random: &random),
                     maxIterations: maxIterations, tolerance: tolerance).centres
    }

    /// Every pixel of `image` replaced by the nearest of `centres`.
    public static func quantize(_ image: Tensor, to centres: [Colour]) -> Tensor {
        paint(image, labels: colours(of: image).map { nearest($0, in: centres) }, with: centres)
    }

    /// The official `quant2centers`: k-means on `image`'s pixels *started from* `centres` (one run),
    /// then each pixel painted with the original centre of its cluster.
    public static func quantizeRefitting(_ image: Tensor, to centres: [Colour], maxIterations: Int = 300) -> Tensor {
        let labels = lloyd(colours(of: image), start: centres, maxIterations: maxIterations, tolerance: 1e-6).labels
        return paint(image, labels: labels, with: centres)
    }

    static func colours(of image: Tensor) -> [Colour] {
        precondition(image.rank == 4 && image.shape[0] == 1 && image.shape[1] == 3, "expected [1, 3, H, W], got \(image.shape)")
        let plane = image.shape[2] * image.shape[3]
        return image.withUnsafeBufferPointer { p in
            (0..<plane).map { Colour(p[$0], p[plane + $0], p[2 * plane + $0]) }
        }
    }

    static func paint(_ image: Tensor, labels: [Int], with centres: [Colour]) -> Tensor {
        let plane = labels.count
        var out = image
        out.withUnsafeMutableBufferPointer { p in
            for (i, label) in labels.enumerated() {
                let c = centres[label]
                p[i] = c.x; p[plane + i] = c.y; p[2 * plane + i] = c.z
            }
        }
        return out
    }

    static func nearest(_ colour: Colour, in centres: [Colour]) -> Int {
        var best = 0
        var bestDistance = Float.infinity
        for (k, c) in centres.enumerated() {
            let d = colour - c
            let distance = (d * d).sum()
            if distance < bestDistance { bestDistance = distance; best = k }
        }
        return best
    }

    /// k-means++: each next seed drawn with probability proportional to its squared distance.
    static func plusPlusSeeds(_ pixels: [Colour], clusters: Int, random: inout RandomSource) -> [Colour] {
        var seeds = [pixels[Int(random.nextUniformDouble() * Double(pixels.count))]]
        var distances = pixels.map { ($0 - seeds[0]) * ($0 - seeds[0]) }.map { Double($0.sum()) }
        while seeds.count < clusters {
            let total = distances.reduce(0, +)
            guard total > 0 else { seeds.append(seeds[seeds.count - 1]); continue }
            var target = random.nextUniformDouble() * total
            var pick = pixels.count - 1
            for (i, d) in distances.enumerated() {
                target -= d
                if target < 0 { pick = i; break }
            }
            seeds.append(pixels[pick])
            for i in pixels.indices {
                let d = pixels[i] - pixels[pick]
                distances[i] = min(distances[i], Double((d * d).sum()))
            }
        }
        return seeds
    }

    /// Lloyd's algorithm. An emptied cluster is moved, as scikit-learn does, to the pixel farthest from
    /// its own centre (which leaves its cluster), so `quantizeRefitting` labels pixels as the official
    /// `quant2centers` when a centre loses all its pixels.
    static func lloyd(_ pixels: [Colour], start: [Colour], maxIterations: Int, tolerance: Float)
        -> (centres: [Colour], labels: [Int]) {
        var centres = start
        var labels = [Int](repeating: 0, count: pixels.count)
        for _ in 0..<max(1, maxIterations) {
            for i in pixels.indices { labels[i] = nearest(pixels[i], in: centres) }
            var sums = [SIMD3<Double>](repeating: .zero, count: centres.count)
            var counts = [Int](repeating: 0, count: centres.count)
            for (i, label) in labels.enumerated() {
                sums[label] += wide(pixels[i])
                counts[label] += 1
            }
            relocateEmptyClusters(pixels, centres: centres, labels: labels, sums: &sums, counts: &counts)
            var shift: Float = 0
            for k in centres.indices where counts[k] > 0 {
                let mean = sums[k] / Double(counts[k])
                let moved = Colour(Float(mean.x), Float(mean.y), Float(mean.z))
                let d = moved - centres[k]
                shift = max(shift, (d * d).sum())
                centres[k] = moved
            }
            if shift <= tolerance { break }
        }
        for i in pixels.indices { labels[i] = nearest(pixels[i], in: centres) }
        return (centres, labels)
    }

    /// scikit-learn's `_relocate_empty_clusters`: each empty cluster, in order, takes the next of the
    /// pixels farthest from their assigned centre (ties: the first such pixel), which leaves its cluster.
    static func relocateEmptyClusters(_ pixels: [Colour], centres: [Colour], labels: [Int],
                                      sums: inout [SIMD3<Double>], counts: inout [Int]) {
        let empty = counts.indices.filter { counts[$0] == 0 }
        guard !empty.isEmpty else { return }
        let distances = pixels.indices.map { i in Double(((pixels[i] - centres[labels[i]]) * (pixels[i] - centres[labels[i]])).sum()) }
        let farthest = pixels.indices.sorted { distances[$0] > distances[$1] || (distances[$0] == distances[$1] && $0 < $1) }
        for (k, i) in zip(empty, farthest) {
            sums[labels[i]] -= wide(pixels[i])
            counts[labels[i]] -= 1
            sums[k] = wide(pixels[i])
            counts[k] = 1
        }
    }

    static func wide(_ c: Colour) -> SIMD3<Double> { SIMD3<Double>(Double(c.x), Double(c.y), Double(c.z)) }
}
