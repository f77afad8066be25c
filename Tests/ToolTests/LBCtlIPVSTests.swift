import Foundation
import XCTest

/// lbctl's IPVS commands where no kernel IPVS is needed: argument and rule errors are
/// reported before any socket is opened. (The kernel-lab script
/// Tests/KernelLab/netlink/ipvs-crosscheck.sh covers the rest against a real kernel.)
final class LBCtlIPVSTests: XCTestCase {
    func testMalformedRestoreLineGivesItsNumber() throws {
        let rules = "-A -t 192.0.2.1:80 -s rr\n# comment\n-a -t 192.0.2.1:80 -r 10.0.0.1 -w many\n"
        let result = try ToolRunner.run("lbctl", ["restore"], stdin: Data(rules.utf8))
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "lbctl: line 3: invalid weight 'many'\n")
        XCTAssertEqual(result.stdout, "")
    }

    func testBadServiceArgumentsAreOneClearLine() throws {
        let result = try ToolRunner.run("lbctl", ["service", "add", "-t", "192.0.2.1:80", "-s", "rr", "-b", "mh-port"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "lbctl: incompatible scheduler flag 'mh-port' for scheduler 'rr'\n")
        let dest = try ToolRunner.run("lbctl", ["dest", "add", "-t", "192.0.2.1:80", "-r", "[2001:db8::1]:80", "-m"])
        XCTAssertEqual(dest.stderr, "lbctl: a destination of the other address family needs tunnelling (-i)\n")
    }

    func testSubcommandsAreListed() throws {
        let result = try ToolRunner.run("lbctl", ["--help"])
        for name in ["service", "dest", "flush", "zero", "stats", "timeout", "sync", "save", "restore"] {
            XCTAssertTrue(result.stdout.contains("  \(name) "), "lbctl --help lacks \(name)")
        }
    }
}
