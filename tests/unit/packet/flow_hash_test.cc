// The bonding transmit hash against Linux 6.1's formulas (drivers/net/bonding/bond_main.c:
// bond_eth_hash, bond_vlan_srcmac_hash, bond_flow_ip, bond_flow_dissect, bond_ip_hash,
// __bond_xmit_hash; net/core/flow_dissector.c: __skb_flow_dissect, __skb_flow_get_ports,
// skb_flow_get_icmp_tci). Every expected value is worked out here from the formula, written in
// the comment next to it; see tests/reference/bond-hash-notes.md.
#include "packet/flow_hash.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace uvn {
namespace {

using P = FlowHashPolicy;

// The kernel XORs 32-bit packet words as they lie in memory, read as a host u32; on a
// little-endian machine the bytes a b c d give this value.
constexpr uint32_t le(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  return uint32_t(a) | uint32_t(b) << 8 | uint32_t(c) << 16 | uint32_t(d) << 24;
}
// The folding of bond_ip_hash(): hash ^= hash >> 16; hash ^= hash >> 8.
constexpr uint32_t fold(uint32_t h) {
  h ^= h >> 16;
  h ^= h >> 8;
  return h;
}

using Mac = std::array<uint8_t, 6>;
using Ip4 = std::array<uint8_t, 4>;
using Ip6 = std::array<uint8_t, 16>;

constexpr Mac kDst{0x00, 0x1b, 0x21, 0x3c, 0x4d, 0x5e};
constexpr Mac kSrc{0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
constexpr Ip4 kA{192, 0, 2, 1};
constexpr Ip4 kB{198, 51, 100, 7};
constexpr Ip4 kC{10, 1, 2, 3};
constexpr Ip4 kD{172, 16, 9, 200};
constexpr Ip6 kA6{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01};
constexpr Ip6 kB6{0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0, 0, 0, 0, 0, 0, 0xab, 0xcd, 0, 0x02};

uint32_t v4(const Ip4& a) {
  return le(a[0], a[1], a[2], a[3]);
}
// ipv6_addr_hash(): the XOR of the four 32-bit words of the address.
uint32_t v6(const Ip6& a) {
  return le(a[0], a[1], a[2], a[3]) ^ le(a[4], a[5], a[6], a[7]) ^ le(a[8], a[9], a[10], a[11]) ^
         le(a[12], a[13], a[14], a[15]);
}
// The ports word: source port then destination port, network order, read as a host u32.
uint32_t ports(uint16_t sp, uint16_t dp) {
  return le(uint8_t(sp >> 8), uint8_t(sp), uint8_t(dp >> 8), uint8_t(dp));
}
// bond_eth_hash(): last byte of each MAC and the EtherType of the data, as a number.
uint32_t l2(uint16_t ethertype) {
  return uint32_t(kDst[5] ^ kSrc[5]) ^ ethertype;
}

// A frame, byte by byte.
class Pkt {
 public:
  Pkt& u8(uint8_t v) {
    b_.push_back(v);
    return *this;
  }
  Pkt& bytes(std::initializer_list<uint8_t> v) {
    b_.insert(b_.end(), v);
    return *this;
  }
  template <size_t N>
  Pkt& bytes(const std::array<uint8_t, N>& v) {
    b_.insert(b_.end(), v.begin(), v.end());
    return *this;
  }
  Pkt& be16(uint16_t v) { return u8(uint8_t(v >> 8)).u8(uint8_t(v)); }
  Pkt& zeros(size_t n) {
    b_.insert(b_.end(), n, 0);
    return *this;
  }
  Pkt& eth(uint16_t type, const Mac& dst = kDst, const Mac& src = kSrc) {
    return bytes(dst).bytes(src).be16(type);
  }
  // The 4 bytes after a TPID: TCI, then the next EtherType.
  Pkt& tag(uint16_t tci, uint16_t type) { return be16(tci).be16(type); }
  // IPv4 header: version/IHL, TOS, total length 0, id, flags+offset, TTL, protocol, checksum
  // 0, addresses, then (ihl - 5) words of options.
  Pkt& ipv4(const Ip4& s, const Ip4& d, uint8_t proto, uint16_t frag = 0, uint8_t ihl = 5) {
    u8(uint8_t(0x40 | ihl)).u8(0).be16(0).be16(0x1234).be16(frag).u8(64).u8(proto).be16(0);
    bytes(s).bytes(d);
    return zeros(ihl > 5 ? (ihl - 5) * 4u : 0);
  }
  // IPv6 header with flow label 0x12345 and payload length 0.
  Pkt& ipv6(const Ip6& s, const Ip6& d, uint8_t next) {
    bytes({0x60, 0x01, 0x23, 0x45}).be16(0).u8(next).u8(64);
    return bytes(s).bytes(d);
  }
  // First 8 bytes of a TCP/UDP/SCTP/DCCP header: ports, then 4 more bytes.
  Pkt& l4(uint16_t sp, uint16_t dp) { return be16(sp).be16(dp).bytes({0xde, 0xad, 0xbe, 0xef}); }
  Pkt& icmp(uint8_t type, uint8_t code, uint16_t id, uint16_t seq) {
    return u8(type).u8(code).be16(0).be16(id).be16(seq);
  }

  const uint8_t* data() const { return b_.data(); }
  size_t size() const { return b_.size(); }
  uint32_t hash(P p, const XmitHashMeta& m = {}) const {
    return bond_xmit_hash(p, data(), size(), m);
  }

 private:
  std::vector<uint8_t> b_;
};

Pkt tcp4(const Ip4& s, const Ip4& d, uint16_t sp, uint16_t dp) {
  return Pkt().eth(0x0800).ipv4(s, d, 6).l4(sp, dp).zeros(12);
}

XmitHashMeta accel(uint16_t tci) {
  XmitHashMeta m;
  m.vlan_present = true;
  m.vlan_tci = tci;
  return m;
}

XmitHashMeta outer_accel() {
  XmitHashMeta m;
  m.outer_tag_accel = true;
  return m;
}

// ---- layer2 (bond_eth_hash) ----

TEST(FlowHashLayer2, LastMacBytesXorEtherTypeAsANumber) {
  Pkt f = tcp4(kA, kB, 12345, 80);
  // dst[5] ^ src[5] ^ be16_to_cpu(h_proto) = 0x5e ^ 0x56 ^ 0x0800
  EXPECT_EQ(f.hash(P::kLayer2), 0x5eu ^ 0x56u ^ 0x0800u);
  EXPECT_EQ(f.hash(P::kLayer2), 0x0808u);
  Pkt arp = Pkt().eth(0x0806).zeros(28);
  EXPECT_EQ(arp.hash(P::kLayer2), 0x5eu ^ 0x56u ^ 0x0806u);
  // Only the MACs' last bytes count: other MAC bytes change nothing.
  Pkt other = Pkt().eth(0x0800, Mac{0xff, 0xee, 0xdd, 0xcc, 0xbb, 0x5e}, Mac{1, 2, 3, 4, 5, 0x56});
  other.ipv4(kC, kD, 17).l4(1, 2);
  EXPECT_EQ(other.hash(P::kLayer2), f.hash(P::kLayer2));
}

TEST(FlowHashLayer2, InBandTagHashesItsTpidAndAcceleratedTagItsInnerType) {
  Pkt f = Pkt().eth(0x8100).tag(0x0064, 0x0800).ipv4(kA, kB, 6).l4(1, 2);
  EXPECT_EQ(f.hash(P::kLayer2), l2(0x8100));
  // Linux's view of a frame from a VLAN device on the bond: the tag is in the skb, the data
  // starts dst, src, 0x0800.
  EXPECT_EQ(f.hash(P::kLayer2, outer_accel()), l2(0x0800));
  Pkt qinq = Pkt().eth(0x88a8).tag(0x0010, 0x8100).tag(0x0064, 0x86dd).zeros(40);
  EXPECT_EQ(qinq.hash(P::kLayer2), l2(0x88a8));
  EXPECT_EQ(qinq.hash(P::kLayer2, outer_accel()), l2(0x8100));
}

TEST(FlowHashLayer2, ShortFramesHashToZeroUnderEveryPolicy) {
  Pkt f = Pkt().bytes(kDst).bytes(kSrc).u8(0x08);  // 13 bytes
  for (uint8_t p = 0; p < kFlowHashPolicyCount; ++p) {
    EXPECT_EQ(f.hash(P(p)), 0u) << int(p);
    EXPECT_EQ(f.hash(P(p), accel(0x0005)), 0u) << int(p);
  }
  EXPECT_EQ(bond_xmit_hash(P::kLayer34, nullptr, 0), 0u);
}

// ---- layer2+3 and layer3+4 (bond_flow_ip, bond_ip_hash) ----

TEST(FlowHashLayer23, Ipv4AddsAddressesAndFolds) {
  Pkt f = tcp4(kA, kB, 12345, 80);
  // fold(bond_eth_hash ^ daddr ^ saddr), no final shift for layer2+3
  EXPECT_EQ(f.hash(P::kLayer23), fold(l2(0x0800) ^ v4(kA) ^ v4(kB)));
  // Swapping the addresses keeps the value (XOR is symmetric).
  EXPECT_EQ(tcp4(kB, kA, 80, 12345).hash(P::kLayer23), f.hash(P::kLayer23));
}

TEST(FlowHashLayer23, Ipv6UsesTheXorOfEachAddressesWords) {
  Pkt f = Pkt().eth(0x86dd).ipv6(kA6, kB6, 17).l4(5353, 5353);
  EXPECT_EQ(f.hash(P::kLayer23), fold(l2(0x86dd) ^ v6(kA6) ^ v6(kB6)));
}

TEST(FlowHashLayer34, TcpPortsAddressesFoldAndDropTheLowBit) {
  Pkt f = tcp4(kA, kB, 12345, 80);
  // fold(ports ^ daddr ^ saddr) >> 1; ports = bytes 30 39 00 50 as a host u32
  uint32_t want = fold(ports(12345, 80) ^ v4(kA) ^ v4(kB)) >> 1;
  EXPECT_EQ(ports(12345, 80), 0x50003930u);
  EXPECT_EQ(f.hash(P::kLayer34), want);
}

TEST(FlowHashLayer34, ProtocolsWithPortsAndSpis) {
  // proto_ports_offset(): TCP, UDP, DCCP, SCTP, UDP-Lite and ESP at 0, AH at 4.
  for (uint8_t proto : {6, 17, 33, 132, 136, 50}) {
    Pkt f = Pkt().eth(0x0800).ipv4(kA, kB, proto).l4(0x1111, 0x2222);
    EXPECT_EQ(f.hash(P::kLayer34), fold(ports(0x1111, 0x2222) ^ v4(kA) ^ v4(kB)) >> 1)
        << int(proto);
  }
  Pkt ah = Pkt().eth(0x0800).ipv4(kA, kB, 51).bytes({6, 4, 0, 0}).bytes({0xc0, 0xff, 0xee, 0x01});
  EXPECT_EQ(ah.hash(P::kLayer34), fold(le(0xc0, 0xff, 0xee, 0x01) ^ v4(kA) ^ v4(kB)) >> 1);
  // Other protocols (GRE, IGMP, ...) have no ports: only the addresses.
  for (uint8_t proto : {47, 2, 4, 41}) {
    Pkt f = Pkt().eth(0x0800).ipv4(kA, kB, proto).l4(0x1111, 0x2222);
    EXPECT_EQ(f.hash(P::kLayer34), fold(v4(kA) ^ v4(kB)) >> 1) << int(proto);
  }
}

TEST(FlowHashLayer34, OptionsMoveThePorts) {
  Pkt f = Pkt().eth(0x0800).ipv4(kA, kB, 17, 0, 7).l4(4000, 53);
  EXPECT_EQ(f.hash(P::kLayer34), fold(ports(4000, 53) ^ v4(kA) ^ v4(kB)) >> 1);
}

TEST(FlowHashLayer34, FragmentsHashAddressesOnly) {
  uint32_t addr_only = fold(v4(kA) ^ v4(kB)) >> 1;
  Pkt first = Pkt().eth(0x0800).ipv4(kA, kB, 17, 0x2000).l4(4000, 53);  // MF
  Pkt later = Pkt().eth(0x0800).ipv4(kA, kB, 17, 0x00b9).l4(4000, 53);  // offset 185*8
  Pkt df = Pkt().eth(0x0800).ipv4(kA, kB, 17, 0x4000).l4(4000, 53);     // DF only: not one
  EXPECT_EQ(first.hash(P::kLayer34), addr_only);
  EXPECT_EQ(later.hash(P::kLayer34), addr_only);
  EXPECT_EQ(df.hash(P::kLayer34), fold(ports(4000, 53) ^ v4(kA) ^ v4(kB)) >> 1);
  // IPv6: no extension header is walked, so a fragment header (or any other) hides the ports.
  Pkt frag6 = Pkt().eth(0x86dd).ipv6(kA6, kB6, 44).bytes({17, 0, 0, 1, 0, 0, 0, 7}).l4(1, 2);
  Pkt hop6 = Pkt().eth(0x86dd).ipv6(kA6, kB6, 0).bytes({6, 0, 1, 4, 0, 0, 0, 0}).l4(1, 2);
  EXPECT_EQ(frag6.hash(P::kLayer34), fold(v6(kA6) ^ v6(kB6)) >> 1);
  EXPECT_EQ(hop6.hash(P::kLayer34), fold(v6(kA6) ^ v6(kB6)) >> 1);
}

TEST(FlowHashLayer34, Ipv6Ports) {
  Pkt f = Pkt().eth(0x86dd).ipv6(kA6, kB6, 6).l4(40000, 443);
  EXPECT_EQ(f.hash(P::kLayer34), fold(ports(40000, 443) ^ v6(kA6) ^ v6(kB6)) >> 1);
}

TEST(FlowHashLayer34, IcmpEchoHashesTypeCodeAndIdentifier) {
  // memcpy of struct flow_dissector_key_icmp {u8 type; u8 code; u16 id (host order)}:
  // type | code << 8 | id << 16 on a little-endian host.
  Pkt echo = Pkt().eth(0x0800).ipv4(kA, kB, 1).icmp(8, 0, 0x4242, 7);
  EXPECT_EQ(echo.hash(P::kLayer34), fold((8u | 0x4242u << 16) ^ v4(kA) ^ v4(kB)) >> 1);
  // A zero identifier is recorded as 1.
  Pkt zero = Pkt().eth(0x0800).ipv4(kA, kB, 1).icmp(0, 0, 0, 7);
  EXPECT_EQ(zero.hash(P::kLayer34), fold((0u | 1u << 16) ^ v4(kA) ^ v4(kB)) >> 1);
  Pkt echo6 = Pkt().eth(0x86dd).ipv6(kA6, kB6, 58).icmp(128, 0, 0x0102, 1);
  EXPECT_EQ(echo6.hash(P::kLayer34), fold((128u | 0x0102u << 16) ^ v6(kA6) ^ v6(kB6)) >> 1);
  // Types without an identifier (router advertisement here) fall back to the ports word, 0.
  Pkt ra = Pkt().eth(0x86dd).ipv6(kA6, kB6, 58).icmp(134, 0, 0x0102, 1);
  EXPECT_EQ(ra.hash(P::kLayer34), fold(v6(kA6) ^ v6(kB6)) >> 1);
  // layer2+3 ignores the ICMP key.
  EXPECT_EQ(echo.hash(P::kLayer23), fold(l2(0x0800) ^ v4(kA) ^ v4(kB)));
}

TEST(FlowHashLayer34, IcmpErrorsFollowTheFlowTheyQuote) {
  // Port unreachable from kD about a UDP packet kA:4000 -> kC:53.
  Pkt err = Pkt().eth(0x0800).ipv4(kD, kA, 1).icmp(3, 3, 0, 0);
  err.ipv4(kA, kC, 17).l4(4000, 53);
  // The inner addresses (and for layer3+4 the inner ports) replace the outer ones.
  EXPECT_EQ(err.hash(P::kLayer34), fold(ports(4000, 53) ^ v4(kA) ^ v4(kC)) >> 1);
  EXPECT_EQ(err.hash(P::kLayer23), fold(l2(0x0800) ^ v4(kA) ^ v4(kC)));
  // ICMPv6 packet too big quoting TCP.
  Pkt err6 = Pkt().eth(0x86dd).ipv6(kB6, kA6, 58).icmp(2, 0, 0, 0);
  err6.ipv6(kA6, kB6, 6).l4(443, 40000);
  EXPECT_EQ(err6.hash(P::kLayer34), fold(ports(443, 40000) ^ v6(kA6) ^ v6(kB6)) >> 1);
  // A quoted fragment: no inner ports (the ICMP protocol number stays, it has none).
  Pkt fragq = Pkt().eth(0x0800).ipv4(kD, kA, 1).icmp(11, 0, 0, 0);
  fragq.ipv4(kA, kC, 17, 0x2000).l4(4000, 53);
  EXPECT_EQ(fragq.hash(P::kLayer34), fold(v4(kA) ^ v4(kC)) >> 1);
  // A quoted header cut short: bond_flow_dissect fails and layer2 is used.
  Pkt cut = Pkt().eth(0x0800).ipv4(kD, kA, 1).icmp(3, 1, 0, 0).zeros(19);
  EXPECT_EQ(cut.hash(P::kLayer34), l2(0x0800));
  EXPECT_EQ(cut.hash(P::kLayer23), l2(0x0800));
}

TEST(FlowHashLayer34, NonIpAndTaggedFramesFallBackToLayer2) {
  Pkt arp = Pkt().eth(0x0806).zeros(28);
  EXPECT_EQ(arp.hash(P::kLayer34), l2(0x0806));
  EXPECT_EQ(arp.hash(P::kLayer23), l2(0x0806));
  // An in-band tag is not skipped by bond_flow_ip: the EtherType is 0x8100, not IP.
  Pkt tagged = Pkt().eth(0x8100).tag(0x0064, 0x0800).ipv4(kA, kB, 6).l4(1000, 2000);
  EXPECT_EQ(tagged.hash(P::kLayer34), l2(0x8100));
  // The same frame with its tag accelerated (a VLAN device on the bond) is hashed as untagged.
  EXPECT_EQ(tagged.hash(P::kLayer34, outer_accel()),
            fold(ports(1000, 2000) ^ v4(kA) ^ v4(kB)) >> 1);
  EXPECT_EQ(tagged.hash(P::kLayer23, outer_accel()), fold(l2(0x0800) ^ v4(kA) ^ v4(kB)));
}

TEST(FlowHashLayer34, TruncatedHeaders) {
  // IPv4 header cut short (16 of 20 bytes): layer2.
  Pkt ip = Pkt().eth(0x0800).ipv4(kA, kB, 6);
  Pkt short_ip = Pkt().eth(0x0800).bytes({0x45, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 192, 0, 2, 1});
  EXPECT_EQ(short_ip.hash(P::kLayer34), l2(0x0800));
  EXPECT_EQ(short_ip.hash(P::kLayer23), l2(0x0800));
  // Ports cut short: the addresses still count, the ports are 0.
  Pkt three = Pkt(ip).bytes({0x30, 0x39, 0x00});
  EXPECT_EQ(three.hash(P::kLayer34), fold(v4(kA) ^ v4(kB)) >> 1);
  // IPv6 header cut short.
  Pkt short6 = Pkt().eth(0x86dd).zeros(39);
  EXPECT_EQ(short6.hash(P::kLayer34), l2(0x86dd));
  // IHL is not checked: IHL 0 puts the "ports" at the IP header itself.
  Pkt ihl0 = Pkt().eth(0x0800).ipv4(kA, kB, 6);
  std::vector<uint8_t> raw(ihl0.data(), ihl0.data() + ihl0.size());
  raw[14] = 0x40;
  EXPECT_EQ(bond_xmit_hash(P::kLayer34, raw.data(), raw.size()),
            fold(le(0x40, 0, 0, 0) ^ v4(kA) ^ v4(kB)) >> 1);
}

// ---- encap2+3 and encap3+4 (__skb_flow_dissect) ----

TEST(FlowHashEncap, PlainPacketsMatchTheLayer3Policies) {
  Pkt f = tcp4(kA, kB, 12345, 80);
  EXPECT_EQ(f.hash(P::kEncap23), f.hash(P::kLayer23));
  EXPECT_EQ(f.hash(P::kEncap34), f.hash(P::kLayer34));
}

TEST(FlowHashEncap, IpInIpUsesTheInnerHeaders) {
  Pkt ipip = Pkt().eth(0x0800).ipv4(kA, kB, 4).ipv4(kC, kD, 17).l4(7, 9);
  EXPECT_EQ(ipip.hash(P::kEncap23), fold(l2(0x0800) ^ v4(kC) ^ v4(kD)));
  EXPECT_EQ(ipip.hash(P::kEncap34), fold(ports(7, 9) ^ v4(kC) ^ v4(kD)) >> 1);
  // The non-encap policies stop at the outer header (protocol 4 has no ports).
  EXPECT_EQ(ipip.hash(P::kLayer34), fold(v4(kA) ^ v4(kB)) >> 1);
  Pkt six4 = Pkt().eth(0x0800).ipv4(kA, kB, 41).ipv6(kA6, kB6, 6).l4(1, 2);
  EXPECT_EQ(six4.hash(P::kEncap34), fold(ports(1, 2) ^ v6(kA6) ^ v6(kB6)) >> 1);
  Pkt six6 = Pkt().eth(0x86dd).ipv6(kB6, kA6, 41).ipv6(kA6, kB6, 17).l4(3, 4);
  EXPECT_EQ(six6.hash(P::kEncap34), fold(ports(3, 4) ^ v6(kA6) ^ v6(kB6)) >> 1);
  Pkt four6 = Pkt().eth(0x86dd).ipv6(kA6, kB6, 4).ipv4(kC, kD, 6).l4(5, 6);
  EXPECT_EQ(four6.hash(P::kEncap23), fold(l2(0x86dd) ^ v4(kC) ^ v4(kD)));
}

TEST(FlowHashEncap, GreWithIpOrEthernetPayload) {
  // GRE, no options, IPv4 payload.
  Pkt gre = Pkt().eth(0x0800).ipv4(kA, kB, 47).be16(0x0000).be16(0x0800).ipv4(kC, kD, 6).l4(1, 2);
  EXPECT_EQ(gre.hash(P::kEncap34), fold(ports(1, 2) ^ v4(kC) ^ v4(kD)) >> 1);
  // Transparent Ethernet bridging with checksum, key and sequence number, IPv6 inside: the
  // inner MACs do not count, the outer ones do.
  Pkt teb = Pkt().eth(0x0800).ipv4(kA, kB, 47).be16(0xb000).be16(0x6558).zeros(12);
  teb.eth(0x86dd, Mac{1, 1, 1, 1, 1, 1}, Mac{2, 2, 2, 2, 2, 2}).ipv6(kA6, kB6, 17).l4(9, 10);
  EXPECT_EQ(teb.hash(P::kEncap23), fold(l2(0x0800) ^ v6(kA6) ^ v6(kB6)));
  EXPECT_EQ(teb.hash(P::kEncap34), fold(ports(9, 10) ^ v6(kA6) ^ v6(kB6)) >> 1);
  // Routing present, or version 2..7: the walk stops at the outer IP header (no ports).
  Pkt routed = Pkt().eth(0x0800).ipv4(kA, kB, 47).be16(0x4000).be16(0x0800).ipv4(kC, kD, 6);
  EXPECT_EQ(routed.hash(P::kEncap34), fold(v4(kA) ^ v4(kB)) >> 1);
  Pkt v2 = Pkt().eth(0x0800).ipv4(kA, kB, 47).be16(0x0002).be16(0x0800).ipv4(kC, kD, 6);
  EXPECT_EQ(v2.hash(P::kEncap23), fold(l2(0x0800) ^ v4(kA) ^ v4(kB)));
  // Key flag with the key cut short, or an inner Ethernet header cut short: layer2.
  Pkt nokey = Pkt().eth(0x0800).ipv4(kA, kB, 47).be16(0x2000).be16(0x0800).bytes({1, 2});
  EXPECT_EQ(nokey.hash(P::kEncap34), l2(0x0800));
  Pkt noeth = Pkt().eth(0x0800).ipv4(kA, kB, 47).be16(0x0000).be16(0x6558).zeros(13);
  EXPECT_EQ(noeth.hash(P::kEncap23), l2(0x0800));
  // An inner EtherType the dissector does not know (ERSPAN 0x88be here): layer2.
  Pkt erspan = Pkt().eth(0x0800).ipv4(kA, kB, 47).be16(0x1000).be16(0x88be).zeros(40);
  EXPECT_EQ(erspan.hash(P::kEncap34), l2(0x0800));
}

TEST(FlowHashEncap, PptpGreCarriesPpp) {
  // Version 1, key (payload length + call id) and sequence number, PPP address/control/IPv4.
  Pkt pptp = Pkt().eth(0x0800).ipv4(kA, kB, 47).be16(0x3001).be16(0x880b).zeros(8);
  pptp.bytes({0xff, 0x03, 0x00, 0x21}).ipv4(kC, kD, 17).l4(500, 4500);
  EXPECT_EQ(pptp.hash(P::kEncap34), fold(ports(500, 4500) ^ v4(kC) ^ v4(kD)) >> 1);
  // Version 1 without the key flag is not PPTP: outer headers only.
  Pkt nokey = Pkt().eth(0x0800).ipv4(kA, kB, 47).be16(0x1001).be16(0x880b).zeros(8);
  EXPECT_EQ(nokey.hash(P::kEncap34), fold(v4(kA) ^ v4(kB)) >> 1);
}

TEST(FlowHashEncap, VlanStacksAreSkipped) {
  Pkt qinq = Pkt().eth(0x88a8).tag(0x0010, 0x8100).tag(0x2064, 0x0800).ipv4(kA, kB, 17).l4(1, 2);
  EXPECT_EQ(qinq.hash(P::kEncap34), fold(ports(1, 2) ^ v4(kA) ^ v4(kB)) >> 1);
  // bond_eth_hash still sees the outer TPID.
  EXPECT_EQ(qinq.hash(P::kEncap23), fold(l2(0x88a8) ^ v4(kA) ^ v4(kB)));
  // With the outer tag accelerated the data starts dst, src, 0x8100: one more tag to skip,
  // and the dissector's first VLAN step only stands for the accelerated tag.
  EXPECT_EQ(qinq.hash(P::kEncap23, outer_accel()), fold(l2(0x8100) ^ v4(kA) ^ v4(kB)));
  EXPECT_EQ(qinq.hash(P::kEncap34, outer_accel()), qinq.hash(P::kEncap34));
  // A tag cut short: layer2.
  Pkt cut = Pkt().eth(0x8100).bytes({0x00, 0x64, 0x08});
  EXPECT_EQ(cut.hash(P::kEncap23), l2(0x8100));
}

TEST(FlowHashEncap, HeaderBudgetOfFifteen) {
  // Fifteen tags are walked to the IP header; a sixteenth exhausts MAX_FLOW_DISSECT_HDRS and
  // the dissector stops with no address and no port (a success, not a failure).
  Pkt f15 = Pkt().eth(0x8100);
  for (int i = 0; i < 14; ++i) f15.tag(uint16_t(i + 1), 0x8100);
  f15.tag(15, 0x0800).ipv4(kA, kB, 6).l4(1, 2);
  EXPECT_EQ(f15.hash(P::kEncap34), fold(ports(1, 2) ^ v4(kA) ^ v4(kB)) >> 1);
  Pkt f16 = Pkt().eth(0x8100);
  for (int i = 0; i < 15; ++i) f16.tag(uint16_t(i + 1), 0x8100);
  f16.tag(16, 0x0800).ipv4(kA, kB, 6).l4(1, 2);
  EXPECT_EQ(f16.hash(P::kEncap34), 0u);
  EXPECT_EQ(f16.hash(P::kEncap23), fold(l2(0x8100)));
}

TEST(FlowHashEncap, Ipv6ExtensionHeadersAndFragments) {
  // Hop-by-hop (8 bytes) then destination options (16 bytes) then UDP: walked.
  Pkt ext = Pkt().eth(0x86dd).ipv6(kA6, kB6, 0).bytes({60, 0}).zeros(6).bytes({17, 1}).zeros(14);
  ext.l4(111, 222);
  EXPECT_EQ(ext.hash(P::kEncap34), fold(ports(111, 222) ^ v6(kA6) ^ v6(kB6)) >> 1);
  // Fragment header (first fragment too): addresses only.
  Pkt frag = Pkt().eth(0x86dd).ipv6(kA6, kB6, 44).bytes({17, 0, 0, 1, 0, 0, 0, 9}).l4(1, 2);
  EXPECT_EQ(frag.hash(P::kEncap34), fold(v6(kA6) ^ v6(kB6)) >> 1);
  Pkt frag4 = Pkt().eth(0x0800).ipv4(kA, kB, 6, 0x2000).l4(1, 2);
  EXPECT_EQ(frag4.hash(P::kEncap34), fold(v4(kA) ^ v4(kB)) >> 1);
  // An extension header cut short: layer2.
  Pkt cut = Pkt().eth(0x86dd).ipv6(kA6, kB6, 43).u8(6);
  EXPECT_EQ(cut.hash(P::kEncap34), l2(0x86dd));
}

TEST(FlowHashEncap, IcmpKeepsTheOuterFlow) {
  Pkt echo = Pkt().eth(0x0800).ipv4(kA, kB, 1).icmp(8, 0, 0x0777, 1);
  EXPECT_EQ(echo.hash(P::kEncap34), fold((8u | 0x0777u << 16) ^ v4(kA) ^ v4(kB)) >> 1);
  // Unlike layer3+4, the flow dissector does not look inside ICMP errors.
  Pkt err = Pkt().eth(0x0800).ipv4(kD, kA, 1).icmp(3, 3, 0, 0);
  err.ipv4(kA, kC, 17).l4(4000, 53);
  EXPECT_EQ(err.hash(P::kEncap34), fold(v4(kD) ^ v4(kA)) >> 1);
  EXPECT_EQ(err.hash(P::kEncap23), fold(l2(0x0800) ^ v4(kD) ^ v4(kA)));
}

TEST(FlowHashEncap, NonIpProtocolsTheDissectorAccepts) {
  // ARP: dissected without keys, so "success" with no address: the encap hash is the folded
  // layer2 value (encap3+4: ports 0 and no address, so 0), not the layer2 fallback.
  Pkt arp = Pkt().eth(0x0806).zeros(28);
  EXPECT_EQ(arp.hash(P::kEncap23), fold(l2(0x0806)));
  EXPECT_EQ(arp.hash(P::kEncap34), 0u);
  // MPLS: the same, whatever follows the label.
  Pkt mpls = Pkt().eth(0x8847).bytes({0, 0x01, 0x01, 0x40}).ipv4(kA, kB, 6).l4(1, 2);
  EXPECT_EQ(mpls.hash(P::kEncap23), fold(l2(0x8847)));
  // MPLS in IP: the outer addresses stay.
  Pkt mplsip = Pkt().eth(0x0800).ipv4(kA, kB, 137).bytes({0, 0x01, 0x01, 0x40});
  EXPECT_EQ(mplsip.hash(P::kEncap34), fold(v4(kA) ^ v4(kB)) >> 1);
  // An EtherType the dissector does not know (LLDP): layer2.
  Pkt lldp = Pkt().eth(0x88cc).zeros(30);
  EXPECT_EQ(lldp.hash(P::kEncap23), l2(0x88cc));
  EXPECT_EQ(lldp.hash(P::kEncap34), l2(0x88cc));
  // PTP needs its 34-byte header.
  EXPECT_EQ(Pkt().eth(0x88f7).zeros(34).hash(P::kEncap23), fold(l2(0x88f7)));
  EXPECT_EQ(Pkt().eth(0x88f7).zeros(33).hash(P::kEncap23), l2(0x88f7));
}

TEST(FlowHashEncap, PppoeHsrAndTipc) {
  // PPPoE session, PPP protocol 0x0021 (IPv4).
  Pkt pppoe = Pkt().eth(0x8864).bytes({0x11, 0x00, 0x12, 0x34, 0x00, 0x30}).be16(0x0021);
  pppoe.ipv4(kC, kD, 6).l4(80, 8080);
  EXPECT_EQ(pppoe.hash(P::kEncap34), fold(ports(80, 8080) ^ v4(kC) ^ v4(kD)) >> 1);
  // Compressed (one-byte) protocol field, as 6.1 accepts it.
  Pkt pfc = Pkt().eth(0x8864).bytes({0x11, 0x00, 0x12, 0x34, 0x00, 0x30}).u8(0x21);
  pfc.ipv4(kC, kD, 6).l4(80, 8080);
  EXPECT_EQ(pfc.hash(P::kEncap34), pppoe.hash(P::kEncap34));
  // A bad version/type: layer2.
  Pkt bad = Pkt().eth(0x8864).bytes({0x12, 0x00, 0x12, 0x34, 0x00, 0x30}).be16(0x0021).zeros(40);
  EXPECT_EQ(bad.hash(P::kEncap34), l2(0x8864));
  // Layer2+3 does not know PPPoE.
  EXPECT_EQ(pppoe.hash(P::kLayer23), l2(0x8864));
  // HSR tag (6 bytes, encapsulated EtherType last).
  Pkt hsr = Pkt().eth(0x892f).bytes({0, 0x40, 0, 1}).be16(0x0800).ipv4(kA, kB, 17).l4(1, 2);
  EXPECT_EQ(hsr.hash(P::kEncap34), fold(ports(1, 2) ^ v4(kA) ^ v4(kB)) >> 1);
  // TIPC: the fourth header word is the "source address" (flow_get_u32_src), no destination.
  Pkt tipc = Pkt().eth(0x88ca).bytes({0x40, 0, 0, 0}).zeros(8).bytes({0x01, 0x00, 0x10, 0x2a});
  EXPECT_EQ(tipc.hash(P::kEncap23), fold(l2(0x88ca) ^ le(0x01, 0x00, 0x10, 0x2a)));
}

TEST(FlowHashEncap, Encap34UsesTheSkbL4HashWhenThereIsOne) {
  Pkt f = tcp4(kA, kB, 12345, 80);
  XmitHashMeta m;
  m.l4_hash = true;
  m.hash = 0xdeadbeef;
  EXPECT_EQ(f.hash(P::kEncap34, m), 0xdeadbeefu);
  // Only encap3+4 looks at it.
  EXPECT_EQ(f.hash(P::kLayer34, m), f.hash(P::kLayer34));
  EXPECT_EQ(f.hash(P::kEncap23, m), f.hash(P::kEncap23));
}

// ---- vlan+srcmac (bond_vlan_srcmac_hash) ----

TEST(FlowHashVlanSrcMac, SourceMacHalvesXorTheAcceleratedTci) {
  Pkt f = tcp4(kA, kB, 1, 2);
  // vlan ^ (src[0]<<16 | src[1]<<8 | src[2]) ^ (src[3]<<16 | src[4]<<8 | src[5])
  uint32_t mac = 0x525400u ^ 0x123456u;
  EXPECT_EQ(f.hash(P::kVlanSrcMac), mac);
  // The whole TCI counts, priority bits included.
  EXPECT_EQ(f.hash(P::kVlanSrcMac, accel(0x0064)), mac ^ 0x0064u);
  EXPECT_EQ(f.hash(P::kVlanSrcMac, accel(0xa064)), mac ^ 0xa064u);
  // An in-band tag is not the skb's tag: VLAN 0 ...
  Pkt tagged = Pkt().eth(0x8100).tag(0x0064, 0x0800).ipv4(kA, kB, 6).l4(1, 2);
  EXPECT_EQ(tagged.hash(P::kVlanSrcMac), mac);
  // ... unless it stands for the accelerated tag.
  EXPECT_EQ(tagged.hash(P::kVlanSrcMac, outer_accel()), mac ^ 0x0064u);
  // An existing accelerated tag wins over outer_tag_accel.
  XmitHashMeta both = accel(0x0005);
  both.outer_tag_accel = true;
  EXPECT_EQ(tagged.hash(P::kVlanSrcMac, both), mac ^ 0x0005u);
  // Nothing but the source MAC and the tag: destination, type and payload do not matter.
  Pkt other = Pkt().eth(0x86dd, Mac{9, 9, 9, 9, 9, 9}).zeros(3);
  EXPECT_EQ(other.hash(P::kVlanSrcMac), mac);
}

// ---- slave selection: bond_xmit_3ad_xor_slave_get ----

TEST(FlowHashSelect, ModuloOfTheUsableSlaveCount) {
  EXPECT_EQ(select_slave(0x0808, 2), 0u);
  EXPECT_EQ(select_slave(0x0808, 3), 0x0808u % 3);
  EXPECT_EQ(select_slave(0xffffffffu, 4), 3u);
  EXPECT_EQ(select_slave(7, 1), 0u);
  EXPECT_EQ(select_slave(7, 0), 0u);
}

struct SlaveCase {
  const char* name;
  Pkt frame;
  P policy;
  uint32_t hash;  // from the formula in the comment above each row
  uint32_t on2, on3, on4;
};

TEST(FlowHashSelect, FlowsLandOnTheseSlaves) {
  // Each row: the hash from its formula, then hash % 2, % 3, % 4, all worked out apart from
  // uvn (a few lines of Python) and written here as numbers.
  const SlaveCase cases[] = {
      // layer2: 0x5e ^ 0x56 ^ 0x0800 = 0x0808
      {"l2 ipv4", tcp4(kA, kB, 12345, 80), P::kLayer2, 0x0808, 0, 1, 0},
      // layer2, another destination: 0x5f ^ 0x56 ^ 0x0800 = 0x0809
      {"l2 dst+1", Pkt().eth(0x0800, Mac{0, 0x1b, 0x21, 0x3c, 0x4d, 0x5f}).zeros(20), P::kLayer2,
       0x0809, 1, 2, 1},
      // layer2+3: fold(0x0808 ^ le(192,0,2,1) ^ le(198,51,100,7))
      {"l23 ipv4", tcp4(kA, kB, 12345, 80), P::kLayer23, 0x06605b55, 1, 2, 1},
      // layer3+4: fold(le(0x30,0x39,0,0x50) ^ addrs) >> 1
      {"l34 tcp 12345->80", tcp4(kA, kB, 12345, 80), P::kLayer34, 0x2b181d06, 0, 0, 2},
      {"l34 tcp 12346->80", tcp4(kA, kB, 12346, 80), P::kLayer34, 0x2b181c87, 1, 2, 3},
      {"l34 tcp 12347->80", tcp4(kA, kB, 12347, 80), P::kLayer34, 0x2b181c07, 1, 0, 3},
      {"l34 tcp 12348->80", tcp4(kA, kB, 12348, 80), P::kLayer34, 0x2b181f84, 0, 2, 0},
      // layer3+4 on IPv6: fold(le(0x9c,0x40,0x01,0xbb) ^ v6(a) ^ v6(b)) >> 1
      {"l34 ipv6", Pkt().eth(0x86dd).ipv6(kA6, kB6, 6).l4(40000, 443), P::kLayer34, 0x5c5c8012, 0,
       0, 2},
      // vlan+srcmac with VID 100: 0x525400 ^ 0x123456 ^ 0x0064
      {"vlan+srcmac vid 100", tcp4(kA, kB, 1, 2), P::kVlanSrcMac, 0x406032, 0, 0, 2},
  };
  for (const auto& c : cases) {
    XmitHashMeta m = c.policy == P::kVlanSrcMac ? accel(100) : XmitHashMeta{};
    uint32_t h = c.frame.hash(c.policy, m);
    EXPECT_EQ(h, c.hash) << c.name;
    EXPECT_EQ(select_slave(h, 2), c.on2) << c.name;
    EXPECT_EQ(select_slave(h, 3), c.on3) << c.name;
    EXPECT_EQ(select_slave(h, 4), c.on4) << c.name;
  }
}

TEST(FlowHashSelect, MetaFromFrameMeta) {
  FrameMeta fm;
  fm.vlan_present = true;
  fm.vlan_tci = 0x2005;
  XmitHashMeta m = xmit_hash_meta(fm);
  EXPECT_TRUE(m.vlan_present);
  EXPECT_EQ(m.vlan_tci, 0x2005);
  EXPECT_FALSE(m.l4_hash);
  EXPECT_FALSE(m.outer_tag_accel);
}

}  // namespace
}  // namespace uvn
