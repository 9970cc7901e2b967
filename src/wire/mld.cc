#include "wire/mld.h"

#include <algorithm>
#include <cstring>

#include "wire/icmpv6.h"
#include "wire/ip_proto.h"
#include "wire/ipv6.h"

namespace uvn::wire {

namespace {

constexpr uint8_t kIpProtoAuth = 51;

Ipv6Addr v6_of(const IpAddr& a) {
  return a.is_v4() ? Ipv6Addr{} : a.v6();
}

McastParse malformed(McastMessage& out, McastError e) { return mcast_malformed(out, e); }

bool is_ext_header(uint8_t nh) {
  return nh == kIpProtoHopByHop || nh == kIpProtoIpv6Route || nh == kIpProtoIpv6Fragment ||
         nh == kIpProtoAuth || nh == kIpProtoIpv6NoNext || nh == kIpProtoIpv6DestOpts;
}

// Whether the options of a Hop-by-Hop header (p: the header, len: its length) hold a Router
// Alert option with value 0 (MLD, RFC 2711). A broken option list ends the search.
bool has_mld_router_alert(const uint8_t* p, size_t len) {
  size_t i = 2;
  while (i < len) {
    if (p[i] == kIpv6OptPad1) {
      ++i;
      continue;
    }
    if (i + 1 >= len || i + 2 + p[i + 1] > len) return false;
    if (p[i] == kIpv6OptRouterAlert && p[i + 1] == 2) return load_be16(p + i + 2) == 0;
    i += 2 + size_t(p[i + 1]);
  }
  return false;
}

McastParse parse_v2_report(const MldView& v, McastMessage& out) {
  out.kind = McastMessage::Kind::kReport;
  out.version = 2;
  return parse_mcast_records(v.data(), v.len(), kMldv2ReportHeaderLen, v.v2_nrec(), 16, out);
}

McastParse parse_query(const MldView& v, McastMessage& out) {
  out.kind = McastMessage::Kind::kQuery;
  // RFC 2710 and RFC 3810 (5.1.14, 6.2) require a link-local source.
  if (!out.src.v6().is_link_local()) return malformed(out, McastError::kQuerySourceNotLinkLocal);
  if (v.len() == kMldHeaderLen) {
    out.version = 1;
    out.max_resp_ms = v.max_resp();
  } else {
    if (v.len() < kMldv2QueryLen) return malformed(out, McastError::kBadQueryLength);
    out.version = 2;
    out.max_resp_ms = mldv2_mrc_decode(v.max_resp());
    out.suppress = v.v2_suppress();
    out.qrv = v.v2_qrv();
    out.qqi_s = mldv2_qqic_decode(v.v2_qqic());
    out.query_nsrcs = v.v2_nsrcs();
    if ((v.len() - kMldv2QueryLen) / 16 < out.query_nsrcs) {
      out.sources_truncated = true;
    } else {
      out.query_sources.reserve(out.query_nsrcs);
      for (size_t k = 0; k < out.query_nsrcs; ++k)
        out.query_sources.push_back(
            IpAddr{Ipv6Addr::from_bytes(v.data() + kMldv2QueryLen + 16 * k)});
    }
  }
  out.group = IpAddr{v.group()};
  if (v.group().is_zero() && out.dst != IpAddr{mld_all_nodes()})
    return malformed(out, McastError::kGeneralQueryDst);
  return McastParse::kOk;
}

uint16_t mld_checksum(const uint8_t* p, size_t len, const Ipv6Addr& src, const Ipv6Addr& dst) {
  InternetChecksum c;
  add_pseudo_header_v6(c, src, dst, kIpProtoIcmpv6, uint32_t(len));
  c.add(p, len);
  return c.checksum();
}

}  // namespace

Ipv6Addr mld_destination(const McastMessage& m) {
  Ipv6Addr d = v6_of(m.dst);
  if (!d.is_zero()) return d;
  switch (m.kind) {
    case McastMessage::Kind::kQuery:
      return m.is_general_query() ? mld_all_nodes() : v6_of(m.group);
    case McastMessage::Kind::kLeave:
      return mld_all_routers();
    case McastMessage::Kind::kReport:
      return m.version == 2 ? mldv2_all_routers() : v6_of(m.group);
  }
  return d;
}

namespace {

size_t mld_body_len(const McastMessage& m) {
  if (m.kind == McastMessage::Kind::kQuery)
    return m.version == 2 ? kMldv2QueryLen + 16 * m.query_sources.size() : kMldHeaderLen;
  if (m.kind == McastMessage::Kind::kReport && m.version == 2) {
    size_t n = kMldv2ReportHeaderLen;
    for (auto& r : m.records)
      n += kMldv2RecordHeaderLen + 16 * r.sources.size() + 4 * size_t(r.aux_words);
    return n;
  }
  return kMldHeaderLen;
}

uint8_t mld_type_of(const McastMessage& m) {
  switch (m.kind) {
    case McastMessage::Kind::kQuery:
      return kMldQuery;
    case McastMessage::Kind::kLeave:
      return kMldDone;
    case McastMessage::Kind::kReport:
      return m.version == 2 ? kMldv2Report : kMldReport;
  }
  return 0;
}

void emit_mld_body(const McastMessage& m, uint8_t* out, size_t len) {
  std::memset(out, 0, len);
  out[0] = mld_type_of(m);
  if (m.kind == McastMessage::Kind::kReport && m.version == 2) {
    store_be16(out + 6, uint16_t(m.records.size()));
    size_t off = kMldv2ReportHeaderLen;
    for (auto& r : m.records) {
      out[off] = r.type;
      out[off + 1] = r.aux_words;
      store_be16(out + off + 2, uint16_t(r.sources.size()));
      std::memcpy(out + off + 4, v6_of(r.group).b.data(), 16);
      off += kMldv2RecordHeaderLen;
      for (auto& s : r.sources) {
        std::memcpy(out + off, v6_of(s).b.data(), 16);
        off += 16;
      }
      off += size_t(r.aux_words) * 4;  // zeros
    }
    return;
  }
  std::memcpy(out + 8, v6_of(m.group).b.data(), 16);
  if (m.kind != McastMessage::Kind::kQuery) return;
  if (m.version == 1) {
    store_be16(out + 4, uint16_t(std::min<uint32_t>(m.max_resp_ms, 0xffff)));
    return;
  }
  store_be16(out + 4, mldv2_mrc_encode(m.max_resp_ms));
  out[24] = uint8_t((m.suppress ? 0x08 : 0) | (m.qrv & 7));
  out[25] = mldv2_qqic_encode(m.qqi_s);
  store_be16(out + 26, uint16_t(m.query_sources.size()));
  for (size_t k = 0; k < m.query_sources.size(); ++k)
    std::memcpy(out + kMldv2QueryLen + 16 * k, v6_of(m.query_sources[k]).b.data(), 16);
}

McastMessage message(McastMessage::Kind kind, uint8_t version, const Ipv6Addr& src,
                     const Ipv6Addr& group) {
  McastMessage m;
  m.ipv6 = true;
  m.kind = kind;
  m.version = version;
  m.src = IpAddr{src};
  m.dst = IpAddr{Ipv6Addr{}};
  m.group = IpAddr{group};
  return m;
}

}  // namespace

bool MldView::verify_checksum(const Ipv6Addr& src, const Ipv6Addr& dst) const {
  return mld_checksum(p_, len_, src, dst) == 0;
}

McastParse parse_mld_packet(const uint8_t* p, size_t len, McastMessage& out, ChecksumCheck check) {
  out = McastMessage{};
  out.ipv6 = true;
  out.router_alert = false;
  out.ttl = 0;
  out.src = out.dst = out.group = IpAddr{Ipv6Addr{}};
  if (p == nullptr || len < kIpv6HeaderLen || (p[0] >> 4) != 6)
    return malformed(out, McastError::kBadIpHeader);
  auto ipv = Ipv6View::parse(p, len);
  if (!ipv || ipv->payload_len() == 0) return malformed(out, McastError::kBadIpHeader);
  out.src = IpAddr{ipv->src()};
  out.dst = IpAddr{ipv->dst()};
  out.ttl = ipv->hop_limit();
  uint8_t nh = ipv->next_header();
  out.ip_proto = nh;
  if (nh != kIpProtoHopByHop) return McastParse::kNotMcastControl;
  // Walk the extension headers as ipv6_skip_exthdr does.
  size_t off = kIpv6HeaderLen, end = kIpv6HeaderLen + ipv->payload_len();
  bool first = true;
  while (is_ext_header(nh)) {
    if (nh == kIpProtoIpv6NoNext || off + 2 > end) return malformed(out, McastError::kBadExtHeader);
    size_t hl;
    if (nh == kIpProtoIpv6Fragment) {
      if (off + 4 > end) return malformed(out, McastError::kBadExtHeader);
      if (load_be16(p + off + 2) & ~7u) break;  // not the first fragment: no upper header here
      hl = 8;
    } else if (nh == kIpProtoAuth) {
      hl = (size_t(p[off + 1]) + 2) * 4;
    } else {
      hl = (size_t(p[off + 1]) + 1) * 8;
    }
    if (first) out.router_alert = has_mld_router_alert(p + off, std::min(hl, end - off));
    first = false;
    nh = p[off];
    off += hl;  // may pass the end: only an ICMPv6 header there would be read
  }
  out.ip_proto = nh;
  if (nh != kIpProtoIcmpv6) return McastParse::kNotMcastControl;
  if (off > end) return malformed(out, McastError::kBadExtHeader);
  auto v = MldView::parse(p + off, end - off);
  if (!v) return malformed(out, McastError::kTruncated);
  if (check == ChecksumCheck::kVerify && !v->verify_checksum(ipv->src(), ipv->dst()))
    return malformed(out, McastError::kBadChecksum);
  out.type = v->type();
  if (!v->has_mld_header()) return McastParse::kIgnored;
  switch (v->type()) {
    case kMldReport:
    case kMldDone:
      out.kind = v->type() == kMldDone ? McastMessage::Kind::kLeave : McastMessage::Kind::kReport;
      out.version = 1;
      out.group = IpAddr{v->group()};
      return McastParse::kOk;
    case kMldv2Report:
      return parse_v2_report(*v, out);
    case kMldQuery:
      return parse_query(*v, out);
    default:
      return McastParse::kIgnored;
  }
}

size_t mld_packet_len(const McastMessage& m) {
  return kIpv6HeaderLen + kMldHopByHopLen + mld_body_len(m);
}

void emit_mld_packet(const McastMessage& m, uint8_t* out) {
  size_t body = mld_body_len(m);
  Ipv6Repr ip;
  ip.src = v6_of(m.src);
  ip.dst = mld_destination(m);
  ip.next_header = kIpProtoHopByHop;
  ip.hop_limit = m.ttl;
  ip.payload_len = uint16_t(kMldHopByHopLen + body);
  ip.emit(out);
  uint8_t* h = out + kIpv6HeaderLen;
  std::memset(h, 0, kMldHopByHopLen);
  h[0] = kIpProtoIcmpv6;
  if (m.router_alert) {
    h[2] = kIpv6OptRouterAlert;  // value 0: MLD
    h[3] = 2;
    h[6] = kIpv6OptPadN;
  } else {
    h[2] = kIpv6OptPadN;
    h[3] = 4;
  }
  uint8_t* b = h + kMldHopByHopLen;
  emit_mld_body(m, b, body);
  store_be16(b + 2, mld_checksum(b, body, ip.src, ip.dst));
}

std::vector<uint8_t> build_mld_v1_report(const Ipv6Addr& src, const Ipv6Addr& group) {
  return build_mcast_packet(message(McastMessage::Kind::kReport, 1, src, group));
}

std::vector<uint8_t> build_mld_done(const Ipv6Addr& src, const Ipv6Addr& group) {
  return build_mcast_packet(message(McastMessage::Kind::kLeave, 1, src, group));
}

std::vector<uint8_t> build_mld_v1_query(const Ipv6Addr& src, const Ipv6Addr& group,
                                        uint32_t max_resp_ms) {
  McastMessage m = message(McastMessage::Kind::kQuery, 1, src, group);
  m.max_resp_ms = max_resp_ms;
  return build_mcast_packet(m);
}

std::vector<uint8_t> build_mld_v2_query(const Ipv6Addr& src, const Ipv6Addr& group,
                                        uint32_t max_resp_ms, bool suppress, uint8_t qrv,
                                        uint32_t qqi_s, const std::vector<Ipv6Addr>& sources) {
  McastMessage m = message(McastMessage::Kind::kQuery, 2, src, group);
  m.max_resp_ms = max_resp_ms;
  m.suppress = suppress;
  m.qrv = qrv;
  m.qqi_s = qqi_s;
  for (auto& s : sources) m.query_sources.push_back(IpAddr{s});
  m.query_nsrcs = uint16_t(sources.size());
  return build_mcast_packet(m);
}

std::vector<uint8_t> build_mld_v2_report(const Ipv6Addr& src,
                                         const std::vector<McastRecord>& records) {
  McastMessage m = message(McastMessage::Kind::kReport, 2, src, Ipv6Addr{});
  m.records = records;
  return build_mcast_packet(m);
}

}  // namespace uvn::wire
