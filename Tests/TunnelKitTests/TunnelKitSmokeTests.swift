import XCTest
@testable import TunnelKit
