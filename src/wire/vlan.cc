#include "wire/vlan.h"

#include <cstring>

#include "base/be.h"

namespace uvn::wire {

namespace {
constexpr size_t kMacsLen = 12;  // destination + source
}  // namespace

std::optional<VlanRepr> VlanRepr::parse(const VlanView& v) {
  return VlanRepr{VlanTci::from_u16(v.tci()), v.ethertype()};
}

void VlanRepr::emit(uint8_t* out) const {
  store_be16(out, tci.to_u16());
  store_be16(out + 2, ethertype);
}

std::optional<VlanTags> parse_vlan_tags(const uint8_t* frame, size_t len) {
  if (frame == nullptr || len < kEthernetHeaderLen) return std::nullopt;
  VlanTags t;
  size_t off = kMacsLen;  // at a Length/Type field
  uint16_t type = load_be16(frame + off);
  while (is_vlan_tpid(type)) {
    // A tag needs its TCI and the Length/Type that follows it.
    if (t.count == kMaxVlanTags || len - off < kVlanTagLen + 2) return std::nullopt;
    t.tag[t.count++] = VlanTag{type, load_be16(frame + off + 2)};
    off += kVlanTagLen;
    type = load_be16(frame + off);
  }
  t.ethertype = type;
  t.l3_offset = off + 2;
  return t;
}

uint8_t* vlan_push(uint8_t* start, size_t len, size_t headroom, VlanTag tag) {
  if (start == nullptr || headroom < kVlanTagLen || len < kEthernetHeaderLen) return nullptr;
  uint8_t* s = start - kVlanTagLen;
  std::memmove(s, start, kMacsLen);
  store_be16(s + kMacsLen, tag.tpid);
  store_be16(s + kMacsLen + 2, tag.tci);
  return s;
}

uint8_t* vlan_pop(uint8_t* start, size_t len, VlanTag* popped) {
  if (start == nullptr || len < kEthernetHeaderLen + kVlanTagLen) return nullptr;
  uint16_t tpid = load_be16(start + kMacsLen);
  if (!is_vlan_tpid(tpid)) return nullptr;
  if (popped != nullptr) *popped = VlanTag{tpid, load_be16(start + kMacsLen + 2)};
  std::memmove(start + kVlanTagLen, start, kMacsLen);
  return start + kVlanTagLen;
}

}  // namespace uvn::wire
