#!/usr/bin/env bash
# VLAN isolation on the wire, decoded by tshark: a VLAN-aware switch with an access port in
# VLAN 10 (p1), a trunk with 10 and 20 tagged and native VLAN 1 (p2) and an access port in
# VLAN 20 (p3). Each host sends broadcasts of every class (a distinct source MAC each); the
# captures on the switch ports must show each frame only where 802.1Q lets it go, with
# exactly the configured tags (IDs, TPIDs, PCP) as tshark reads them.
# Exit 77 (skipped) when tshark is not installed.
set -euo pipefail
uvn=$1
command -v tshark >/dev/null || exit 77
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/iso.uvn" <<UVN
ip netns add sw
ip netns add h1
ip netns add h2
ip netns add h3
ip link add p1 netns sw type veth peer name eth0 netns h1
ip link add p2 netns sw type veth peer name eth0 netns h2
ip link add p3 netns sw type veth peer name eth0 netns h3
ip -n sw link add br0 type bridge vlan_filtering 1 mcast_snooping 0
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p3 master br0
bridge -n sw vlan add vid 10 dev p1 pvid untagged
bridge -n sw vlan del vid 1 dev p1
bridge -n sw vlan add vid 10 dev p2
bridge -n sw vlan add vid 20 dev p2
bridge -n sw vlan add vid 20 dev p3 pvid untagged
bridge -n sw vlan del vid 1 dev p3
ip -n sw link set br0 up
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n sw link set p3 up
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h3 link set eth0 up
sleep 3
capture sw/p1 $dir/p1.pcap
capture sw/p2 $dir/p2.pcap
capture sw/p3 $dir/p3.pcap
ip netns exec h2 mausezahn eth0 -c 1 -a 02:00:00:00:0a:01 -b bcast -Q 10 "88:b5 00-01"
ip netns exec h2 mausezahn eth0 -c 1 -a 02:00:00:00:0a:02 -b bcast -Q 5:20 "88:b5 00-02"
ip netns exec h1 mausezahn eth0 -c 1 -a 02:00:00:00:0a:03 -b bcast "88:b5 00-03"
ip netns exec h3 mausezahn eth0 -c 1 -a 02:00:00:00:0a:04 -b bcast "88:b5 00-04"
ip netns exec h2 mausezahn eth0 -c 1 -a 02:00:00:00:0a:05 -b bcast "81:00 00:0a 81:00 00:1e 88:b5 00-05"
ip netns exec h2 mausezahn eth0 -c 1 -a 02:00:00:00:0a:06 -b bcast "81:00 0f:ff 88:b5 00-06"
ip netns exec h2 mausezahn eth0 -c 1 -a 02:00:00:00:0a:07 -b bcast "88:b5 00-07"
ip netns exec h1 mausezahn eth0 -c 1 -a 02:00:00:00:0a:08 -b bcast "81:00 a0:00 88:b5 00-08"
ip netns exec h1 mausezahn eth0 -c 1 -a 02:00:00:00:0a:09 -b bcast -Q 20 "88:b5 00-09"
ip netns exec h3 mausezahn eth0 -c 1 -a 02:00:00:00:0a:0a -b bcast "88:a8 00:0a 88:b5 00-0a"
UVN
"$uvn" run "$dir/iso.uvn" >/dev/null
# Every test frame a capture holds (either direction): source, outer EtherType, the VLAN IDs
# and PCPs tshark decodes (802.1Q tags only; an 802.1ad tag shows as the EtherType).
check() {
  local got
  got=$(tshark -r "$dir/$1.pcap" -T fields -E separator=' ' -e eth.src -e eth.type -e vlan.id \
    -e vlan.priority 2>/dev/null | grep '^02:00:00:00:0a' | sort || true)
  if [ "$got" != "$2" ]; then
    printf 'capture on %s:\n--- got\n%s\n--- expected\n%s\n' "$1" "$got" "$2"
    exit 1
  fi
  echo "$1: as 802.1Q says"
}
# p1 (access 10): h1's own frames (sent by h1) and what VLAN 10 sends it, untagged; the
# double-tagged frame keeps its inner tag 30.
check p1 "02:00:00:00:0a:01 0x88b5  
02:00:00:00:0a:03 0x88b5  
02:00:00:00:0a:05 0x8100 30 0
02:00:00:00:0a:08 0x8100 0 5
02:00:00:00:0a:09 0x8100 20 0"
# p2 (trunk): h2's frames as sent, and VLAN 10/20 frames of the others tagged; the
# priority-tagged frame leaves in VLAN 10 with its PCP 5; the 802.1ad-tagged frame of h3 is
# untagged traffic of VLAN 20 and leaves with an 802.1Q tag 20 outside it.
check p2 "02:00:00:00:0a:01 0x8100 10 0
02:00:00:00:0a:02 0x8100 20 5
02:00:00:00:0a:03 0x8100 10 0
02:00:00:00:0a:04 0x8100 20 0
02:00:00:00:0a:05 0x8100 10,30 0,0
02:00:00:00:0a:06 0x8100 4095 0
02:00:00:00:0a:07 0x88b5  
02:00:00:00:0a:08 0x8100 10 5
02:00:00:00:0a:0a 0x8100 20 0"
# p3 (access 20): only VLAN 20, untagged.
check p3 "02:00:00:00:0a:02 0x88b5  
02:00:00:00:0a:04 0x88b5  
02:00:00:00:0a:0a 0x88a8  "
