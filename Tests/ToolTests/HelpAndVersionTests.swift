import XCTest

final class HelpAndVersionTests: XCTestCase {
    private let tools = ["lbctl", "bgp-announcer", "decap-checker"]

    func testEveryToolAnswersVersion() throws {
        for tool in tools {
            let result = try ToolRunner.run(tool, ["--version"])
            XCTAssertEqual(result.status, 0, "\(tool) --version: \(result.stderr)")
            XCTAssertTrue(result.stdout.first?.isNumber == true, "\(tool) --version printed \(result.stdout)")
        }
    }

    func testEveryToolAnswersHelpWithExamples() throws {
        for tool in tools {
            let result = try ToolRunner.run(tool, ["--help"])
            XCTAssertEqual(result.status, 0, "\(tool) --help: \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("Examples:"), "\(tool) --help has no examples")
            XCTAssertTrue(result.stdout.contains("USAGE:"), "\(tool) --help has no usage line")
        }
    }
}
