// The bonding transmit hash (see flow_hash.h and tests/reference/bond-hash-notes.md).
//
// Two parsers, as in Linux 6.1: the layer2+3/layer3+4 policies read one IPv4 or IPv6 header
// at the network offset and, for layer3+4, the port word after it (bond_flow_ip), with a second
// look inside ICMP errors; the encap policies run the generic flow dissector
// (__skb_flow_dissect with the bonding key set and no flags), which walks VLAN tags, PPPoE,
// IPv6 extension headers, IP-in-IP and GRE to the innermost addresses and ports.
#include "packet/flow_hash.h"

#include "base/be.h"
#include "wire/ethernet.h"
#include "wire/icmp.h"
#include "wire/icmpv6.h"
#include "wire/ip_proto.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/vlan.h"

namespace uvn {
namespace {

using namespace wire;  // NOLINT: header constants

// EtherTypes the flow dissector follows that wire/ has no constant for.
constexpr uint16_t kEtherTypeBatman = 0x4305;  // batman-adv
constexpr uint16_t kEtherTypeTeb = 0x6558;     // transparent Ethernet bridging (GRE payload)
constexpr uint16_t kEtherTypeRarp = 0x8035;
constexpr uint16_t kEtherTypeGrePpp = 0x880b;  // PPP in PPTP's enhanced GRE (version 1)
constexpr uint16_t kEtherTypeMplsUc = 0x8847;
constexpr uint16_t kEtherTypeMplsMc = 0x8848;
constexpr uint16_t kEtherTypePppoeSes = 0x8864;
constexpr uint16_t kEtherTypeTipc = 0x88ca;
constexpr uint16_t kEtherTypePtp = 0x88f7;  // IEEE 1588 over Ethernet
constexpr uint16_t kEtherTypePrp = 0x88fb;  // PRP, also HSR version 0
constexpr uint16_t kEtherTypeHsr = 0x892f;
constexpr uint16_t kEtherTypeFcoe = 0x8906;

// IP protocol numbers the hash cares about that wire/ip_proto.h does not list.
constexpr uint8_t kIpProtoIpip = 4;
constexpr uint8_t kIpProtoDccp = 33;
constexpr uint8_t kIpProtoIpv6 = 41;
constexpr uint8_t kIpProtoGre = 47;
constexpr uint8_t kIpProtoEsp = 50;
constexpr uint8_t kIpProtoAh = 51;
constexpr uint8_t kIpProtoSctp = 132;
constexpr uint8_t kIpProtoUdplite = 136;
constexpr uint8_t kIpProtoMpls = 137;

// Header sizes the dissector checks before it reads.
constexpr size_t kPppoeSesHeaderLen = 8;  // PPPoE session header + PPP protocol
constexpr size_t kTipcBasicHeaderLen = 16;
constexpr size_t kMplsLabelLen = 4;
constexpr size_t kFcoeHeaderLen = 38;
constexpr size_t kBatmanUnicastLen = 10;  // before the inner Ethernet header
constexpr size_t kPtpHeaderLen = 34;
constexpr size_t kHsrTagLen = 6;
constexpr size_t kGreBaseLen = 4;
constexpr size_t kGreOptionLen = 4;  // checksum+reserved, key, sequence or ack
constexpr size_t kPppHeaderLen = 4;  // address, control, protocol
constexpr size_t kIpv6FragmentHeaderLen = 8;
constexpr int kMaxDissectHeaders = 15;  // MAX_FLOW_DISSECT_HDRS

// GRE flag bits (RFC 2784/2890, and RFC 2637 for version 1).
constexpr uint16_t kGreCsum = 0x8000;
constexpr uint16_t kGreRouting = 0x4000;
constexpr uint16_t kGreKey = 0x2000;
constexpr uint16_t kGreSeq = 0x1000;
constexpr uint16_t kGreAck = 0x0080;
constexpr uint16_t kGreVersionMask = 0x0007;

// PPP protocol numbers (RFC 1661 and the IANA PPP DLL registry).
constexpr uint16_t kPppIpv4 = 0x0021;
constexpr uint16_t kPppIpv6 = 0x0057;
constexpr uint16_t kPppMplsUc = 0x0281;
constexpr uint16_t kPppMplsMc = 0x0283;

constexpr uint8_t kBatmanCompatVersion = 15;
constexpr uint8_t kBatmanUnicast = 0x40;
constexpr uint8_t kIcmpTimestamp = 13;
constexpr uint8_t kIcmpTimestampReply = 14;
constexpr uint8_t kIcmpSourceQuench = 4;

// The kernel XORs packet words as they lie in memory, read as a host u32; this is that value
// on a little-endian host.
uint32_t load_host32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

// The frame as the kernel sees it in the bond's transmit path: the two MAC addresses, the
// EtherType in the data (skb->protocol, since nothing else sets it for Ethernet frames) and the
// bytes after it, where the network header starts (nhoff 0 here, 14 in the kernel).
struct L2Frame {
  const uint8_t* mac = nullptr;  // 12 bytes, or nullptr for a frame shorter than 14 bytes
  uint16_t proto = 0;
  const uint8_t* net = nullptr;
  size_t net_len = 0;
  bool accel = false;  // the skb has an accelerated VLAN tag
  uint16_t accel_tci = 0;

