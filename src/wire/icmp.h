// ICMP for IPv4 (RFC 792): every message starts with type, code and checksum, then four bytes
// whose meaning depends on the type (identifier and sequence number for echo, the next-hop MTU
// for "fragmentation needed" (RFC 1191), a pointer for parameter problem), then a body (echo
// data, or the start of the offending datagram for error messages). IcmpRepr keeps that
// generic shape, so any type parses; constructors build the messages the stack sends (echo
// request and reply, destination unreachable, time exceeded). The checksum covers the whole
// message, with no pseudo header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "wire/checksum.h"

namespace uvn::wire {

inline constexpr size_t kIcmpHeaderLen = 8;

inline constexpr uint8_t kIcmpEchoReply = 0;
inline constexpr uint8_t kIcmpDestUnreachable = 3;
inline constexpr uint8_t kIcmpRedirect = 5;
inline constexpr uint8_t kIcmpEchoRequest = 8;
inline constexpr uint8_t kIcmpTimeExceeded = 11;
inline constexpr uint8_t kIcmpParamProblem = 12;

// Destination unreachable codes (RFC 792, RFC 1812 5.2.7.1).
inline constexpr uint8_t kIcmpNetUnreachable = 0;
inline constexpr uint8_t kIcmpHostUnreachable = 1;
inline constexpr uint8_t kIcmpProtoUnreachable = 2;
inline constexpr uint8_t kIcmpPortUnreachable = 3;
inline constexpr uint8_t kIcmpFragNeeded = 4;
inline constexpr uint8_t kIcmpAdminProhibited = 13;
// Time exceeded codes.
inline constexpr uint8_t kIcmpTtlExceeded = 0;
inline constexpr uint8_t kIcmpReassemblyTimeExceeded = 1;

class IcmpView {
 public:
  // nullopt when `len` is shorter than the 8-byte header. The message is the whole buffer (the
  // IPv4 payload).
  static std::optional<IcmpView> parse(const uint8_t* p, size_t len);

  uint8_t type() const { return p_[0]; }
  uint8_t code() const { return p_[1]; }
  uint16_t checksum() const;
  uint32_t rest_of_header() const;  // bytes 4..7
  uint16_t ident() const;           // echo: bytes 4..5
  uint16_t seq() const;             // echo: bytes 6..7
  const uint8_t* payload() const { return p_ + kIcmpHeaderLen; }
  size_t payload_len() const { return len_ - kIcmpHeaderLen; }
  bool verify_checksum() const;
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  IcmpView(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

struct IcmpRepr {
  uint8_t type = 0;
  uint8_t code = 0;
  uint32_t rest = 0;                 // bytes 4..7 of the header
  std::span<const uint8_t> payload;  // borrowed: points into the parsed buffer or the caller's

  static IcmpRepr echo_request(uint16_t ident, uint16_t seq, std::span<const uint8_t> data);
  static IcmpRepr echo_reply(uint16_t ident, uint16_t seq, std::span<const uint8_t> data);
  // `original`: the offending datagram's IP header and at least 8 bytes of its payload.
  static IcmpRepr dest_unreachable(uint8_t code, std::span<const uint8_t> original,
                                   uint16_t next_hop_mtu = 0);
  static IcmpRepr time_exceeded(uint8_t code, std::span<const uint8_t> original);

  // nullopt only when (with kVerify) the checksum is wrong.
  static std::optional<IcmpRepr> parse(const IcmpView& v,
                                       ChecksumCheck check = ChecksumCheck::kVerify);
  uint16_t ident() const { return uint16_t(rest >> 16); }
  uint16_t seq() const { return uint16_t(rest); }
  bool is_echo() const { return type == kIcmpEchoRequest || type == kIcmpEchoReply; }
  size_t header_len() const { return kIcmpHeaderLen; }
  size_t buffer_len() const { return kIcmpHeaderLen + payload.size(); }
  // Writes the header, the payload and the checksum (buffer_len() bytes). `out` may overlap
  // the payload.
  void emit(uint8_t* out) const;
  // Field-wise, with payloads compared by content.
  friend bool operator==(const IcmpRepr& a, const IcmpRepr& b);
};

}  // namespace uvn::wire
