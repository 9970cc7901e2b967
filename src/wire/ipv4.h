// The IPv4 header (RFC 791 3.1): version, IHL and options, type of service (DSCP and ECN, RFC
// 2474 and RFC 3168), total length, identification, flags (DF, MF) and fragment offset, time to
// live, protocol, header checksum, source and destination. Ipv4View::parse() checks only what
// keeps the accessors in bounds (IHL >= 5, header and total length within the buffer);
// Ipv4Repr::parse() also requires version 4 and, unless told to skip it, a correct header
// checksum. Bytes after the total length (Ethernet padding) are not payload. Fragments parse
// normally (more_frags, frag_offset); uvn does not reassemble, and the stack may drop them.
// Options are carried as opaque bytes and not interpreted (as Linux does for a host that does
// not route source-routed packets).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/be.h"
#include "base/ip.h"
#include "wire/checksum.h"

namespace uvn::wire {

inline constexpr size_t kIpv4MinHeaderLen = 20;
inline constexpr size_t kIpv4MaxOptionsLen = 40;
inline constexpr size_t kIpv4MaxHeaderLen = kIpv4MinHeaderLen + kIpv4MaxOptionsLen;

class Ipv4View {
 public:
  // nullopt when the buffer is shorter than 20 bytes, IHL < 5, or the header or the total
  // length runs past the buffer, or the total length is shorter than the header.
  static std::optional<Ipv4View> parse(const uint8_t* p, size_t len) {
    if (p == nullptr || len < kIpv4MinHeaderLen) return std::nullopt;
    Ipv4View v(p, len);
    size_t hl = v.header_len();
    if (hl < kIpv4MinHeaderLen || hl > len) return std::nullopt;
    size_t total = v.total_len();
    if (total < hl || total > len) return std::nullopt;
    return v;
  }

  uint8_t version() const { return p_[0] >> 4; }
  size_t header_len() const { return size_t(p_[0] & 0x0f) * 4; }
  uint8_t tos() const { return p_[1]; }
  uint8_t dscp() const { return p_[1] >> 2; }
  uint8_t ecn() const { return p_[1] & 3; }
  uint16_t total_len() const { return load_be16(p_ + 2); }
  uint16_t ident() const { return load_be16(p_ + 4); }
  bool reserved_flag() const { return p_[6] & 0x80; }
  bool dont_frag() const { return p_[6] & 0x40; }
  bool more_frags() const { return p_[6] & 0x20; }
  // The fragment offset in bytes (the field counts 8-byte units).
  uint16_t frag_offset() const { return uint16_t((load_be16(p_ + 6) & 0x1fff) * 8); }
  bool is_fragment() const { return more_frags() || frag_offset() != 0; }
  uint8_t ttl() const { return p_[8]; }
  uint8_t protocol() const { return p_[9]; }
  uint16_t checksum() const { return load_be16(p_ + 10); }
  Ipv4Addr src() const { return Ipv4Addr::from_bytes(p_ + 12); }
  Ipv4Addr dst() const { return Ipv4Addr::from_bytes(p_ + 16); }
  const uint8_t* options() const { return p_ + kIpv4MinHeaderLen; }
  size_t options_len() const { return header_len() - kIpv4MinHeaderLen; }
  // The payload is total_len() - header_len() bytes; padding after it is excluded.
  const uint8_t* payload() const { return p_ + header_len(); }
  size_t payload_len() const { return total_len() - header_len(); }
  bool verify_checksum() const;
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  Ipv4View(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

struct Ipv4Repr {
  Ipv4Addr src;
  Ipv4Addr dst;
  uint8_t protocol = 0;
  uint8_t ttl = 64;
  uint8_t tos = 0;  // DSCP << 2 | ECN
  uint16_t ident = 0;
  bool dont_frag = false;
  bool more_frags = false;
  uint16_t frag_offset = 0;  // bytes; a multiple of 8
  uint16_t payload_len = 0;  // header_len() + payload_len must fit in 16 bits
  uint8_t options_len = 0;   // a multiple of 4, at most kIpv4MaxOptionsLen
  std::array<uint8_t, kIpv4MaxOptionsLen> options{};  // the first options_len bytes are used

  // nullopt when the version is not 4 or (with kVerify) the header checksum is wrong.
  static std::optional<Ipv4Repr> parse(const Ipv4View& v,
                                       ChecksumCheck check = ChecksumCheck::kVerify);
  bool is_fragment() const { return more_frags || frag_offset != 0; }
  size_t header_len() const { return kIpv4MinHeaderLen + options_len; }
  size_t buffer_len() const { return header_len() + payload_len; }
  // Writes the header (header_len() bytes) with its checksum. The reserved flag is zero.
  void emit(uint8_t* out) const;
  friend bool operator==(const Ipv4Repr&, const Ipv4Repr&) = default;
};

}  // namespace uvn::wire
