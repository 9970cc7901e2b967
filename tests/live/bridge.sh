#!/usr/bin/env bash
# Live: the seed's bridge section. In namespace uvnt-host (the seed's host), uvn bridge br0
# joins: the host's "physical NIC" eth0 (a kernel veth end adopted with `type host`; its far
# end is the upstream network, namespace uvnt-up), the two VMs' taps tap1 and tap2 (kernel
# interfaces adopted likewise; veths into namespaces uvnt-vm1 and uvnt-vm2 stand in for the
# VMs), and netns1 by uvn's own veth, exactly as the seed makes it. Every station pings the
# others and the bridge's own address; iperf3 crosses the bridge.
. "$(dirname "$0")/lib.sh"
start_uvnd
uvn ip netns add uvnt-host
uvn ip netns add uvnt-n1
for n in up vm1 vm2; do ip netns add uvnt-$n; done
ip -n uvnt-host link add eth0 type veth peer name eth0 netns uvnt-up
ip -n uvnt-host link add tap1 type veth peer name eth0 netns uvnt-vm1
ip -n uvnt-host link add tap2 type veth peer name eth0 netns uvnt-vm2
H="uvn ip -n uvnt-host"
$H link add eth0 type host
$H link add tap1 type host
$H link add tap2 type host
# The seed's commands (in uvnt-host, with netns1 as uvnt-n1).
$H link add veth1 type veth peer name eth0 netns uvnt-n1
$H link add br0 type bridge
$H link set eth0 master br0
$H link set tap1 master br0
$H link set tap2 master br0
$H link set veth1 master br0
for d in br0 eth0 tap1 tap2 veth1; do $H link set $d up; done
uvn ip -n uvnt-n1 link set eth0 up
for n in up vm1 vm2; do ip -n uvnt-$n link set eth0 up; done
ip -n uvnt-up addr add 10.20.0.1/24 dev eth0
ip -n uvnt-vm1 addr add 10.20.0.11/24 dev eth0
ip -n uvnt-vm2 addr add 10.20.0.12/24 dev eth0
uvn ip -n uvnt-n1 addr add 10.20.0.21/24 dev eth0
$H addr add 10.20.0.254/24 dev br0
uvn bridge -n uvnt-host link show
for _ in $(seq 30); do $H link show eth0 | grep -q "state UP" && break; sleep 0.1; done
declare -A own=([up]=10.20.0.1 [vm1]=10.20.0.11 [vm2]=10.20.0.12 [n1]=10.20.0.21)
for src in up vm1 vm2 n1; do
  for dst in 10.20.0.1 10.20.0.11 10.20.0.12 10.20.0.21 10.20.0.254; do
    [ "$dst" = "${own[$src]}" ] && continue
    ip netns exec uvnt-$src ping -c 1 -W 2 $dst >/dev/null || { echo "uvnt-$src cannot reach $dst"; exit 1; }
  done
done
echo "live bridge: every station reaches every other and br0"
# The FDB learned each station behind its port.
fdb=$(uvn bridge -n uvnt-host fdb show br br0)
for p in eth0:uvnt-up tap1:uvnt-vm1 tap2:uvnt-vm2; do
  mac=$(ip -n "${p#*:}" -br link show eth0 | awk '{print $3}')
  echo "$fdb" | grep -q "^$mac dev ${p%%:*} master br0" || { echo "no FDB entry for $mac on ${p%%:*}"; exit 1; }
done
iperf3_check uvnt-n1 uvnt-vm1 10.20.0.21 "live bridge (vm1 -> netns1)"
iperf3_check uvnt-vm2 uvnt-up 10.20.0.12 "live bridge (upstream -> vm2)"
echo "live bridge: ok"
