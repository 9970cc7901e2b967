#!/usr/bin/env bash
# Live: IGMP snooping on a uvn bridge between three kernel namespaces. The kernels' own
# stacks join and leave (ip addr ... autojoin): their real IGMPv3 reports make and remove
# the MDB entry, and a real UDP stream to the group reaches the member and not the
# non-member (counted with tcpdump when it is installed).
. "$(dirname "$0")/lib.sh"
start_uvnd
for n in s m x br; do uvn ip netns add uvnt-mc$n; done
uvn ip -n uvnt-mcbr link add br0 type bridge mcast_snooping 1 mcast_query_response_interval 100
for n in s m x; do
  uvn ip link add e0 netns uvnt-mc$n type veth peer name p$n netns uvnt-mcbr
  uvn ip -n uvnt-mcbr link set p$n master br0
  uvn ip -n uvnt-mcbr link set p$n up
done
uvn ip -n uvnt-mcbr link set br0 up
# (A separate request: the kernel applies mcast_querier before the response interval.)
uvn ip -n uvnt-mcbr link set br0 type bridge mcast_querier 1
uvn ip -n uvnt-mcs addr add 10.78.0.1/24 dev e0
uvn ip -n uvnt-mcm addr add 10.78.0.2/24 dev e0
uvn ip -n uvnt-mcx addr add 10.78.0.3/24 dev e0
for n in s m x; do uvn ip -n uvnt-mc$n link set e0 up; done
# The querier exists one response interval (1 s here) after it is switched on.
sleep 1.5
ip -n uvnt-mcm addr add 239.78.0.1/32 dev e0 autojoin
sleep 1
mdb=$(uvn bridge -n uvnt-mcbr mdb show)
echo "$mdb"
grep -q "port pm grp 239.78.0.1 temp" <<<"$mdb"
fails grep -q "port px grp 239.78.0.1" <<<"$mdb"
if command -v tcpdump >/dev/null && [ -x /usr/bin/python3 ]; then
  ip netns exec uvnt-mcm tcpdump -ni e0 -c 5 -w /dev/null 'udp and dst 239.78.0.1' 2>/dev/null &
  tm=$!
  ip netns exec uvnt-mcx timeout 3 tcpdump -ni e0 -w $TMPD/mcx.pcap 'udp and dst 239.78.0.1' 2>/dev/null &
  tx=$!
  sleep 0.5
  ip netns exec uvnt-mcs /usr/bin/python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("10.78.0.1"))
for i in range(5):
    s.sendto(b"x" * 64, ("239.78.0.1", 5678)); time.sleep(0.05)
'
  timeout 3 tail --pid="$tm" -f /dev/null   # the member saw all five
  wait "$tx" || true
  # The capture must exist (else "saw 0" would prove nothing).
  tcpdump -r $TMPD/mcx.pcap >/dev/null 2>&1 || { echo "the non-member's capture is missing"; exit 1; }
  seen=$(tcpdump -r $TMPD/mcx.pcap 2>/dev/null | wc -l)
  rm -f $TMPD/mcx.pcap
  echo "non-member saw $seen datagrams to the group"
  [ "$seen" -eq 0 ]
fi
# The kernel leaves (IGMPv3 TO_IN {}): the entry goes after the last-member time.
ip -n uvnt-mcm addr del 239.78.0.1/32 dev e0
sleep 3
fails grep -q "grp 239.78.0.1" <<<"$(uvn bridge -n uvnt-mcbr mdb show)"
echo "live mcast-snooping: ok"
