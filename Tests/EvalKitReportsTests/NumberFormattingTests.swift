import Foundation
import Testing
@testable import EvalKitReports

/// `NumberFormatting.fixed4` (C's `%.4f` through `vsnprintf`) writes exactly what
/// `String(format: "%.4f")` writes, ties and tiny and huge values included.
@Suite struct NumberFormattingTests {
    @Test func fixedFourDecimalsMatchesStringFormat() {
        var values: [Double] = [0, -0.0, 0.00005, 0.00015, 0.99995, -0.00004, -0.00005, 1e-300, .leastNonzeroMagnitude, 0.5, 1.23445,
                                1.23455, 123456.78905, 1e22, -1e15, Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude,
                                .infinity, -.infinity]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let unit = Double(state >> 11) / Double(1 << 53)
            values.append(unit)
            values.append((unit - 0.5) * 2_000)
            values.append((unit * 20_000).rounded() / 20_000)  // ties at the fifth decimal
        }
        for value in values {
            #expect(NumberFormatting.fixed4(value) == String(format: "%.4f", value), "\(value)")
        }
    }
}
