#!/usr/bin/python3
"""Builds the TunnelKit fixtures with scapy (Debian's python3-scapy), independently of
TunnelKit's code: the expected bytes and verdicts come from scapy and from this script's
own reading of the RFCs.

Run from anywhere:  /usr/bin/python3 Tests/Fixtures/tunnelkit/generate.py
Writes encapsulation.json, decapsulation.json, icmp.json and decapsulation.pcap (the
decapsulation cases as a RAW capture, to open in Wireshark) beside this file.
"""
import json
import os
import struct
import sys

from scapy.all import (AH, GRE, ICMP, IP, TCP, UDP, ICMPv6EchoRequest, ICMPv6PacketTooBig, IPv6,
                       IPv6ExtHdrDestOpt, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop, IPv6ExtHdrRouting,
                       IPOption_Router_Alert, PadN, HBHOptUnknown, Raw)
from scapy.layers.inet6 import fragment6
from scapy.layers.inet import fragment

HERE = os.path.dirname(os.path.abspath(__file__))

OUTER6_SRC, OUTER6_DST = "2001:db8:100::1", "2001:db8:a7::71"
OUTER4_SRC, OUTER4_DST = "198.19.0.1", "192.0.2.71"
INNER4_SRC, INNER4_DST = "198.18.0.10", "203.0.113.10"
INNER6_SRC, INNER6_DST = "2001:db8:c000::10", "2001:db8:f1::10"
OUTER_FLOW_LABEL = 0x12345
ECN_NAMES = {0: "Not-ECT", 1: "ECT(1)", 2: "ECT(0)", 3: "CE"}

KINDS = {  # name: (outer version, inner version)
    "ipip": (4, 4), "ip6ip6": (6, 6), "4in6": (6, 4), "6in4": (4, 6),
}


def inner_packet(version, proto="tcp", tos=0, ttl=64, df=True, payload=b"x" * 40, mss=None, sport=40000, dport=443):
    """An inner packet as bytes; scapy fills lengths and checksums."""
    if proto == "tcp":
        l4 = TCP(sport=sport, dport=dport, flags="S" if mss else "PA", seq=1000,
                 options=[("MSS", mss)] if mss else [])
    elif proto == "udp":
        l4 = UDP(sport=sport, dport=dport)
    else:
        l4 = ICMP(type=8, id=0x1234, seq=1) if version == 4 else ICMPv6EchoRequest(id=0x1234, seq=1)
    if version == 4:
        ip = IP(src=INNER4_SRC, dst=INNER4_DST, tos=tos, ttl=ttl, id=0x0101, flags="DF" if df else 0)
    else:
        ip = IPv6(src=INNER6_SRC, dst=INNER6_DST, tc=tos, fl=0x54321, hlim=ttl)
    return bytes(ip / l4 / Raw(payload))


def outer_packet(outer_version, inner, proto, tos=0, ttl=64, df=True, ident=0x4242, fl=OUTER_FLOW_LABEL,
                 src=None, dst=None, encap_limit=None, ext=None, options=None):
    """The outer header in front of `inner`, built by scapy."""
    if outer_version == 4:
        ip = IP(src=src or OUTER4_SRC, dst=dst or OUTER4_DST, tos=tos, ttl=ttl, id=ident,
                flags="DF" if df else 0, proto=proto, options=options or [])
        return bytes(ip / Raw(inner))
    ip = IPv6(src=src or OUTER6_SRC, dst=dst or OUTER6_DST, tc=tos, fl=fl, hlim=ttl)
    layers = ip
    for header in (ext or []):
        layers = layers / header
    if encap_limit is not None:
        layers = layers / IPv6ExtHdrDestOpt(nh=proto, options=[
            HBHOptUnknown(otype=4, optlen=1, optdata=bytes([encap_limit])), PadN(optdata=b"\x00")])
    # The last header's next-header field must name the tunnelled protocol.
    last = layers.lastlayer()
    if last is ip:
        ip.nh = proto
    else:
        last.nh = proto
    return bytes(layers / Raw(inner))


def inner_proto(version):
    return 4 if version == 4 else 41


