import Testing
import SinGANCheckpoint

@Suite struct SinGANCheckpointSmokeTests {
    @Test func moduleLinks() { #expect(Bool(true)) }
}
