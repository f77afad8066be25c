// swift-tools-version:6.0
//
// The open toolkit for IPv6-only load-balancer infrastructure.
//
// Codec libraries (BGPKit, TunnelKit, HashRing, NetlinkKit) have no package
// dependencies (they share only IPAddressKit, the address types, from this package); only the command-line tools under Sources/Tools/ pull in
// swift-argument-parser. Fuzzers (Fuzz/), benchmarks (Benchmarks/) and the
// example consumer (Examples/Consumer) are separate packages so that neither
// their flags nor their dependencies reach users of the libraries.
import PackageDescription

let package = Package(
    name: "lbkit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "IPAddressKit", targets: ["IPAddressKit"]),
        .library(name: "BGPKit", targets: ["BGPKit"]),
        .library(name: "TunnelKit", targets: ["TunnelKit"]),
        .library(name: "NetlinkKit", targets: ["NetlinkKit"]),
        .library(name: "HashRing", targets: ["HashRing"]),
        .library(name: "PcapKit", targets: ["PcapKit"]),
        .executable(name: "lbctl", targets: ["lbctl"]),
        .executable(name: "bgp-announcer", targets: ["bgp-announcer"]),
        .executable(name: "decap-checker", targets: ["decap-checker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: Libraries
        // The address and prefix types all the others share (and re-export).
        .target(name: "IPAddressKit"),
        .target(name: "BGPKit", dependencies: ["IPAddressKit"]),
        .target(name: "TunnelKit", dependencies: ["IPAddressKit"]),
        .target(name: "NetlinkKit", dependencies: ["IPAddressKit"]),
        .target(name: "HashRing", dependencies: ["IPAddressKit"]),
        .systemLibrary(
            name: "CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]
        ),
        .target(name: "PcapKit", dependencies: ["CPcap", "IPAddressKit"]),

        // MARK: Tools
        // What the tools share: JSON output, standard error, buffered standard output.
        .target(name: "ToolSupport", path: "Sources/Tools/ToolSupport"),
        .executableTarget(
            name: "lbctl",
            dependencies: [
                "HashRing", "NetlinkKit", "ToolSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/Tools/lbctl"
        ),
        .executableTarget(
            name: "bgp-announcer",
            dependencies: [
                "BGPKit", "PcapKit", "ToolSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/Tools/bgp-announcer"
        ),
        .executableTarget(
            name: "decap-checker",
            dependencies: [
                "TunnelKit", "PcapKit", "ToolSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/Tools/decap-checker"
        ),

        // MARK: Tests
        .testTarget(name: "IPAddressKitTests", dependencies: ["IPAddressKit"]),
        .testTarget(name: "BGPKitTests", dependencies: ["BGPKit", "PcapKit"]),
        .testTarget(name: "TunnelKitTests", dependencies: ["TunnelKit", "PcapKit"]),
        .testTarget(name: "NetlinkKitTests", dependencies: ["NetlinkKit"]),
        .testTarget(name: "HashRingTests", dependencies: ["HashRing"]),
        .testTarget(name: "PcapKitTests", dependencies: ["PcapKit"]),
        // Runs the built executables end to end (they are dependencies so that
        // `swift test` builds them first).
        .testTarget(name: "ToolTests", dependencies: ["lbctl", "bgp-announcer", "decap-checker"]),
    ]
)
