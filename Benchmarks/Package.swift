// swift-tools-version:6.0
//
// Benchmarks: release-build executables, one per area, kept apart from the tests.
// Run them with scripts/bench. Comparison programs in other languages (C, Go) live in
// folders beside this file and are built by the same script.
import PackageDescription

// The repository root is this folder's parent; SwiftPM names a path dependency after
// its folder, so compute the name instead of assuming the clone's.
let root = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "lbkit")

/// A benchmark executable `Sources/<name>/` over some of the package's libraries.
func bench(_ name: String, _ products: String...) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["BenchSupport"] + products.map { .product(name: $0, package: root) },
        path: "Sources/\(name)"
    )
}

let package = Package(
    name: "lbkit-benchmarks",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CMallocCounter"),
        .target(name: "BenchSupport", dependencies: ["CMallocCounter"]),
        bench("bench-pcap", "PcapKit"),
        bench("bench-hashring", "HashRing"),
        bench("bench-tunnel", "TunnelKit"),
        bench("bench-bgp", "BGPKit"),
    ]
)
