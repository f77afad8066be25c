#!/usr/bin/env python3
"""Writes ipvsadm -R rules exercising every scheduler, scheduler flag, persistence
(IPv4 masks and IPv6 prefixes), one-packet scheduling, fwmark services (IPv4 and IPv6),
every forwarding method and tunnel type, and IPv4 services with IPv6 tunnel destinations.

    make-rules.py [SERVICES [DESTINATIONS_PER_SERVICE]]   (defaults: 300, 3)
"""
import sys

services = int(sys.argv[1]) if len(sys.argv) > 1 else 300
per = int(sys.argv[2]) if len(sys.argv) > 2 else 3
schedulers = ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh"]
out = []
for i in range(services):
    sched = schedulers[i % len(schedulers)]
    kind = i % 6
    a, b = (i >> 8) & 0xff, i & 0xff
    if kind == 0:
        svc = f"-t 192.0.{a}.{b}:80"; family = 4
    elif kind == 1:
        svc = f"-u 198.51.{a}.{b}:53"; family = 4
    elif kind == 2:
        svc = f"--sctp-service 203.0.{a}.{b}:9"; family = 4
    elif kind == 3:
        svc = f"-t [2001:db8::{i:x}]:443"; family = 6
    elif kind == 4:
        svc = f"-f {i + 1}"; family = 4
    else:
        svc = f"-f {i + 1} -6"; family = 6
    opts = f"-s {sched}"
    if i % 4 == 1:
        opts += " -p 300" if family == 6 or i % 8 != 1 else " -p 600 -M 255.255.255.0"
        if family == 6 and i % 8 == 5:
            opts += " -M 64"
    if kind == 1 and i % 5 == 0:
        opts += " -o"
    if sched in ("sh", "mh") and i % 3 != 2:
        opts += f" -b {sched}-fallback,{sched}-port" if i % 3 == 0 else f" -b {sched}-port"
    elif sched == "rr" and i % 2 == 0:
        opts += " -b flag-1"
    out.append(f"-A {svc} {opts}")
    for d in range(per):
        method = (i + d) % 6
        port = "80" if kind != 4 and kind != 5 else "0"
        v4 = f"10.{d}.{a}.{b}"
        v6 = f"[2001:db8:1:{d}::{i:x}]"
        if method == 0:
            dest = f"-r {v4 if family == 4 else v6}:{port} -g"
        elif method == 1:
            dest = f"-r {v4 if family == 4 else v6}:8080 -m"
        elif method == 2:
            dest = f"-r {v4 if family == 4 else v6}:{port} -i --tun-type ipip"
        elif method == 3:
            # The other family: only through a tunnel (IPv4 service, IPv6 destination).
            dest = f"-r {v6 if family == 4 else v4}:{port} -i --tun-type ipip"
        elif method == 4:
            dest = f"-r {v4 if family == 4 else v6}:{port} -i --tun-type gue --tun-port 6080 --tun-csum"
        else:
            dest = f"-r {v4 if family == 4 else v6}:{port} -i --tun-type gre --tun-nocsum"
        out.append(f"-a {svc} {dest} -w {(i + d) % 5}")
print("\n".join(out))
