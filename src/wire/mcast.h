// Multicast group management as snooping sees it: one message type for IGMPv1/v2/v3 (RFC 1112
// appendix I, RFC 2236 2, RFC 3376 4) and MLDv1/v2 (RFC 2710 3, RFC 3810 5), parsed from a whole
// IP packet and emitted as one. wire/igmp.h and wire/mld.h hold the per-protocol views, parsers
// and builders; this file holds what they share:
//
// * McastMessage: a query, a report or a leave/done, with the IP fields snooping and hosts need
//   (source, destination, TTL/hop limit, Router Alert present). It is also the repr: emit it
//   (mcast_packet_len/emit_mcast_packet, or the build_* helpers of igmp.h/mld.h) to get the whole
//   IP packet back, checksums included.
// * McastParse: what a packet is to a snooping bridge. The classes follow Linux's
//   ip_mc_check_igmp and ipv6_mc_check_mld (net/ipv4/igmp.c, net/ipv6/mcast_snoop.c):
//     kNotMcastControl  a valid IP packet that is not IGMP (IPv6: not ICMPv6 behind a
//                       Hop-by-Hop header): plain multicast (or unicast) data. Linux -ENOMSG.
//     kIgnored          IGMP of a type snooping does not handle (PIMv1, DVMRP, mtrace, MRD, ...)
//                       with a good checksum (Linux -ENOMSG too: the bridge treats it as data), or
//                       ICMPv6 behind a Hop-by-Hop header that is not MLD, or shorter than the
//                       24-byte MLD header (Linux -ENODATA). `type` says which.
//     kMalformed        counted as a parse error by the bridge (Linux -EINVAL); `error` says why.
//                       Linux applies this to every IPv4/IPv6 multicast frame a snooping bridge
//                       sees: a bad IPv4 header checksum or a truncated header is an error (and a
//                       drop) even for data. The record errors (kRecordTruncated,
//                       kSourcesTruncated, kAuxTruncated) are found where Linux's bridge finds
//                       them only while applying the report: it counts the report, drops the
//                       frame, and counts no parse error.
//     kOk               a query, report or leave to act on.
//   What Linux does not check, this does not either: neither the TTL/hop limit nor the Router
//   Alert option makes a packet malformed for snooping (`ttl` and `router_alert` are reported;
//   a host applies RFC 3810 6.2's hop-limit and Router Alert rule to MLD queries itself), and a
//   query may carry any number of sources (Linux's bridge ignores queries with sources).
//   Deliberate differences from Linux: a report whose group records run past the payload is
//   malformed as a whole, so no record of it is used (Linux applies the records before the
//   broken one, then counts the error); Aux Data Len is honoured when walking records (Linux's
//   bridge ignores it, which misreads the records after one with auxiliary data); an IGMPv3/
//   MLDv2 query whose source list runs past the payload is kOk with query_sources empty and
//   sources_truncated set (snooping ignores a query with sources either way; a host drops it).
// * The exponential Max Resp Code / QQIC encodings (RFC 3376 4.1.1 and 4.1.7, RFC 3810 5.1.3
//   and 5.1.9) both ways.
// * multicast_mac(): the Ethernet group address of an IP group (RFC 1112 6.4: 01:00:5e and the
//   low 23 bits; RFC 2464 7: 33:33 and the low 32 bits).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/ip.h"
#include "base/mac.h"
#include "wire/checksum.h"

