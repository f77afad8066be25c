#!/usr/bin/env python3
"""Writes the seed corpora of the BGP fuzzers (FuzzBGP*): hand-built messages that
reach every decoder, including the malformed inputs of the regression tests."""
import os

def h(s): return bytes.fromhex("".join(s.split()))
def msg(t, body): return b"\xff" * 16 + (19 + len(body)).to_bytes(2, "big") + bytes([t]) + body
def attr(flags, code, value):
    if flags & 0x10 or len(value) > 255:
        return bytes([flags | 0x10, code]) + len(value).to_bytes(2, "big") + value
    return bytes([flags, code, len(value)]) + value
def upd(withdrawn=b"", attrs=b"", nlri=b""):
    return len(withdrawn).to_bytes(2, "big") + withdrawn + len(attrs).to_bytes(2, "big") + attrs + nlri

vip = attr(0x40, 1, b"\0") + attr(0x40, 2, h("0201 0000fde8")) + attr(0x40, 3, h("c0000201")) + attr(0x80, 4, h("00000000"))
v6reach = attr(0x90, 14, h("0002 01 20 20010db8000000000000000000000001 fe800000000000000000000000000001 00 80 20010db8000000010000000000000001 40 20010db800010002"))
v4over6 = attr(0x90, 14, h("0001 01 10 20010db8000000000000000000000001 00 20 c6336401"))
rich = (attr(0x40, 1, b"\1") + attr(0x40, 2, h("0203 0000fde8 0000fde9 0000fdea 0102 00000001 00000002")) + attr(0x40, 3, h("a9fe0001"))
        + attr(0x40, 5, h("00000064")) + attr(0x40, 6, b"") + attr(0xC0, 7, h("0000fde8 c0000201")) + attr(0xC0, 8, h("fde80001 ffffff01 ffff0000"))
        + attr(0x80, 9, h("0a000001")) + attr(0x80, 10, h("0a000002")) + attr(0xC0, 16, h("0002fde800000064"))
        + attr(0xC0, 25, h("0002 20010db8000000000000000000000001 0007")) + attr(0xC0, 32, h("0000fde8 00000001 00000002"))
        + attr(0xC0, 35, h("0000fde8")) + attr(0xE0, 99, h("deadbeef")))
legacy = attr(0xC0, 17, h("0202 fa56ea01 fa56ea02")) + attr(0x40, 1, b"\0") + attr(0x40, 2, h("0203 fde8 5ba0 5ba0")) + attr(0x40, 3, h("c0000201"))

updates = {
    "vip": (0, upd(attrs=vip, nlri=h("20c6336401"))),
    "ipv6-reach": (0, upd(attrs=v6reach + vip[:13])),
    "ipv4-over-ipv6": (0, upd(attrs=v4over6 + vip[:13])),
    "rich": (0, upd(attrs=rich, nlri=h("18c00002"))),
    "legacy-as4": (1, upd(attrs=legacy, nlri=h("18c00002"))),
    "withdraw": (0, upd(withdrawn=h("18c00002 20c6336401"), attrs=attr(0x80, 15, h("0002 01 40 20010db800010002")))),
    "eor-v6": (0, upd(attrs=attr(0x80, 15, h("0002 01")))),
    "eor-v4": (0, upd()),
    "addpath": (12, upd(withdrawn=h("00000003 18c00002"), attrs=attr(0x90, 14, h("0002 01 10 20010db8000000000000000000000001 00 00000007 80 20010db8000000000000000000000002")) + vip, nlri=h("00000009 20c6336401"))),
    "nexthop-length": (0, upd(attrs=vip[:13] + attr(0x40, 3, h("c000020101")), nlri=h("20c6336401"))),
    "overrun": (0, upd(attrs=vip + h("d0 63 fff0 0102"))),
    "mp-unreach-with-nlri": (0, upd(attrs=attr(0x80, 15, h("0002 01 40 20010db800010002")), nlri=h("20c6336401"))),
    "duplicate": (0, upd(attrs=vip + attr(0x40, 1, b"\2"), nlri=h("20c6336401"))),
}
def open_body(params, asn=65001): return bytes([4]) + asn.to_bytes(2, "big") + h("005a c0000201") + bytes([len(params)]) + params
caps = h("0104 00010001 0104 00020001 0200 0600 4600 4104 fa56ea01 050c 0001 0001 0002 0001 0002 0002 4006 8078 00010180 4508 00010103 00020101 4707 0002 01 80 000e10 4909 0468 6f73 74 03 6c 61 62 0901 03 8000")
opens = {
    "many-capabilities": open_body(bytes([2, len(caps)]) + caps),
    "no-parameters": open_body(b""),
    "extended-parameters": h("04 fde9 005a c0000201 ff ff 000b 02 0008 0104 00010001 0200 0600"),
    "ends-after-255": h("04 fde9 005a c0000201 ff"),
    "capability-overrun": open_body(h("0206 010a 00010001")),
    "unknown-afi": open_body(h("020c 0104 12340099 0104 00010001")),
}
notifications = {
    "shutdown": (3, h("0602 0b") + b"maintenance"),
    "bad-peer-as": (3, h("0202 fde8")),
    "hold-timer": (3, h("0400")),
    "route-refresh": (0, h("00020001")),
    "borr": (0, h("00010101")),
    "keepalive": (1, b""),
}
here = os.path.dirname(os.path.abspath(__file__))
def write(target, name, data):
    os.makedirs(os.path.join(here, target), exist_ok=True)
    with open(os.path.join(here, target, name), "wb") as f: f.write(data)
for name, (selector, body) in updates.items(): write("FuzzBGPUpdate", name, bytes([selector]) + body)
for name, body in opens.items(): write("FuzzBGPOpen", name, body)
for name, (selector, body) in notifications.items(): write("FuzzBGPNotification", name, bytes([selector]) + body)
stream = msg(2, updates["vip"][1]) + msg(4, b"") + msg(1, opens["many-capabilities"]) + msg(3, h("0602")) + msg(5, h("00020001")) + msg(2, b"\0\0\0\0")
write("FuzzBGPFraming", "stream-whole", bytes([0, 255]) + stream)
write("FuzzBGPFraming", "stream-small-chunks", bytes([0, 6]) + stream)
write("FuzzBGPFraming", "extended", bytes([1, 100]) + msg(2, upd(attrs=vip[:13] + attr(0xC0, 99, b"\7" * 5000))))
write("FuzzBGPFraming", "bad-marker", bytes([0, 10]) + b"\xfe" + stream[1:])
