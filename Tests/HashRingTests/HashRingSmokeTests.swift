import XCTest
@testable import HashRing
