/// What a tunnel costs: the outer header bytes, and what is left of a link MTU for the
/// inner packet and for a TCP segment inside it.
public struct TunnelOverhead: Hashable, Sendable {
    /// The outer IP version.
    public var outerVersion: IPVersion
    /// Whether an RFC 2473 encapsulation limit option (8 bytes) is added (IPv6 outer only).
    public var encapsulationLimit: Bool

    /// The overhead of a tunnel with this outer version and options.
    public init(outerVersion: IPVersion, encapsulationLimit: Bool = false) {
        self.outerVersion = outerVersion
        self.encapsulationLimit = encapsulationLimit && outerVersion == .v6
    }

    /// The overhead of `kind` (an IP-in-IP kind; others count as IPv4 outer).
    public init(kind: TunnelKind, encapsulationLimit: Bool = false) {
        self.init(outerVersion: kind.outerVersion ?? .v4, encapsulationLimit: encapsulationLimit)
    }

    /// Bytes of outer header in front of the inner packet: 20 (IPv4), 40 (IPv6), 48
    /// (IPv6 with the encapsulation limit option).
    public var outerHeaderLength: Int {
        outerVersion == .v4 ? 20 : (encapsulationLimit ? 48 : 40)
    }

    /// The largest inner packet a link of `linkMTU` carries without fragmenting.
    public func innerMTU(linkMTU: Int) -> Int { linkMTU - outerHeaderLength }

    /// The largest TCP MSS for an inner packet of `innerVersion` (no IP or TCP options).
    public func tcpMSS(linkMTU: Int, innerVersion: IPVersion) -> Int {
        innerMTU(linkMTU: linkMTU) - (innerVersion == .v4 ? 20 : 40) - 20
    }
}
