# Generates golden_frames.h. Run once, by hand:
#   /usr/bin/python3 golden_frames.py frames.pcap > golden_frames.h && clang-format -i golden_frames.h
# then check the checksums independently:
#   tshark -r frames.pcap -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE -T fields \
#     -e ip.checksum.status -e udp.checksum.status -e icmp.checksum.status -e icmpv6.checksum.status
# (every field printed must be 1, "Good"). Needs scapy (Debian package python3-scapy); the tests
# do not.
import sys
HEADER = """// Golden frames for the wire tests, generated once with scapy 2.5.0 by golden_frames.py and
// checked with tshark 4.0 (every IPv4, ICMP, UDP and ICMPv6 checksum reports "Good"). Whole
// Ethernet frames, no FCS. Generated file: edit golden_frames.py instead.
#pragma once

#include <cstdint>

namespace uvn::wire::golden {
"""
FOOTER = "}  // namespace uvn::wire::golden"
from scapy.all import *
from scapy.layers.inet6 import *
from scapy.layers.l2 import *

M1="02:00:00:00:00:01"; M2="02:00:00:00:00:02"
def arr(name, b, comment):
    b=bytes(b)
    out=[f"// {comment}", f"inline constexpr uint8_t {name}[] = {{"]
    for i in range(0,len(b),12):
        out.append("    " + ", ".join(f"0x{x:02x}" for x in b[i:i+12]) + ",")
    out.append("};")
    print("\n".join(out)); print()

frames = {}
frames['kArpRequest'] = (Ether(dst="ff:ff:ff:ff:ff:ff", src=M1)/ARP(op=1, hwsrc=M1, psrc="10.0.0.1", hwdst="00:00:00:00:00:00", pdst="10.0.0.2"), "ARP who-has 10.0.0.2 tell 10.0.0.1")
frames['kArpReply'] = (Ether(dst=M1, src=M2)/ARP(op=2, hwsrc=M2, psrc="10.0.0.2", hwdst=M1, pdst="10.0.0.1"), "ARP 10.0.0.2 is-at 02:00:00:00:00:02")
frames['kIcmpEcho'] = (Ether(dst=M2, src=M1)/IP(src="10.0.0.1", dst="10.0.0.2", id=0x1234, flags="DF", ttl=64)/ICMP(type=8, id=0x0b0c, seq=1)/Raw(b"uvn-ping-payload!"), "IPv4 ICMP echo request, 17-byte (odd) payload")
frames['kIcmpEchoReply'] = (Ether(dst=M1, src=M2)/IP(src="10.0.0.2", dst="10.0.0.1", id=0x5678, ttl=64)/ICMP(type=0, id=0x0b0c, seq=1)/Raw(b"uvn-ping-payload!"), "IPv4 ICMP echo reply")
orig = IP(src="10.0.0.1", dst="10.0.0.2", id=7, ttl=64)/UDP(sport=40000, dport=9, len=12)/Raw(b"abcd")
frames['kIcmpPortUnreach'] = (Ether(dst=M1, src=M2)/IP(src="10.0.0.2", dst="10.0.0.1", id=0x0101, ttl=64, tos=0xc0)/ICMP(type=3, code=3)/Raw(bytes(orig)), "IPv4 ICMP port unreachable quoting a UDP datagram")
frames['kIpv4Options'] = (Ether(dst="01:00:5e:00:00:16", src=M1)/IP(src="10.0.0.1", dst="224.0.0.22", ttl=1, tos=0xc0, id=0, options=[IPOption_Router_Alert()], proto=2)/Raw(bytes.fromhex("2200f9020000000104000000e0000001")), "IPv4 with Router Alert option (IHL 6), IGMPv3 report")
frames['kIpv4Fragment'] = (Ether(dst=M2, src=M1)/IP(src="10.0.0.1", dst="10.0.0.2", id=0x4242, flags="MF", frag=185, ttl=64, proto=17)/Raw(b"0123456789abcdef"), "IPv4 fragment, MF set, offset 1480")
frames['kUdp4'] = (Ether(dst=M2, src=M1)/IP(src="10.0.0.1", dst="10.0.0.2", id=1, ttl=64)/UDP(sport=5000, dport=53)/Raw(b"hello"), "IPv4 UDP 5000 -> 53, payload 'hello'")
# Find a payload whose UDP checksum computes to 0, so that 0xffff is sent (RFC 768).
for i in range(65536):
    q = IP(src="10.0.0.1", dst="10.0.0.2", id=1, ttl=64)/UDP(sport=5000, dport=53, chksum=0)/Raw(i.to_bytes(2, "big"))
    b = bytes(q)
    pseudo = b[12:20] + bytes([0, 17]) + b[24:26]
    if checksum(pseudo + b[20:]) == 0:
        frames['kUdp4ZeroSum'] = (Ether(dst=M2, src=M1)/IP(src="10.0.0.1", dst="10.0.0.2", id=1, ttl=64)/UDP(sport=5000, dport=53)/Raw(i.to_bytes(2, "big")), f"IPv4 UDP whose checksum computes to 0, so 0xffff is sent (payload {i:#06x})")
        break
