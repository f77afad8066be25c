// TunnelKit: IPv4/IPv6 headers and IPIP, IP6IP6, 4in6 and 6in4 tunnels.
