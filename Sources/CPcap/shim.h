// The libpcap API as Swift sees it (Debian: libpcap-dev).
#include <pcap/pcap.h>
