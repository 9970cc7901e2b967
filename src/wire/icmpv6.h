// ICMPv6 (RFC 4443) and the Neighbor Discovery messages uvn's host stack speaks (RFC 4861):
// echo request/reply (RFC 4443 4.1, 4.2), Router Solicitation (RFC 4861 4.1), Neighbor
// Solicitation (4.3) and Neighbor Advertisement (4.4, with the Router, Solicited and Override
// flags), with the Source/Target Link-Layer Address options (4.6.1) for Ethernet. Every other
// type (errors, Router Advertisement, Redirect, MLD) parses as Icmpv6Other: type, code, the four
// message bytes after the checksum, and the body. The checksum covers the IPv6 pseudo header
// (RFC 4443 2.3), so parse and emit take the IPv6 addresses.
//
// Validation follows RFC 4861 6.1.1, 7.1.1 and 7.1.2: an ND message must have hop limit 255,
// code 0 and its minimum length, every option a non-zero length that stays inside the message,
// a non-multicast target, no source link-layer option when the source is unspecified (then an NS
// must go to a solicited-node group), and no Solicited flag on an NA sent to a multicast group.
// Unknown options are skipped; a link-layer address option whose length is not 1 (8 bytes, an
// Ethernet address) is ignored, and only the first of each kind counts (as Linux does).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>

#include "base/ip.h"
#include "base/mac.h"
#include "wire/checksum.h"
#include "wire/ipv6.h"

namespace uvn::wire {

inline constexpr size_t kIcmpv6HeaderLen = 8;  // type, code, checksum, 4 message bytes
inline constexpr size_t kNdpNsNaLen = 24;      // NS/NA without options
inline constexpr uint8_t kNdpHopLimit = 255;

inline constexpr uint8_t kIcmpv6DestUnreachable = 1;
inline constexpr uint8_t kIcmpv6PacketTooBig = 2;
inline constexpr uint8_t kIcmpv6TimeExceeded = 3;
inline constexpr uint8_t kIcmpv6ParamProblem = 4;
inline constexpr uint8_t kIcmpv6EchoRequest = 128;
inline constexpr uint8_t kIcmpv6EchoReply = 129;
inline constexpr uint8_t kMldQuery = 130;
inline constexpr uint8_t kMldReport = 131;
inline constexpr uint8_t kMldDone = 132;
inline constexpr uint8_t kNdpRouterSolicit = 133;
inline constexpr uint8_t kNdpRouterAdvert = 134;
inline constexpr uint8_t kNdpNeighborSolicit = 135;
inline constexpr uint8_t kNdpNeighborAdvert = 136;
inline constexpr uint8_t kNdpRedirect = 137;
inline constexpr uint8_t kMldv2Report = 143;

// ND option types (RFC 4861 4.6, RFC 3971 for the nonce).
inline constexpr uint8_t kNdpOptSourceLinkAddr = 1;
inline constexpr uint8_t kNdpOptTargetLinkAddr = 2;
inline constexpr uint8_t kNdpOptPrefixInfo = 3;
inline constexpr uint8_t kNdpOptRedirectedHeader = 4;
inline constexpr uint8_t kNdpOptMtu = 5;
inline constexpr uint8_t kNdpOptNonce = 14;

class Icmpv6View {
 public:
  // nullopt when `len` is shorter than 8 bytes, or than 24 for an NS or NA. The message is the
  // whole buffer (the upper-layer payload of the IPv6 packet).
  static std::optional<Icmpv6View> parse(const uint8_t* p, size_t len);

  uint8_t type() const { return p_[0]; }
  uint8_t code() const { return p_[1]; }
  uint16_t checksum() const;
  uint32_t rest_of_header() const;                                  // bytes 4..7
  uint16_t ident() const;                                           // echo
  uint16_t seq() const;                                             // echo
  bool router_flag() const { return p_[4] & 0x80; }                 // NA
  bool solicited_flag() const { return p_[4] & 0x40; }              // NA
  bool override_flag() const { return p_[4] & 0x20; }               // NA
  Ipv6Addr target() const { return Ipv6Addr::from_bytes(p_ + 8); }  // NS and NA only
  // The bytes after the first 8 (echo data, error body, or ND fields and options).
  const uint8_t* body() const { return p_ + kIcmpv6HeaderLen; }
  size_t body_len() const { return len_ - kIcmpv6HeaderLen; }
  bool verify_checksum(const Ipv6Addr& src, const Ipv6Addr& dst) const;
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  Icmpv6View(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

// One ND option: `data` starts at its type byte and spans `len` bytes (8 * its length field).
struct NdpOption {
  uint8_t type = 0;
  const uint8_t* data = nullptr;
  size_t len = 0;
};

// Walks the options area of an ND message.
class NdpOptionReader {
 public:
  NdpOptionReader(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  // The next option; nullopt at the end, or at a malformed option (length 0 or running past
  // the end), after which malformed() is true.
  std::optional<NdpOption> next();
  bool malformed() const { return malformed_; }

 private:
  const uint8_t* p_;
  size_t len_;
  bool malformed_ = false;
};

struct Icmpv6Echo {
  bool request = true;
  uint16_t ident = 0;
  uint16_t seq = 0;
  std::span<const uint8_t> data;  // borrowed
  // Field-wise, with data compared by content.
  friend bool operator==(const Icmpv6Echo& a, const Icmpv6Echo& b);
};

struct NdpRouterSolicit {
  std::optional<MacAddr> source_lladdr;
  friend bool operator==(const NdpRouterSolicit&, const NdpRouterSolicit&) = default;
};

struct NdpNeighborSolicit {
  Ipv6Addr target;
  std::optional<MacAddr> source_lladdr;
  friend bool operator==(const NdpNeighborSolicit&, const NdpNeighborSolicit&) = default;
};

struct NdpNeighborAdvert {
  bool router = false;
  bool solicited = false;
  bool override_flag = false;
  Ipv6Addr target;
  std::optional<MacAddr> target_lladdr;
  friend bool operator==(const NdpNeighborAdvert&, const NdpNeighborAdvert&) = default;
};

// Any other type, unvalidated beyond the checksum.
struct Icmpv6Other {
  uint8_t type = 0;
  uint8_t code = 0;
  uint32_t rest = 0;              // bytes 4..7
  std::span<const uint8_t> body;  // borrowed
  // Field-wise, with the body compared by content.
  friend bool operator==(const Icmpv6Other& a, const Icmpv6Other& b);
};

struct Icmpv6Repr {
  std::variant<Icmpv6Echo, NdpRouterSolicit, NdpNeighborSolicit, NdpNeighborAdvert, Icmpv6Other>
      msg;

  // `ip` gives the addresses for the checksum and the hop limit and addresses that ND rules
  // test. nullopt on a bad checksum (with kVerify) or an ND message that breaks RFC 4861.
  static std::optional<Icmpv6Repr> parse(const Icmpv6View& v, const Ipv6Repr& ip,
                                         ChecksumCheck check = ChecksumCheck::kVerify);
  uint8_t type() const;
  size_t header_len() const;  // 8, or 24 for NS/NA
  size_t buffer_len() const;  // the whole message, options and data included
  // Writes the whole message (buffer_len() bytes) with its checksum. Echo data and other
  // bodies are copied (they may overlap `out`).
  void emit(uint8_t* out, const Ipv6Addr& src, const Ipv6Addr& dst) const;
  friend bool operator==(const Icmpv6Repr&, const Icmpv6Repr&) = default;
};

}  // namespace uvn::wire
