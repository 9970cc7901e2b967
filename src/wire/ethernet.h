// Ethernet II framing (IEEE 802.3-2018 clause 3.2, with the EtherType interpretation of the
// Length/Type field, 3.2.6): destination and source MAC addresses and a 16-bit EtherType, with
// no preamble and no FCS (as Linux devices hand frames to software). A Length/Type value below
// 0x0600 is an IEEE 802.3 length followed by an LLC header (used by STP BPDUs); the view reports
// it as is and ethertype_is_length() tells the two apart. Minimum-size padding is the sender's
// business: parse() accepts any frame of at least 14 bytes, as Linux does for software devices.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/be.h"
#include "base/mac.h"

namespace uvn::wire {

inline constexpr uint16_t kEtherTypeIpv4 = 0x0800;
inline constexpr uint16_t kEtherTypeArp = 0x0806;
inline constexpr uint16_t kEtherTypeVlan = 0x8100;  // IEEE 802.1Q C-TAG
inline constexpr uint16_t kEtherTypeIpv6 = 0x86dd;
inline constexpr uint16_t kEtherTypeSlow = 0x8809;  // IEEE 802.3 slow protocols: LACP, Marker
inline constexpr uint16_t kEtherTypeQinQ = 0x88a8;  // IEEE 802.1ad S-TAG
inline constexpr uint16_t kEtherTypeLldp = 0x88cc;
// Values below this in the Length/Type field are 802.3 lengths, not EtherTypes.
inline constexpr uint16_t kEtherTypeMin = 0x0600;

inline constexpr size_t kEthernetHeaderLen = 14;
inline constexpr size_t kEthernetMinFrameLen = 60;  // without FCS
inline constexpr bool ethertype_is_length(uint16_t v) {
  return v < kEtherTypeMin;
}

class EthernetView {
 public:
  // nullopt when `len` is shorter than the header.
  static std::optional<EthernetView> parse(const uint8_t* p, size_t len) {
    if (p == nullptr || len < kEthernetHeaderLen) return std::nullopt;
    return EthernetView(p, len);
  }

  MacAddr dst() const { return MacAddr::from_bytes(p_); }
  MacAddr src() const { return MacAddr::from_bytes(p_ + 6); }
  uint16_t ethertype() const { return load_be16(p_ + 12); }
  const uint8_t* payload() const { return p_ + kEthernetHeaderLen; }
  size_t payload_len() const { return len_ - kEthernetHeaderLen; }
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  EthernetView(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

struct EthernetRepr {
  MacAddr dst;
  MacAddr src;
  uint16_t ethertype = 0;

  static std::optional<EthernetRepr> parse(const EthernetView& v);
  size_t header_len() const { return kEthernetHeaderLen; }
  size_t buffer_len(size_t payload_len) const { return kEthernetHeaderLen + payload_len; }
  // Writes the 14-byte header.
  void emit(uint8_t* out) const;
  friend bool operator==(const EthernetRepr&, const EthernetRepr&) = default;
};

}  // namespace uvn::wire
