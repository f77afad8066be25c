// swift-tools-version:6.0
//
// An example consumer: a separate package that depends on lbkit by path, exactly as a
// user's package would depend on it by URL, and uses each of its libraries.
import PackageDescription

// SwiftPM names a path dependency after its folder: compute the name of the clone.
let lbkit = String(Context.packageDirectory.split(separator: "/").dropLast(2).last ?? "lbkit")

let package = Package(
    name: "Consumer",
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: ["BGPKit", "TunnelKit", "NetlinkKit", "HashRing"].map {
                .product(name: $0, package: lbkit)
            }
        ),
    ]
)
