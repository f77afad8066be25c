/// Traffic counters and rates of a service or destination. Read from the 64-bit stats
/// attribute when present, otherwise from the legacy one (32-bit counts and rates).
public struct IPVSStats: Hashable, Sendable {
    public var connections: UInt64 = 0
    public var inPackets: UInt64 = 0
    public var outPackets: UInt64 = 0
    public var inBytes: UInt64 = 0
    public var outBytes: UInt64 = 0
    /// Connections per second (the kernel's estimate, updated every 2 seconds).
    public var connectionRate: UInt64 = 0
    public var inPacketRate: UInt64 = 0
    public var outPacketRate: UInt64 = 0
    public var inByteRate: UInt64 = 0
    public var outByteRate: UInt64 = 0

    public init() {}

    /// Decodes either stats nest: every counter may be 4 or 8 bytes wide.
    public init(parsing attributes: NetlinkAttributes) throws(NetlinkDecodingError) {
        typealias A = IPVSWire.StatsAttribute
        func value(_ type: UInt16) throws(NetlinkDecodingError) -> UInt64 {
            guard let attribute = attributes.first(type) else { return 0 }
            if attribute.value.count == 4 { return UInt64(try attribute.uint32()) }
            return try attribute.uint64()
        }
        connections = try value(A.connections)
        inPackets = try value(A.inPackets)
        outPackets = try value(A.outPackets)
        inBytes = try value(A.inBytes)
        outBytes = try value(A.outBytes)
        connectionRate = try value(A.connectionRate)
        inPacketRate = try value(A.inPacketRate)
        outPacketRate = try value(A.outPacketRate)
        inByteRate = try value(A.inByteRate)
        outByteRate = try value(A.outByteRate)
    }
}

/// The connection timeouts of IPVS, in seconds (0 in a set request: leave unchanged).
public struct IPVSTimeouts: Hashable, Sendable {
    public var tcp: UInt32
    public var tcpFin: UInt32
    public var udp: UInt32

    public init(tcp: UInt32, tcpFin: UInt32, udp: UInt32) {
        self.tcp = tcp
        self.tcpFin = tcpFin
        self.udp = udp
    }
}

/// The IPVS version and connection table size (IPVS_CMD_GET_INFO).
public struct IPVSInfo: Hashable, Sendable {
    /// The version code, e.g. 0x010201 for 1.2.1.
    public var version: UInt32
    public var connectionTableSize: UInt32

    public var versionString: String { "\(version >> 16 & 0xff).\(version >> 8 & 0xff).\(version & 0xff)" }
}
