/// KEEPALIVE (RFC 4271 section 4.4) is the 19-byte header alone; the header check
/// (``BGPMessageHeader/init(decoding:maximumLength:)``) rejects any other length with
/// Message Header Error / Bad Message Length. ``BGPMessage/keepalive`` is the value.
public enum KeepaliveMessage {
    /// The 19 bytes of every KEEPALIVE.
    public static let bytes: [UInt8] = [UInt8](repeating: 0xFF, count: 16) + [0, 19, 4]
}
