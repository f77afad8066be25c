// NetlinkKit: netlink codec, generic netlink, IPVS and rtnetlink clients.