namespace uvn::wire {

// Group record types, the same numbers in IGMPv3 (RFC 3376 4.2.12) and MLDv2 (RFC 3810 5.2.12).
enum McastRecordType : uint8_t {
  kModeIsInclude = 1,
  kModeIsExclude = 2,
  kChangeToInclude = 3,
  kChangeToExclude = 4,
  kAllowNewSources = 5,
  kBlockOldSources = 6,
};

// One group record of an IGMPv3/MLDv2 report. Record types outside 1..6 are kept as they came
// (Linux's bridge skips them). Auxiliary data is skipped when parsing; emitting writes
// aux_words zero words.
struct McastRecord {
  uint8_t type = 0;
  IpAddr group;
  std::vector<IpAddr> sources;
  uint8_t aux_words = 0;
  friend bool operator==(const McastRecord&, const McastRecord&) = default;
};

// Why a packet is kMalformed.
enum class McastError : uint8_t {
  kNone,
  kBadIpHeader,     // IPv4: version, IHL, total length; IPv6: version, payload length 0 or too long
  kBadIpChecksum,   // IPv4 header checksum
  kBadExtHeader,    // IPv6 extension header truncated, or No Next Header in the chain
  kTruncated,       // IGMP or ICMPv6 shorter than its 8-byte header
  kBadChecksum,     // IGMP or ICMPv6 checksum
  kBadQueryLength,  // a query of 9-11 bytes (IGMP) or 25-27 bytes (MLD)
  kGeneralQueryDst,          // general query not to 224.0.0.1 / ff02::1
  kQuerySourceNotLinkLocal,  // MLD query from a source outside fe80::/10
  kRecordTruncated,          // a group record header runs past the payload (record count too big)
  kSourcesTruncated,         // a record's source list runs past the payload
  kAuxTruncated,             // a record's auxiliary data runs past the payload
};

const char* mcast_error_name(McastError e);

struct McastMessage {
  enum class Kind : uint8_t { kQuery, kReport, kLeave };

  Kind kind = Kind::kQuery;
  bool ipv6 = false;
  // IGMP 1, 2 or 3; MLD 1 or 2. A leave is IGMPv2, a done MLDv1. An IGMP query of 8 bytes with
  // code 0 is version 1 (and general: group cleared, as Linux treats it).
  uint8_t version = 0;
  IpAddr src, dst;           // from the IP header; when emitting, a zero dst means the usual one
  uint8_t ttl = 1;           // TTL / hop limit
  bool router_alert = true;  // an IPv4 Router Alert option / IPv6 RA option (value 0, MLD)
  // The IGMP/ICMPv6 type (also set for kIgnored) and the IP protocol / last next header (set
  // whenever the IP header is valid).
  uint8_t type = 0;
  uint8_t ip_proto = 0;
  // v1/v2 reports, leaves/dones, group-specific queries; zero (0.0.0.0 / ::) for a general query
  // and for v3/MLDv2 reports.
  IpAddr group;
  // Queries: the maximum response time in milliseconds (decoded; an IGMPv1 query says 10 s).
  uint32_t max_resp_ms = 0;
  // IGMPv3/MLDv2 queries.
  bool suppress = false;           // S flag
  uint8_t qrv = 0;                 // 0..7
  uint32_t qqi_s = 0;              // decoded QQIC
  uint16_t query_nsrcs = 0;        // the Number of Sources field
  bool sources_truncated = false;  // query_nsrcs sources do not fit; query_sources is empty
  std::vector<IpAddr> query_sources;
  // IGMPv3/MLDv2 reports.
  std::vector<McastRecord> records;
  // IPv4 protocol 103 (PIM) whose first byte says version 2, type 0 (Hello): what Linux's bridge
  // looks at in a kNotMcastControl packet to 224.0.0.13.
  bool pim_hello = false;
  // Set on kMalformed.
  McastError error = McastError::kNone;

