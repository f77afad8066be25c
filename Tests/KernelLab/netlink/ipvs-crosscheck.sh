#!/bin/bash
# Cross-checks lbctl with ipvsadm on a real kernel, both ways, then the error cases.
# Run in the kernel lab from the repository root:
#   Tests/KernelLab/run Tests/KernelLab/netlink/ipvs-crosscheck.sh [SERVICES]
set -u
L=${LBCTL:-.build/debug/lbctl}
services=${1:-300}
dir=$(mktemp -d)
failures=0
check() { # name, command...
    local name=$1; shift
    if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failures=$((failures + 1)); fi
}
expect_error() { # name, expected stderr, command...
    local name=$1 expected=$2; shift 2
    local got
    got=$("$@" 2>&1 >/dev/null)
    local status=$?
    if [[ $status -ne 0 && $got == "$expected" ]]; then echo "ok   $name: $got"; else
        echo "FAIL $name: status $status, got '$got', expected '$expected'"; failures=$((failures + 1)); fi
}

python3 Tests/KernelLab/netlink/make-rules.py "$services" 3 >"$dir/rules"
echo "rules: $(wc -l <"$dir/rules") lines, $services services"

# lbctl restore, then both read back.
ipvsadm -C
check "lbctl restore" $L restore <"$dir/rules"
ipvsadm -Sn >"$dir/ipvsadm-after-lbctl"
$L save >"$dir/lbctl-after-lbctl"
# ipvsadm -R, then both read back.
ipvsadm -C
check "ipvsadm -R" ipvsadm -R <"$dir/rules"
ipvsadm -Sn >"$dir/ipvsadm-after-ipvsadm"
$L save >"$dir/lbctl-after-ipvsadm"
check "ipvsadm -Sn after lbctl restore == after ipvsadm -R" cmp -s "$dir/ipvsadm-after-lbctl" "$dir/ipvsadm-after-ipvsadm"
check "lbctl save == ipvsadm -Sn (rules from ipvsadm -R)" cmp -s "$dir/lbctl-after-ipvsadm" "$dir/ipvsadm-after-ipvsadm"
check "lbctl save == ipvsadm -Sn (rules from lbctl restore)" cmp -s "$dir/lbctl-after-lbctl" "$dir/ipvsadm-after-lbctl"
check "every rule came back ($(wc -l <"$dir/rules") lines)" test "$(wc -l <"$dir/ipvsadm-after-lbctl")" -eq "$(wc -l <"$dir/rules")"
diff "$dir/ipvsadm-after-lbctl" "$dir/ipvsadm-after-ipvsadm" | head -5
diff "$dir/lbctl-after-ipvsadm" "$dir/ipvsadm-after-ipvsadm" | head -5
# Round trip of our own output through both restorers.
ipvsadm -C; $L restore <"$dir/lbctl-after-ipvsadm"; ipvsadm -Sn >"$dir/again"
check "lbctl restore < lbctl save is a fixed point" cmp -s "$dir/again" "$dir/ipvsadm-after-ipvsadm"

# An IPv4 service with an IPv6 tunnel destination, through the single-rule commands.
ipvsadm -C
$L service add -t 192.0.2.1:80 -s mh -b mh-fallback,mh-port
$L dest add -t 192.0.2.1:80 -r '[2001:db8::10]:80' -i -w 2
check "IPv4 service with an IPv6 tunnel destination" grep -q -- '-a -t 192.0.2.1:80 -r \[2001:db8::10\]:80 -i -w 2 --tun-type ipip' <(ipvsadm -Sn)
check "ipvsadm -Ln shows it" grep -q '\[2001:db8::10\]:80 *Tunnel  2' <(ipvsadm -Ln)

# Error cases.
expect_error "duplicate service" "lbctl: service 192.0.2.1:80/tcp: already exists" $L service add -t 192.0.2.1:80 -s rr
expect_error "missing scheduler module" "lbctl: service 192.0.2.2:80/tcp: scheduler 'nosuch' not available (module ip_vs_nosuch not loaded)" \
    $L service add -t 192.0.2.2:80 -s nosuch
expect_error "unknown destination" "lbctl: destination 10.9.9.9:80 of service 192.0.2.1:80/tcp: no such destination" \
    $L dest delete -t 192.0.2.1:80 -r 10.9.9.9:80
expect_error "unknown service" "lbctl: service 192.0.2.9:80/tcp: no such service" $L dest add -t 192.0.2.9:80 -r 10.0.0.1
expect_error "duplicate destination" "lbctl: destination [2001:db8::10]:80 of service 192.0.2.1:80/tcp: already exists" \
    $L dest add -t 192.0.2.1:80 -r '[2001:db8::10]:80' -i
expect_error "insufficient permission" "lbctl: IPVS flush: permission denied (CAP_NET_ADMIN required)" \
    setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all $L flush
before=$(ipvsadm -Sn)
expect_error "malformed restore line" "lbctl: line 2: invalid service address '192.0.2.300:80' (numeric address[:port] expected)" \
    $L restore <<<$'-A -t 192.0.2.7:80 -s rr\n-A -t 192.0.2.300:80 -s rr'
check "malformed restore changed nothing" test "$before" == "$(ipvsadm -Sn)"

$L zero
check "zero" true
$L flush
check "flush" test -z "$(ipvsadm -Sn)"

# Timeouts and sync daemons, cross-checked with ipvsadm. The kernel refuses a sync
# daemon while any destination has the other address family, hence after the flush.
ip link add sync0 type dummy && ip link set sync0 multicast on up
$L timeout set 100 20 30
check "timeout set, read by ipvsadm" grep -q 'Timeout (tcp tcpfin udp): 100 20 30' <(ipvsadm -L --timeout)
ipvsadm --set 200 40 60
check "ipvsadm --set, read by lbctl" grep -q 'Timeout (tcp tcpfin udp): 200 40 60' <($L timeout get)
$L sync start master --mcast-interface sync0 --syncid 7
check "sync start, read by ipvsadm" grep -q 'master sync daemon (mcast=sync0, syncid=7' <(ipvsadm -L --daemon)
check "lbctl sync list" grep -q 'master sync daemon (mcast=sync0, syncid=7' <($L sync list)
$L sync stop master
check "sync stop" test -z "$(ipvsadm -L --daemon)"
ipvsadm --start-daemon backup --mcast-interface sync0 --syncid 9
check "ipvsadm --start-daemon, read by lbctl" grep -q 'backup sync daemon (mcast=sync0, syncid=9' <($L sync list)
ipvsadm --stop-daemon backup

echo "$failures failure(s)"
exit $((failures > 0))
