#include "wire/igmp.h"

#include <algorithm>
#include <cstring>

#include "wire/ip_proto.h"
#include "wire/ipv4.h"

namespace uvn::wire {

namespace {

constexpr uint8_t kIgmpTos = 0xc0;  // Linux: IP precedence "internetwork control"
constexpr size_t kRouterAlertLen = 4;

Ipv4Addr v4_of(const IpAddr& a) {
  return a.is_v4() ? a.v4() : Ipv4Addr{};
}

McastParse malformed(McastMessage& out, McastError e) { return mcast_malformed(out, e); }

// Whether the IPv4 options hold a Router Alert option (RFC 2113: type 148, length 4). A broken
// option list ends the search.
bool has_router_alert(const uint8_t* o, size_t len) {
  size_t i = 0;
  while (i < len) {
    if (o[i] == 0) return false;  // end of options
    if (o[i] == 1) {              // no operation
      ++i;
      continue;
    }
    if (i + 1 >= len || o[i + 1] < 2 || i + o[i + 1] > len) return false;
    if (o[i] == kIpOptRouterAlert && o[i + 1] == kRouterAlertLen) return true;
    i += o[i + 1];
  }
  return false;
}

McastParse parse_v3_report(const IgmpView& v, McastMessage& out) {
  out.kind = McastMessage::Kind::kReport;
  out.version = 3;
  out.group = IpAddr{Ipv4Addr{}};
  return parse_mcast_records(v.data(), v.len(), kIgmpHeaderLen, v.v3_ngrec(), 4, out);
}

McastParse parse_query(const IgmpView& v, McastMessage& out) {
  out.kind = McastMessage::Kind::kQuery;
  Ipv4Addr group = v.group();
  if (v.len() == kIgmpHeaderLen) {
    if (v.code() == 0) {
      // RFC 2236 4: a v1 query; general whatever its group field says (as Linux).
      out.version = 1;
      out.max_resp_ms = 10000;
    } else {
      out.version = 2;
      out.max_resp_ms = uint32_t(v.code()) * 100;
    }
  } else {
    if (v.len() < kIgmpv3QueryLen) return malformed(out, McastError::kBadQueryLength);
    out.version = 3;
    out.max_resp_ms = igmpv3_code_decode(v.code()) * 100;
    out.suppress = v.v3_suppress();
    out.qrv = v.v3_qrv();
    out.qqi_s = igmpv3_code_decode(v.v3_qqic());
    out.query_nsrcs = v.v3_nsrcs();
    if ((v.len() - kIgmpv3QueryLen) / 4 < out.query_nsrcs) {
      out.sources_truncated = true;
    } else {
      out.query_sources.reserve(out.query_nsrcs);
      for (size_t k = 0; k < out.query_nsrcs; ++k)
        out.query_sources.push_back(
            IpAddr{Ipv4Addr::from_bytes(v.data() + kIgmpv3QueryLen + 4 * k)});
    }
  }
  // RFC 2236 and RFC 3376 send general queries to all-systems; Linux rejects others.
  if (group.is_zero() && out.dst != IpAddr{kIgmpAllHosts})
    return malformed(out, McastError::kGeneralQueryDst);
  out.group = IpAddr{out.version == 1 ? Ipv4Addr{} : group};
  return McastParse::kOk;
}

}  // namespace

Ipv4Addr igmp_destination(const McastMessage& m) {
  Ipv4Addr d = v4_of(m.dst);
  if (!d.is_zero()) return d;
  switch (m.kind) {
    case McastMessage::Kind::kQuery:
      return m.is_general_query() ? kIgmpAllHosts : v4_of(m.group);
    case McastMessage::Kind::kLeave:
      return kIgmpAllRouters;
    case McastMessage::Kind::kReport:
      return m.version == 3 ? kIgmpv3AllRouters : v4_of(m.group);
  }
  return d;
}

namespace {

size_t igmp_body_len(const McastMessage& m) {
  if (m.kind == McastMessage::Kind::kQuery)
    return m.version == 3 ? kIgmpv3QueryLen + 4 * m.query_sources.size() : kIgmpHeaderLen;
  if (m.kind == McastMessage::Kind::kReport && m.version == 3) {
    size_t n = kIgmpHeaderLen;
    for (auto& r : m.records) n += kIgmpv3RecordHeaderLen + 4 * (r.sources.size() + r.aux_words);
    return n;
  }
  return kIgmpHeaderLen;
}

uint8_t igmp_type_of(const McastMessage& m) {
  switch (m.kind) {
    case McastMessage::Kind::kQuery:
      return kIgmpQuery;
    case McastMessage::Kind::kLeave:
      return kIgmpLeave;
    case McastMessage::Kind::kReport:
      return m.version == 1 ? kIgmpV1Report : m.version == 2 ? kIgmpV2Report : kIgmpV3Report;
  }
  return 0;
}

void emit_igmp_body(const McastMessage& m, uint8_t* out, size_t len) {
  std::memset(out, 0, len);
  out[0] = igmp_type_of(m);
  if (m.kind == McastMessage::Kind::kReport && m.version == 3) {
    store_be16(out + 6, uint16_t(m.records.size()));
    size_t off = kIgmpHeaderLen;
    for (auto& r : m.records) {
      out[off] = r.type;
      out[off + 1] = r.aux_words;
      store_be16(out + off + 2, uint16_t(r.sources.size()));
      v4_of(r.group).to_bytes(out + off + 4);
      off += kIgmpv3RecordHeaderLen;
      for (auto& s : r.sources) {
        v4_of(s).to_bytes(out + off);
        off += 4;
      }
      off += size_t(r.aux_words) * 4;  // zeros
    }
  } else {
    v4_of(m.group).to_bytes(out + 4);
    if (m.kind == McastMessage::Kind::kQuery) {
      if (m.version == 2) out[1] = uint8_t(std::min<uint32_t>(m.max_resp_ms / 100, 255));
      if (m.version == 3) {
        out[1] = igmpv3_code_encode(m.max_resp_ms / 100);
        out[8] = uint8_t((m.suppress ? 0x08 : 0) | (m.qrv & 7));
        out[9] = igmpv3_code_encode(m.qqi_s);
        store_be16(out + 10, uint16_t(m.query_sources.size()));
        for (size_t k = 0; k < m.query_sources.size(); ++k)
          v4_of(m.query_sources[k]).to_bytes(out + kIgmpv3QueryLen + 4 * k);
      }
    }
  }
  store_be16(out + 2, internet_checksum(out, len));
}

McastMessage message(McastMessage::Kind kind, uint8_t version, const Ipv4Addr& src,
                     const Ipv4Addr& group) {
  McastMessage m;
  m.kind = kind;
  m.version = version;
  m.src = IpAddr{src};
  m.dst = IpAddr{Ipv4Addr{}};
  m.group = IpAddr{group};
  return m;
}

}  // namespace

McastParse parse_igmp_packet(const uint8_t* p, size_t len, McastMessage& out, ChecksumCheck check) {
  out = McastMessage{};
  out.router_alert = false;
  out.ttl = 0;
  if (p == nullptr || len < kIpv4MinHeaderLen) return malformed(out, McastError::kBadIpHeader);
  size_t hl = size_t(p[0] & 0x0f) * 4;
  if ((p[0] >> 4) != 4 || hl < kIpv4MinHeaderLen || hl > len)
    return malformed(out, McastError::kBadIpHeader);
  if (check == ChecksumCheck::kVerify && internet_checksum(p, hl) != 0)
    return malformed(out, McastError::kBadIpChecksum);
  auto ipv = Ipv4View::parse(p, len);  // total length within the buffer, not below the header
  if (!ipv) return malformed(out, McastError::kBadIpHeader);
  out.src = IpAddr{ipv->src()};
  out.dst = IpAddr{ipv->dst()};
  out.group = IpAddr{Ipv4Addr{}};
  out.ttl = ipv->ttl();
  out.ip_proto = ipv->protocol();
  out.router_alert = has_router_alert(ipv->options(), ipv->options_len());
  if (ipv->protocol() != kIpProtoIgmp) {
    out.pim_hello =
        ipv->protocol() == kIpProtoPim && ipv->payload_len() >= 4 && ipv->payload()[0] == 0x20;
    return McastParse::kNotMcastControl;
  }
  auto v = IgmpView::parse(ipv->payload(), ipv->payload_len());
  if (!v) return malformed(out, McastError::kTruncated);
  if (check == ChecksumCheck::kVerify && !v->verify_checksum())
    return malformed(out, McastError::kBadChecksum);
  out.type = v->type();
  switch (v->type()) {
    case kIgmpV1Report:
    case kIgmpV2Report:
    case kIgmpLeave:
      out.kind = v->type() == kIgmpLeave ? McastMessage::Kind::kLeave : McastMessage::Kind::kReport;
      out.version = v->type() == kIgmpV1Report ? 1 : 2;
      out.group = IpAddr{v->group()};
      return McastParse::kOk;
    case kIgmpV3Report:
      return parse_v3_report(*v, out);
    case kIgmpQuery:
      return parse_query(*v, out);
    default:
      return McastParse::kIgnored;
  }
}

size_t igmp_packet_len(const McastMessage& m) {
  return kIpv4MinHeaderLen + (m.router_alert ? kRouterAlertLen : 0) + igmp_body_len(m);
}

void emit_igmp_packet(const McastMessage& m, uint8_t* out) {
  Ipv4Repr ip;
  ip.src = v4_of(m.src);
  ip.dst = igmp_destination(m);
  ip.protocol = kIpProtoIgmp;
  ip.ttl = m.ttl;
  ip.tos = kIgmpTos;
  ip.ident = 0;
  ip.dont_frag = true;
  size_t body = igmp_body_len(m);
  ip.payload_len = uint16_t(body);
  if (m.router_alert) {
    ip.options_len = kRouterAlertLen;
    ip.options[0] = kIpOptRouterAlert;
    ip.options[1] = kRouterAlertLen;
  }
  ip.emit(out);
  emit_igmp_body(m, out + ip.header_len(), body);
}

std::vector<uint8_t> build_igmp_v1_report(const Ipv4Addr& src, const Ipv4Addr& group) {
  return build_mcast_packet(message(McastMessage::Kind::kReport, 1, src, group));
}

std::vector<uint8_t> build_igmp_v2_report(const Ipv4Addr& src, const Ipv4Addr& group) {
  return build_mcast_packet(message(McastMessage::Kind::kReport, 2, src, group));
}

std::vector<uint8_t> build_igmp_leave(const Ipv4Addr& src, const Ipv4Addr& group) {
  return build_mcast_packet(message(McastMessage::Kind::kLeave, 2, src, group));
}

std::vector<uint8_t> build_igmp_v2_query(const Ipv4Addr& src, const Ipv4Addr& group,
                                         uint32_t max_resp_ms) {
  McastMessage m = message(McastMessage::Kind::kQuery, max_resp_ms ? 2 : 1, src,
                           max_resp_ms ? group : Ipv4Addr{});
  m.max_resp_ms = max_resp_ms;
  return build_mcast_packet(m);
}

std::vector<uint8_t> build_igmp_v3_query(const Ipv4Addr& src, const Ipv4Addr& group,
                                         uint32_t max_resp_ms, bool suppress, uint8_t qrv,
                                         uint32_t qqi_s, const std::vector<Ipv4Addr>& sources) {
  McastMessage m = message(McastMessage::Kind::kQuery, 3, src, group);
  m.max_resp_ms = max_resp_ms;
  m.suppress = suppress;
  m.qrv = qrv;
  m.qqi_s = qqi_s;
  for (auto& s : sources) m.query_sources.push_back(IpAddr{s});
  m.query_nsrcs = uint16_t(sources.size());
  return build_mcast_packet(m);
}

std::vector<uint8_t> build_igmp_v3_report(const Ipv4Addr& src,
                                          const std::vector<McastRecord>& records) {
  McastMessage m = message(McastMessage::Kind::kReport, 3, src, Ipv4Addr{});
  m.records = records;
  return build_mcast_packet(m);
}

}  // namespace uvn::wire