# ---------------------------------------------------------------- encapsulation
def encapsulation_cases():
    cases = []

    def add(name, kind, inner, expected=None, error=None, **config):
        outer_version, _ = KINDS[kind]
        cfg = {
            "destination": OUTER4_DST if outer_version == 4 else OUTER6_DST,
            "source": OUTER4_SRC if outer_version == 4 else OUTER6_SRC,
            "hop_limit": 64, "dscp": "copy", "ecn": "normal", "flow_label": OUTER_FLOW_LABEL,
            "df": "copy", "identification": 0x4242, "encap_limit": None, "link_mtu": 1500,
        }
        cfg.update(config)
        case = {"name": name, "kind": kind, "inner": inner.hex(), "config": cfg}
        if expected is not None:
            case["outer"] = expected.hex()
        if error:
            case["error"] = error
        cases.append(case)

    for kind, (ov, iv) in KINDS.items():
        for proto in ("tcp", "udp", "icmp"):
            inner = inner_packet(iv, proto)
            add(f"{kind} {proto}", kind, inner, outer_packet(ov, inner, inner_proto(iv)))
        # RFC 6040 section 4.1, every inner codepoint in both modes.
        for ecn in range(4):
            inner = inner_packet(iv, "tcp", tos=(10 << 2) | ecn)
            add(f"{kind} ecn normal inner {ECN_NAMES[ecn]}", kind, inner,
                outer_packet(ov, inner, inner_proto(iv), tos=(10 << 2) | ecn))
            add(f"{kind} ecn compatibility inner {ECN_NAMES[ecn]}", kind, inner,
                outer_packet(ov, inner, inner_proto(iv), tos=(10 << 2)), ecn="compatibility")
        # DSCP set (pipe model), ECN still copied.
        inner = inner_packet(iv, "udp", tos=(46 << 2) | 2)
        add(f"{kind} dscp set 8", kind, inner, outer_packet(ov, inner, inner_proto(iv), tos=(8 << 2) | 2), dscp=8)
        # Hop limit.
        inner = inner_packet(iv, "udp")
        add(f"{kind} hop limit 17", kind, inner, outer_packet(ov, inner, inner_proto(iv), ttl=17), hop_limit=17)
        # Inner TTL 0 is refused.
        add(f"{kind} inner ttl 0", kind, inner_packet(iv, "tcp", ttl=0), error="inner_ttl_zero")
        # Too big for the link: the MTU reported is the link MTU less the outer header.
        big = inner_packet(iv, "tcp", payload=b"y" * 1460)
        overhead = 20 if ov == 4 else 40
        add(f"{kind} too big", kind, big, error=f"packet_too_big:{1500 - overhead}")
        if ov == 4:
            # RFC 2003: DF copied from an inner IPv4 header; set over IPv6.
            if iv == 4:
                inner = inner_packet(iv, "udp", df=False)
                add(f"{kind} df copied clear", kind, inner, outer_packet(ov, inner, 4, df=False))
                inner = inner_packet(iv, "udp", df=True)
                add(f"{kind} df copied set", kind, inner, outer_packet(ov, inner, 4, df=True))
            inner = inner_packet(iv, "udp", df=True)
            add(f"{kind} df clear", kind, inner, outer_packet(ov, inner, inner_proto(iv), df=False), df="clear")
        else:
            # RFC 2473 tunnel encapsulation limit option.
            for limit in (0, 4):
                inner = inner_packet(iv, "tcp")
                add(f"{kind} encapsulation limit {limit}", kind, inner,
                    outer_packet(ov, inner, inner_proto(iv), encap_limit=limit), encap_limit=limit)
            inner = inner_packet(iv, "udp")
            add(f"{kind} flow label fixed", kind, inner, outer_packet(ov, inner, inner_proto(iv), fl=0xABCDE),
                flow_label=0xABCDE)
    return cases


# ---------------------------------------------------------------- decapsulation
def decap(name, packet, verdict, kind, link_version=None, warnings=(), inner=None, decap_ecn=None,
          policy=None, flow=None, depth=None, outer_addresses=True):
    case = {"name": name, "packet": bytes(packet).hex(), "link_version": link_version, "verdict": verdict,
            "kind": kind, "warnings": sorted(warnings)}
    if inner is not None:
        case["inner_range"] = list(inner)
    if decap_ecn is not None:
        case["decap_ecn"] = decap_ecn
    if policy:
        case["policy"] = policy
    if flow:
        case["flow"] = flow
    if depth is not None:
        case["depth"] = depth
    if outer_addresses:
        packet_bytes = bytes(packet)
        if packet_bytes[0] >> 4 == 4 and len(packet_bytes) >= 20:
            p = IP(packet_bytes)
            case["outer_src"], case["outer_dst"] = p.src, p.dst
        elif packet_bytes[0] >> 4 == 6 and len(packet_bytes) >= 40:
            p = IPv6(packet_bytes)
            case["outer_src"], case["outer_dst"] = p.src, p.dst
    return case


