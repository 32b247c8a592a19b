@testable import EvalKitData
import Testing

@Suite struct NumberParsingTests {
    private func double(_ text: String) -> Double? { parseDouble(text) }

    @Test func acceptsDecimalForms() {
        #expect(double("0.270139") == 0.270139)
        #expect(double("1") == 1)
        #expect(double("+2.5") == 2.5)
        #expect(double("-3e2") == -300)
        #expect(double("1.") == 1)
        #expect(double(".5") == 0.5)
        #expect(double("1E-2") == 0.01)
        #expect(double("0001.2500") == 1.25)
        #expect(double("1e400") == .infinity)
        #expect(double("1e-400") == 0)
        #expect(double("-0")?.sign == .minus)
        #expect(double("0e99999999999999999999") == 0)
        #expect(double("123456789012345678901234567890") == 123456789012345678901234567890.0)
    }

    @Test func nonFiniteWordsParseSoCallersCanRejectThem() {
        #expect(double("nan")?.isNaN == true)
        #expect(double("NaN")?.isNaN == true)
        #expect(double("-inf") == -.infinity)
        #expect(double("Infinity") == .infinity)
        #expect(double("+INF") == .infinity)
    }

    @Test(arguments: ["", " ", " 1", "1 ", "+", "-", ".", "e5", "1e", "1e+", "1..2", "1.2.3", "0x1p3", "1,5",
                      "n/a", "infinit", "nana", "--1", "1e5.0", "١"])
    func rejects(_ text: String) {
        #expect(double(text) == nil)
    }

    @Test func agreesWithTheStandardLibraryOnRandomDecimals() {
        var rng = SeededGenerator(seed: 2024)
        for _ in 0..<100_000 {
            var text = ""
            text += ["", "", "-", "+"][Int.random(in: 0...3, using: &rng)]
            let integerDigits = Int.random(in: 0...(Bool.random(using: &rng) ? 3 : 25), using: &rng)
            for _ in 0..<integerDigits { text += String(Int.random(in: 0...9, using: &rng)) }
            let fractionDigits = Int.random(in: 0...(Bool.random(using: &rng) ? 6 : 25), using: &rng)
            if fractionDigits == 0 && integerDigits > 0 && Int.random(in: 0..<10, using: &rng) == 0 {
                text += "."  // "12." is a number too
            } else if fractionDigits > 0 || integerDigits == 0 {
                text += "."
                for _ in 0..<max(fractionDigits, integerDigits == 0 ? 1 : 0) {
                    text += String(Int.random(in: 0...9, using: &rng))
                }
            }
            if Int.random(in: 0..<3, using: &rng) == 0 {
                text += ["e", "E"][Int.random(in: 0...1, using: &rng)]
                text += ["", "+", "-"][Int.random(in: 0...2, using: &rng)]
                text += String(Int.random(in: 0...(Bool.random(using: &rng) ? 30 : 340), using: &rng))
            }
            let expected = Double(text)
            let got = parseDouble(text)
            #expect(got?.bitPattern == expected?.bitPattern, "\(text)")
            if got?.bitPattern != expected?.bitPattern { return }
        }
    }

    @Test func roundTripsShortestRepresentations() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<100_000 {
            let value = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            #expect(parseDouble(value.description) == value)
            let scaled = Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 1_000_000
            #expect(parseDouble("\(scaled)") == scaled)
        }
    }

    @Test func integers() {
        #expect(parseInt64("0") == 0)
        #expect(parseInt64("-17") == -17)
        #expect(parseInt64("+17") == 17)
        #expect(parseInt64("007") == 7)
        #expect(parseInt64("9223372036854775807") == .max)
        #expect(parseInt64("-9223372036854775808") == .min)
        for bad in ["", "-", "+", "9223372036854775808", "-9223372036854775809", "1.0", " 1", "1 ", "1e3", "0x10"] {
            #expect(parseInt64(bad) == nil, "\(bad)")
        }
    }
}
