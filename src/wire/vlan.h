// IEEE 802.1Q tags (IEEE 802.1Q-2018 9.5 and 9.6): a Tag Protocol Identifier (0x8100 C-TAG, or
// 0x88a8 S-TAG for 802.1ad provider bridging) followed by the Tag Control Information, which
// holds the Priority Code Point (3 bits), the Drop Eligible Indicator (1 bit) and the VLAN
// Identifier (12 bits). A tag sits between the source MAC and the EtherType; tags may be
// stacked (QinQ: an S-TAG outside a C-TAG, or C-TAGs inside C-TAGs, as Linux allows).
//
// VlanView/VlanRepr read and write the 4 bytes that follow a TPID (TCI and the encapsulated
// EtherType), the way Ethernet's payload follows its EtherType. parse_vlan_tags() walks any
// number of stacked tags (up to kMaxVlanTags) to the L3 EtherType and offset. vlan_push() and
// vlan_pop() insert and remove the outermost tag in place, moving the 12 MAC bytes into headroom
// or out of it, so no payload byte moves. Like Linux, VID 0 (priority tag) and VID 4095 are
// parsed as they are; what to do with them is the VLAN device's and the bridge's decision.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/be.h"
#include "wire/ethernet.h"

namespace uvn::wire {

inline constexpr size_t kVlanTagLen = 4;  // TPID + TCI
inline constexpr size_t kMaxVlanTags = 8;
inline constexpr uint16_t kVlanVidMask = 0x0fff;
inline constexpr uint16_t kVlanVidMax = 4094;  // 4095 is reserved (802.1Q-2018 Table 9-2)

inline constexpr bool is_vlan_tpid(uint16_t ethertype) {
  return ethertype == kEtherTypeVlan || ethertype == kEtherTypeQinQ;
}

// The Tag Control Information, unpacked.
struct VlanTci {
  uint8_t pcp = 0;  // 0..7
  bool dei = false;
  uint16_t vid = 0;  // 0..4095

  static VlanTci from_u16(uint16_t tci) {
    return VlanTci{uint8_t(tci >> 13), bool(tci & 0x1000), uint16_t(tci & kVlanVidMask)};
  }
  uint16_t to_u16() const {
    return uint16_t((pcp & 7) << 13 | (dei ? 0x1000 : 0) | (vid & kVlanVidMask));
  }
  friend bool operator==(const VlanTci&, const VlanTci&) = default;
};

// The 4 bytes after a TPID: TCI, then the encapsulated Length/Type.
class VlanView {
 public:
  static std::optional<VlanView> parse(const uint8_t* p, size_t len) {
    if (p == nullptr || len < kVlanTagLen) return std::nullopt;
    return VlanView(p, len);
  }

  uint16_t tci() const { return load_be16(p_); }
  uint8_t pcp() const { return uint8_t(tci() >> 13); }
  bool dei() const { return tci() & 0x1000; }
  uint16_t vid() const { return tci() & kVlanVidMask; }
  uint16_t ethertype() const { return load_be16(p_ + 2); }
  const uint8_t* payload() const { return p_ + kVlanTagLen; }
  size_t payload_len() const { return len_ - kVlanTagLen; }
  const uint8_t* data() const { return p_; }
  size_t len() const { return len_; }

 private:
  VlanView(const uint8_t* p, size_t len) : p_(p), len_(len) {}
  const uint8_t* p_;
  size_t len_;
};

struct VlanRepr {
  VlanTci tci;
  uint16_t ethertype = 0;  // the encapsulated Length/Type

  static std::optional<VlanRepr> parse(const VlanView& v);
  size_t header_len() const { return kVlanTagLen; }
  size_t buffer_len(size_t payload_len) const { return kVlanTagLen + payload_len; }
  // Writes TCI and EtherType (4 bytes).
  void emit(uint8_t* out) const;
  friend bool operator==(const VlanRepr&, const VlanRepr&) = default;
};

// One tag as it appears on the wire.
struct VlanTag {
  uint16_t tpid = kEtherTypeVlan;
  uint16_t tci = 0;

  VlanTci fields() const { return VlanTci::from_u16(tci); }
  uint16_t vid() const { return tci & kVlanVidMask; }
  friend bool operator==(const VlanTag&, const VlanTag&) = default;
};

// The tags of a frame, outermost first, and what follows them.
struct VlanTags {
  std::array<VlanTag, kMaxVlanTags> tag{};
  size_t count = 0;
  uint16_t ethertype = 0;  // the first Length/Type that is not a VLAN TPID
  size_t l3_offset = 0;    // where the L3 header starts, from the start of the frame
};

// Walks the Ethernet header and every 802.1Q/802.1ad tag. nullopt when the frame is shorter
// than an Ethernet header, a tag is cut short, or there are more than kMaxVlanTags tags.
std::optional<VlanTags> parse_vlan_tags(const uint8_t* frame, size_t len);

// Inserts `tag` as the outermost tag of the frame at `start` (`len` bytes, `headroom` writable
// bytes before `start`). Returns the new start, start - kVlanTagLen; the frame is then
// len + kVlanTagLen bytes long. nullptr (and the frame unchanged) when headroom < kVlanTagLen or
// len < kEthernetHeaderLen.
uint8_t* vlan_push(uint8_t* start, size_t len, size_t headroom, VlanTag tag);

// Removes the outermost tag of the frame at `start` (`len` bytes) and stores it in *popped when
// popped is not null. Returns the new start, start + kVlanTagLen; the frame is then
// len - kVlanTagLen bytes long. nullptr (and the frame unchanged) when the frame has no
// outermost tag (its EtherType is not a VLAN TPID) or is too short to hold one.
uint8_t* vlan_pop(uint8_t* start, size_t len, VlanTag* popped = nullptr);

}  // namespace uvn::wire