def tcp_flow(version, sport=40000, dport=443, proto=6):
    src, dst = (INNER4_SRC, INNER4_DST) if version == 4 else (INNER6_SRC, INNER6_DST)
    return {"proto": proto, "src": src, "dst": dst, "sport": sport, "dport": dport}


def rfc6040(inner, outer):
    """RFC 6040 figure 4: (result or None for drop, currently unused?)."""
    if inner == 0:
        return (None, False) if outer == 3 else (0, outer in (1, 2))
    if outer == 0:
        return inner, False
    if outer == 3:
        return 3, False
    if inner == 2:   # ECT(0) inner
        return (2, False) if outer == 2 else (1, False)
    if inner == 1:   # ECT(1) inner
        return 1, outer == 2
    return 3, outer == 1  # CE inner: CE(!!!) under ECT(1)


def decapsulation_cases():
    cases = []
    for kind, (ov, iv) in KINDS.items():
        outer_header = 20 if ov == 4 else 40
        base = []
        if ov == 6:
            pass
        for proto in ("tcp", "udp", "icmp"):
            inner = inner_packet(iv, proto)
            flow = tcp_flow(iv) if proto == "tcp" else tcp_flow(iv, proto=17) if proto == "udp" else \
                {"proto": 1 if iv == 4 else 58, "src": tcp_flow(iv)["src"], "dst": tcp_flow(iv)["dst"], "icmp_id": 0x1234}
            cases.append(decap(f"{kind} {proto}", outer_packet(ov, inner, inner_proto(iv)), "ok", kind,
                               link_version=ov, inner=(outer_header, outer_header + len(inner)), decap_ecn="Not-ECT",
                               flow=flow))
        # Every RFC 6040 cell.
        for inner_ecn in range(4):
            for outer_ecn in range(4):
                inner = inner_packet(iv, "tcp", tos=(26 << 2) | inner_ecn)
                packet = outer_packet(ov, inner, inner_proto(iv), tos=outer_ecn)
                result, unused = rfc6040(inner_ecn, outer_ecn)
                name = f"{kind} ecn inner {ECN_NAMES[inner_ecn]} outer {ECN_NAMES[outer_ecn]}"
                if result is None:
                    cases.append(decap(name, packet, "ecn_ce_on_not_ect", kind, flow=tcp_flow(iv)))
                else:
                    cases.append(decap(name, packet, "ok", kind, inner=(outer_header, outer_header + len(inner)),
                                       decap_ecn=ECN_NAMES[result],
                                       warnings=["ecn_unused_combination"] if unused else []))
        inner = inner_packet(iv, "tcp")
        # TTL zero, outer and inner (policy drop by default, allow on request).
        cases.append(decap(f"{kind} outer ttl 0", outer_packet(ov, inner, inner_proto(iv), ttl=0), "outer_ttl_zero", kind))
        inner0 = inner_packet(iv, "tcp", ttl=0)
        cases.append(decap(f"{kind} inner ttl 0", outer_packet(ov, inner0, inner_proto(iv)), "inner_ttl_zero", kind,
                           flow=tcp_flow(iv)))
        cases.append(decap(f"{kind} inner ttl 0 allowed", outer_packet(ov, inner0, inner_proto(iv)), "ok", kind,
                           policy={"inner_ttl_zero": "allow"}, inner=(outer_header, outer_header + len(inner0))))
        # Inner version mismatch: the outer announces one version, the inner is the other.
        other = inner_packet(10 - iv, "tcp")
        cases.append(decap(f"{kind} inner version mismatch", outer_packet(ov, other, inner_proto(iv)),
                           "inner_version_mismatch", kind))
        # Trailing bytes inside the tunnel: the outer length counts six more bytes.
        cases.append(decap(f"{kind} trailing bytes in tunnel", outer_packet(ov, inner + b"\0" * 6, inner_proto(iv)),
                           "ok", kind, warnings=["trailing_bytes"], inner=(outer_header, outer_header + len(inner))))
        # Link-layer padding after the outer packet: not the tunnel's business.
        cases.append(decap(f"{kind} link padding", outer_packet(ov, inner, inner_proto(iv)) + b"\0" * 10,
                           "ok", kind, inner=(outer_header, outer_header + len(inner))))
        # The inner header cut inside the outer packet.
        cases.append(decap(f"{kind} inner header cut", outer_packet(ov, inner[:12], inner_proto(iv)), "truncated", kind))
        # Nested: the inner packet is itself a tunnel of the same kind.
        nested_inner = outer_packet(iv, inner_packet(iv, "tcp"), inner_proto(iv))
        nested = outer_packet(ov, nested_inner, inner_proto(iv))
        cases.append(decap(f"{kind} nested", nested, "nested_tunnel", kind))
        inner_header = 20 if iv == 4 else 40
        cases.append(decap(f"{kind} nested depth 2 allowed", nested, "ok", kind, policy={"max_depth": 2}, depth=2,
                           inner=(outer_header + inner_header, outer_header + len(nested_inner)), flow=tcp_flow(iv)))
        # Allow-lists.
        prefix = "2001:db8:100::/48" if ov == 6 else "198.19.0.0/16"
        spoof_src = "2001:db8:bad::1" if ov == 6 else "203.0.113.99"
        cases.append(decap(f"{kind} allowed outer source", outer_packet(ov, inner, inner_proto(iv)), "ok", kind,
                           policy={"allowed_outer_sources": [prefix]}, inner=(outer_header, outer_header + len(inner))))
        cases.append(decap(f"{kind} spoofed outer source", outer_packet(ov, inner, inner_proto(iv), src=spoof_src),
                           "spoofed_outer_source", kind, policy={"allowed_outer_sources": [prefix]}))
        vip = "203.0.113.0/24" if iv == 4 else "2001:db8:f1::/48"
        other_vip = "198.51.100.0/24" if iv == 4 else "2001:db8:f2::/48"
        cases.append(decap(f"{kind} inner destination a vip", outer_packet(ov, inner, inner_proto(iv)), "ok", kind,
                           policy={"vips": [other_vip, vip]}, inner=(outer_header, outer_header + len(inner))))
        cases.append(decap(f"{kind} inner destination not a vip", outer_packet(ov, inner, inner_proto(iv)),
                           "unexpected_inner_destination", kind, policy={"vips": [other_vip]}))
        # MSS: 1460 does not fit a 1500-byte path through a tunnel; 1200 does.
        for mss, warn in ((1460, ["tcp_mss_too_large"]), (1200, [])):
            syn = inner_packet(iv, "tcp", mss=mss, payload=b"")
            cases.append(decap(f"{kind} syn mss {mss}", outer_packet(ov, syn, inner_proto(iv)), "ok", kind,
                               warnings=warn, inner=(outer_header, outer_header + len(syn))))
        # Inner length field wrong.
        bad = bytearray(inner)
        if iv == 4:
            bad[2:4] = (len(inner) + 20).to_bytes(2, "big")
            bad[10:12] = checksum_fix(bad)
            cases.append(decap(f"{kind} inner total length too big", outer_packet(ov, bytes(bad), 4),
                               "inner_ipv4_total_length_mismatch", kind, flow=tcp_flow(iv)))
            bad = bytearray(inner)
            bad[10] ^= 0xFF
            cases.append(decap(f"{kind} inner bad checksum", outer_packet(ov, bytes(bad), 4),
                               "inner_ipv4_bad_checksum", kind, flow=tcp_flow(iv)))
            opt_inner = bytes(IP(src=INNER4_SRC, dst=INNER4_DST, ttl=64, options=[IPOption_Router_Alert()]) /
                              TCP(sport=40000, dport=443, flags="PA") / Raw(b"z" * 10))
            cases.append(decap(f"{kind} inner ipv4 options", outer_packet(ov, opt_inner, 4), "ok", kind,
                               warnings=["inner_ipv4_options"], inner=(outer_header, outer_header + len(opt_inner)),
                               flow=tcp_flow(4)))
            frag_inner = fragment(IP(src=INNER4_SRC, dst=INNER4_DST, ttl=64, id=7) /
                                  UDP(sport=5000, dport=53) / Raw(b"q" * 100), fragsize=48)
            first, later = bytes(frag_inner[0]), bytes(frag_inner[1])
            cases.append(decap(f"{kind} inner first fragment has ports", outer_packet(ov, first, 4), "ok", kind,
                               inner=(outer_header, outer_header + len(first)),
                               flow={"proto": 17, "src": INNER4_SRC, "dst": INNER4_DST, "sport": 5000, "dport": 53}))
            cases.append(decap(f"{kind} inner later fragment has no ports", outer_packet(ov, later, 4), "ok", kind,
                               inner=(outer_header, outer_header + len(later)),
                               flow={"proto": 17, "src": INNER4_SRC, "dst": INNER4_DST}))
        else:
            bad[4:6] = (len(inner) - 40 + 16).to_bytes(2, "big")
            cases.append(decap(f"{kind} inner payload length too big", outer_packet(ov, bytes(bad), 41),
                               "inner_ipv6_payload_length_mismatch", kind, flow=tcp_flow(iv)))
            ext_inner = bytes(IPv6(src=INNER6_SRC, dst=INNER6_DST, hlim=64) / IPv6ExtHdrDestOpt() /
                              IPv6ExtHdrRouting(addresses=[], segleft=0) / TCP(sport=40000, dport=443, flags="PA") /
                              Raw(b"z" * 10))
            cases.append(decap(f"{kind} inner extension headers", outer_packet(ov, ext_inner, 41), "ok", kind,
                               warnings=["inner_ipv6_extension_headers"],
                               inner=(outer_header, outer_header + len(ext_inner)), flow=tcp_flow(6)))

        if ov == 4:
            # Outer IPv4 defects, one each.
            good = bytearray(outer_packet(ov, inner, inner_proto(iv)))
            p = bytearray(good); p[10] ^= 0x55
            cases.append(decap(f"{kind} outer bad checksum", p, "outer_ipv4_bad_checksum", kind))
            p = bytearray(good); p[2:4] = (len(good) + 8).to_bytes(2, "big"); p[10:12] = checksum_fix(p)
            cases.append(decap(f"{kind} outer total length beyond bytes", p, "outer_ipv4_total_length_mismatch", kind))
            p = bytearray(good); p[2:4] = (12).to_bytes(2, "big"); p[10:12] = checksum_fix(p)
            cases.append(decap(f"{kind} outer total length below header", p, "outer_ipv4_total_length_mismatch", kind))
            p = bytearray(good); p[0] = 0x44
            cases.append(decap(f"{kind} outer ihl 4", p, "outer_ipv4_bad_ihl", kind))
            p = bytearray(good); p[0] = 0x4F
            cases.append(decap(f"{kind} outer ihl 15 past the bytes", p[:50], "truncated", kind))
            cases.append(decap(f"{kind} outer header cut", good[:12], "truncated", "none", outer_addresses=False))
            opts = outer_packet(ov, inner, inner_proto(iv), options=[IPOption_Router_Alert()])
            cases.append(decap(f"{kind} outer ipv4 options", opts, "ok", kind, warnings=["outer_ipv4_options"],
                               inner=(24, 24 + len(inner))))
            frags = fragment(IP(src=OUTER4_SRC, dst=OUTER4_DST, proto=inner_proto(iv), id=99) /
                             Raw(inner_packet(iv, "tcp", payload=b"f" * 300)), fragsize=200)
            cases.append(decap(f"{kind} outer first fragment", frags[0], "outer_fragment_first", kind))
            cases.append(decap(f"{kind} outer later fragment", frags[1], "outer_fragment_non_first", kind))
            cases.append(decap(f"{kind} link says ipv6", good, "outer_version_mismatch", "none", link_version=6,
                               outer_addresses=False))
        else:
            good = outer_packet(ov, inner, inner_proto(iv))
            p = bytearray(good); p[4:6] = (len(good) - 40 + 4).to_bytes(2, "big")
            cases.append(decap(f"{kind} outer payload length beyond bytes", p, "outer_ipv6_payload_length_mismatch", kind))
            cases.append(decap(f"{kind} outer header cut", good[:39], "truncated", "none", outer_addresses=False))
            cases.append(decap(f"{kind} link says ipv4", good, "outer_version_mismatch", "none", link_version=4,
                               outer_addresses=False))
            cases.append(decap(f"{kind} zero flow label", outer_packet(ov, inner, inner_proto(iv), fl=0), "ok", kind,
                               warnings=["zero_flow_label"], inner=(40, 40 + len(inner))))
            # Extension-header chains.
            hbh = IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\0\0\0\0")])
            chains = [
                ("hop-by-hop", [hbh], ["outer_ipv6_extension_headers"]),
                ("hop-by-hop, encapsulation limit 0, atomic fragment",
                 [hbh, IPv6ExtHdrDestOpt(options=[HBHOptUnknown(otype=4, optlen=1, optdata=b"\x00"), PadN(optdata=b"\0")]),
                  IPv6ExtHdrFragment(offset=0, m=0, id=0x0BADF00D)],
                 ["outer_ipv6_extension_headers", "tunnel_encapsulation_limit"]),
                ("routing segments left 0", [IPv6ExtHdrRouting(addresses=[], segleft=0)], ["outer_ipv6_extension_headers"]),
                # RFC 4302: the AH length field is 24 bytes / 4 - 2; scapy leaves it 0.
                ("authentication header", [AH(spi=0x100, seq=1, icv=b"\0" * 12, payloadlen=4)],
                 ["outer_ipv6_extension_headers"]),
            ]
            for label, chain, warns in chains:
                pkt = outer_packet(ov, inner, inner_proto(iv), ext=chain)
                head = len(pkt) - len(inner)
                cases.append(decap(f"{kind} outer {label}", pkt, "ok", kind, warnings=warns, inner=(head, head + len(inner))))
            for limit in (0, 1, 4):
                pkt = outer_packet(ov, inner, inner_proto(iv), encap_limit=limit)
                cases.append(decap(f"{kind} outer encapsulation limit {limit}", pkt, "ok", kind,
                                   warnings=["outer_ipv6_extension_headers", "tunnel_encapsulation_limit"],
                                   inner=(48, 48 + len(inner))))
            bad_chain = outer_packet(ov, inner, inner_proto(iv), ext=[IPv6ExtHdrDestOpt(), IPv6ExtHdrHopByHop()])
            cases.append(decap(f"{kind} hop-by-hop not first", bad_chain, "outer_ipv6_bad_extension_header", "none"))
            long_chain = outer_packet(ov, inner, inner_proto(iv), ext=[IPv6ExtHdrDestOpt() for _ in range(9)])
            # A broken chain never reaches the tunnelled protocol, so the kind is unknown.
            cases.append(decap(f"{kind} nine extension headers", long_chain, "outer_ipv6_bad_extension_header", "none"))
            # ESP and No Next Header end the walk: not a tunnel we can see into.
            esp = IPv6(src=OUTER6_SRC, dst=OUTER6_DST, fl=OUTER_FLOW_LABEL, nh=50) / Raw(b"\0" * 16 + inner)
            cases.append(decap(f"{kind} esp", esp, "not_tunneled", "none"))
            nonext = IPv6(src=OUTER6_SRC, dst=OUTER6_DST, fl=OUTER_FLOW_LABEL, nh=59)
            cases.append(decap(f"{kind} no next header", nonext, "not_tunneled", "none"))
            frags = fragment6(IPv6(src=OUTER6_SRC, dst=OUTER6_DST, fl=OUTER_FLOW_LABEL) /
                              IPv6ExtHdrFragment(id=0xABCD, nh=inner_proto(iv)) /
                              Raw(inner_packet(iv, "tcp", payload=b"f" * 300)), 200)
            cases.append(decap(f"{kind} outer first fragment", frags[0], "outer_fragment_first", kind))
            cases.append(decap(f"{kind} outer later fragment", frags[1], "outer_fragment_non_first", kind))

    # Not tunnels, and the kinds that are recognised but not decapsulated.
    tcp4 = IP(src=INNER4_SRC, dst=INNER4_DST) / TCP(sport=1, dport=2)
    cases.append(decap("plain tcp over ipv4", tcp4, "not_tunneled", "none", link_version=4))
    cases.append(decap("plain udp 53 over ipv6", IPv6(src=INNER6_SRC, dst=INNER6_DST, fl=1) / UDP(sport=5, dport=53),
                       "not_tunneled", "none", link_version=6))
    inner = inner_packet(4, "tcp")
    cases.append(decap("gre over ipv6", IPv6(src=OUTER6_SRC, dst=OUTER6_DST, fl=1) / GRE(proto=0x0800) / Raw(inner),
                       "unsupported_kind", "gre"))
    cases.append(decap("fou 5555 over ipv4", IP(src=OUTER4_SRC, dst=OUTER4_DST) / UDP(sport=40000, dport=5555) / Raw(inner),
                       "unsupported_kind", "fou"))
    cases.append(decap("gue 6080 over ipv4", IP(src=OUTER4_SRC, dst=OUTER4_DST) / UDP(sport=40000, dport=6080) /
                       Raw(b"\x00\x04\x00\x00" + inner), "unsupported_kind", "gue"))
    cases.append(decap("fou on another port", IP(src=OUTER4_SRC, dst=OUTER4_DST) / UDP(sport=40000, dport=7777) / Raw(inner),
                       "unsupported_kind", "fou", policy={"fou_ports": [7777]}))
    cases.append(decap("version nibble 5", b"\x50" + b"\0" * 39, "not_ip", "none", outer_addresses=False))
    cases.append(decap("empty", b"", "truncated", "none", outer_addresses=False))
    return cases


