# HashRing's IPVS mh profile predicts the kernel's mh scheduler. A client namespace
# behind a veth pair opens one TCP connection attempt from each of 300 source
# addresses to two services on the same VIP and destinations (some weighted): port 80
# with plain mh (the source address is hashed) and port 81 with the mh-port flag
# (source address and port). IPVS makes its connection entry on the SYN, so the
# destinations need not exist. For every entry of `ipvsadm -Lnc`, `lbctl hash lookup
# --algorithm ipvs-mh` must name the destination the kernel chose.
vip=192.0.2.1
sources=300
lbctl=.build/debug/lbctl
work=$(mktemp -d)

for c in all default; do echo 0 >/proc/sys/net/ipv4/conf/$c/rp_filter; done

# client <-> load balancer, the clients' addresses on the client side
ip netns add client
ip -n client link set lo up
ip link add lb0 type veth peer name c0 netns client
ip addr add 198.51.100.1/24 dev lb0
ip link set lb0 up
ip -n client addr add 198.51.100.2/24 dev c0
ip -n client link set c0 up
ip -n client route add $vip/32 via 198.51.100.1
ip route add 10.1.0.0/16 via 198.51.100.2
for ((i = 0; i < sources; i++)); do
    echo "addr add 10.1.$((i / 250)).$((i % 250 + 1))/32 dev c0"
done >"$work/addresses"
ip -n client -batch "$work/addresses"

# The destinations: on a dummy link (no ARP), they never answer.
ip link add dst0 type dummy
ip addr add 10.9.0.254/24 dev dst0
ip link set dst0 up

# The load balancer. Added in this order; the kernel lists them newest first.
ip addr add $vip/32 dev lo
destinations=(10.9.0.1:80=1:-i 10.9.0.2:80=1:-g 10.9.0.3:80=2:-i 10.9.0.4:80=3:-g)
for port in 80 81; do
    flags=()
    [[ $port == 81 ]] && flags=(-b mh-port)
    ipvsadm -A -t $vip:$port -s mh "${flags[@]}"
    for d in "${destinations[@]}"; do
        IFS=: read -r address rest method <<<"$d"
        ipvsadm -a -t $vip:$port -r "$address:${rest%%=*}" -w "${rest#*=}" "$method"
    done
done
ipvsadm -Ln --nosort

# One connection attempt per source address and service: non-blocking connect, the
# SYN is all IPVS needs.
ip netns exec client /usr/bin/python3 - "$vip" "$sources" <<'PY'
import socket, sys, time
vip, count = sys.argv[1], int(sys.argv[2])
held = []
for i in range(count):
    for port in (80, 81):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        s.bind((f"10.1.{i // 250}.{i % 250 + 1}", 0))
        try:
            s.connect((vip, port))
        except BlockingIOError:
            pass
        held.append(s)
time.sleep(1)
PY

# The kernel's list order, read back unsorted (ipvsadm -Ln sorts destinations by
# address unless --nosort), as lbctl's --listed-order takes them.
listed() {
    ipvsadm -Ln --nosort -t "$vip:$1" | awk '$1 == "->" && $2 != "RemoteAddress:Port" { print $2 "=" $4 }'
}

check() { # PORT [LOOKUP FLAGS...]
    local port=$1
    shift
    local backends=()
    while read -r b; do backends+=(--backend "$b"); done < <(listed "$port")
    ipvsadm -Lnc | awk -v v="$vip:$port" '$1 == "TCP" && $5 == v { print $4, $6 }' | sort >"$work/kernel.$port"
    awk -v v="$vip:$port" '{ print "tcp", $1, v }' "$work/kernel.$port" >"$work/flows.$port"
    "$lbctl" hash lookup --algorithm ipvs-mh --listed-order "$@" "${backends[@]}" --flows "$work/flows.$port" >"$work/predicted.$port"
    local seen agree
    seen=$(wc -l <"$work/kernel.$port")
    agree=$(paste -d' ' "$work/kernel.$port" "$work/predicted.$port" | awk '$2 == $3' | wc -l)
    echo "mh prediction (port $port${*:+, $*}): $agree of $seen connections agree"
    echo "  kernel's choices:    $(awk '{ print $2 }' "$work/kernel.$port" | sort | uniq -c | awk '{ print $1, $2 }' | paste -sd, - | sed 's/,/, /g')"
    if ((agree != seen)); then
        echo "  first disagreements (source, kernel, predicted):"
        paste -d' ' "$work/kernel.$port" "$work/predicted.$port" | awk '$2 != $3' | head -5 | sed 's/^/    /'
    fi
    ((seen >= 200 && agree == seen))
}

status=0
check 80 || status=1
check 81 --mh-port || status=1

# The order matters: lbctl's default takes the backends in the order they were added
# and must agree too.
added=()
for d in "${destinations[@]}"; do
    IFS=: read -r address rest _ <<<"$d"
    added+=(--backend "$address:$rest")
done
"$lbctl" hash lookup --algorithm ipvs-mh "${added[@]}" --flows "$work/flows.80" >"$work/added.80"
if cmp -s "$work/added.80" "$work/predicted.80"; then
    echo "added order (lbctl's default) gives the same predictions"
else
    echo "added order (lbctl's default) gives other predictions than the listed order"
    status=1
fi
# And the check can fail: the same destinations in another order (sorted by address,
# as plain ipvsadm -Ln prints them) make another table.
sorted=()
while read -r b; do sorted+=(--backend "$b"); done < <(listed 80 | sort -V)
"$lbctl" hash lookup --algorithm ipvs-mh --listed-order "${sorted[@]}" --flows "$work/flows.80" >"$work/sorted.80"
differ=$(paste -d' ' "$work/predicted.80" "$work/sorted.80" | awk '$1 != $2' | wc -l)
echo "sorted order instead of the kernel's: $differ of $(wc -l <"$work/flows.80") predictions change"
((differ > 0)) || status=1
rm -rf "$work"
ip netns del client
exit $status
