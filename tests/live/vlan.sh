#!/usr/bin/env bash
# Live: the seed's VLAN section (eth0.2, eth0.3 on eth0) on a kernel without 802.1Q: uvn's
# VLAN devices over a uvn veth between two kernel namespaces. The kernels ping each other on
# VLAN 2 and VLAN 3, and nothing crosses from VLAN 3 to VLAN 2.
. "$(dirname "$0")/lib.sh"
start_uvnd
uvn ip netns add uvnt-va
uvn ip netns add uvnt-vb
uvn ip link add eth0 netns uvnt-va type veth peer name eth0 netns uvnt-vb
for ns in uvnt-va uvnt-vb; do
  uvn ip -n $ns link add link eth0 name eth0.2 type vlan id 2
  uvn ip -n $ns link add link eth0 name eth0.3 type vlan id 3
  for d in eth0 eth0.2 eth0.3; do uvn ip -n $ns link set $d up; done
done
uvn ip -n uvnt-va addr add 10.82.2.1/24 dev eth0.2
uvn ip -n uvnt-vb addr add 10.82.2.2/24 dev eth0.2
uvn ip -n uvnt-va addr add 10.82.3.1/24 dev eth0.3
uvn ip -n uvnt-vb addr add 10.82.3.2/24 dev eth0.3
sleep 0.3
uvn ip -n uvnt-va -d link show eth0.2 | grep -q "vlan protocol 802.1Q id 2"
ip netns exec uvnt-va ping -c 3 -i 0.2 -W 2 10.82.2.2
ip netns exec uvnt-va ping -c 3 -i 0.2 -W 2 10.82.3.2
# Isolation: with VLAN 3 gone on the far side, its address moved to VLAN 2 cannot be reached
# from VLAN 3 (the frames arrive tagged 3 where nothing takes VLAN 3).
uvn ip -n uvnt-vb link del eth0.3
uvn ip -n uvnt-vb addr add 10.82.3.2/24 dev eth0.2
fails ip netns exec uvnt-va ping -c 2 -i 0.2 -W 1 10.82.3.2
echo "live vlan: ok"
