#!/usr/bin/env bash
# Live: kernel interfaces adopted as uvn ports (`type host`). Two kernel-only namespaces
# (uvnt-h1, uvnt-h2) are cabled by kernel veth pairs to namespace uvnt-sw, where uvn adopts
# the veth ends (AF_PACKET, TPACKET_V3) and bridges them. Real ping and iperf3 cross the uvn
# bridge; the FDB learns the hosts; a kernel carrier loss reaches uvn by netlink at once.
. "$(dirname "$0")/lib.sh"
start_uvnd
uvn ip netns add uvnt-sw
ip netns add uvnt-h1
ip netns add uvnt-h2
for i in 1 2; do
  ip -n uvnt-sw link add p$i type veth peer name eth0 netns uvnt-h$i
  ip -n uvnt-h$i addr add 10.78.0.$i/24 dev eth0
  ip -n uvnt-h$i link set eth0 up
  ip -n uvnt-h$i link set lo up
done
# Errors: a missing kernel interface, and a second adoption of the same one.
fails uvn ip -n uvnt-sw link add nope type host 2>$TMPD/err
grep -q 'cannot adopt kernel interface "nope"' $TMPD/err && rm -f $TMPD/err
uvn ip -n uvnt-sw link add p1 type host
uvn ip -n uvnt-sw link add port2 type host dev p2
fails uvn ip -n uvnt-sw link add again type host dev p2
uvn ip -n uvnt-sw link add br0 type bridge
uvn ip -n uvnt-sw link set p1 master br0
uvn ip -n uvnt-sw link set port2 master br0
for d in p1 port2 br0; do uvn ip -n uvnt-sw link set $d up; done
# uvn's "up" reached the kernel's veth ends.
ip -n uvnt-sw link show p2 | grep -q ',UP'
for _ in $(seq 30); do uvn ip -n uvnt-sw link show port2 | grep -q 'state UP' && break; sleep 0.1; done
ip netns exec uvnt-h1 ping -c 3 -i 0.2 -W 2 10.78.0.2
ip netns exec uvnt-h2 ping -c 3 -i 0.2 -W 2 10.78.0.1
mac1=$(ip -n uvnt-h1 -br link show eth0 | awk '{print $3}')
uvn bridge -n uvnt-sw fdb show br br0 | grep -q "^$mac1 dev p1 master br0"
if command -v iperf3 >/dev/null; then
  ip netns exec uvnt-h2 iperf3 -s -1 -D -p 5278 -I $TMPD/iperf.pid
  sleep 0.5
  rate=$(ip netns exec uvnt-h1 iperf3 -c 10.78.0.2 -p 5278 -t 2 -J |
         python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e9))')
  kill "$(cat $TMPD/iperf.pid 2>/dev/null)" 2>/dev/null || true; rm -f $TMPD/iperf.pid
  echo "live adopt-bridge: iperf3 TCP through the uvn bridge: $rate Gbit/s"
fi
# Carrier: the far end goes down in the kernel; uvn's port loses carrier from the netlink
# event (no polling in uvn), well within a second.
ip -n uvnt-h2 link set eth0 down
ok=
for _ in $(seq 10); do
  if uvn ip -n uvnt-sw link show port2 | grep -q 'NO-CARRIER'; then ok=1; break; fi
  sleep 0.1
done
[ -n "$ok" ]
ip -n uvnt-h2 link set eth0 up
for _ in $(seq 30); do uvn ip -n uvnt-sw link show port2 | grep -q 'NO-CARRIER' || break; sleep 0.1; done
ip netns exec uvnt-h1 ping -c 2 -i 0.2 -W 2 10.78.0.2
uvn dump-config | grep -qx "ip -n uvnt-sw link add port2 type host dev p2"
# Deleting the uvn port gives the kernel interface back, down.
uvn ip -n uvnt-sw link del port2
ip -n uvnt-sw link show p2 | grep -vq ',UP'
echo "live adopt-bridge: ok"
