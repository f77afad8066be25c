import BGPKit

/// What two speakers negotiated, learned from the OPENs seen in a capture, giving the
/// session context to decode each direction with.
///
/// Until both OPENs are seen (a capture started mid-session) the context is the modern
/// default: 4-octet ASNs, no ADD-PATH, and messages up to 65,535 bytes accepted so that a
/// capture is never cut short by a guess.
struct NegotiatedSession {
    private(set) var opens: [String: OpenMessage] = [:]

    /// Records the OPEN sent by `sender` (an endpoint's text form).
    mutating func sawOpen(_ open: OpenMessage, from sender: String) {
        opens[sender] = open
    }

    /// Forgets an endpoint's OPEN, when its side of the connection starts again.
    mutating func forget(_ sender: String) {
        opens[sender] = nil
    }

    /// The context for decoding what `sender` sends to `receiver`.
    func context(from sender: String, to receiver: String) -> SessionContext {
        guard let local = opens[sender], let remote = opens[receiver] else {
            return SessionContext(fourOctetAS: true, extendedMessage: true)
        }
        return SessionContext(sender: local, receiver: remote)
    }
}
