import XCTest
@testable import HashRing

final class SipHashTests: XCTestCase {
    /// The reference key of the SipHash paper's test vectors: bytes 00 01 ... 0f.
    private let referenceKey: (UInt64, UInt64) = (0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908)

    func testSipHash24MatchesThePaperVectors() {
        let sip = SipHash(key: referenceKey)
        // Appendix A of the paper: message 00 01 ... 0e.
        XCTAssertEqual(sip.hash((0..<15).map { UInt8($0) }), 0xa129_ca61_49be_45e5)
        // From the reference implementation's vector table (vectors.h), first and ninth entries.
        XCTAssertEqual(sip.hash([UInt8]()), 0x726f_db47_dd0e_0e31)
        XCTAssertEqual(sip.hash((0..<8).map { UInt8($0) }), 0x93f5_f579_9a93_2462)
    }

    /// CPython 3.11 hashes bytes with SipHash-1-3, and with PYTHONHASHSEED=0 its key is
    /// zero: `PYTHONHASHSEED=0 python3 -c "print(hex(hash(b'a') & (2**64-1)))"`.
    func testSipHash13MatchesCPythonWithTheZeroKey() {
        let sip = SipHash(key: (0, 0), compressionRounds: 1, finalizationRounds: 3)
        XCTAssertEqual(sip.hash(Array("a".utf8)), 0x4074_48d2_b89b_1813)
        XCTAssertEqual(sip.hash(Array("abcdefgh".utf8)), 0x3f7b_849c_0b8e_35ea)
        XCTAssertEqual(sip.hash(Array("0123456789abcdefXYZ".utf8)), 0x283e_7687_cd67_183b)
    }

    func testOneWordShortcutEqualsTheByteForm() {
        let sip = SipHash(key: IPVSMaglevProfile.hash1, compressionRounds: 1, finalizationRounds: 3)
        for value: UInt32 in [0, 1, 0xdead_beef, 0xffff_ffff, 0x0a00_0001] {
            let littleEndian = (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
            XCTAssertEqual(sip.hash(uint32: value), sip.hash(littleEndian))
        }
    }
}
