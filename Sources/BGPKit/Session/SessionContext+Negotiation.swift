extension SessionContext {
    /// The context for decoding what `sender` sends to `receiver`, from the OPEN each of
    /// them sent: 4-octet ASNs and extended messages when both advertised them (RFC 6793,
    /// RFC 8654), and ADD-PATH for each family the sender may send and the receiver may
    /// receive (RFC 7911).
    public init(sender: OpenMessage, receiver: OpenMessage) {
        func advertises(_ open: OpenMessage, _ code: CapabilityCode) -> Bool {
            open.capabilities.contains { $0.code == code }
        }
        func addPathEntries(_ open: OpenMessage) -> [AddPathEntry] {
            var entries: [AddPathEntry] = []
            for case let .addPath(list) in open.capabilities { entries += list }
            return entries
        }
        let receivable = addPathEntries(receiver).filter(\.mode.canReceive).map(\.family)
        var addPath: Set<AddressFamily> = []
        for entry in addPathEntries(sender) where entry.mode.canSend && receivable.contains(entry.family) {
            addPath.insert(entry.family)
        }
        self.init(
            fourOctetAS: advertises(sender, .fourOctetAS) && advertises(receiver, .fourOctetAS),
            extendedMessage: advertises(sender, .extendedMessage) && advertises(receiver, .extendedMessage),
            addPath: addPath
        )
    }
}
