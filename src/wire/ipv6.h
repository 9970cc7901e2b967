// The IPv6 fixed header (RFC 8200 3): version, traffic class, flow label, payload length, next
// header, hop limit, source and destination (40 bytes). Extension headers are not walked: the
// next header is reported as it is, and a caller that meets an extension header it does not
// handle treats the packet as unsupported. Jumbograms (RFC 2675) are not supported: a payload
// length of 0 means an empty payload. Bytes after the payload length (Ethernet padding) are not
// payload.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/be.h"
#include "base/ip.h"

namespace uvn::wire {

inline constexpr size_t kIpv6HeaderLen = 40;

class Ipv6View {
 public:
  // nullopt when the buffer is shorter than the header plus the payload length.
  static std::optional<Ipv6View> parse(const uint8_t* p, size_t len) {
    if (p == nullptr || len < kIpv6HeaderLen) return std::nullopt;
    Ipv6View v(p, len);
    if (kIpv6HeaderLen + v.payload_len() > len) return std::nullopt;
    return v;
  }

  uint8_t version() const { return p_[0] >> 4; }
  uint8_t traffic_class() const { return uint8_t(load_be16(p_) >> 4); }
  uint32_t flow_label() const { return load_be32(p_) & 0xfffff; }
  uint16_t payload_len() const { return load_be16(p_ + 4); }
  uint8_t next_header() const { return p_[6]; }
  uint8_t hop_limit() const { return p_[7]; }
  Ipv6Addr src() const { return Ipv6Addr::from_bytes(p_ + 8); }
  Ipv6Addr dst() const { return Ipv6Addr::from_bytes(p_ + 24); }
  const uint8_t* payload() const { return p_ + kIpv6HeaderLen; }
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  Ipv6View(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

struct Ipv6Repr {
  Ipv6Addr src;
  Ipv6Addr dst;
  uint8_t next_header = 0;
  uint8_t hop_limit = 64;
  uint8_t traffic_class = 0;
  uint32_t flow_label = 0;  // 20 bits
  uint16_t payload_len = 0;

  // nullopt when the version is not 6.
  static std::optional<Ipv6Repr> parse(const Ipv6View& v);
  size_t header_len() const { return kIpv6HeaderLen; }
  size_t buffer_len() const { return kIpv6HeaderLen + payload_len; }
  // Writes the 40-byte header.
  void emit(uint8_t* out) const;
  friend bool operator==(const Ipv6Repr&, const Ipv6Repr&) = default;
};

}  // namespace uvn::wire
