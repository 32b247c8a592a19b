/// `x -= d` repeated `times` times in double precision — bob.measure's running FAR in
/// `_minimizing_threshold` (`far -= far_decrease` once per impostor) — bit for bit, in
/// O(binades crossed) instead of O(times). This lets a bounded walk start at the bound with
/// exactly the FAR bob's walk has accumulated there, from the count of unheld impostors alone.
///
/// Why it is exact: inside one binade [2ᵉ, 2ᵉ⁺¹) every double is a multiple of u = ulp(2ᵉ), and
/// for a grid value x the rounded x − d is x − D for one fixed multiple D of u (d rounded to the
/// grid). On an exact tie (d ≡ u/2 mod u) round-half-even picks the even neighbour, so after one
/// step the value is even and every later step subtracts the same D again. Two single steps
/// therefore measure D, the following k steps that stay clear of the binade's lower edge are
/// x − k·D (exact integer arithmetic on the grid), and the steps across an edge are taken one by
/// one. Falls back to single steps outside the positive normal range. Requires d > 0 (else plain
/// steps).
func repeatedlySubtracted(_ start: Double, _ d: Double, times: Int64) -> Double {
    var x = start
    var remaining = times
    while remaining > 0 {
        guard remaining > 4, d > 0, x.isNormal, x > 0 else {
            x -= d
            remaining -= 1
            continue
        }
        let x1 = x - d
        let x2 = x1 - d
        remaining -= 2
        x = x2
        guard x2.isNormal, x2 > 0, x1.exponent == x2.exponent else { continue }
        let step = x1 - x2  // exact: both on the same grid
        if step == 0 { return x2 }  // d below half a grid step: x never moves again
        let u = x2.ulp
        let lowest = Int64(1) << 52  // 2ᵉ / u
        let grid = Int64(x2 / u), stepUnits = Int64(step / u)
        // Stay ≥ one grid step above the edge before each subtraction of d ≤ D + u/2.
        let k = min(remaining, max(0, (grid - lowest - 1) / stepUnits - 1))
        if k > 0 {
            x = Double(grid - k * stepUnits) * u
            remaining -= k
        }
    }
    return x
}
