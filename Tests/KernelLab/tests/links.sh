# The other links the end-to-end tests build on: ipip, sit, veth, dummy.
ip link add t4 type ipip local 192.0.2.1 remote 192.0.2.2
ip link add t6 type sit local 192.0.2.1 remote 192.0.2.3
ip link add v0 type veth peer name v1
ip link add d0 type dummy
ip -br link
for link in t4 t6 v0 v1 d0; do
    ip link show "$link" >/dev/null
done
