# The load balancer's whole flow on stock Linux. A client connects to an IPv4
# VIP; IPVS (mh scheduler, this namespace) forwards to an IPv6-only real server
# as IPv4-in-IPv6; the real server decapsulates with an ip6tnl in mode any,
# holds the VIP on lo, and answers the client straight back (IPv4 routed over
# an IPv6 next hop), not through the load balancer.
vip=192.0.2.1
inside() { ip netns exec "$@"; }
for ns in client server; do
    ip netns add $ns
    ip -n $ns link set lo up
    # Replies and tunnelled requests arrive on other links than the routes back.
    inside $ns sh -c 'for c in all default; do echo 0 >/proc/sys/net/ipv4/conf/$c/rp_filter; done'
done

# client <-> load balancer: IPv4
ip link add lb0 type veth peer name c0 netns client
ip addr add 198.51.100.1/24 dev lb0
ip link set lb0 up
ip -n client addr add 198.51.100.2/24 dev c0
ip -n client link set c0 up
ip -n client route add $vip/32 via 198.51.100.1

# load balancer <-> real server: IPv6 only
ip link add lb1 type veth peer name s0 netns server
ip addr add 2001:db8::1/64 dev lb1 nodad
ip link set lb1 up
ip -n server addr add 2001:db8::2/64 dev s0 nodad
ip -n server link set s0 up

# real server -> client, the direct return path: IPv6 link, IPv4 over an IPv6 next hop
ip -n server link add s1 type veth peer name c1 netns client
ip -n server addr add 2001:db8:1::2/64 dev s1 nodad
ip -n server link set s1 up
ip -n client addr add 2001:db8:1::1/64 dev c1 nodad
ip -n client link set c1 up
ip -n server route add 198.51.100.0/24 via inet6 2001:db8:1::1 dev s1

# the real server: decapsulation and the VIP
ip -n server link add t0 type ip6tnl mode any local 2001:db8::2
ip -n server link set t0 up
ip -n server addr add $vip/32 dev lo
inside server timeout 30 busybox nc -l -p 80 -e echo served-by-the-real-server &

# the load balancer
ip addr add $vip/32 dev lo
ipvsadm -A -t $vip:80 -s mh
ipvsadm -a -t $vip:80 -r '[2001:db8::2]:80' -i

for _ in $(seq 50); do
    inside server ss -Hltn 'sport = :80' | grep -q . && break
    sleep 0.1
done
reply=$(inside client timeout 10 bash -c "exec 3<>/dev/tcp/$vip/80 && read -r line <&3 && echo \"\$line\"")
echo "client got: $reply"
[[ $reply == served-by-the-real-server ]]

# It came through the tunnel (decapsulated on t0) and went back directly (s1).
ip -n server -s link show t0
tunnelled=$(inside server cat /sys/class/net/t0/statistics/rx_packets)
returned=$(inside server cat /sys/class/net/s1/statistics/tx_packets)
echo "packets decapsulated on t0: $tunnelled, sent back on s1: $returned"
((tunnelled > 0 && returned > 0))
ipvsadm -Ln
