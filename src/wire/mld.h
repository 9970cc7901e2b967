// MLD, carried in ICMPv6 behind a Hop-by-Hop Options header with the Router Alert option
// (RFC 2711, value 0: MLD): version 1 (RFC 2710 3: Multicast Listener Query 130, Report 131,
// Done 132) and version 2 (RFC 3810 5.1 query with S flag, QRV, QQIC and sources; 5.2 Version 2
// Multicast Listener Report 143 with multicast address records).
//
// MldView wraps the ICMPv6 message and checks the 24-byte MLD header once (type, code,
// checksum, Maximum Response Code/Delay, the multicast address); the MLDv2 query fields and the
// record walk are checked as they are read. parse_mld_packet() starts at the IPv6 header and
// applies Linux's ipv6_mc_check_mld rules (see wire/mcast.h for the classes and deliberate
// differences):
// * IPv6 header: version 6, payload length non-zero and within the buffer, else kMalformed.
// * The first next header must be Hop-by-Hop, else kNotMcastControl. Extension headers are then
//   walked as ipv6_skip_exthdr does (Hop-by-Hop, Routing, Destination Options, AH, and a first
//   fragment; a later fragment stops the walk); one that runs past the payload, or No Next
//   Header, is kMalformed. A last header other than ICMPv6 is kNotMcastControl.
// * ICMPv6: at least 8 bytes and a good checksum (IPv6 pseudo header), else kMalformed. Shorter
//   than 24 bytes, or a type other than 130-132 and 143: kIgnored (Linux -ENODATA; MRD adverts,
//   type 151, are among these).
// * Query: exactly 24 bytes is MLDv1, 28 or more MLDv2, 25 to 27 malformed; the source must be
//   link-local (fe80::/10) and a general query must go to ff02::1.
// * MLDv2 report: every announced record (sources, auxiliary data) must fit in the payload.
// The hop limit and whether the Hop-by-Hop header holds a Router Alert option with value 0 are
// reported (ttl, router_alert), not checked: a host drops a query without them (RFC 3810 6.2, as
// Linux's __mld_query_work does); snooping does not.
//
// The builders return whole IPv6 packets as Linux sends them (wire/mcast.h emit_mcast_packet):
// hop limit 1, traffic class 0, the Hop-by-Hop header {ICMPv6, 0, RA(0), PadN}, the ICMPv6
// checksum over the pseudo header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/be.h"
#include "base/ip.h"
#include "wire/checksum.h"
#include "wire/mcast.h"

namespace uvn::wire {

inline constexpr size_t kMldHeaderLen = 24;          // type, code, checksum, MRC, reserved, group
inline constexpr size_t kMldv2QueryLen = 28;         // + S/QRV, QQIC, number of sources
inline constexpr size_t kMldv2ReportHeaderLen = 8;   // type, reserved, checksum, reserved, count
inline constexpr size_t kMldv2RecordHeaderLen = 20;  // type, aux len, nsrcs, group
inline constexpr size_t kMldHopByHopLen = 8;         // what Linux sends: RA option and PadN
inline constexpr uint8_t kIcmpv6MrdAdvert = 151;     // RFC 4286
inline constexpr uint8_t kIpv6OptRouterAlert = 5;    // RFC 2711
inline constexpr uint8_t kIpv6OptPad1 = 0;
inline constexpr uint8_t kIpv6OptPadN = 1;

class MldView {
 public:
  // nullopt when shorter than the 8-byte ICMPv6 header. `len` is the ICMPv6 message.
  static std::optional<MldView> parse(const uint8_t* p, size_t len) {
    if (p == nullptr || len < 8) return std::nullopt;
    return MldView(p, len);
  }

  uint8_t type() const { return p_[0]; }
  uint8_t code() const { return p_[1]; }
  uint16_t checksum() const { return load_be16(p_ + 2); }
  // The MLD header fields; only when len() >= kMldHeaderLen.
  bool has_mld_header() const { return len_ >= kMldHeaderLen; }
  uint16_t max_resp() const { return load_be16(p_ + 4); }  // MLDv1 delay (ms) / MLDv2 code
  Ipv6Addr group() const { return Ipv6Addr::from_bytes(p_ + 8); }
  // MLDv2 query fields; only when len() >= kMldv2QueryLen.
  bool v2_suppress() const { return p_[24] & 0x08; }
  uint8_t v2_qrv() const { return p_[24] & 0x07; }
  uint8_t v2_qqic() const { return p_[25]; }
  uint16_t v2_nsrcs() const { return load_be16(p_ + 26); }
  // MLDv2 report: the Number of Multicast Address Records (bytes 6-7).
  uint16_t v2_nrec() const { return load_be16(p_ + 6); }
  bool verify_checksum(const Ipv6Addr& src, const Ipv6Addr& dst) const;
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  MldView(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

// Parses an IPv6 packet (from its header) as described above.
McastParse parse_mld_packet(const uint8_t* p, size_t len, McastMessage& out,
                            ChecksumCheck check = ChecksumCheck::kVerify);

// The IPv6 packet of an MLD message (wire/mcast.h emit_mcast_packet for an IPv6 message).
size_t mld_packet_len(const McastMessage& m);
// The destination emitting uses: m.dst, or the usual one when it is zero.
Ipv6Addr mld_destination(const McastMessage& m);
void emit_mld_packet(const McastMessage& m, uint8_t* out);

// Builders (whole IPv6 packets). `src` may be :: (no usable link-local address yet).
std::vector<uint8_t> build_mld_v1_report(const Ipv6Addr& src, const Ipv6Addr& group);
std::vector<uint8_t> build_mld_done(const Ipv6Addr& src, const Ipv6Addr& group);
// MLDv1 query: general (group ::, to ff02::1) or group-specific (to the group).
std::vector<uint8_t> build_mld_v1_query(const Ipv6Addr& src, const Ipv6Addr& group,
                                        uint32_t max_resp_ms);
// MLDv2 query: general, group-specific, or group-and-source-specific.
std::vector<uint8_t> build_mld_v2_query(const Ipv6Addr& src, const Ipv6Addr& group,
                                        uint32_t max_resp_ms, bool suppress, uint8_t qrv,
                                        uint32_t qqi_s, const std::vector<Ipv6Addr>& sources = {});
// MLDv2 report to ff02::16 with these records (groups and sources IPv6).
std::vector<uint8_t> build_mld_v2_report(const Ipv6Addr& src,
                                         const std::vector<McastRecord>& records);

}  // namespace uvn::wire
