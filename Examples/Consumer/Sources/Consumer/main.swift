import BGPKit
import HashRing
import NetlinkKit
import TunnelKit

print("consumer: imported BGPKit, TunnelKit, NetlinkKit and HashRing")