frames['kUdp6'] = (Ether(dst="33:33:00:00:00:fb", src=M1)/IPv6(src="fe80::1", dst="ff02::fb", hlim=255, tc=0x28, fl=0x12345)/UDP(sport=5353, dport=5353)/Raw(b"uvn"), "IPv6 UDP fe80::1 -> ff02::fb, tc 0x28, flow 0x12345")
frames['kIcmpv6Echo'] = (Ether(dst=M2, src=M1)/IPv6(src="2001:db8::1", dst="2001:db8::2", hlim=64)/ICMPv6EchoRequest(id=0x1234, seq=7, data=b"0123456789"), "ICMPv6 echo request 2001:db8::1 -> 2001:db8::2")
frames['kIcmpv6EchoReply'] = (Ether(dst=M1, src=M2)/IPv6(src="2001:db8::2", dst="2001:db8::1", hlim=64)/ICMPv6EchoReply(id=0x1234, seq=7, data=b"0123456789"), "ICMPv6 echo reply")
frames['kNdpNs'] = (Ether(dst="33:33:ff:00:00:02", src=M1)/IPv6(src="fe80::1", dst="ff02::1:ff00:2", hlim=255)/ICMPv6ND_NS(tgt="fe80::2")/ICMPv6NDOptSrcLLAddr(lladdr=M1), "NS for fe80::2 from fe80::1 with source link-layer address")
frames['kNdpNsDad'] = (Ether(dst="33:33:ff:00:00:02", src=M2)/IPv6(src="::", dst="ff02::1:ff00:2", hlim=255)/ICMPv6ND_NS(tgt="fe80::2"), "DAD NS from :: for fe80::2, no options")
frames['kNdpNa'] = (Ether(dst=M1, src=M2)/IPv6(src="fe80::2", dst="fe80::1", hlim=255)/ICMPv6ND_NA(R=0, S=1, O=1, tgt="fe80::2")/ICMPv6NDOptDstLLAddr(lladdr=M2), "NA S+O for fe80::2 with target link-layer address")
frames['kNdpRs'] = (Ether(dst="33:33:00:00:00:02", src=M1)/IPv6(src="fe80::1", dst="ff02::2", hlim=255)/ICMPv6ND_RS()/ICMPv6NDOptSrcLLAddr(lladdr=M1), "RS from fe80::1 with source link-layer address")
frames['kNdpRa'] = (Ether(dst="33:33:00:00:00:01", src=M2)/IPv6(src="fe80::2", dst="ff02::1", hlim=255)/ICMPv6ND_RA(routerlifetime=1800)/ICMPv6NDOptSrcLLAddr(lladdr=M2)/ICMPv6NDOptMTU(mtu=1500), "RA (parsed as Icmpv6Other)")
frames['kVlanArp'] = (Ether(dst="ff:ff:ff:ff:ff:ff", src=M1)/Dot1Q(vlan=10, prio=3)/ARP(op=1, hwsrc=M1, psrc="10.0.10.1", pdst="10.0.10.2"), "802.1Q VID 10 PCP 3 ARP request")
frames['kQinQ'] = (Ether(dst=M2, src=M1, type=0x88a8)/Dot1AD(vlan=100, prio=5, id=1)/Dot1Q(vlan=10)/IP(src="10.0.0.1", dst="10.0.0.2", id=9)/UDP(sport=1, dport=2)/Raw(b"q"), "802.1ad S-VID 100 PCP 5 DEI 1, 802.1Q C-VID 10, IPv4 UDP")
frames['kDoubleCtag'] = (Ether(dst=M2, src=M1)/Dot1Q(vlan=4094)/Dot1Q(vlan=1)/IPv6(src="fe80::1", dst="fe80::2", nh=59, plen=0), "two stacked 802.1Q tags (VID 4094, VID 1), IPv6 no next header")

from scapy.contrib.lacp import LACP, MarkerProtocol, SlowProtocol
SLOW="01:80:c2:00:00:02"
frames['kLacpdu'] = (Ether(dst=SLOW, src=M1)/SlowProtocol(subtype=1)/LACP(actor_system_priority=0x8000, actor_system=M1, actor_key=9, actor_port_priority=0xff, actor_port_number=1, actor_state=0x3d, partner_system_priority=0xffff, partner_system=M2, partner_key=0x11, partner_port_priority=0x80, partner_port_number=2, partner_state=0x3f, collector_max_delay=5), "LACPDU: actor 8000/02:..:01 key 9 port 255/1 state 0x3d, partner ffff/02:..:02 key 17 port 128/2 state 0x3f, collector max delay 5")
frames['kMarkerInfo'] = (Ether(dst=SLOW, src=M2)/SlowProtocol(subtype=2)/MarkerProtocol(marker_type=1, requester_port=3, requester_system=M2, requester_transaction_id=0x12345678), "Marker Information: requester port 3, system 02:00:00:00:00:02, transaction 0x12345678")
frames['kMarkerResponse'] = (Ether(dst=SLOW, src=M1)/SlowProtocol(subtype=2)/MarkerProtocol(marker_type=2, requester_port=3, requester_system=M2, requester_transaction_id=0x12345678), "Marker Response to kMarkerInfo, sent from 02:00:00:00:00:01")

print(HEADER)
for name, (pkt, comment) in frames.items():
    arr(name, pkt, comment)
print(FOOTER)

if len(sys.argv) > 1:  # also write a capture of all frames, for tshark
    wrpcap(sys.argv[1], [v[0] for v in frames.values()])
