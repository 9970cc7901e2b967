#!/usr/bin/env bash
# Live: a uvn bond (active-backup, miimon 100) in namespace uvnt-a over two veths to a uvn
# bridge in uvnt-b. The kernels of both namespaces ping each other through it (this
# machine's kernel has no bonding driver); the active slave goes down in the middle of a
# ping every 20 ms, and the test measures how many echoes went unanswered.
. "$(dirname "$0")/lib.sh"
start_uvnd
bond_bridge_topology 10.77.0
sleep 0.5
ip netns exec uvnt-a ping -c 3 -i 0.2 -W 2 10.77.0.2
uvn ip -n uvnt-a -d link show bond0 | grep -q "active_slave a0"
iperf3_check uvnt-b uvnt-a 10.77.0.2 "live bond-failover"
( sleep 1; "$UVN" ip -n uvnt-a link set a0 down ) &
cutter=$!
out=$(ip netns exec uvnt-a ping -c 150 -i 0.02 -W 1 10.77.0.2 || true)
wait "$cutter"
echo "$out" | tail -3
received=$(echo "$out" | sed -n 's/.* \([0-9]*\) received.*/\1/p')
lost=$((150 - received))
echo "live bond-failover: $lost of 150 echoes (20 ms apart) lost across the failover"
uvn ip -n uvnt-a -d link show bond0 | grep -q "active_slave a1"
[ "$lost" -le 15 ]
