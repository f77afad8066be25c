// swift-tools-version:6.0
//
// libFuzzer targets, one per decoder. Built only by scripts/fuzz with
// `-sanitize=fuzzer,address`; never part of the main build.
import PackageDescription

// The repository root is this folder's parent, and SwiftPM names a path dependency
// after its folder, so compute the name instead of assuming the clone's.
let root = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "lbkit")

/// A fuzz target: `Sources/<name>/main.swift` passes its test function
/// to libFuzzer's driver (see `Sources/CFuzzerDriver`).
func fuzzer(_ name: String, _ products: String...) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["CFuzzerDriver"] + products.map { .product(name: $0, package: root) },
        path: "Sources/\(name)"
    )
}

let package = Package(
    name: "lbkit-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        fuzzer("FuzzLinkLayer", "PcapKit"),
        fuzzer("FuzzFlowKey", "HashRing"),
        fuzzer("FuzzDecapsulate", "TunnelKit"),
        fuzzer("FuzzTCPReassembly", "PcapKit"),
        fuzzer("FuzzBGPFraming", "BGPKit"),
        fuzzer("FuzzBGPOpen", "BGPKit"),
        fuzzer("FuzzBGPUpdate", "BGPKit"),
        fuzzer("FuzzBGPNotification", "BGPKit"),
        fuzzer("FuzzNetlink", "NetlinkKit"),
    ]
)
