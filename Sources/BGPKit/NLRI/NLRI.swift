/// One route in an NLRI field: a prefix, with its ADD-PATH path identifier when the
/// session negotiated ADD-PATH for the family (RFC 7911).
public struct NLRI: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The RFC 7911 path identifier, nil without ADD-PATH.
    public var pathID: UInt32?
    /// The prefix.
    public var prefix: IPPrefix

    public init(_ prefix: IPPrefix, pathID: UInt32? = nil) {
        self.prefix = prefix
        self.pathID = pathID
    }

    /// "192.0.2.0/24", or "192.0.2.0/24 path-id 7" with ADD-PATH.
    public var description: String {
        if let pathID { return "\(prefix) path-id \(pathID)" }
        return prefix.description
    }

    public static func < (a: Self, b: Self) -> Bool { (a.prefix, a.pathID ?? 0) < (b.prefix, b.pathID ?? 0) }
}