  bool have(size_t off, size_t n) const { return off <= net_len && n <= net_len - off; }
  const uint8_t* at(size_t off) const { return net + off; }
};

L2Frame make_l2(const uint8_t* frame, size_t len, const XmitHashMeta& meta) {
  L2Frame f;
  f.accel = meta.vlan_present;
  f.accel_tci = meta.vlan_tci;
  if (frame == nullptr || len < kEthernetHeaderLen) return f;
  f.mac = frame;
  f.proto = load_be16(frame + 12);
  f.net = frame + kEthernetHeaderLen;
  f.net_len = len - kEthernetHeaderLen;
  if (meta.outer_tag_accel && !meta.vlan_present && is_vlan_tpid(f.proto) &&
      len >= kEthernetHeaderLen + kVlanTagLen) {
    f.accel = true;
    f.accel_tci = load_be16(frame + kEthernetHeaderLen);
    f.proto = load_be16(frame + kEthernetHeaderLen + 2);
    f.net += kVlanTagLen;
    f.net_len -= kVlanTagLen;
  }
  return f;
}

// struct flow_keys, reduced to what the bond hash reads.
struct FlowKeys {
  enum class Addr : uint8_t { kNone, kIpv4, kIpv6, kTipc };
  Addr addr = Addr::kNone;
  uint32_t src = 0;    // flow_get_u32_src()
  uint32_t dst = 0;    // flow_get_u32_dst()
  uint32_t ports = 0;  // the 4 bytes at the port offset, as a host u32
  uint8_t icmp_type = 0;
  uint8_t icmp_code = 0;
  uint16_t icmp_id = 0;  // 0: no identifier

