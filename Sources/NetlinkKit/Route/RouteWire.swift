/// The numbers of rtnetlink (include/uapi/linux/rtnetlink.h, if_link.h, if_addr.h,
/// if_tunnel.h, veth.h) this package uses.
public enum RouteWire {
    public enum MessageType {
        public static let newLink: UInt16 = 16
        public static let deleteLink: UInt16 = 17
        public static let getLink: UInt16 = 18
        public static let setLink: UInt16 = 19
        public static let newAddress: UInt16 = 20
        public static let deleteAddress: UInt16 = 21
        public static let getAddress: UInt16 = 22
        public static let newRoute: UInt16 = 24
        public static let deleteRoute: UInt16 = 25
        public static let getRoute: UInt16 = 26
    }

    /// `IFLA_*`.
    public enum LinkAttribute {
        public static let address: UInt16 = 1
        public static let broadcast: UInt16 = 2
        public static let name: UInt16 = 3
        public static let mtu: UInt16 = 4
        public static let link: UInt16 = 5
        public static let master: UInt16 = 10
        public static let operationalState: UInt16 = 16
        public static let linkInfo: UInt16 = 18
        public static let networkNamespaceFD: UInt16 = 28
        public static let linkNetnsID: UInt16 = 37
    }

    /// `IFLA_INFO_*`.
    public enum LinkInfoAttribute {
        public static let kind: UInt16 = 1
        public static let data: UInt16 = 2
    }

    /// `VETH_INFO_PEER`.
    public static let vethPeer: UInt16 = 1

    /// `IFLA_IPTUN_*` (ipip, sit and ip6tnl share them).
    public enum TunnelAttribute {
        public static let link: UInt16 = 1
        public static let local: UInt16 = 2
        public static let remote: UInt16 = 3
        public static let ttl: UInt16 = 4
        public static let tos: UInt16 = 5
        public static let encapsulationLimit: UInt16 = 6
        public static let flowInfo: UInt16 = 7
        public static let flags: UInt16 = 8
        public static let `protocol`: UInt16 = 9
        public static let pmtuDiscovery: UInt16 = 10
        public static let collectMetadata: UInt16 = 19
        public static let firewallMark: UInt16 = 20
    }

    /// `IFA_*`.
    public enum AddressAttribute {
        public static let address: UInt16 = 1
        public static let local: UInt16 = 2
        public static let label: UInt16 = 3
        public static let broadcast: UInt16 = 4
        public static let cacheInfo: UInt16 = 6
        public static let flags: UInt16 = 8
    }

    /// `RTA_*`.
    public enum RouteAttribute {
        public static let destination: UInt16 = 1
        public static let source: UInt16 = 2
        public static let inputInterface: UInt16 = 3
        public static let outputInterface: UInt16 = 4
        public static let gateway: UInt16 = 5
        public static let priority: UInt16 = 6
        public static let preferredSource: UInt16 = 7
        public static let metrics: UInt16 = 8
        public static let multipath: UInt16 = 9
        public static let table: UInt16 = 15
        public static let via: UInt16 = 18
    }

    public static let interfaceUp: UInt32 = 0x1
    public static let addressNoDAD: UInt32 = 0x02
    public static let addressPermanent: UInt32 = 0x80
    public static let routeOnLink: UInt32 = 0x4
    public static let mainTable: UInt8 = 254
}
