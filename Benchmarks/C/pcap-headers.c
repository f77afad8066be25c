// The baseline for decap-checker's benchmark: read a capture with pcap_next_ex and parse
// the headers a decapsulator looks at (Ethernet and VLAN tags, outer IPv4 with its
// checksum or IPv6, the inner header likewise, the inner ports), counting packets per
// outer protocol. No policy, no reporting: the least work that still reads every header.
//
//   cc -O2 -o pcap-headers pcap-headers.c -lpcap && ./pcap-headers FILE
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>

static int ipv4_checksum_ok(const uint8_t *h, unsigned len) {
    uint32_t sum = 0;
    for (unsigned i = 0; i + 1 < len; i += 2) sum += (uint32_t)h[i] << 8 | h[i + 1];
    while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
    return sum == 0xFFFF;
}

// Parses one IP header at p (n bytes); returns the header length and the protocol.
static int parse_ip(const uint8_t *p, unsigned n, unsigned *proto, unsigned *payload_len) {
    if (n < 1) return -1;
    if (p[0] >> 4 == 4) {
        if (n < 20) return -1;
        unsigned ihl = (p[0] & 15) * 4, total = (unsigned)p[2] << 8 | p[3];
        if (ihl < 20 || n < ihl || total > n || total < ihl || !ipv4_checksum_ok(p, ihl) || p[8] == 0) return -1;
        *proto = p[9];
        *payload_len = total - ihl;
        return (int)ihl;
    }
    if (p[0] >> 4 == 6) {
        if (n < 40) return -1;
        unsigned plen = (unsigned)p[4] << 8 | p[5];
        if (40 + plen > n || p[7] == 0) return -1;
        *proto = p[6];
        *payload_len = plen;
        return 40;
    }
    return -1;
}

int main(int argc, char **argv) {
    char err[PCAP_ERRBUF_SIZE];
    if (argc < 2) { fprintf(stderr, "usage: pcap-headers FILE\n"); return 2; }
    pcap_t *p = pcap_open_offline_with_tstamp_precision(argv[1], PCAP_TSTAMP_PRECISION_NANO, err);
    if (!p) { fprintf(stderr, "%s\n", err); return 2; }
    struct pcap_pkthdr *h;
    const uint8_t *d;
    unsigned long packets = 0, tunnels = 0, bad = 0, ports = 0;
    while (pcap_next_ex(p, &h, &d) == 1) {
        packets++;
        unsigned n = h->caplen, off = 12;
        if (n < 14) { bad++; continue; }
        unsigned type = (unsigned)d[off] << 8 | d[off + 1];
        while ((type == 0x8100 || type == 0x88A8) && off + 6 <= n) { off += 4; type = (unsigned)d[off] << 8 | d[off + 1]; }
        off += 2;
        if (type != 0x0800 && type != 0x86DD) continue;
        unsigned proto, len;
        int hl = parse_ip(d + off, n - off, &proto, &len);
        if (hl < 0) { bad++; continue; }
        if (proto != 4 && proto != 41) continue;
        unsigned inner_proto, inner_len;
        int ihl = parse_ip(d + off + hl, len, &inner_proto, &inner_len);
        if (ihl < 0) { bad++; continue; }
        tunnels++;
        if ((inner_proto == 6 || inner_proto == 17) && inner_len >= 4) {
            const uint8_t *l4 = d + off + hl + ihl;
            ports += ((unsigned)l4[0] << 8 | l4[1]) ^ ((unsigned)l4[2] << 8 | l4[3]);
        }
    }
    pcap_close(p);
    printf("packets %lu tunnels %lu bad %lu (port checksum %lu)\n", packets, tunnels, bad, ports);
    return 0;
}
