#include "wire/icmpv6.h"

#include <algorithm>
#include <cstring>

#include "base/be.h"
#include "wire/ip_proto.h"

namespace uvn::wire {

namespace {

constexpr size_t kLinkAddrOptLen = 8;  // type, length 1, 6-byte MAC

bool same_bytes(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

// The link-layer address options of an ND message.
struct LinkAddrs {
  std::optional<MacAddr> source;
  std::optional<MacAddr> target;
  bool has_source_option = false;  // of any length
};

std::optional<LinkAddrs> read_link_addrs(const uint8_t* p, size_t len) {
  LinkAddrs a;
  NdpOptionReader r(p, len);
  while (auto o = r.next()) {
    if (o->type == kNdpOptSourceLinkAddr) a.has_source_option = true;
    if (o->len != kLinkAddrOptLen) continue;
    MacAddr mac = MacAddr::from_bytes(o->data + 2);
    if (o->type == kNdpOptSourceLinkAddr && !a.source) a.source = mac;
    if (o->type == kNdpOptTargetLinkAddr && !a.target) a.target = mac;
  }
  if (r.malformed()) return std::nullopt;
  return a;
}

// ff02::1:ff00:0/104 (RFC 4291 2.7.1).
bool is_solicited_node(const Ipv6Addr& a) {
  static constexpr uint8_t kPrefix[13] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff};
  return std::memcmp(a.b.data(), kPrefix, sizeof(kPrefix)) == 0;
}

// The checks every ND message shares (RFC 4861 6.1.1, 7.1.1, 7.1.2).
bool nd_basics_ok(const Icmpv6View& v, const Ipv6Repr& ip) {
  return ip.hop_limit == kNdpHopLimit && v.code() == 0;
}

std::optional<Icmpv6Repr> parse_rs(const Icmpv6View& v, const Ipv6Repr& ip) {
  if (!nd_basics_ok(v, ip)) return std::nullopt;
  auto opts = read_link_addrs(v.body(), v.body_len());
  if (!opts || (ip.src.is_zero() && opts->has_source_option)) return std::nullopt;
  return Icmpv6Repr{NdpRouterSolicit{opts->source}};
}

std::optional<Icmpv6Repr> parse_ns(const Icmpv6View& v, const Ipv6Repr& ip) {
  if (!nd_basics_ok(v, ip) || v.target().is_multicast()) return std::nullopt;
  auto opts = read_link_addrs(v.data() + kNdpNsNaLen, v.len() - kNdpNsNaLen);
  if (!opts) return std::nullopt;
  if (ip.src.is_zero() && (opts->has_source_option || !is_solicited_node(ip.dst)))
    return std::nullopt;
  return Icmpv6Repr{NdpNeighborSolicit{v.target(), opts->source}};
}

std::optional<Icmpv6Repr> parse_na(const Icmpv6View& v, const Ipv6Repr& ip) {
  if (!nd_basics_ok(v, ip) || v.target().is_multicast()) return std::nullopt;
  if (ip.dst.is_multicast() && v.solicited_flag()) return std::nullopt;
  auto opts = read_link_addrs(v.data() + kNdpNsNaLen, v.len() - kNdpNsNaLen);
  if (!opts) return std::nullopt;
  return Icmpv6Repr{NdpNeighborAdvert{v.router_flag(), v.solicited_flag(), v.override_flag(),
                                      v.target(), opts->target}};
}

// Writes a link-layer address option at `p` when `mac` is set; returns the bytes written.
size_t emit_link_addr(uint8_t* p, uint8_t type, const std::optional<MacAddr>& mac) {
  if (!mac) return 0;
  p[0] = type;
  p[1] = 1;
  std::memcpy(p + 2, mac->b.data(), 6);
  return kLinkAddrOptLen;
}

void emit_head(uint8_t* out, uint8_t type, uint8_t code, uint32_t rest) {
  out[0] = type;
  out[1] = code;
  store_be16(out + 2, 0);
  store_be32(out + 4, rest);
}

struct Emitter {
  uint8_t* out;

