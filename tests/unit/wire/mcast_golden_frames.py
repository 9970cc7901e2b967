# Generates mcast_golden_frames.h (IGMP and MLD packets for igmp_test.cc and mld_test.cc). Run
# once, by hand:
#   /usr/bin/python3 mcast_golden_frames.py mcast.pcap > mcast_golden_frames.h \
#     && clang-format -i mcast_golden_frames.h
# then check the checksums independently:
#   tshark -r mcast.pcap -o ip.check_checksum:TRUE -T fields \
#     -e ip.checksum.status -e igmp.checksum.status -e icmpv6.checksum.status
# (every field printed must be 1, "Good"). Needs scapy (Debian package python3-scapy); the tests
# do not. The packets are what Linux sends: IPv4 TOS 0xc0, DF, ID 0, TTL 1, Router Alert; IPv6
# hop limit 1 with a Hop-by-Hop header holding Router Alert (MLD) and an empty PadN.
import sys
from scapy.all import *
from scapy.contrib.igmp import IGMP
from scapy.contrib.igmpv3 import IGMPv3, IGMPv3mq, IGMPv3mr, IGMPv3gr
from scapy.layers.inet6 import *

HEADER = """// Golden IGMP and MLD packets (from the IP header on) for the wire tests, generated once with
// scapy 2.5.0 by mcast_golden_frames.py and checked with tshark 4.0 (every IPv4, IGMP and ICMPv6
// checksum reports "Good"). Generated file: edit mcast_golden_frames.py instead.
#pragma once

#include <cstdint>

namespace uvn::wire::golden {
"""
FOOTER = "}  // namespace uvn::wire::golden"


def arr(name, b, comment):
    b = bytes(b)
    out = [f"// {comment}", f"inline constexpr uint8_t {name}[] = {{"]
    for i in range(0, len(b), 12):
        out.append("    " + ", ".join(f"0x{x:02x}" for x in b[i:i + 12]) + ",")
    out.append("};")
    print("\n".join(out))
    print()


def ip4(dst, src="10.0.0.1"):
    return IP(src=src, dst=dst, ttl=1, tos=0xc0, id=0, flags="DF",
              options=[IPOption_Router_Alert()])


def ip6(dst, src="fe80::1"):
    return (IPv6(src=src, dst=dst, hlim=1) /
            IPv6ExtHdrHopByHop(options=[RouterAlert(value=0), PadN(optdata=b"")]))


G = "239.1.1.1"
G6 = "ff0e::5"
frames = {}
frames['kIgmpV1Report'] = (ip4(G) / IGMP(type=0x12, mrcode=0, gaddr=G),
                           "IGMPv1 report for 239.1.1.1 from 10.0.0.1")
frames['kIgmpV2Report'] = (ip4(G) / IGMP(type=0x16, mrcode=0, gaddr=G),
                           "IGMPv2 report for 239.1.1.1 from 10.0.0.1")
frames['kIgmpLeave'] = (ip4("224.0.0.2") / IGMP(type=0x17, mrcode=0, gaddr=G),
                        "IGMPv2 leave for 239.1.1.1, to 224.0.0.2")
frames['kIgmpV1Query'] = (ip4("224.0.0.1", "10.0.0.254") / IGMP(type=0x11, mrcode=0, gaddr="0.0.0.0"),
                          "IGMPv1 general query (code 0) from 10.0.0.254")
frames['kIgmpV2GeneralQuery'] = (ip4("224.0.0.1", "10.0.0.254") / IGMP(type=0x11, mrcode=100, gaddr="0.0.0.0"),
                                 "IGMPv2 general query, max resp 10 s")
frames['kIgmpV2GroupQuery'] = (ip4(G, "10.0.0.254") / IGMP(type=0x11, mrcode=10, gaddr=G),
                               "IGMPv2 group-specific query for 239.1.1.1, max resp 1 s")
frames['kIgmpV3GeneralQuery'] = (ip4("224.0.0.1", "10.0.0.254") / IGMPv3(type=0x11, mrcode=100) /
                                 IGMPv3mq(gaddr="0.0.0.0", qrv=2, qqic=125),
                                 "IGMPv3 general query, max resp 10 s, QRV 2, QQIC 125")
frames['kIgmpV3GsQuery'] = (ip4(G, "10.0.0.254") / IGMPv3(type=0x11, mrcode=10) /
                            IGMPv3mq(gaddr=G, s=1, qrv=2, qqic=125,
                                     srcaddrs=["10.0.0.9", "10.0.0.10"]),
                            "IGMPv3 group-and-source-specific query for 239.1.1.1 {10.0.0.9, 10.0.0.10}, S set, max resp 1 s")
