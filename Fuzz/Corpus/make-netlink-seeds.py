#!/usr/bin/env python3
"""Writes the FuzzNetlink seeds into Fuzz/Corpus/FuzzNetlink/. The first byte of each seed
selects the error-message flags (bits 0-1) and the destination family (bit 2)."""
import os, struct

def nla(t, v):
    l = 4 + len(v)
    b = struct.pack('<HH', l, t) + v
    return b + b'\0' * ((4 - l % 4) % 4)

def msg(t, flags, seq, payload):
    return struct.pack('<IHHII', 16 + len(payload), t, flags, seq, 0) + payload

svc = (nla(1, struct.pack('<H', 2)) + nla(2, struct.pack('<H', 6)) + nla(3, bytes([192, 0, 2, 1]) + b'\0' * 12)
       + nla(4, b'\0\x50') + nla(6, b'mh\0') + nla(7, struct.pack('<II', 0x1a, 0xffffffff))
       + nla(8, struct.pack('<I', 300)) + nla(9, b'\xff\xff\xff\x00') + nla(12 | 0x8000, nla(1, struct.pack('<Q', 5))))
ipvs_reply = msg(0x22, 2, 1, bytes([1, 1, 0, 0]) + nla(1 | 0x8000, svc))
dst = (nla(11, struct.pack('<H', 10)) + nla(1, bytes.fromhex('20010db8000000000000000000000010')) + nla(2, b'\0\x50')
       + nla(3, struct.pack('<I', 2)) + nla(4, struct.pack('<I', 1)) + nla(13, b'\x01') + nla(14, b'\x17\xc0')
       + nla(15, struct.pack('<H', 1)))
dest_reply = msg(0x22, 2, 2, bytes([5, 1, 0, 0]) + nla(2 | 0x8000, dst)) + msg(3, 2, 2, struct.pack('<i', 0))
ext = (nla(1, b'Unknown scheduler\0') + nla(2, struct.pack('<I', 20)) + nla(3, b'\xde\xad')
       + nla(4 | 0x8000, nla(1, struct.pack('<I', 4)) + nla(6, struct.pack('<I', 2)))
       + nla(5, struct.pack('<I', 6)) + nla(6, struct.pack('<I', 8)))
err = msg(2, 0x300, 3, struct.pack('<i', -2) + struct.pack('<IHHII', 16, 0x22, 5, 3, 0) + ext)
link = (struct.pack('<BBHiII', 0, 0, 0x337, 7, 0x1, 0) + nla(3, b't0\0') + nla(4, struct.pack('<I', 1452))
        + nla(18 | 0x8000, nla(1, b'ip6tnl\0') + nla(2 | 0x8000, nla(9, b'\x00') + nla(2, bytes(16)) + nla(19, b''))))
route = (bytes([2, 24, 0, 0, 254, 4, 0, 1]) + struct.pack('<I', 4) + nla(1, bytes([198, 51, 100, 0]))
         + nla(18, struct.pack('<H', 10) + bytes.fromhex('fe800000000000000000000000000001')) + nla(4, struct.pack('<i', 3)))
addr = bytes([10, 128, 0, 0]) + struct.pack('<I', 1) + nla(2, bytes.fromhex('20010db8000000000000000000000001')) + nla(8, struct.pack('<I', 0x82))
seeds = {
    'ipvs-service-reply': b'\x00' + ipvs_reply, 'ipvs-dest-dump': b'\x00' + dest_reply,
    'error-extack': b'\x03' + err, 'error-extack-uncapped': b'\x02' + err,
    'rtm-link-ip6tnl': b'\x00' + msg(16, 0, 4, link), 'rtm-route-via': b'\x00' + msg(24, 0, 5, route),
    'rtm-addr-nodad': b'\x00' + msg(20, 0, 6, addr), 'service-attributes': b'\x00' + svc,
    'dest-attributes-v6': b'\x04' + dst,
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'FuzzNetlink')
os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)
