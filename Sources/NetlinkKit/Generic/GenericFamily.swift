/// A generic netlink family as the controller describes it (CTRL_CMD_GETFAMILY).
public struct GenericFamily: Equatable, Sendable {
    /// The message type to use for this family's requests.
    public var id: UInt16
    public var name: String
    public var version: UInt32
    public var headerSize: UInt32
    public var maximumAttribute: UInt32
    public var operations: [Operation]
    public var multicastGroups: [MulticastGroup]

    /// A command the family implements, with its `GENL_*` flags (admin-only, do, dump...).
    public struct Operation: Equatable, Sendable {
        public var command: UInt32
        public var flags: UInt32
    }

    public struct MulticastGroup: Equatable, Sendable {
        public var name: String
        public var id: UInt32
    }

    public init(id: UInt16, name: String, version: UInt32, headerSize: UInt32 = 0, maximumAttribute: UInt32 = 0,
                operations: [Operation] = [], multicastGroups: [MulticastGroup] = []) {
        self.id = id
        self.name = name
        self.version = version
        self.headerSize = headerSize
        self.maximumAttribute = maximumAttribute
        self.operations = operations
        self.multicastGroups = multicastGroups
    }

    /// Decodes a CTRL_CMD_NEWFAMILY reply's attributes.
    public init(parsing attributes: NetlinkAttributes) throws(NetlinkDecodingError) {
        let id = try attributes.require(Controller.Attribute.familyID, "family id", in: "family").uint16()
        name = attributes.string(Controller.Attribute.familyName) ?? ""
        self.id = id
        version = try attributes.uint32(Controller.Attribute.version) ?? 0
        headerSize = try attributes.uint32(Controller.Attribute.headerSize) ?? 0
        maximumAttribute = try attributes.uint32(Controller.Attribute.maximumAttribute) ?? 0
        operations = []
        for entry in try attributes.nested(Controller.Attribute.operations) ?? NetlinkAttributes() {
            let op = try entry.nested()
            operations.append(Operation(command: try op.uint32(1) ?? 0, flags: try op.uint32(2) ?? 0))
        }
        multicastGroups = []
        for entry in try attributes.nested(Controller.Attribute.multicastGroups) ?? NetlinkAttributes() {
            let group = try entry.nested()
            multicastGroups.append(MulticastGroup(name: group.string(1) ?? "", id: try group.uint32(2) ?? 0))
        }
    }

    /// Encodes the attributes of a CTRL_CMD_NEWFAMILY reply (for fakes and tests).
    public func encodeAttributes(into writer: inout AttributeWriter) {
        writer.append(Controller.Attribute.familyID, uint16: id)
        writer.append(Controller.Attribute.familyName, string: name)
        writer.append(Controller.Attribute.version, uint32: version)
        writer.append(Controller.Attribute.headerSize, uint32: headerSize)
        writer.append(Controller.Attribute.maximumAttribute, uint32: maximumAttribute)
        if !operations.isEmpty {
            writer.nested(Controller.Attribute.operations) { w in
                for (index, op) in operations.enumerated() {
                    w.nested(UInt16(truncatingIfNeeded: index + 1)) { o in
                        o.append(1, uint32: op.command)
                        o.append(2, uint32: op.flags)
                    }
                }
            }
        }
        if !multicastGroups.isEmpty {
            writer.nested(Controller.Attribute.multicastGroups) { w in
                for (index, group) in multicastGroups.enumerated() {
                    w.nested(UInt16(truncatingIfNeeded: index + 1)) { g in
                        g.append(1, string: group.name)
                        g.append(2, uint32: group.id)
                    }
                }
            }
        }
    }
}

/// The generic netlink controller ("nlctrl"), which resolves family names.
public enum Controller {
    /// GENL_ID_CTRL: the controller's fixed message type.
    public static let familyID: UInt16 = 0x10
    public enum Command {
        public static let newFamily: UInt8 = 1
        public static let getFamily: UInt8 = 3
    }
    public enum Attribute {
        public static let familyID: UInt16 = 1
        public static let familyName: UInt16 = 2
        public static let version: UInt16 = 3
        public static let headerSize: UInt16 = 4
        public static let maximumAttribute: UInt16 = 5
        public static let operations: UInt16 = 6
        public static let multicastGroups: UInt16 = 7
    }

    /// The CTRL_CMD_GETFAMILY request for `name`.
    public static func getFamilyRequest(_ name: String) -> NetlinkRequest {
        var writer = AttributeWriter(prefix: GenericHeader(command: Command.getFamily, version: 1).bytes)
        writer.append(Attribute.familyName, string: name)
        return NetlinkRequest(type: familyID, payload: writer.bytes)
    }
}

extension NetlinkConnection {
    /// Resolves a generic netlink family by name, asking the kernel once per connection.
    public func family(named name: String) throws(NetlinkError) -> GenericFamily {
        if let known = families[name] { return known }
        let replies: [NetlinkMessage]
        do {
            replies = try execute(Controller.getFamilyRequest(name))
        } catch .kernel(let error) where error.errno == Errno.ENOENT {
            throw .familyNotFound(name)
        }
        guard let reply = replies.first else { throw .familyNotFound(name) }
        let family: GenericFamily
        do { family = try GenericFamily(parsing: GenericMessage(reply).attributes) } catch { throw .malformed(error) }
        families[name] = family
        return family
    }
}
