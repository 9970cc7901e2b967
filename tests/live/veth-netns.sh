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
iperf3_check uvnt-ns2 uvnt-ns1 10.0.12.2 "live veth-netns"
# uvn's view and the kernel's agree.
uvn ip -n uvnt-ns1 link show veth1 | grep -q "veth1@if.*state UP"
ip -n uvnt-ns1 link show veth1 | grep -q "LOWER_UP"
uvn ip -n uvnt-ns2 link set veth2 down
sleep 0.2
ip -n uvnt-ns1 link show veth1 | grep -q "NO-CARRIER"
fails ip netns exec uvnt-ns1 ping -c 1 -W 1 10.0.12.2 >/dev/null
# Two-way: changes made on the kernel's side with the system's ip reach uvn's device; what
# uvn refuses is put back on the kernel's side.
uvn ip -n uvnt-ns2 link set veth2 up
ip -n uvnt-ns1 link set veth1 mtu 1400
ip -n uvnt-ns1 link set veth1 address 02:00:00:00:12:01
ip -n uvnt-ns1 link set veth1 down
sync_ok=
for _ in $(seq 20); do
  if uvn ip -n uvnt-ns1 link show veth1 | grep -q "mtu 1400 .*state DOWN" &&
     uvn ip -n uvnt-ns1 link show veth1 | grep -q "link/ether 02:00:00:00:12:01"; then sync_ok=1; break; fi
  sleep 0.1
done
[ -n "$sync_ok" ] || { echo "uvn did not take the kernel's changes:"; uvn ip -n uvnt-ns1 link show veth1; exit 1; }
ip -n uvnt-ns1 link set veth1 up
for _ in $(seq 20); do uvn ip -n uvnt-ns1 link show veth1 | grep -q "state UP" && break; sleep 0.1; done
ip netns exec uvnt-ns1 ping -c 2 -i 0.2 -W 2 10.0.12.2
echo "live veth-netns: ok"
