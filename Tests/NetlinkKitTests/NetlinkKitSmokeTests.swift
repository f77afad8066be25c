import XCTest
@testable import NetlinkKit
