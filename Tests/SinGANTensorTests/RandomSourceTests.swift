import Testing
import SinGANTensor

@Suite struct RandomSourceTests {
    @Test func sameSeedSameStreamAndRestorableState() {
        var a = RandomSource(seed: 42), b = RandomSource(seed: 42)
        #expect(a.normal([100]) == b.normal([100]))
        _ = a.nextNormal()
        var restored = RandomSource(state: a.state, spareNormal: a.spareNormal)!
        #expect(restored.normal([5]) == a.normal([5]))
    }

    @Test func normalDeviatesHaveUnitMoments() {
        var random = RandomSource(seed: 1)
        let x = random.normal([200_000])
        let mean = x.scalars.reduce(0.0) { $0 + Double($1) } / 200_000
        let variance = x.scalars.reduce(0.0) { $0 + Double($1) * Double($1) } / 200_000 - mean * mean
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.01)
    }

    @Test func streamIsPinned() {
        // xoshiro256** seeded by SplitMix64, values from an independent Python implementation.
        // A change here changes every seeded result the tool has ever produced.
        var random = RandomSource(seed: 2024)
        #expect((0..<3).map { _ in random.nextBits() } == [1029197146548041518, 14427268137155694693, 1329179038587965441])
        #expect(abs(PortableMath.log(2.5) - 0.9162907318741551) <= 2 * Double.ulpOfOne)
        #expect(abs(PortableMath.log(1e-300) - (-690.7755278982137)) < 1e-12)
    }

    /// `normal(shape)` computes its deviates on all cores; it must give exactly the stream of
    /// `nextNormal()` and leave the same state (spare deviate included), for odd and even counts
    /// and with a spare pending from an earlier call.
    @Test(arguments: [0, 1, 2, 7, 20_000, 50_001])
    func tensorDrawEqualsOneByOne(count: Int) {
        for pending in [false, true] {
            var bulk = RandomSource(seed: 77), single = RandomSource(seed: 77)
            if pending { _ = bulk.nextNormal(); _ = single.nextNormal() }
            let drawn = bulk.normal([count]).scalars
            let expected = (0..<count).map { _ in single.nextNormal() }
            #expect(drawn == expected)
            #expect(bulk == single)
        }
    }
}