def checksum_fix(header):
    """The IPv4 header checksum of `header` (its IHL) computed by scapy."""
    ihl = (header[0] & 0x0F) * 4
    h = bytearray(header[:ihl])
    h[10:12] = b"\0\0"
    from scapy.utils import checksum
    return checksum(bytes(h)).to_bytes(2, "big")


# ---------------------------------------------------------------- ICMP too big
def icmp_cases():
    cases = []
    for version, mtu, payload in ((4, 1480, 1400), (4, 1280, 10), (6, 1440, 1400), (6, 1300, 10)):
        offending = inner_packet(version, "tcp", payload=b"p" * payload)
        if version == 4:
            quote = offending[:576 - 28]
            msg = IP(src="192.0.2.1", dst=INNER4_SRC, tos=0xC0, ttl=64, id=0, flags=0) / \
                ICMP(type=3, code=4, nexthopmtu=mtu) / Raw(quote)
            source = "192.0.2.1"
        else:
            quote = offending[:1280 - 48]
            msg = IPv6(src="2001:db8:a7::1", dst=INNER6_SRC, hlim=64) / ICMPv6PacketTooBig(mtu=mtu) / Raw(quote)
            source = "2001:db8:a7::1"
        cases.append({"name": f"ipv{version} {payload}-byte payload, mtu {mtu}", "offending": offending.hex(),
                      "mtu": mtu, "source": source, "message": bytes(msg).hex()})
    return cases


