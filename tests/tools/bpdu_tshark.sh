#!/usr/bin/env bash
# Captures an STP exchange in the simulator and checks that tshark decodes the BPDUs with
# the fields uvn sent: root and bridge identifiers, path cost, port id, timers, TCN.
# Exit 77 (skipped) when tshark is not installed.
set -euo pipefail
uvn=$1
command -v tshark >/dev/null || exit 77
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/stp.uvn" <<UVN
ip netns add s1
ip netns add s2
ip -n s1 link add br0 address 02:00:00:00:00:01 type bridge stp_state 1 forward_delay 400 hello_time 100 max_age 600
ip -n s2 link add br0 address 02:00:00:00:00:02 type bridge stp_state 1 forward_delay 400 hello_time 100 max_age 600
ip link add va netns s1 address 02:00:00:00:00:0a type veth peer name vb netns s2 address 02:00:00:00:00:0b
ip -n s1 link set va master br0
ip -n s2 link set vb master br0
ip -n s2 link add vc type veth peer name vd
ip -n s2 link set vc master br0
ip -n s2 link set vd up
ip -n s2 link set vc up
capture s2/vb $dir/stp.pcap
ip -n s1 link set br0 up
ip -n s2 link set br0 up
ip -n s1 link set va up
ip -n s2 link set vb up
sleep 12
UVN
"$uvn" run "$dir/stp.uvn" >/dev/null
fields=$(tshark -r "$dir/stp.pcap" -Y 'stp.type == 0x00 && eth.src == 02:00:00:00:00:0a' \
  -T fields -e stp.root.prio -e stp.root.hw -e stp.root.cost -e stp.bridge.hw -e stp.port \
  -e stp.max_age -e stp.hello -e stp.forward 2>/dev/null | head -1)
echo "config BPDU from the root: $fields"
expected=$'32768\t02:00:00:00:00:01\t0\t02:00:00:00:00:01\t0x8001\t6\t1\t4'
[ "$fields" = "$expected" ] || { echo "expected: $expected"; exit 1; }
tcn=$(tshark -r "$dir/stp.pcap" -Y 'stp.type == 0x80' -T fields -e eth.src 2>/dev/null | head -1)
echo "first TCN from: ${tcn:-none}"
[ "$tcn" = "02:00:00:00:00:0b" ] || { echo "expected a TCN from s2 (02:00:00:00:00:0b)"; exit 1; }
echo "tshark decodes the BPDUs as sent"