  bool is_general_query() const;
  friend bool operator==(const McastMessage&, const McastMessage&) = default;
};

enum class McastParse { kNotMcastControl, kMalformed, kIgnored, kOk };

// Parses a whole IP packet (from the IP header; `ethertype` 0x0800 or 0x86dd picks the family,
// anything else is kNotMcastControl). Bytes after the IP length (Ethernet padding) are ignored.
// `out` is reset first; src/dst/ttl/ip_proto are filled whenever the IP header is valid. With
// kSkip neither the IPv4 header checksum nor the IGMP/ICMPv6 checksum is checked.
McastParse parse_mcast_packet(uint16_t ethertype, const uint8_t* p, size_t len, McastMessage& out,
                              ChecksumCheck check = ChecksumCheck::kVerify);

// The whole IP packet `m` describes: IPv4 with the Router Alert option (unless router_alert is
// false), TOS 0xc0, DF, ID 0, TTL m.ttl, as Linux sends IGMP; IPv6 with a Hop-by-Hop header
// holding the Router Alert option (value 0, MLD) and PadN, hop limit m.ttl, as Linux sends MLD.
// A zero m.dst becomes the usual destination: the group (v1/v2 reports, group-specific
// queries), 224.0.0.1/ff02::1 (general queries), 224.0.0.2/ff02::2 (leave/done),
// 224.0.0.22/ff02::16 (v3/MLDv2 reports). Times are encoded as the version requires (IGMPv2:
// tenths of a second, capped at 255; MLDv1: milliseconds, capped at 65535).
size_t mcast_packet_len(const McastMessage& m);
void emit_mcast_packet(const McastMessage& m, uint8_t* out);
std::vector<uint8_t> build_mcast_packet(const McastMessage& m);
// The destination emit_mcast_packet writes (m.dst, or the usual one when m.dst is zero).
IpAddr mcast_destination(const McastMessage& m);

// For igmp.cc and mld.cc: marks `out` malformed for `e`; and walks the `n` group records of
// an IGMPv3/MLDv2 report (RFC 3376 4.2.4, RFC 3810 5.2.4: type, aux data length, number of
// sources, group, sources, aux data) from `off`, with addresses of `addr_len` bytes (4 or 16),
// into out.records.
McastParse mcast_malformed(McastMessage& out, McastError e);
McastParse parse_mcast_records(const uint8_t* p, size_t len, size_t off, uint16_t n,
                               size_t addr_len, McastMessage& out);

// RFC 3376 4.1.1 / 4.1.7: an 8-bit code (Max Resp Code in tenths of a second, QQIC in seconds)
// and its value. Encoding rounds down to the nearest representable value; values above the
// largest (31744) give 0xff.
uint32_t igmpv3_code_decode(uint8_t code);
uint8_t igmpv3_code_encode(uint32_t value);
// RFC 3810 5.1.3: the 16-bit Maximum Response Code (milliseconds). Values above 8387584 give
// 0xffff.
uint32_t mldv2_mrc_decode(uint16_t code);
uint16_t mldv2_mrc_encode(uint32_t ms);
// RFC 3810 5.1.9: QQIC, the same 8-bit format as IGMPv3's.
inline uint32_t mldv2_qqic_decode(uint8_t code) {
  return igmpv3_code_decode(code);
}
inline uint8_t mldv2_qqic_encode(uint32_t s) {
  return igmpv3_code_encode(s);
}

// The Ethernet multicast address of an IP group.
MacAddr multicast_mac(const Ipv4Addr& group);
MacAddr multicast_mac(const Ipv6Addr& group);
MacAddr multicast_mac(const IpAddr& group);

// Well-known groups.
inline constexpr Ipv4Addr kIgmpAllHosts{0xe0000001};      // 224.0.0.1
inline constexpr Ipv4Addr kIgmpAllRouters{0xe0000002};    // 224.0.0.2
inline constexpr Ipv4Addr kIgmpv3AllRouters{0xe0000016};  // 224.0.0.22
Ipv6Addr mld_all_nodes();                                 // ff02::1
Ipv6Addr mld_all_routers();                               // ff02::2
Ipv6Addr mldv2_all_routers();                             // ff02::16
// 224.0.0.0/24 (RFC 5771: never forwarded off the link).
inline bool ipv4_is_local_multicast(const Ipv4Addr& a) {
  return (a.v & 0xffffff00u) == 0xe0000000u;
}

}  // namespace uvn::wire
