import XCTest
@testable import BGPKit
