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
iperf3_check uvnt-vb uvnt-va 10.82.2.2 "live vlan (VLAN 2)"
# Set on the kernel's side, an MTU above the lower device's is refused by uvn's VLAN device
# (as by Linux's) and put back on the kernel's TAP.
ip -n uvnt-va link set eth0.2 mtu 9000
back=
for _ in $(seq 20); do ip -n uvnt-va link show eth0.2 | grep -q "mtu 1500 " && { back=1; break; }; sleep 0.1; done
[ -n "$back" ] || { echo "the kernel's eth0.2 kept an MTU uvn refused"; ip -n uvnt-va link show eth0.2; exit 1; }
uvn ip -n uvnt-va link show eth0.2 | grep -q "mtu 1500 "
# Isolation: with VLAN 3 gone on the far side, its address moved to VLAN 2 cannot be reached
# from VLAN 3 (the frames arrive tagged 3 where nothing takes VLAN 3).
uvn ip -n uvnt-vb link del eth0.3
uvn ip -n uvnt-vb addr add 10.82.3.2/24 dev eth0.2
fails ip netns exec uvnt-va ping -c 2 -i 0.2 -W 1 10.82.3.2

# Tags on a real wire: uvn VLAN 5 over a kernel veth end uvn adopted (wire0); tcpdump on the
# far end (namespace uvnt-vw, whose kernel has no 802.1Q) sees uvn's frames tagged 5, and a
# tagged ARP request sent from there is answered, tagged, by the kernel behind uvn's wire0.5.
ip netns add uvnt-vw
ip -n uvnt-va link add wire0 type veth peer name wire0 netns uvnt-vw
ip -n uvnt-vw link set wire0 up
uvn ip -n uvnt-va link add wire0 type host
uvn ip -n uvnt-va link add link wire0 name wire0.5 type vlan id 5
uvn ip -n uvnt-va link set wire0 up
uvn ip -n uvnt-va link set wire0.5 up
uvn ip -n uvnt-va addr add 10.82.5.1/24 dev wire0.5
sleep 0.3
cap=$TMPD/vlan.txt
ip netns exec uvnt-vw timeout 4 tcpdump -l -nn -e -i wire0 'vlan 5 and arp' >"$cap" 2>/dev/null &
dump=$!
sleep 1
fails ip netns exec uvnt-va ping -c 1 -W 1 10.82.5.9 >/dev/null   # nobody answers; its ARP is seen
mac=$(ip -n uvnt-vw -br link show wire0 | awk '{print $3}')
ip netns exec uvnt-vw python3 - "$mac" <<'PY'
import socket, sys
mac = bytes.fromhex(sys.argv[1].replace(":", ""))
# An ARP request for 10.82.5.1 from 10.82.5.9, tagged VLAN 5.
frame = (b"\xff" * 6 + mac + b"\x81\x00\x00\x05" + b"\x08\x06" +
         b"\x00\x01\x08\x00\x06\x04\x00\x01" + mac + bytes([10, 82, 5, 9]) +
         b"\x00" * 6 + bytes([10, 82, 5, 1]))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("wire0", 0))
s.send(frame)
PY
wait $dump || true
cat "$cap"
grep -q "802.1Q.*vlan 5.*ARP.*Request who-has 10.82.5.9 tell 10.82.5.1" "$cap"
grep -q "802.1Q.*vlan 5.*ARP.*Reply 10.82.5.1 is-at" "$cap"
rm -f "$cap"
echo "live vlan: ok"
