import Testing
import SinGANImaging

@Suite struct SinGANImagingSmokeTests {
    @Test func moduleLinks() { #expect(Bool(true)) }
}