  void operator()(const Icmpv6Echo& m) const {
    if (!m.data.empty()) std::memmove(out + kIcmpv6HeaderLen, m.data.data(), m.data.size());
    emit_head(out, m.request ? kIcmpv6EchoRequest : kIcmpv6EchoReply, 0,
              uint32_t(m.ident) << 16 | m.seq);
  }
  void operator()(const NdpRouterSolicit& m) const {
    emit_head(out, kNdpRouterSolicit, 0, 0);
    emit_link_addr(out + kIcmpv6HeaderLen, kNdpOptSourceLinkAddr, m.source_lladdr);
  }
  void operator()(const NdpNeighborSolicit& m) const {
    emit_head(out, kNdpNeighborSolicit, 0, 0);
    std::memcpy(out + 8, m.target.b.data(), 16);
    emit_link_addr(out + kNdpNsNaLen, kNdpOptSourceLinkAddr, m.source_lladdr);
  }
  void operator()(const NdpNeighborAdvert& m) const {
    uint32_t flags = (m.router ? 0x80000000u : 0) | (m.solicited ? 0x40000000u : 0) |
                     (m.override_flag ? 0x20000000u : 0);
    emit_head(out, kNdpNeighborAdvert, 0, flags);
    std::memcpy(out + 8, m.target.b.data(), 16);
    emit_link_addr(out + kNdpNsNaLen, kNdpOptTargetLinkAddr, m.target_lladdr);
  }
  void operator()(const Icmpv6Other& m) const {
    if (!m.body.empty()) std::memmove(out + kIcmpv6HeaderLen, m.body.data(), m.body.size());
    emit_head(out, m.type, m.code, m.rest);
  }
};

struct Sizer {
  size_t operator()(const Icmpv6Echo& m) const { return kIcmpv6HeaderLen + m.data.size(); }
  size_t operator()(const NdpRouterSolicit& m) const {
    return kIcmpv6HeaderLen + (m.source_lladdr ? kLinkAddrOptLen : 0);
  }
  size_t operator()(const NdpNeighborSolicit& m) const {
    return kNdpNsNaLen + (m.source_lladdr ? kLinkAddrOptLen : 0);
  }
  size_t operator()(const NdpNeighborAdvert& m) const {
    return kNdpNsNaLen + (m.target_lladdr ? kLinkAddrOptLen : 0);
  }
  size_t operator()(const Icmpv6Other& m) const { return kIcmpv6HeaderLen + m.body.size(); }
};

struct Typer {
  uint8_t operator()(const Icmpv6Echo& m) const {
    return m.request ? kIcmpv6EchoRequest : kIcmpv6EchoReply;
  }
  uint8_t operator()(const NdpRouterSolicit&) const { return kNdpRouterSolicit; }
  uint8_t operator()(const NdpNeighborSolicit&) const { return kNdpNeighborSolicit; }
  uint8_t operator()(const NdpNeighborAdvert&) const { return kNdpNeighborAdvert; }
  uint8_t operator()(const Icmpv6Other& m) const { return m.type; }
};

uint16_t icmpv6_checksum(const uint8_t* p, size_t len, const Ipv6Addr& src, const Ipv6Addr& dst) {
  InternetChecksum c;
  add_pseudo_header_v6(c, src, dst, kIpProtoIcmpv6, uint32_t(len));
  c.add(p, len);
  return c.checksum();
}

}  // namespace

std::optional<Icmpv6View> Icmpv6View::parse(const uint8_t* p, size_t len) {
  if (p == nullptr || len < kIcmpv6HeaderLen) return std::nullopt;
  if ((p[0] == kNdpNeighborSolicit || p[0] == kNdpNeighborAdvert) && len < kNdpNsNaLen)
    return std::nullopt;
  return Icmpv6View(p, len);
}

uint16_t Icmpv6View::checksum() const {
  return load_be16(p_ + 2);
}
uint32_t Icmpv6View::rest_of_header() const {
  return load_be32(p_ + 4);
}
uint16_t Icmpv6View::ident() const {
  return load_be16(p_ + 4);
}
uint16_t Icmpv6View::seq() const {
  return load_be16(p_ + 6);
}

bool Icmpv6View::verify_checksum(const Ipv6Addr& src, const Ipv6Addr& dst) const {
  return icmpv6_checksum(p_, len_, src, dst) == 0;
}

std::optional<NdpOption> NdpOptionReader::next() {
  if (len_ == 0 || malformed_) return std::nullopt;
  if (len_ < 2 || p_[1] == 0 || size_t(p_[1]) * 8 > len_) {
    malformed_ = true;
    return std::nullopt;
  }
  NdpOption o{p_[0], p_, size_t(p_[1]) * 8};
  p_ += o.len;
  len_ -= o.len;
  return o;
}

bool operator==(const Icmpv6Echo& a, const Icmpv6Echo& b) {
  return a.request == b.request && a.ident == b.ident && a.seq == b.seq &&
         same_bytes(a.data, b.data);
}

bool operator==(const Icmpv6Other& a, const Icmpv6Other& b) {
  return a.type == b.type && a.code == b.code && a.rest == b.rest && same_bytes(a.body, b.body);
}

std::optional<Icmpv6Repr> Icmpv6Repr::parse(const Icmpv6View& v, const Ipv6Repr& ip,
                                            ChecksumCheck check) {
  if (check == ChecksumCheck::kVerify && !v.verify_checksum(ip.src, ip.dst)) return std::nullopt;
  switch (v.type()) {
    case kIcmpv6EchoRequest:
    case kIcmpv6EchoReply:
      return Icmpv6Repr{
          Icmpv6Echo{v.type() == kIcmpv6EchoRequest, v.ident(), v.seq(), {v.body(), v.body_len()}}};
    case kNdpRouterSolicit:
      return parse_rs(v, ip);
    case kNdpNeighborSolicit:
      return parse_ns(v, ip);
    case kNdpNeighborAdvert:
      return parse_na(v, ip);
    default:
      return Icmpv6Repr{
          Icmpv6Other{v.type(), v.code(), v.rest_of_header(), {v.body(), v.body_len()}}};
  }
}

uint8_t Icmpv6Repr::type() const {
  return std::visit(Typer{}, msg);
}

size_t Icmpv6Repr::header_len() const {
  return std::holds_alternative<NdpNeighborSolicit>(msg) ||
                 std::holds_alternative<NdpNeighborAdvert>(msg)
             ? kNdpNsNaLen
             : kIcmpv6HeaderLen;
}

size_t Icmpv6Repr::buffer_len() const {
  return std::visit(Sizer{}, msg);
}

void Icmpv6Repr::emit(uint8_t* out, const Ipv6Addr& src, const Ipv6Addr& dst) const {
  std::visit(Emitter{out}, msg);
  size_t n = buffer_len();
  store_be16(out + 2, icmpv6_checksum(out, n, src, dst));
}

}  // namespace uvn::wire
