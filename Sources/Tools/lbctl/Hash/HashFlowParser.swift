import HashRing

/// Reads flows written as `PROTOCOL SOURCE DESTINATION`, for example
/// `tcp 192.0.2.10:40000 203.0.113.1:443` or `udp [2001:db8::5]:5353 [2001:db8::1]:53`.
/// The protocol is a name (tcp, udp, sctp, icmp, icmpv6) or a number 0 to 255; ports may
/// be left out (0). Total: any text gives a flow or a message saying what is wrong.
enum HashFlowParser {
    static func parse(_ text: Substring) -> Result<FlowKey, HashToolError> {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 3 else {
            return .failure(HashToolError("expected 'PROTOCOL SOURCE DESTINATION', got \(fields.count) fields"))
        }
        let protocolText = fields[0].lowercased()
        guard let number = FlowKey.protocolNames.first(where: { $0.name == protocolText })?.number ?? UInt8(protocolText) else {
            return .failure(HashToolError("protocol '\(fields[0])' is not tcp, udp, sctp, icmp, icmpv6 or 0-255"))
        }
        guard let (source, sourcePort) = Backend.parseEndpoint(fields[1]) else {
            return .failure(HashToolError("source '\(fields[1])' is not ADDRESS, IPV4:PORT or [IPV6]:PORT"))
        }
        guard let (destination, destinationPort) = Backend.parseEndpoint(fields[2]) else {
            return .failure(HashToolError("destination '\(fields[2])' is not ADDRESS, IPV4:PORT or [IPV6]:PORT"))
        }
        guard source.version == destination.version else {
            return .failure(HashToolError("source and destination are of different address families"))
        }
        return .success(FlowKey(transportProtocol: number, source: source, sourcePort: sourcePort ?? 0,
                                destination: destination, destinationPort: destinationPort ?? 0))
    }
}
