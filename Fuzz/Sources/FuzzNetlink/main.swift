import CFuzzerDriver
import Glibc
import NetlinkKit

/// Feeds the bytes to every NetlinkKit decoder: the datagram splitter, then each message's
/// payload as an error/ACK, a generic netlink message with IPVS service, destination,
/// daemon and stats nests, and rtnetlink link, address and route messages. The first
/// byte picks the flags used for error messages (capped or not, with TLVs or not).
func fuzzOne(_ bytes: UnsafeRawBufferPointer) {
    guard let selector = bytes.first else { return }
    let data = Array(bytes.dropFirst())[...]
    let flags = NetlinkFlags(rawValue: UInt16(selector & 0x3) << 8)
    _ = try? ExtendedAck(parsing: data)
    _ = try? NetlinkErrorMessage(payload: data, flags: flags)
    if let attributes = try? NetlinkAttributes(parsing: data) {
        precondition(attributes.allSatisfy { $0.value.count <= data.count }, "attribute value longer than its input")
        _ = try? GenericFamily(parsing: attributes)
        _ = try? IPVSService(parsing: attributes)
        _ = try? IPVSDestination(parsing: attributes, serviceFamily: selector & 4 == 0 ? .inet : .inet6)
        _ = try? IPVSSyncDaemon(parsing: attributes)
        _ = try? IPVSStats(parsing: attributes)
        for attribute in attributes {
            _ = try? attribute.nested()
            _ = attribute.string()
        }
    }
    _ = try? Link(parsing: data)
    _ = try? InterfaceAddress(parsing: data)
    _ = try? Route(parsing: data)
    guard let messages = try? NetlinkMessage.split(data) else { return }
    for message in messages {
        precondition(message.payload.count + NetlinkHeader.size == Int(message.header.length), "payload length mismatch")
        _ = try? NetlinkErrorMessage(payload: message.payload, flags: message.header.flags)
        if let generic = try? GenericMessage(message) {
            if let service = try? generic.attributes.nested(IPVSWire.CommandAttribute.service) {
                _ = try? IPVSService(parsing: service)
            }
            if let destination = try? generic.attributes.nested(IPVSWire.CommandAttribute.destination) {
                _ = try? IPVSDestination(parsing: destination, serviceFamily: .inet)
            }
        }
        _ = try? Link(parsing: message.payload)
        _ = try? Route(parsing: message.payload)
    }
}

// SwiftPM makes this file the executable's entry point; hand the test function to libFuzzer.
var argumentCount = CommandLine.argc
var argumentValues = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argumentCount, &argumentValues) { data, size in
    fuzzOne(UnsafeRawBufferPointer(start: data, count: size))
    return 0
})
