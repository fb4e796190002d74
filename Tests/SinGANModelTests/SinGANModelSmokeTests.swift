import Testing
import SinGANModel

@Suite struct SinGANModelSmokeTests {
    @Test func moduleLinks() { #expect(Bool(true)) }
}
