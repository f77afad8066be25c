# An ip6tnl tunnel in mode any (IPv4 and IPv6 over IPv6), as the real servers
# use to decapsulate what IPVS sends them.
ip link add t0 type ip6tnl mode any local 2001:db8::2 remote 2001:db8::1
ip link set t0 up
details=$(ip -d link show t0)
echo "$details"
grep -q 'ip6tnl any remote 2001:db8::1 local 2001:db8::2' <<<"$details"