def write_raw_pcap(path, packets):
    """A microsecond pcap of link type RAW (101), one record per packet, timestamps 1 s apart."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
        for i, packet in enumerate(packets):
            f.write(struct.pack("<IIII", 1_700_000_000 + i, 0, len(packet), len(packet)))
            f.write(packet)


def main():
    encap = encapsulation_cases()
    # Sanity: scapy's RFC 2473 option is the 8 bytes the RFC shows.
    limit = [c for c in encap if c["config"]["encap_limit"] == 4 and c["kind"] == "ip6ip6"][0]
    assert bytes.fromhex(limit["outer"])[40:48] == bytes([41, 0, 4, 1, 4, 1, 1, 0]), limit["outer"][80:96]
    decaps = decapsulation_cases()
    icmps = icmp_cases()
    for name, data in (("encapsulation.json", encap), ("decapsulation.json", decaps), ("icmp.json", icmps)):
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(data, f, indent=1)
            f.write("\n")
    write_raw_pcap(os.path.join(HERE, "decapsulation.pcap"), [bytes.fromhex(c["packet"]) for c in decaps])
    print(f"{len(encap)} encapsulation, {len(decaps)} decapsulation, {len(icmps)} ICMP cases", file=sys.stderr)


if __name__ == "__main__":
    main()
