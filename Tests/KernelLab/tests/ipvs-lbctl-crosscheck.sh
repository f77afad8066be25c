#!/bin/bash
# lbctl against ipvsadm on the real kernel, both ways, on 300 services using every
# scheduler, flag, persistence, fwmark services and forwarding method; then the error
# cases. The work is in Tests/KernelLab/netlink/ipvs-crosscheck.sh.
exec Tests/KernelLab/netlink/ipvs-crosscheck.sh 300
