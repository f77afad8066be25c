import BenchSupport
import PcapKit

// Link-layer decoding cost per frame, the first step of every capture tool.
var frame = [UInt8](repeating: 0, count: 134)
frame[12] = 0x81; frame[13] = 0x00; frame[16] = 0x86; frame[17] = 0xDD; frame[18] = 0x60

let results = [
    measure("link layer: Ethernet + 802.1Q", operationsPerCall: 1000) {
        frame.withUnsafeBytes { bytes in
            var total = 0
            for _ in 0..<1000 {
                total &+= (try? LinkLayerFrame(decoding: bytes, linkType: .ethernet))?.headerLength ?? 0
            }
            return total
        }
    },
]
printTable(results)
