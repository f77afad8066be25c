/// Why a table could not be built or changed.
public enum HashRingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The table size must be a prime (Maglev permutations need it), and at least 2.
    case sizeNotPrime(Int)
    /// The table size is outside what the algorithm supports.
    case sizeOutOfRange(Int, supported: ClosedRange<Int>)
    /// A table needs at least as many slots as backends with a non-zero weight.
    case tooManyBackends(Int, size: Int)
    /// The same address and port were given twice.
    case duplicateBackend(Backend.Key)
    /// The IPVS `mh` table size must be one of the kernel's primes.
    case notAnIPVSTableSize(Int)
    /// The algorithm cannot use unequal weights (jump hash).
    case weightsNotSupported
    /// The backend named is not in the table.
    case unknownBackend(Backend.Key)

    public var description: String {
        switch self {
        case .sizeNotPrime(let size): "table size \(size) is not a prime"
        case .sizeOutOfRange(let size, let range):
            "table size \(size) is outside \(range.lowerBound)...\(range.upperBound)"
        case .tooManyBackends(let count, let size): "\(count) backends do not fit in \(size) slots"
        case .duplicateBackend(let key): "backend \(key) is given twice"
        case .notAnIPVSTableSize(let size):
            "table size \(size) is not an IPVS mh size (\(IPVSMaglevProfile.tableSizes.map(String.init).joined(separator: ", ")))"
        case .weightsNotSupported: "jump hash gives every backend the same share; weights must be equal"
        case .unknownBackend(let key): "backend \(key) is not in the table"
        }
    }
}