frames['kIgmpV3QueryExp'] = (ip4("224.0.0.1", "10.0.0.254") / IGMPv3(type=0x11, mrcode=0x8f) /
                             IGMPv3mq(gaddr="0.0.0.0", qrv=7, qqic=0x90),
                             "IGMPv3 general query with exponential codes: max resp 0x8f (24.8 s), QRV 7, QQIC 0x90 (256 s)")
frames['kIgmpV3Report'] = (ip4("224.0.0.22") / IGMPv3(type=0x22, mrcode=0) / IGMPv3mr(records=[
    IGMPv3gr(rtype=4, maddr=G),
    IGMPv3gr(rtype=1, maddr="239.2.2.2", srcaddrs=["10.0.0.9", "10.0.0.10"]),
    IGMPv3gr(rtype=6, maddr="239.3.3.3", srcaddrs=["10.0.0.11"])]),
    "IGMPv3 report: TO_EX(239.1.1.1, {}), IS_IN(239.2.2.2, {10.0.0.9, 10.0.0.10}), BLOCK(239.3.3.3, {10.0.0.11})")
frames['kMldV1Report'] = (ip6(G6) / ICMPv6MLReport(mladdr=G6),
                          "MLDv1 report for ff0e::5 from fe80::1")
frames['kMldDone'] = (ip6("ff02::2") / ICMPv6MLDone(mladdr=G6),
                      "MLDv1 done for ff0e::5, to ff02::2")
frames['kMldV1GeneralQuery'] = (ip6("ff02::1", "fe80::fe") / ICMPv6MLQuery(mrd=10000, mladdr="::"),
                                "MLDv1 general query from fe80::fe, max resp 10000 ms")
frames['kMldV1GroupQuery'] = (ip6(G6, "fe80::fe") / ICMPv6MLQuery(mrd=1000, mladdr=G6),
                              "MLDv1 group-specific query for ff0e::5, max resp 1000 ms")
frames['kMldV2GeneralQuery'] = (ip6("ff02::1", "fe80::fe") / ICMPv6MLQuery2(mrd=10000, mladdr="::", QRV=2, QQIC=125),
                                "MLDv2 general query, max resp 10000 ms, QRV 2, QQIC 125")
frames['kMldV2GsQuery'] = (ip6(G6, "fe80::fe") / ICMPv6MLQuery2(mrd=1000, mladdr=G6, S=1, QRV=2, QQIC=125,
                                                                sources=["2001:db8::9", "2001:db8::a"]),
                           "MLDv2 group-and-source-specific query for ff0e::5 {2001:db8::9, 2001:db8::a}, S set")
frames['kMldV2QueryExp'] = (ip6("ff02::1", "fe80::fe") / ICMPv6MLQuery2(mrd=0x8100, mladdr="::", QRV=3, QQIC=0x90),
                            "MLDv2 general query with exponential codes: MRC 0x8100 (34816 ms), QRV 3, QQIC 0x90 (256 s)")
frames['kMldV2Report'] = (ip6("ff02::16") / ICMPv6MLReport2(records=[
    ICMPv6MLDMultAddrRec(rtype=4, dst="ff02::1:ff00:1"),
    ICMPv6MLDMultAddrRec(rtype=1, dst=G6, sources=["2001:db8::9", "2001:db8::a"]),
    ICMPv6MLDMultAddrRec(rtype=5, dst="ff0e::6", sources=["2001:db8::b"])]),
    "MLDv2 report: TO_EX(ff02::1:ff00:1, {}), IS_IN(ff0e::5, {2001:db8::9, 2001:db8::a}), ALLOW(ff0e::6, {2001:db8::b})")
frames['kMldV2ReportUnspecified'] = (ip6("ff02::16", "::") / ICMPv6MLReport2(records=[
    ICMPv6MLDMultAddrRec(rtype=4, dst="ff02::1:ff00:1")]),
    "MLDv2 report from :: (no link-local address yet): TO_EX(ff02::1:ff00:1, {})")

print(HEADER)
pkts = []
for name, (p, comment) in frames.items():
    arr(name, p, comment)
    l2 = Ether(src="02:00:00:00:00:01", dst="01:00:5e:00:00:01" if IP in p else "33:33:00:00:00:01") / p
    pkts.append(l2)
print(FOOTER)
if len(sys.argv) > 1:
    wrpcap(sys.argv[1], pkts)
