/// Primality for table sizes (Maglev needs a prime so that every skip walks all slots).
enum Primes {
    /// Whether `number` is prime, by trial division (sizes are at most a few million).
    static func isPrime(_ number: Int) -> Bool {
        guard number >= 2 else { return false }
        if number < 4 { return true }
        if number % 2 == 0 { return false }
        var divisor = 3
        while divisor <= number / divisor {
            if number % divisor == 0 { return false }
            divisor += 2
        }
        return true
    }
}
