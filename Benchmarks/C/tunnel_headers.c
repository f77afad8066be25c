/*
 * The header work of bench-tunnel, in plain C, for the 1.5x comparison: decapsulate a
 * 134-byte 4in6 packet with the same checks as TunnelKit's Decapsulator (outer IPv6
 * length and hop limit, extension-header walk, inner IPv4 IHL, checksum, total length,
 * TTL, RFC 6040 table, flow ports, TCP MSS on SYN), and encapsulate its 94-byte inner
 * packet the way TunnelKit's Encapsulator does (inner header read, flow hash, outer
 * source from a /64 and the hash, RFC 6438 flow label, ECN normal mode, IPv6 header write).
 *
 * Built and run by bench-tunnel:  cc -O2 -o tunnel_headers tunnel_headers.c && ./tunnel_headers HEX
 * Prints one line per measurement: "<name> <ns per operation>".
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static inline uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static inline uint64_t be64(const uint8_t *p) { return (uint64_t)be32(p) << 32 | be32(p + 4); }
static inline void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }
static inline void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, (uint16_t)v); }
static inline void put64(uint8_t *p, uint64_t v) { put32(p, v >> 32); put32(p + 4, (uint32_t)v); }

static uint16_t csum_sum(const uint8_t *p, size_t n) {
    uint64_t s = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) { uint64_t w = be64(p + i); s += w >> 32; s += w & 0xffffffff; }
    for (; i + 2 <= n; i += 2) s += be16(p + i);
    if (i < n) s += (uint64_t)p[i] << 8;
    s = (s >> 32) + (s & 0xffffffff);
    s = (s >> 16) + (s & 0xffff); s = (s >> 16) + (s & 0xffff); s = (s >> 16) + (s & 0xffff);
    return (uint16_t)s;
}

struct facts {
    int error;
    uint8_t outer_src[16], outer_dst[16];
    uint32_t inner_src, inner_dst, flow_label;
    uint16_t sport, dport, mss;
    uint8_t hop, inner_ttl, proto, ecn, warnings;
    int inner_start, inner_end;
};

/* RFC 6040 figure 4: result codepoint, 4 = drop; bit 3 = currently unused. */
static const uint8_t ecn_table[4][4] = { /* [inner][outer], codepoints Not-ECT=0 ECT1=1 ECT0=2 CE=3 */
    {0, 0 | 8, 0 | 8, 4},
    {1, 1, 1 | 8, 3},
    {2, 1, 2, 3},
    {3, 3 | 8, 3, 3},
};

__attribute__((noinline))
static int decap(const uint8_t *p, size_t n, struct facts *f) {
    memset(f, 0, sizeof *f);
    if (n < 1) return f->error = 1;
    if (p[0] >> 4 != 6) return f->error = 2;
    if (n < 40) return f->error = 3;
    size_t pl = be16(p + 4);
    if (40 + pl > n) return f->error = 4;
    size_t end = 40 + pl;
    uint32_t first = be32(p);
    uint8_t tc = (uint8_t)(first >> 20);
    f->flow_label = first & 0xfffff;
    f->hop = p[7];
    memcpy(f->outer_src, p + 8, 16);
    memcpy(f->outer_dst, p + 24, 16);
    uint8_t nh = p[6];
    size_t at = 40;
    int count = 0;
    while (nh == 0 || nh == 43 || nh == 60 || nh == 44 || nh == 51) {
        if (at + 2 > end || ++count > 8) return f->error = 5;
        size_t len = nh == 44 ? 8 : nh == 51 ? ((size_t)p[at + 1] + 2) * 4 : ((size_t)p[at + 1] + 1) * 8;
        if (at + len > end) return f->error = 5;
        if (nh == 44 && (be16(p + at + 2) & 0xfff9)) return f->error = 6;
        nh = p[at];
        at += len;
    }
    if (f->flow_label == 0) f->warnings |= 1;
    if (nh != 4) return f->error = 7;
    if (f->hop == 0) return f->error = 8;
    if (at >= end) return f->error = 9;
    const uint8_t *q = p + at;
    size_t avail = end - at;
    if (q[0] >> 4 != 4) return f->error = 10;
    if (avail < 20) return f->error = 11;
    size_t ihl = (size_t)(q[0] & 15) * 4;
    if (ihl < 20) return f->error = 12;
    if (ihl > avail) return f->error = 11;
    if (csum_sum(q, ihl) != 0xffff) return f->error = 13;
    size_t total = be16(q + 2);
    if (total < ihl || total > avail) return f->error = 14;
    if (total < avail) f->warnings |= 2;
    f->inner_ttl = q[8];
    f->proto = q[9];
    f->inner_src = be32(q + 12);
    f->inner_dst = be32(q + 16);
    if ((be16(q + 6) & 0x3fff) == 0 && (f->proto == 6 || f->proto == 17) && ihl + 4 <= total) {
        f->sport = be16(q + ihl);
        f->dport = be16(q + ihl + 2);
    }
    if (f->proto == 6 && ihl + 20 <= total && (q[ihl + 13] & 2)) {
        size_t oend = ihl + (size_t)(q[ihl + 12] >> 4) * 4, o = ihl + 20;
        if (oend > total) oend = total;
        while (o < oend) {
            if (q[o] == 0) break;
            if (q[o] == 1) { o++; continue; }
            if (o + 2 > oend || q[o + 1] < 2 || o + q[o + 1] > oend) break;
            if (q[o] == 2 && q[o + 1] == 4) { f->mss = be16(q + o + 2); if (f->mss > 1500 - at - 40) f->warnings |= 4; break; }
            o += q[o + 1];
        }
    }
    if (f->inner_ttl == 0) return f->error = 15;
    uint8_t cell = ecn_table[q[1] & 3][tc & 3];
    if ((cell & 7) == 4) return f->error = 16;
    if (cell & 8) f->warnings |= 8;
    f->ecn = cell & 3;
    f->inner_start = (int)at;
    f->inner_end = (int)(at + total);
    return 0;
}

