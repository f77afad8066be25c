#!/usr/bin/env python3
"""An independent reimplementation of HashRing's specified algorithms, written from the
HashRing article (not from the Swift code), used to make the golden files here.

    python3 reference.py flowhash        # test vectors of the lbkit flow hash v1
    python3 reference.py maglev M B...   # Maglev table, one backend name per slot
    python3 reference.py ipvs-mh M [--mh-port] B...   # kernel mh table (B in list order)
    python3 reference.py ipvs-lookup M [--mh-port] ADDR PORT B...

Backends are written as lbctl takes them: 10.0.0.1, 10.0.0.1:80, [2001:db8::1]:80, =WEIGHT.
"""
import ipaddress
import math
import sys

MASK = (1 << 64) - 1


def rotl(x, b):
    return ((x << b) | (x >> (64 - b))) & MASK


def siphash(key, data, c=2, d=4):
    k0, k1 = key
    v0 = 0x736F6D6570736575 ^ k0
    v1 = 0x646F72616E646F6D ^ k1
    v2 = 0x6C7967656E657261 ^ k0
    v3 = 0x7465646279746573 ^ k1

    def rnd():
        nonlocal v0, v1, v2, v3
        v0 = (v0 + v1) & MASK; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
        v2 = (v2 + v3) & MASK; v3 = rotl(v3, 16); v3 ^= v2
        v0 = (v0 + v3) & MASK; v3 = rotl(v3, 21); v3 ^= v0
        v2 = (v2 + v1) & MASK; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)

    full = len(data) - len(data) % 8
    words = [int.from_bytes(data[i:i + 8], "little") for i in range(0, full, 8)]
    last = int.from_bytes(data[full:], "little") | ((len(data) & 0xFF) << 56)
    for m in words + [last]:
        v3 ^= m
        for _ in range(c):
            rnd()
        v0 ^= m
    v2 ^= 0xFF
    for _ in range(d):
        rnd()
    return v0 ^ v1 ^ v2 ^ v3


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def fold(a, b):
    p = a * b
    return (p >> 64) ^ (p & MASK)


def addr128(text):
    a = ipaddress.ip_address(text)
    if a.version == 4:
        return 0xFFFF00000000 | int(a), 4
    return int(a), 6


def flow_hash(proto, src, sport, dst, dport, seed=0, with_source_port=True):
    s, _ = addr128(src)
    d, _ = addr128(dst)
    sp = sport if with_source_port else 0
    w = (proto << 32) | (sp << 16) | dport
    a = fold((s >> 64) ^ 0x243F6A8885A308D3, (s & MASK) ^ 0x13198A2E03707344)
    b = fold((d >> 64) ^ 0xA4093822299F31D0, (d & MASK) ^ 0x082EFA98EC4E6C89)
    c = fold(w ^ 0x452821E638D01377, seed ^ 0xBE5466CF34E90C6C)
    return mix64((a + fold(b ^ 0xC0AC29B7C97C50DD, c ^ 0x3F84D5B5B5470917)) & MASK)


def parse_backend(text):
    weight = 1
    if "=" in text:
        text, w = text.rsplit("=", 1)
        weight = int(w)
    port = 0
    if text.startswith("["):
        host, rest = text[1:].split("]")
        if rest:
            port = int(rest[1:])
    elif text.count(":") == 1:
        host, p = text.split(":")
        port = int(p)
    else:
        host = text
    value, family = addr128(host)
    name = host if port == 0 else (f"[{host}]:{port}" if family == 6 else f"{host}:{port}")
    return {"name": name, "value": value, "family": family, "port": port, "weight": weight}


def identity(b):
    return b["value"].to_bytes(16, "big") + b["port"].to_bytes(2, "big")


