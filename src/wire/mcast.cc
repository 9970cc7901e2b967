#include "wire/mcast.h"

#include <algorithm>

#include "base/be.h"
#include "wire/ethernet.h"
#include "wire/igmp.h"
#include "wire/mld.h"

namespace uvn::wire {

const char* mcast_error_name(McastError e) {
  switch (e) {
    case McastError::kNone:
      return "none";
    case McastError::kBadIpHeader:
      return "bad IP header";
    case McastError::kBadIpChecksum:
      return "bad IPv4 header checksum";
    case McastError::kBadExtHeader:
      return "bad IPv6 extension header";
    case McastError::kTruncated:
      return "truncated message";
    case McastError::kBadChecksum:
      return "bad checksum";
    case McastError::kBadQueryLength:
      return "bad query length";
    case McastError::kGeneralQueryDst:
      return "general query not to all-hosts/all-nodes";
    case McastError::kQuerySourceNotLinkLocal:
      return "query source not link-local";
    case McastError::kRecordTruncated:
      return "group record beyond the payload";
    case McastError::kSourcesTruncated:
      return "record sources beyond the payload";
    case McastError::kAuxTruncated:
      return "record auxiliary data beyond the payload";
  }
  return "?";
}

bool McastMessage::is_general_query() const {
  if (kind != Kind::kQuery) return false;
  return group.is_v4() ? group.v4().is_zero() : group.v6().is_zero();
}

McastParse parse_mcast_packet(uint16_t ethertype, const uint8_t* p, size_t len, McastMessage& out,
                              ChecksumCheck check) {
  if (ethertype == kEtherTypeIpv4) return parse_igmp_packet(p, len, out, check);
  if (ethertype == kEtherTypeIpv6) return parse_mld_packet(p, len, out, check);
  out = McastMessage{};
  return McastParse::kNotMcastControl;
}

size_t mcast_packet_len(const McastMessage& m) {
  return m.ipv6 ? mld_packet_len(m) : igmp_packet_len(m);
}

void emit_mcast_packet(const McastMessage& m, uint8_t* out) {
  if (m.ipv6)
    emit_mld_packet(m, out);
  else
    emit_igmp_packet(m, out);
}

IpAddr mcast_destination(const McastMessage& m) {
  return m.ipv6 ? IpAddr{mld_destination(m)} : IpAddr{igmp_destination(m)};
}

std::vector<uint8_t> build_mcast_packet(const McastMessage& m) {
  std::vector<uint8_t> out(mcast_packet_len(m));
  emit_mcast_packet(m, out.data());
  return out;
}

uint32_t igmpv3_code_decode(uint8_t code) {
  if (code < 128) return code;
  uint32_t exp = (code >> 4) & 7, mant = code & 0x0f;
  return (mant | 0x10) << (exp + 3);
}

uint8_t igmpv3_code_encode(uint32_t value) {
  if (value < 128) return uint8_t(value);
  for (uint32_t exp = 0; exp < 8; ++exp) {
    uint32_t m = value >> (exp + 3);
    if (m >= 0x10 && m <= 0x1f) return uint8_t(0x80 | exp << 4 | (m & 0x0f));
  }
  return 0xff;
}

uint32_t mldv2_mrc_decode(uint16_t code) {
  if (code < 32768) return code;
  uint32_t exp = (code >> 12) & 7, mant = code & 0x0fff;
  return (mant | 0x1000) << (exp + 3);
}

uint16_t mldv2_mrc_encode(uint32_t ms) {
  if (ms < 32768) return uint16_t(ms);
  for (uint32_t exp = 0; exp < 8; ++exp) {
    uint32_t m = ms >> (exp + 3);
    if (m >= 0x1000 && m <= 0x1fff) return uint16_t(0x8000 | exp << 12 | (m & 0x0fff));
  }
  return 0xffff;
}

MacAddr multicast_mac(const Ipv4Addr& g) {
  return MacAddr{{0x01, 0x00, 0x5e, uint8_t((g.v >> 16) & 0x7f), uint8_t(g.v >> 8), uint8_t(g.v)}};
}

MacAddr multicast_mac(const Ipv6Addr& g) {
  return MacAddr{{0x33, 0x33, g.b[12], g.b[13], g.b[14], g.b[15]}};
}

MacAddr multicast_mac(const IpAddr& g) {
  return g.is_v4() ? multicast_mac(g.v4()) : multicast_mac(g.v6());
}

Ipv6Addr mld_all_nodes() {
  Ipv6Addr a;
  a.b[0] = 0xff;
  a.b[1] = 0x02;
  a.b[15] = 1;
  return a;
}

Ipv6Addr mld_all_routers() {
  Ipv6Addr a = mld_all_nodes();
  a.b[15] = 2;
  return a;
}

Ipv6Addr mldv2_all_routers() {
  Ipv6Addr a = mld_all_nodes();
  a.b[15] = 0x16;
  return a;
}

McastParse mcast_malformed(McastMessage& out, McastError e) {
  out.error = e;
  return McastParse::kMalformed;
}

McastParse parse_mcast_records(const uint8_t* p, size_t len, size_t off, uint16_t n,
                               size_t addr_len, McastMessage& out) {
  auto addr = [&](const uint8_t* a) {
    return addr_len == 4 ? IpAddr{Ipv4Addr::from_bytes(a)} : IpAddr{Ipv6Addr::from_bytes(a)};
  };
  const size_t rec_len = 4 + addr_len;
  out.records.reserve(std::min<size_t>(n, len / rec_len));
  for (uint16_t i = 0; i < n; ++i) {
    if (len - off < rec_len) return mcast_malformed(out, McastError::kRecordTruncated);
    McastRecord r;
    r.type = p[off];
    r.aux_words = p[off + 1];
    size_t nsrcs = load_be16(p + off + 2);
    r.group = addr(p + off + 4);
    off += rec_len;
    if ((len - off) / addr_len < nsrcs) return mcast_malformed(out, McastError::kSourcesTruncated);
    r.sources.reserve(nsrcs);
    for (size_t k = 0; k < nsrcs; ++k, off += addr_len) r.sources.push_back(addr(p + off));
    if ((len - off) / 4 < r.aux_words) return mcast_malformed(out, McastError::kAuxTruncated);
    off += size_t(r.aux_words) * 4;
    out.records.push_back(std::move(r));
  }
  return McastParse::kOk;
}

}  // namespace uvn::wire