/* TunnelKit's flow hash (FlowKey.entropy): three parallel multiplies, one to mix. */
static inline uint32_t flow_entropy(uint8_t proto, uint64_t src, uint64_t dst, uint64_t sp, uint64_t dp, uint32_t seed) {
    uint64_t ports = (sp << 32 | dp << 16 | proto) ^ seed;
    uint64_t h = (src * 0x9E3779B97F4A7C15ull) ^ (dst * 0xC2B2AE3D27D4EB4Full) ^ (ports * 0x165667B19E3779F9ull);
    h = (h ^ (h >> 32)) * 0xD6E8FEB86659FD93ull;
    h ^= h >> 29;
    return (uint32_t)(h ^ (h >> 32));
}

static const uint64_t prefix_high = 0x20010db801000000ull; /* 2001:db8:100::/64 */
static const uint64_t dst_high = 0x20010db800a70000ull, dst_low = 0x71;

__attribute__((noinline))
static int encap(uint8_t *buf, size_t start, size_t len) {
    if (start < 40) return -1;
    const uint8_t *q = buf + start;
    if (len < 20 || q[0] >> 4 != 4) return -2;
    size_t ihl = (size_t)(q[0] & 15) * 4;
    if (ihl < 20 || ihl > len || be16(q + 2) != len) return -2;
    uint8_t tos = q[1], ttl = q[8], proto = q[9];
    if (ttl == 0) return -3;
    if (40 + len > 1500) return -4;
    uint16_t flags = be16(q + 6);
    uint64_t a = be32(q + 12), b = be32(q + 16), sp = 0, dp = 0;
    if ((flags & 0x1fff) == 0 && (proto == 6 || proto == 17 || proto == 132) && ihl + 4 <= len) {
        sp = be16(q + ihl); dp = be16(q + ihl + 2);
    }
    uint32_t entropy = flow_entropy(proto, a, b, sp, dp, 0);
    uint32_t label = (entropy ^ entropy >> 20) & 0xfffff;
    if (label == 0) label = 1;
    uint64_t x = (uint64_t)entropy * 0x9E3779B97F4A7C15ull, spread = x ^ (x >> 31);
    uint8_t *o = buf + start - 40;
    put32(o, 6u << 28 | (uint32_t)tos << 20 | label);
    put16(o + 4, (uint16_t)len);
    o[6] = 4;
    o[7] = 64;
    put64(o + 8, prefix_high);
    put64(o + 16, spread);
    put64(o + 24, dst_high);
    put64(o + 32, dst_low);
    return (int)(start - 40);
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
    uint8_t packet[134];
    size_t n = sizeof packet;
    /* The 134-byte packet the Swift bench uses, in hex as the argument, so both measure the same bytes. */
    if (argc != 2 || strlen(argv[1]) != 2 * n) { fprintf(stderr, "usage: tunnel_headers HEX-OF-134-BYTES\n"); return 2; }
    for (size_t i = 0; i < n; i++) { unsigned v; if (sscanf(argv[1] + 2 * i, "%2x", &v) != 1) return 2; packet[i] = (uint8_t)v; }
    volatile uint64_t sink = 0;
    const long iterations = 20000000;
    double best = 1e18;
    struct facts f;
    for (int run = 0; run < 5; run++) {
        double t0 = now_ns();
        for (long i = 0; i < iterations; i++) {
            __asm__ volatile("" : : "r"(packet) : "memory");
            sink += decap(packet, n, &f) + f.inner_end + f.sport;
        }
        double per = (now_ns() - t0) / iterations;
        if (per < best) best = per;
    }
    if (f.error) { fprintf(stderr, "C decap failed: %d\n", f.error); return 1; }
    printf("decapsulate-4in6-134 %.2f\n", best);
    best = 1e18;
    for (int run = 0; run < 5; run++) {
        double t0 = now_ns();
        for (long i = 0; i < iterations; i++) {
            __asm__ volatile("" : : "r"(packet) : "memory");
            sink += encap(packet, 40, n - 40);
        }
        double per = (now_ns() - t0) / iterations;
        if (per < best) best = per;
    }
    printf("encapsulate-4in6-134 %.2f\n", best);
    return sink == 42 ? 3 : 0;
}
