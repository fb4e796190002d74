import Testing
import SinGANAutodiff

@Suite struct SinGANAutodiffSmokeTests {
    @Test func moduleLinks() { #expect(Bool(true)) }
}
