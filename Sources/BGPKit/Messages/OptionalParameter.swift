/// An OPEN optional parameter (RFC 4271 section 4.2, RFC 5492).
public enum OptionalParameter: Hashable, Sendable, CustomStringConvertible {
    /// Type 2: one or more capabilities (speakers differ in how many per parameter;
    /// the grouping is kept so that a re-encode is byte-identical).
    case capabilities([Capability])
    /// Any other type (1, authentication, is deprecated), kept raw; whether to refuse
    /// it (Unsupported Optional Parameter) is the session's decision.
    case unknown(type: UInt8, value: [UInt8])

    public var description: String {
        switch self {
        case let .capabilities(c): c.map(\.description).joined(separator: ", ")
        case let .unknown(type, value): "parameter \(type) (\(value.count) bytes)"
        }
    }
}
