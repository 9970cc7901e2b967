#!/usr/bin/env bash
# Live: a uvn bond over two adopted kernel interfaces fails over on the kernel's carrier
# loss. Namespace uvnt-cb has uvn's bond0 (active-backup, miimon 100) over u1 and u2, kernel
# veth ends adopted with `type host`; their peers k1, k2 are ports of a Linux kernel bridge
# in uvnt-ck. The far end k1 is set down in the kernel: u1's carrier goes by the netlink
# event, the bond's next MII check (as in Linux) makes u2 active, and a ping every 20 ms
# loses only what falls in that gap.
. "$(dirname "$0")/lib.sh"
start_uvnd
uvn ip netns add uvnt-cb
ip netns add uvnt-ck
for i in 1 2; do ip -n uvnt-cb link add u$i type veth peer name k$i netns uvnt-ck; done
ip -n uvnt-ck link add kbr type bridge
for d in k1 k2; do ip -n uvnt-ck link set $d master kbr; ip -n uvnt-ck link set $d up; done
ip -n uvnt-ck link set kbr up
ip -n uvnt-ck addr add 10.83.0.2/24 dev kbr
uvn ip -n uvnt-cb link add bond0 type bond mode active-backup miimon 100
for i in 1 2; do uvn ip -n uvnt-cb link add u$i type host; uvn ip -n uvnt-cb link set u$i master bond0; done
uvn ip -n uvnt-cb link set bond0 up
uvn ip -n uvnt-cb addr add 10.83.0.1/24 dev bond0
for _ in $(seq 30); do uvn ip -n uvnt-cb -d link show bond0 | grep -q "active_slave u1" && break; sleep 0.1; done
ip netns exec uvnt-cb ping -c 3 -i 0.2 -W 2 10.83.0.2
uvn ip -n uvnt-cb -d link show bond0 | grep -q "active_slave u1"
( sleep 1; ip -n uvnt-ck link set k1 down ) &
cutter=$!
out=$(ip netns exec uvnt-cb ping -c 150 -i 0.02 -W 1 10.83.0.2 || true)
wait "$cutter"
received=$(echo "$out" | sed -n 's/.* \([0-9]*\) received.*/\1/p')
lost=$((150 - received))
echo "live bond-carrier: $lost of 150 echoes (20 ms apart) lost when the kernel took u1's carrier"
uvn ip -n uvnt-cb link show u1 | grep -q "NO-CARRIER"
uvn ip -n uvnt-cb -d link show bond0 | grep -q "active_slave u2"
# Typically 1-3 here; once 16 in a fresh-clone CI run under load. Without a failover every echo
# after the cut (about 100) would be lost, so 25 (half a second) still tells the two apart.
[ "$lost" -le 25 ]
echo "live bond-carrier: ok"