def quotas(weights, m):
    total = sum(weights)
    q = [m * w // total for w in weights]
    rem = [m * w % total for w in weights]
    left = m - sum(q)
    order = sorted([i for i, w in enumerate(weights) if w > 0], key=lambda i: (-rem[i], i))
    for i in order[:left]:
        q[i] += 1
    return q


def maglev(m, backends):
    bs = sorted(backends, key=lambda b: (b["value"], b["port"]))
    q = quotas([b["weight"] for b in bs], m)
    perm_key = (0x6C626B6974206D61, 0x676C65762070726D)  # "lbkit ma", "glev prm"
    h = [siphash(perm_key, identity(b)) for b in bs]
    nxt = [(x >> 32) % m for x in h]
    skip = [(x & 0xFFFFFFFF) % (m - 1) + 1 for x in h]
    table = [None] * m
    held = [0] * len(bs)
    rounds = max(q)
    for r in range(1, rounds + 1):
        for i, b in enumerate(bs):
            if q[i] == 0 or held[i] >= (r * q[i] + rounds - 1) // rounds:
                continue
            c = nxt[i]
            while table[c] is not None:
                c = (c + skip[i]) % m
            table[c] = b["name"]
            held[i] += 1
            nxt[i] = (c + skip[i]) % m
    return table


IPVS_KEY1 = (2654435761, 2654435761)
IPVS_KEY2 = (2654446892, 2654446892)
IPVS_SIZES = [251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071]


def ipvs_hash(b_value, family, service_family, port, key, offset=0):
    if family == 4:
        f = b_value & 0xFFFFFFFF
    else:
        words = [(b_value >> s) & 0xFFFFFFFF for s in (96, 64, 32, 0)]
        f = words[0] ^ words[1] ^ words[2] ^ words[3] if service_family == 6 else words[0]
    v = (offset + port + f) & 0xFFFFFFFF
    return siphash(key, v.to_bytes(4, "little"), 1, 3) & 0xFFFFFFFF


def ipvs_table(m, dests):
    index = IPVS_SIZES.index(m) + 8
    sf = 6 if any(d["family"] == 6 for d in dests) else 4
    lw = [d["weight"] for d in dests]
    g = 0
    for w in lw:
        if w > 0:
            g = math.gcd(g, w) if g else w
    table = [None] * m
    if g < 1:
        return table
    shift = max(0, (max(lw) // g).bit_length() - index // 2)
    turns = [((w // g) >> shift) or (1 if w != 0 else 0) for w in lw]
    perm = [ipvs_hash(d["value"], d["family"], sf, d["port"], IPVS_KEY1) % m for d in dests]
    skip = [ipvs_hash(d["value"], d["family"], sf, d["port"], IPVS_KEY2) % (m - 1) + 1 for d in dests]
    taken = [False] * m
    n = 0
    while True:
        for i, d in enumerate(dests):
            if turns[i] < 1:
                continue
            for _ in range(turns[i]):
                c = perm[i]
                while taken[c]:
                    c = (c + skip[i]) % m
                perm[i] = c
                taken[c] = True
                table[c] = d["name"]
                n += 1
                if n == m:
                    return table


def main(argv):
    if argv[0] == "flowhash":
        vectors = [
            (6, "192.0.2.10", 40000, "203.0.113.1", 443),
            (17, "192.0.2.10", 53000, "203.0.113.1", 53),
            (6, "2001:db8:1::5", 40000, "2001:db8:ff::1", 443),
            (132, "2001:db8::1", 1, "2001:db8::2", 2),
            (58, "::", 0, "::", 0),
        ]
        for v in vectors:
            print(f"{v[0]} {v[1]} {v[2]} {v[3]} {v[4]} "
                  f"{flow_hash(*v):016x} {flow_hash(*v, with_source_port=False):016x} {flow_hash(*v, seed=1):016x}")
    elif argv[0] == "maglev":
        print("\n".join(maglev(int(argv[1]), [parse_backend(b) for b in argv[2:]])))
    elif argv[0] in ("ipvs-mh", "ipvs-lookup"):
        m = int(argv[1])
        rest = argv[2:]
        mh_port = "--mh-port" in rest
        rest = [r for r in rest if r != "--mh-port"]
        if argv[0] == "ipvs-mh":
            print("\n".join(str(x) for x in ipvs_table(m, [parse_backend(b) for b in rest])))
        else:
            addr, port, dests = rest[0], int(rest[1]), [parse_backend(b) for b in rest[2:]]
            table = ipvs_table(m, dests)
            value, family = addr128(addr)
            sf = 6 if any(d["family"] == 6 for d in dests) else 4
            print(table[ipvs_hash(value, family, sf, port if mh_port else 0, IPVS_KEY1) % m])


if __name__ == "__main__":
    main(sys.argv[1:])
