// IGMP (IP protocol 2): version 1 (RFC 1112 appendix I), version 2 (RFC 2236 2: Membership
// Query 0x11, Version 2 Membership Report 0x16, Leave Group 0x17, plus the version 1 report 0x12)
// and version 3 (RFC 3376 4.1 Membership Query with S flag, QRV, QQIC and sources; 4.2 Version 3
// Membership Report 0x22 with group records).
//
// IgmpView wraps the IGMP message (the IPv4 payload, total length bounded) and checks the
// 8-byte header once; the v3 query fields and the record walk are checked as they are read.
// parse_igmp_packet() starts at the IPv4 header and applies Linux's ip_mc_check_igmp rules
// (see wire/mcast.h for the classes and deliberate differences):
// * IPv4 header: version 4, IHL >= 5, header within the buffer, header checksum, total length
//   within the buffer and not below the header: else kMalformed (whatever the protocol).
// * Not protocol 2: kNotMcastControl (pim_hello set for a PIMv2 Hello).
// * IGMP: at least 8 bytes and a good checksum over the whole IGMP payload, else kMalformed.
// * Query: exactly 8 bytes is v1 (code 0) or v2; 12 or more is v3; 9 to 11 is malformed. A
//   general query (group 0) must go to 224.0.0.1.
// * v3 report: the 8-byte header, then every announced record (and its sources and auxiliary
//   data) must fit in the payload.
// * Other types (DVMRP/PIMv1 0x13/0x14, mtrace 0x1e/0x1f, MRD 0x30-0x32, ...): kIgnored.
// TTL and the Router Alert option are reported, not checked (Linux checks neither).
//
// The builders return whole IPv4 packets as Linux sends them (wire/mcast.h emit_mcast_packet):
// TTL 1, TOS 0xc0, DF, ID 0, Router Alert option, the IGMP checksum.
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

inline constexpr size_t kIgmpHeaderLen = 8;          // type, code, checksum, group
inline constexpr size_t kIgmpv3QueryLen = 12;        // + S/QRV, QQIC, number of sources
inline constexpr size_t kIgmpv3RecordHeaderLen = 8;  // type, aux len, nsrcs, group

inline constexpr uint8_t kIgmpQuery = 0x11;
inline constexpr uint8_t kIgmpV1Report = 0x12;
inline constexpr uint8_t kIgmpDvmrp = 0x13;
inline constexpr uint8_t kIgmpPimV1 = 0x14;
inline constexpr uint8_t kIgmpV2Report = 0x16;
inline constexpr uint8_t kIgmpLeave = 0x17;
inline constexpr uint8_t kIgmpMtraceResp = 0x1e;
inline constexpr uint8_t kIgmpMtrace = 0x1f;
inline constexpr uint8_t kIgmpV3Report = 0x22;
inline constexpr uint8_t kIgmpMrdAdvert = 0x30;  // RFC 4286

inline constexpr uint8_t kIpProtoPim = 103;
inline constexpr uint8_t kIpOptRouterAlert = 0x94;  // copied, class 0, number 20 (RFC 2113)

class IgmpView {
 public:
  // nullopt when shorter than 8 bytes. `len` is the IGMP message (the IP payload).
  static std::optional<IgmpView> parse(const uint8_t* p, size_t len) {
    if (p == nullptr || len < kIgmpHeaderLen) return std::nullopt;
    return IgmpView(p, len);
  }

  uint8_t type() const { return p_[0]; }
  uint8_t code() const { return p_[1]; }  // Max Resp Time/Code
  uint16_t checksum() const { return load_be16(p_ + 2); }
  Ipv4Addr group() const { return Ipv4Addr::from_bytes(p_ + 4); }
  bool verify_checksum() const { return internet_checksum(p_, len_) == 0; }
  // IGMPv3 query fields; only when len() >= kIgmpv3QueryLen.
  bool v3_suppress() const { return p_[8] & 0x08; }
  uint8_t v3_qrv() const { return p_[8] & 0x07; }
  uint8_t v3_qqic() const { return p_[9]; }
  uint16_t v3_nsrcs() const { return load_be16(p_ + 10); }
  // IGMPv3 report: the Number of Group Records (bytes 6-7).
  uint16_t v3_ngrec() const { return load_be16(p_ + 6); }
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  IgmpView(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

// Parses an IPv4 packet (from its header) as described above.
McastParse parse_igmp_packet(const uint8_t* p, size_t len, McastMessage& out,
                             ChecksumCheck check = ChecksumCheck::kVerify);

// The IPv4 packet of an IGMP message (wire/mcast.h emit_mcast_packet for an IPv4 message).
size_t igmp_packet_len(const McastMessage& m);
// The destination emitting uses: m.dst, or the usual one when it is zero.
Ipv4Addr igmp_destination(const McastMessage& m);
void emit_igmp_packet(const McastMessage& m, uint8_t* out);

// Builders (whole IPv4 packets). `src` may be 0.0.0.0 (a host without an address).
std::vector<uint8_t> build_igmp_v1_report(const Ipv4Addr& src, const Ipv4Addr& group);
std::vector<uint8_t> build_igmp_v2_report(const Ipv4Addr& src, const Ipv4Addr& group);
std::vector<uint8_t> build_igmp_leave(const Ipv4Addr& src, const Ipv4Addr& group);
// A v1 query when max_resp_ms is 0 (general only), else v2 (group 0: general, to 224.0.0.1;
// otherwise group-specific, to the group); max_resp_ms in tenths of a second, capped at 25.5 s.
std::vector<uint8_t> build_igmp_v2_query(const Ipv4Addr& src, const Ipv4Addr& group,
                                         uint32_t max_resp_ms);
// IGMPv3 query: general (group 0), group-specific, or group-and-source-specific (sources).
std::vector<uint8_t> build_igmp_v3_query(const Ipv4Addr& src, const Ipv4Addr& group,
                                         uint32_t max_resp_ms, bool suppress, uint8_t qrv,
                                         uint32_t qqi_s, const std::vector<Ipv4Addr>& sources = {});
// IGMPv3 report to 224.0.0.22 with these records (groups and sources IPv4).
std::vector<uint8_t> build_igmp_v3_report(const Ipv4Addr& src,
                                          const std::vector<McastRecord>& records);

}  // namespace uvn::wire
