/// ORIGIN (type 1, well-known mandatory): how the route entered BGP.
public enum Origin: UInt8, Hashable, Sendable, CustomStringConvertible {
    case igp = 0
    case egp = 1
    case incomplete = 2

    /// "IGP", "EGP" or "incomplete".
    public var description: String {
        switch self {
        case .igp: "IGP"
        case .egp: "EGP"
        case .incomplete: "incomplete"
        }
    }

    /// RFC 7606 section 7.1: a wrong length or value is treat-as-withdraw.
    static func decode(_ value: ByteReader) throws(BGPError) -> Origin {
        guard value.bytes.count == 1 else {
            throw ErrorTemplate(.attributeLength, .updateMessageError, NotificationCode.Update.attributeLength,
                                .treatAsWithdraw, attribute: .origin)
                .error(at: value.base, detail: "length \(value.bytes.count), expected 1")
        }
        guard let origin = Origin(rawValue: value.bytes[0]) else {
            throw ErrorTemplate(.invalidOrigin, .updateMessageError, NotificationCode.Update.invalidOrigin,
                                .treatAsWithdraw, attribute: .origin)
                .error(at: value.base, detail: "value \(value.bytes[0])")
        }
        return origin
    }
}
