// UDP (RFC 768): source port, destination port, length (header included) and a checksum over
// an IP pseudo header, the UDP header and the payload. Over IPv4 a zero checksum means "none"
// and is accepted; over IPv6 the checksum is mandatory (RFC 8200 8.1), so a zero checksum is
// rejected, as Linux does by default (no RFC 6935 zero-checksum tunnels). A computed checksum of
// zero is sent as 0xffff (RFC 768). The length field bounds the payload; bytes after it are
// ignored, and a length below 8 or past the buffer is rejected. Jumbograms (length 0 over IPv6,
// RFC 2675) are not supported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/be.h"
#include "base/ip.h"
#include "wire/checksum.h"

namespace uvn::wire {

inline constexpr size_t kUdpHeaderLen = 8;

class UdpView {
 public:
  // nullopt when the buffer is shorter than 8 bytes, or the length field is below 8 or larger
  // than the buffer.
  static std::optional<UdpView> parse(const uint8_t* p, size_t len) {
    if (p == nullptr || len < kUdpHeaderLen) return std::nullopt;
    UdpView v(p, len);
    if (v.length() < kUdpHeaderLen || v.length() > len) return std::nullopt;
    return v;
  }

  uint16_t src_port() const { return load_be16(p_); }
  uint16_t dst_port() const { return load_be16(p_ + 2); }
  uint16_t length() const { return load_be16(p_ + 4); }  // header + payload
  uint16_t checksum() const { return load_be16(p_ + 6); }
  const uint8_t* payload() const { return p_ + kUdpHeaderLen; }
  size_t payload_len() const { return length() - kUdpHeaderLen; }
  // True when the checksum is right; over IPv4 also when it is 0 (not computed).
  bool verify_checksum(const Ipv4Addr& src, const Ipv4Addr& dst) const;
  bool verify_checksum(const Ipv6Addr& src, const Ipv6Addr& dst) const;
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  UdpView(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

struct UdpRepr {
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint16_t payload_len = 0;  // at most 65527

  // nullopt when (with kVerify) the checksum is wrong, or zero over IPv6.
  static std::optional<UdpRepr> parse(const UdpView& v, const Ipv4Addr& src, const Ipv4Addr& dst,
                                      ChecksumCheck check = ChecksumCheck::kVerify);
  static std::optional<UdpRepr> parse(const UdpView& v, const Ipv6Addr& src, const Ipv6Addr& dst,
                                      ChecksumCheck check = ChecksumCheck::kVerify);
  size_t header_len() const { return kUdpHeaderLen; }
  size_t buffer_len() const { return kUdpHeaderLen + payload_len; }
  // Write the 8-byte header. The payload must already be at out + 8 (payload_len bytes): the
  // checksum covers it. The form without addresses leaves the checksum 0 (IPv4 only).
  void emit(uint8_t* out, const Ipv4Addr& src, const Ipv4Addr& dst) const;
  void emit(uint8_t* out, const Ipv6Addr& src, const Ipv6Addr& dst) const;
  void emit(uint8_t* out) const;
  friend bool operator==(const UdpRepr&, const UdpRepr&) = default;
};

}  // namespace uvn::wire
