# IPVS with the mh scheduler: an IPv4 virtual service whose real server is IPv6,
# reached by tunnelling (IPv4-in-IPv6), as the load balancer uses it.
ipvsadm -A -t 192.0.2.1:80 -s mh
ipvsadm -a -t 192.0.2.1:80 -r '[2001:db8::2]:80' -i
table=$(ipvsadm -Ln)
echo "$table"
grep -Eq '^TCP +192\.0\.2\.1:80 mh' <<<"$table"
grep -Eq '\[2001:db8::2\]:80 +Tunnel' <<<"$table"
