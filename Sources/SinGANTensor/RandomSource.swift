import CWorkerPool
import Synchronization
/// A seeded random source that gives identical streams on every machine.
///
/// The generator is xoshiro256** seeded through SplitMix64. Normal deviates use the Marsaglia
/// polar method with a logarithm written in plain IEEE arithmetic (no libm), so results do not
/// depend on the C library or on FMA availability. The whole state is a value and can be saved
/// in a checkpoint and restored to continue the exact stream.
public struct RandomSource: Sendable, Equatable, Codable {
    /// The four xoshiro256** state words.
    public private(set) var state: [UInt64]
    /// The second deviate of the last polar pair, if not consumed yet.
    public private(set) var spareNormal: Float?

    /// A stream determined by `seed`.
    public init(seed: UInt64) {
        var mix = seed
        state = (0..<4).map { _ in RandomSource.splitMix64(&mix) }
        spareNormal = nil
    }

    /// Restores a saved state; nil if the words are invalid (all zero or not four).
    public init?(state: [UInt64], spareNormal: Float?) {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else { return nil }
        self.state = state
        self.spareNormal = spareNormal
    }

    private static func splitMix64(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    public mutating func nextBits() -> UInt64 {
        let result = rotl(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotl(state[3], 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUniformDouble() -> Double { Double(nextBits() >> 11) * 0x1.0p-53 }

    /// Uniform in [0, 1).
    public mutating func nextUniform() -> Float {
        Float(nextBits() >> 40) * 0x1.0p-24
    }

    /// A standard normal deviate.
    public mutating func nextNormal() -> Float {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let point = nextPolarPoint()
        let factor = Self.polarFactor(point.s)
        spareNormal = Float(point.v * factor)
        return Float(point.u * factor)
    }

    /// The next point (u, v) of the polar method, uniform in the unit disc without its centre, and
    /// s = u² + v² (points outside are drawn and rejected).
    private mutating func nextPolarPoint() -> (u: Double, v: Double, s: Double) {
        while true {
            let u = 2 * nextUniformDouble() - 1
            let v = 2 * nextUniformDouble() - 1
            let s = u * u + v * v
            if s < 1 && s != 0 { return (u, v, s) }
        }
    }

    /// √(−2 ln s / s): turns an accepted polar point into two normal deviates u·f and v·f.
    private static func polarFactor(_ s: Double) -> Double { (-2 * PortableMath.log(s) / s).squareRoot() }

    /// A tensor of independent standard normal deviates: exactly the values of `nextNormal()`
    /// called once per element, in order. The accepted polar points are drawn in stream order by
    /// one thread while the others turn them into deviates (the logarithms and square roots, most
    /// of the cost) as they appear; the drawing thread joins in once it is done.
    public mutating func normal(_ shape: [Int]) -> Tensor {
        var out = Tensor.zeros(shape)
        out.withUnsafeMutableBufferPointer { buffer in
            guard !buffer.isEmpty else { return }
            var start = 0
            if let spare = spareNormal {
                buffer[0] = spare
                spareNormal = nil
                start = 1
            }
            let pairs = (buffer.count - start + 1) / 2
            let points = UnsafeMutablePointer<(u: Double, v: Double, s: Double)>.allocate(capacity: Swift.max(1, pairs))
            defer { points.deallocate() }
            let (count, first) = (buffer.count, start)
            let values = SendablePointer(buffer.baseAddress!), drawn = SendablePointer(points)
            let chunk = 2048
            let published = Atomic<Int>(0), claimed = Atomic<Int>(0)
            var source = self
            withUnsafeMutablePointer(to: &source) { sourcePointer in
                let generator = SendablePointer(sourcePointer)
                WorkerPool.run(pairs >= 4 * chunk ? ParallelWorkers.count : 1) { task in
                    if task == 0 {   // the stream's order: one thread draws every point
                        var p = 0
                        while p < pairs {
                            let end = Swift.min(pairs, p + chunk)
                            for q in p..<end { drawn.base[q] = generator.base.pointee.nextPolarPoint() }
                            published.store(end, ordering: .releasing)
                            p = end
                        }
                    }
                    while true {   // deviates of published points, a chunk at a time
                        let from = claimed.add(chunk, ordering: .relaxed).oldValue
                        if from >= pairs { return }
                        let to = Swift.min(pairs, from + chunk)
                        var spins: UInt32 = 0
                        while published.load(ordering: .acquiring) < to {
                            spins += 1
                            worker_pool_relax(spins)
                        }
                        for p in from..<to {
                            let (u, v, s) = drawn.base[p]
                            let factor = Self.polarFactor(s)
                            let i = first + 2 * p
                            values.base[i] = Float(u * factor)
                            if i + 1 < count { values.base[i + 1] = Float(v * factor) }
                        }
                    }
                }
            }
            self = source
            // An odd count leaves the last pair's second deviate for the next draw, as nextNormal() does.
            if (count - start) % 2 == 1 {
                let (_, v, s) = points[pairs - 1]
                spareNormal = Float(v * Self.polarFactor(s))
            }
        }
        return out
    }

    /// A tensor of independent uniform deviates in [0, 1).
    public mutating func uniform(_ shape: [Int]) -> Tensor {
        var out = Tensor.zeros(shape)
        out.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<buffer.count { buffer[i] = nextUniform() }
        }
        return out
    }
}

/// Elementary functions in plain IEEE double arithmetic, identical on every machine.
public enum PortableMath {
    /// Natural logarithm of a positive finite x, accurate to about 1 ulp.
    public static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "log of \(x)")
        // x = m · 2^e with m in [sqrt(1/2), sqrt(2)); log(m) = 2·atanh((m-1)/(m+1)).
        var m = x.significand          // [1, 2)
        var e = Double(x.exponent)
        if m > 1.4142135623730951 { m /= 2; e += 1 }
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        var term = t
        var series = 0.0
        var k = 1.0
        while true {
            let next = series + term / k
            if next == series { break }
            series = next
            term *= t2
            k += 2
        }
        return 2 * series + e * 0.69314718055994530942
    }
}
