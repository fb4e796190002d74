import SinGANNN
import SinGANTensor

extension TrainedPyramid {
    /// A 64-bit FNV-1a hash (16 hex digits) of everything generation reads: every finished
    /// scale's generator parameters and buffers, training image, reconstruction noise and noise
    /// amplitude, bit for bit. Two models with the same fingerprint generate the same images;
    /// retraining or editing a model changes it. Used to check that a file derived from a model
    /// (such as a paint-to-image cache) still belongs to it.
    public var fingerprint: String {
        var hash = FNV1a()
        hash.add(UInt32(scales.count))
        for scale in scales {
            for parameter in scale.generator.parameters { hash.add(parameter.value) }
            for (_, buffer) in scale.generator.buffers.sorted(by: { $0.key < $1.key }) { hash.add(buffer) }
            hash.add(scale.real)
            hash.add(scale.reconstructionNoise)
            hash.add(scale.noiseAmplitude.bitPattern)
        }
        let digits = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// FNV-1a over 32-bit words (shapes and float bit patterns).
private struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ word: UInt32) {
        var bytes = word
        for _ in 0..<4 {
            value = (value ^ UInt64(bytes & 0xff)) &* 0x0000_0100_0000_01b3
            bytes >>= 8
        }
    }

    mutating func add(_ tensor: Tensor) {
        add(UInt32(tensor.rank))
        for side in tensor.shape { add(UInt32(truncatingIfNeeded: side)) }
        tensor.withUnsafeBufferPointer { scalars in
            for scalar in scalars { add(scalar.bitPattern) }
        }
    }
}
