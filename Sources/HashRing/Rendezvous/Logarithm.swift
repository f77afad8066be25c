/// A natural logarithm written out in plain IEEE 754 arithmetic, so that weighted
/// rendezvous scores are the same on every platform (a C library's `log` may differ in
/// the last bit between implementations).
enum Logarithm {
    static let ln2 = 0.693_147_180_559_945_309_417_232_121_458

    /// `ln(x)` for a positive, finite `x`, to about one unit in the last place.
    static func natural(_ x: Double) -> Double {
        // x = m * 2^e with m in [sqrt(1/2), sqrt(2)), so that s = (m - 1) / (m + 1) is
        // at most 0.172 and the series ln m = 2 (s + s^3/3 + s^5/5 + ...) converges fast.
        var exponent = Double(Int(x.exponent))
        var mantissa = x.significand
        if mantissa > 1.414_213_562_373_095_048_8 {
            mantissa /= 2
            exponent += 1
        }
        let s = (mantissa - 1) / (mantissa + 1)
        let square = s * s
        var term = s
        var sum = 0.0
        // A fixed number of terms (s^29 is below 2^-70 for |s| <= 0.172) keeps the result
        // independent of any convergence test.
        for k in 0..<15 {
            sum += term / Double(2 * k + 1)
            term *= square
        }
        return exponent * ln2 + 2 * sum
    }
}
