#!/bin/bash
# lbctl restore/save against ipvsadm -R/-Sn on the same 50,000 rules (10,000 services
# with 4 destinations each), each writer on a freshly booted kernel-lab VM (after a
# flush the kernel inserts several times slower, which would skew the comparison).
#
#   Benchmarks/KernelLab/ipvs-restore.sh [SERVICES] [LBCTL]
#     SERVICES  default 10000; LBCTL default .build/release/lbctl
set -euo pipefail
cd "$(dirname "$0")/../.."
services=${1:-10000}
lbctl=${2:-.build/release/lbctl}
results=$(mktemp -d)
rules=$results/rules
# The guest sees the repository and the results folder; copy the binary there.
cp "$lbctl" "$results/lbctl"
lbctl=$results/lbctl
python3 Tests/KernelLab/netlink/make-rules.py "$services" 4 >"$rules"
echo "rules: $(wc -l <"$rules") lines"

# Inside the VM: time the writer, then both readers; print seconds.
guest='
now() { date +%s.%N; }
t0=$(now); "$@" <"$RULES"; t1=$(now)
ipvsadm -Sn >/tmp/a; t2=$(now)
'"$lbctl"' save >/tmp/b; t3=$(now)
cmp -s /tmp/a /tmp/b && same=yes || same=NO
echo "write $(echo "$t1 - $t0" | bc) s; ipvsadm -Sn $(echo "$t2 - $t1" | bc) s; lbctl save $(echo "$t3 - $t2" | bc) s; lines $(wc -l </tmp/a); identical $same"
'
for writer in "ipvsadm -R" "$lbctl restore"; do
    echo "== $writer (fresh VM)"
    RULES=$rules KERNEL_LAB_RESULTS=$results KERNEL_LAB_ENV=RULES Tests/KernelLab/run bash -c "$guest" bench $writer
done
rm -rf "$results"