  // The ICMP key as the host u32 the bond memcpy()s out of it.
  uint32_t icmp_word() const {
    return uint32_t(icmp_type) | uint32_t(icmp_code) << 8 | uint32_t(icmp_id) << 16;
  }
};

void copy_v4addrs(FlowKeys& k, const uint8_t* iph) {
  k.addr = FlowKeys::Addr::kIpv4;
  k.src = load_host32(iph + 12);
  k.dst = load_host32(iph + 16);
}

// ipv6_addr_hash(): the XOR of the address's four 32-bit words.
uint32_t ipv6_addr_hash(const uint8_t* a) {
  return load_host32(a) ^ load_host32(a + 4) ^ load_host32(a + 8) ^ load_host32(a + 12);
}

void copy_v6addrs(FlowKeys& k, const uint8_t* ip6h) {
  k.addr = FlowKeys::Addr::kIpv6;
  k.src = ipv6_addr_hash(ip6h + 8);
  k.dst = ipv6_addr_hash(ip6h + 24);
}

bool ipv4_is_fragment(const uint8_t* iph) {
  return (load_be16(iph + 6) & 0x3fff) != 0;
}

// proto_ports_offset(): where the 32-bit "ports" word sits in an L4 header (ESP's and AH's
// SPI stand in for ports), or -1 for a protocol without one.
int proto_ports_offset(uint8_t ip_proto) {
  switch (ip_proto) {
    case kIpProtoTcp:
    case kIpProtoUdp:
    case kIpProtoDccp:
    case kIpProtoEsp:
    case kIpProtoSctp:
    case kIpProtoUdplite:
      return 0;
    case kIpProtoAh:
      return 4;
    default:
      return -1;
  }
}

// __skb_flow_get_ports(): 0 when the protocol has no ports or the word is past the end.
uint32_t flow_get_ports(const L2Frame& f, size_t thoff, uint8_t ip_proto) {
  int poff = proto_ports_offset(ip_proto);
  if (poff < 0 || !f.have(thoff + size_t(poff), 4)) return 0;
  return load_host32(f.at(thoff + size_t(poff)));
}

bool icmp_has_id(uint8_t type) {
  switch (type) {
    case kIcmpEchoRequest:
    case kIcmpEchoReply:
    case kIcmpTimestamp:
    case kIcmpTimestampReply:
    case kIcmpv6EchoRequest:
    case kIcmpv6EchoReply:
      return true;
    default:
      return false;
  }
}

// skb_flow_get_icmp_tci(): type, code and identifier (1 stands for a zero identifier, so that
// 0 keeps meaning "none"); the key is left as it is when the 8-byte header is cut short.
void get_icmp_tci(const L2Frame& f, size_t thoff, FlowKeys& k) {
  if (!f.have(thoff, kIcmpHeaderLen)) return;
  const uint8_t* ih = f.at(thoff);
  k.icmp_type = ih[0];
  k.icmp_code = ih[1];
  if (icmp_has_id(ih[0])) {
    uint16_t id = load_be16(ih + 4);
    k.icmp_id = id != 0 ? id : 1;
  } else {
    k.icmp_id = 0;
  }
}

bool icmp_is_err(uint8_t type) {
  return type == kIcmpDestUnreachable || type == kIcmpSourceQuench || type == kIcmpRedirect ||
         type == kIcmpTimeExceeded || type == kIcmpParamProblem;
}

bool icmpv6_is_err(uint8_t type) {
  return type == kIcmpv6DestUnreachable || type == kIcmpv6PacketTooBig ||
         type == kIcmpv6TimeExceeded || type == kIcmpv6ParamProblem;
}

// ---- layer2+3 and layer3+4: bond_flow_ip() and bond_flow_dissect() ----

// One IP header at nhoff, chosen by the EtherType (the version field is not looked at, nor
// IHL checked). ip_proto stays as it was for an IPv4 fragment; no IPv6 extension header is
// walked. False when the header is cut short or the EtherType is not IP.
bool bond_flow_ip(const L2Frame& f, FlowKeys& k, size_t& nhoff, int& ip_proto, bool l34) {
  if (f.proto == kEtherTypeIpv4) {
    if (!f.have(nhoff, kIpv4MinHeaderLen)) return false;
    const uint8_t* iph = f.at(nhoff);
    copy_v4addrs(k, iph);
    nhoff += size_t(iph[0] & 0x0f) * 4;
    if (!ipv4_is_fragment(iph)) ip_proto = iph[9];
  } else if (f.proto == kEtherTypeIpv6) {
    if (!f.have(nhoff, kIpv6HeaderLen)) return false;
    const uint8_t* ip6h = f.at(nhoff);
    copy_v6addrs(k, ip6h);
    nhoff += kIpv6HeaderLen;
    ip_proto = ip6h[6];
  } else {
    return false;
  }
  if (l34 && ip_proto >= 0) k.ports = flow_get_ports(f, nhoff, uint8_t(ip_proto));
  return true;
}

// An ICMP error carries the start of the packet that caused it: the addresses (and, for
// layer3+4, ports) of that inner packet replace the outer ones, so the error follows its flow.
bool bond_flow_dissect_l34(const L2Frame& f, FlowKeys& k, bool l34) {
  size_t nhoff = 0;
  int ip_proto = -1;
  if (!bond_flow_ip(f, k, nhoff, ip_proto, l34)) return false;
  if (ip_proto == kIpProtoIcmp) {
    get_icmp_tci(f, nhoff, k);
    if (!icmp_is_err(k.icmp_type)) return true;
    nhoff += kIcmpHeaderLen;
  } else if (ip_proto == kIpProtoIcmpv6) {
    get_icmp_tci(f, nhoff, k);
    if (!icmpv6_is_err(k.icmp_type)) return true;
    nhoff += kIcmpv6HeaderLen;
  } else {
    return true;
  }
  return bond_flow_ip(f, k, nhoff, ip_proto, l34);
}

// ---- encap2+3 and encap3+4: __skb_flow_dissect() with the bonding keys ----

enum class Step { kGood, kBad, kProtoAgain, kIpProtoAgain, kContinue };

struct Dissect {
  const L2Frame& f;
  FlowKeys& k;
  uint16_t proto;
  size_t nhoff = 0;
  uint8_t ip_proto = 0;
  int vlans = 0;  // VLAN headers passed, counted up to 2 (the VLAN and CVLAN keys)
  bool fragment = false;
};

Step dissect_ipv4(Dissect& d) {
  if (!d.f.have(d.nhoff, kIpv4MinHeaderLen)) return Step::kBad;
  const uint8_t* iph = d.f.at(d.nhoff);
  size_t ihl = iph[0] & 0x0f;
  if (ihl < 5) return Step::kBad;
  d.nhoff += ihl * 4;
  d.ip_proto = iph[9];
  copy_v4addrs(d.k, iph);
  if (ipv4_is_fragment(iph)) {
    d.fragment = true;  // no ports: the first fragment is not parsed further either
    return Step::kGood;
  }
  return Step::kContinue;
}

Step dissect_ipv6(Dissect& d) {
  if (!d.f.have(d.nhoff, kIpv6HeaderLen)) return Step::kBad;
  const uint8_t* ip6h = d.f.at(d.nhoff);
  d.ip_proto = ip6h[6];
  d.nhoff += kIpv6HeaderLen;
  copy_v6addrs(d.k, ip6h);
  return Step::kContinue;
}

// The first VLAN header of a frame whose skb has an accelerated tag stands for that tag: the
// protocol stays what it was and no byte is consumed (one header of the budget is).
Step dissect_vlan(Dissect& d) {
  if (d.vlans == 0 && d.f.accel) {
    d.proto = d.f.proto;
  } else {
    if (!d.f.have(d.nhoff, kVlanTagLen)) return Step::kBad;
    d.proto = load_be16(d.f.at(d.nhoff) + 2);
    d.nhoff += kVlanTagLen;
  }
  if (d.vlans < 2) ++d.vlans;
  return Step::kProtoAgain;
}

// PPPoE session (6.1 also accepts a compressed, one-byte PPP protocol field).
Step dissect_pppoe(Dissect& d) {
  if (!d.f.have(d.nhoff, kPppoeSesHeaderLen)) return Step::kBad;
  const uint8_t* h = d.f.at(d.nhoff);
  if (h[0] != 0x11 || h[1] != 0) return Step::kBad;  // version 1, type 1, code 0
  uint16_t ppp = load_be16(h + 6);
  if (ppp & 0x0100) {
    ppp = ppp >> 8;
    d.nhoff += kPppoeSesHeaderLen - 1;
  } else {
    d.nhoff += kPppoeSesHeaderLen;
  }
  switch (ppp) {
    case kPppIpv4:
      d.proto = kEtherTypeIpv4;
      return Step::kProtoAgain;
    case kPppIpv6:
      d.proto = kEtherTypeIpv6;
      return Step::kProtoAgain;
    case kPppMplsUc:
      d.proto = kEtherTypeMplsUc;
      return Step::kProtoAgain;
    case kPppMplsMc:
      d.proto = kEtherTypeMplsMc;
      return Step::kProtoAgain;
    default:
      return (ppp & 0x0101) == 0x0001 ? Step::kGood : Step::kBad;
  }
}

// TIPC: the source node word is the "source address"; there is no destination.
Step dissect_tipc(Dissect& d) {
  if (!d.f.have(d.nhoff, kTipcBasicHeaderLen)) return Step::kBad;
  const uint8_t* h = d.f.at(d.nhoff);
  // Linux draws a random key for link keepalives (first word & 0x0e080000 all set); uvn keeps
  // the source node word for them too.
  d.k.addr = FlowKeys::Addr::kTipc;
  d.k.src = load_host32(h + 12);
  d.k.dst = 0;
  return Step::kGood;
}

Step dissect_batman(Dissect& d) {
  if (!d.f.have(d.nhoff, kBatmanUnicastLen + kEthernetHeaderLen)) return Step::kBad;
  const uint8_t* h = d.f.at(d.nhoff);
  if (h[1] != kBatmanCompatVersion || h[0] != kBatmanUnicast) return Step::kBad;
  d.proto = load_be16(h + kBatmanUnicastLen + 12);
  d.nhoff += kBatmanUnicastLen + kEthernetHeaderLen;
  return Step::kProtoAgain;
}

// EtherTypes with little or nothing to read: they end the walk (or fail it when cut short).
Step dissect_other(Dissect& d) {
  switch (d.proto) {
    case kEtherTypeTipc:
      return dissect_tipc(d);
    case kEtherTypeMplsUc:
    case kEtherTypeMplsMc:
      d.nhoff += kMplsLabelLen;  // no MPLS keys: nothing is read
      return Step::kGood;
    case kEtherTypeFcoe:
      if (!d.f.have(d.nhoff, kFcoeHeaderLen)) return Step::kBad;
      d.nhoff += kFcoeHeaderLen;
      return Step::kGood;
    case kEtherTypeArp:
    case kEtherTypeRarp:
      return Step::kGood;  // no ARP key: nothing is read
    case kEtherTypeBatman:
      return dissect_batman(d);
    case kEtherTypePtp:
      if (!d.f.have(d.nhoff, kPtpHeaderLen)) return Step::kBad;
      d.nhoff += kPtpHeaderLen;
      return Step::kGood;
    case kEtherTypeHsr:
    case kEtherTypePrp:
      if (!d.f.have(d.nhoff, kHsrTagLen)) return Step::kBad;
      d.proto = load_be16(d.f.at(d.nhoff) + 4);
      d.nhoff += kHsrTagLen;
      return Step::kProtoAgain;
    default:
      return Step::kBad;
  }
}

Step dissect_l3(Dissect& d) {
  switch (d.proto) {
    case kEtherTypeIpv4:
      return dissect_ipv4(d);
    case kEtherTypeIpv6:
      return dissect_ipv6(d);
    case kEtherTypeVlan:
    case kEtherTypeQinQ:
      return dissect_vlan(d);
    case kEtherTypePppoeSes:
      return dissect_pppoe(d);
    default:
      return dissect_other(d);
  }
}

// Version 1 (PPTP) carries PPP: only with the key flag and the PPP protocol.
Step dissect_gre_v1(Dissect& d, uint16_t flags, size_t& off) {
  if (flags & kGreAck) off += kGreOptionLen;
  if (!d.f.have(d.nhoff + off, kPppHeaderLen)) return Step::kBad;
  uint16_t ppp = load_be16(d.f.at(d.nhoff + off) + 2);
  if (ppp == kPppIpv4) d.proto = kEtherTypeIpv4;
  if (ppp == kPppIpv6) d.proto = kEtherTypeIpv6;
  off += kPppHeaderLen;
  return Step::kProtoAgain;
}

Step dissect_gre(Dissect& d) {
  if (!d.f.have(d.nhoff, kGreBaseLen)) return Step::kBad;
  const uint8_t* h = d.f.at(d.nhoff);
  uint16_t flags = load_be16(h);
  if (flags & kGreRouting) return Step::kGood;
  uint16_t version = flags & kGreVersionMask;
  if (version > 1) return Step::kGood;
  d.proto = load_be16(h + 2);
  if (version == 1 && !(d.proto == kEtherTypeGrePpp && (flags & kGreKey))) return Step::kGood;
  size_t off = kGreBaseLen;
  if (flags & kGreCsum) off += kGreOptionLen;
  if (flags & kGreKey) {
    if (!d.f.have(d.nhoff + off, kGreOptionLen)) return Step::kBad;
    off += kGreOptionLen;
  }
  if (flags & kGreSeq) off += kGreOptionLen;
  if (version == 0) {
    if (d.proto == kEtherTypeTeb) {
      if (!d.f.have(d.nhoff + off, kEthernetHeaderLen)) return Step::kBad;
      d.proto = load_be16(d.f.at(d.nhoff + off) + 12);
      off += kEthernetHeaderLen;
    }
  } else if (dissect_gre_v1(d, flags, off) == Step::kBad) {
    return Step::kBad;
  }
  d.nhoff += off;
  return Step::kProtoAgain;
}

// IPv6 hop-by-hop, routing and destination options headers.
Step dissect_ipv6_opts(Dissect& d) {
  if (d.proto != kEtherTypeIpv6) return Step::kContinue;
  if (!d.f.have(d.nhoff, 2)) return Step::kBad;
  const uint8_t* h = d.f.at(d.nhoff);
  d.ip_proto = h[0];
  d.nhoff += (size_t(h[1]) + 1) * 8;
  return Step::kIpProtoAgain;
}

Step dissect_ipv6_frag(Dissect& d) {
  if (d.proto != kEtherTypeIpv6) return Step::kContinue;
  if (!d.f.have(d.nhoff, kIpv6FragmentHeaderLen)) return Step::kBad;
  d.fragment = true;
  d.ip_proto = d.f.at(d.nhoff)[0];
  d.nhoff += kIpv6FragmentHeaderLen;
  return Step::kGood;
}

Step dissect_ip_proto(Dissect& d) {
  switch (d.ip_proto) {
    case kIpProtoGre:
      return dissect_gre(d);
    case kIpProtoHopByHop:
    case kIpProtoIpv6Route:
    case kIpProtoIpv6DestOpts:
      return dissect_ipv6_opts(d);
    case kIpProtoIpv6Fragment:
      return dissect_ipv6_frag(d);
    case kIpProtoIpip:
      d.proto = kEtherTypeIpv4;
      return Step::kProtoAgain;
    case kIpProtoIpv6:
      d.proto = kEtherTypeIpv6;
      return Step::kProtoAgain;
    case kIpProtoMpls:
      d.proto = kEtherTypeMplsUc;
      return Step::kProtoAgain;
    case kIpProtoIcmp:
    case kIpProtoIcmpv6:
      get_icmp_tci(d.f, d.nhoff, d.k);
      return Step::kContinue;
    default:
      return Step::kContinue;
  }
}

// The walk: an L3 step per EtherType, then IP protocol steps, each "again" counting against
// kMaxDissectHeaders (past it the walk ends as a success with what it has). The ports word is
// refreshed after every IP protocol step of a packet that is not a fragment.
bool skb_flow_dissect(const L2Frame& f, FlowKeys& k) {
  Dissect d{f, k, f.proto};
  int headers = 0;
  for (;;) {
    Step s = dissect_l3(d);
    if (s == Step::kGood) return true;
    if (s == Step::kBad) return false;
    if (s == Step::kProtoAgain) {
      if (++headers > kMaxDissectHeaders) return true;
      continue;
    }
    for (;;) {
      s = dissect_ip_proto(d);
      if (!d.fragment) k.ports = flow_get_ports(f, d.nhoff, d.ip_proto);
      if (s == Step::kBad) return false;
      if (s != Step::kProtoAgain && s != Step::kIpProtoAgain) return true;
      if (++headers > kMaxDissectHeaders) return true;
      if (s == Step::kProtoAgain) break;
    }
  }
}

// ---- the hash ----

// bond_eth_hash(): 0 when the frame has no complete Ethernet header.
uint32_t bond_eth_hash(const L2Frame& f) {
  if (f.mac == nullptr) return 0;
  return uint32_t(f.mac[5] ^ f.mac[11]) ^ f.proto;
}

// bond_vlan_srcmac_hash(): the source MAC's OUI and device halves and the accelerated TCI.
uint32_t bond_vlan_srcmac_hash(const L2Frame& f) {
  if (f.mac == nullptr) return 0;
  const uint8_t* s = f.mac + 6;
  uint32_t vendor = uint32_t(s[0]) << 16 | uint32_t(s[1]) << 8 | s[2];
  uint32_t dev = uint32_t(s[3]) << 16 | uint32_t(s[4]) << 8 | s[5];
  uint32_t vlan = f.accel ? f.accel_tci : 0;
  return vlan ^ vendor ^ dev;
}

bool uses_l4(FlowHashPolicy p) {
  return p == FlowHashPolicy::kLayer34 || p == FlowHashPolicy::kEncap34;
}

// bond_ip_hash(): add the addresses, fold, and drop the lowest bit for the L4 policies (whose
// ports are often all even).
uint32_t bond_ip_hash(uint32_t hash, const FlowKeys& k, FlowHashPolicy p) {
  hash ^= k.dst ^ k.src;
  hash ^= hash >> 16;
  hash ^= hash >> 8;
  return uses_l4(p) ? hash >> 1 : hash;
}

bool flow_dissect(FlowHashPolicy p, const L2Frame& f, FlowKeys& k) {
  if (p == FlowHashPolicy::kEncap23 || p == FlowHashPolicy::kEncap34) return skb_flow_dissect(f, k);
  return bond_flow_dissect_l34(f, k, p == FlowHashPolicy::kLayer34);
}

}  // namespace

uint32_t bond_xmit_hash(FlowHashPolicy policy, const uint8_t* frame, size_t len,
                        const XmitHashMeta& meta) {
  if (policy == FlowHashPolicy::kEncap34 && meta.l4_hash) return meta.hash;
  L2Frame f = make_l2(frame, len, meta);
  if (policy == FlowHashPolicy::kVlanSrcMac) return bond_vlan_srcmac_hash(f);
  FlowKeys k;
  if (policy == FlowHashPolicy::kLayer2 || !flow_dissect(policy, f, k)) return bond_eth_hash(f);
  uint32_t hash;
  if (!uses_l4(policy))
    hash = bond_eth_hash(f);
  else
    hash = k.icmp_id != 0 ? k.icmp_word() : k.ports;
  return bond_ip_hash(hash, k, policy);
}

}  // namespace uvn
