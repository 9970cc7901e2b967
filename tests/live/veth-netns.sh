#!/usr/bin/env bash
# Live: the seed's veth section through uvnd (uvn's veth pair, the kernel's namespaces and
# stacks): real ping both ways, then uvn's `ip link set ... down` takes the kernel's carrier.
. "$(dirname "$0")/lib.sh"
start_uvnd
uvn ip netns add uvnt-ns1
uvn ip netns add uvnt-ns2
uvn ip link add veth1 netns uvnt-ns1 type veth peer name veth2 netns uvnt-ns2
uvn ip -n uvnt-ns1 addr add 10.0.12.1/24 dev veth1
uvn ip -n uvnt-ns2 addr add 10.0.12.2/24 dev veth2
uvn ip -n uvnt-ns1 link set veth1 up
uvn ip -n uvnt-ns2 link set veth2 up
ip netns exec uvnt-ns1 ping -c 3 -i 0.2 -W 2 10.0.12.2
ip netns exec uvnt-ns2 ping -c 3 -i 0.2 -W 2 10.0.12.1
# uvn's view and the kernel's agree.
uvn ip -n uvnt-ns1 link show veth1 | grep -q "veth1@if.*state UP"
ip -n uvnt-ns1 link show veth1 | grep -q "LOWER_UP"
uvn ip -n uvnt-ns2 link set veth2 down
sleep 0.2
ip -n uvnt-ns1 link show veth1 | grep -q "NO-CARRIER"
fails ip netns exec uvnt-ns1 ping -c 1 -W 1 10.0.12.2 >/dev/null
echo "live veth-netns: ok"
