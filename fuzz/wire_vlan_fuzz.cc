// Fuzzes the 802.1Q/802.1ad code on whole Ethernet frames: parse_vlan_tags() stays in bounds,
// popping every tag and pushing them back restores the frame, and VlanRepr round-trips.
#include <cstdint>
#include <cstring>
#include <vector>

#include "base/be.h"
#include "wire/vlan.h"

using namespace uvn::wire;  // NOLINT

namespace {

void check_tag_header(const uint8_t* data, size_t size) {
  auto v = VlanView::parse(data, size);
  if (!v) return;
  auto r = VlanRepr::parse(*v);
  if (!r) return;
  uint8_t out[kVlanTagLen];
  r->emit(out);
  if (std::memcmp(out, data, sizeof(out)) != 0) __builtin_trap();
  auto r2 = VlanRepr::parse(*VlanView::parse(out, sizeof(out)));
  if (!r2 || !(*r2 == *r)) __builtin_trap();
  if (VlanTci::from_u16(r->tci.to_u16()) != r->tci) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size >= kEthernetHeaderLen) check_tag_header(data + kEthernetHeaderLen - 2, size - 12);
  auto t = parse_vlan_tags(data, size);
  if (!t) return 0;
  if (t->count > kMaxVlanTags || t->l3_offset > size ||
      t->l3_offset != kEthernetHeaderLen + kVlanTagLen * t->count || is_vlan_tpid(t->ethertype))
    __builtin_trap();
  if (uvn::load_be16(data + t->l3_offset - 2) != t->ethertype) __builtin_trap();

  // Pop every tag, then push them back into the room the pops freed.
  std::vector<uint8_t> buf(data, data + size);
  uint8_t* start = buf.data();
  size_t len = size;
  for (size_t i = 0; i < t->count; ++i) {
    VlanTag popped;
    uint8_t* s = vlan_pop(start, len, &popped);
    if (s != start + kVlanTagLen || !(popped == t->tag[i])) __builtin_trap();
    start = s;
    len -= kVlanTagLen;
  }
  if (vlan_pop(start, len) != nullptr) __builtin_trap();
  auto untagged = parse_vlan_tags(start, len);
  if (!untagged || untagged->count != 0 || untagged->ethertype != t->ethertype) __builtin_trap();
  for (size_t i = t->count; i-- > 0;) {
    uint8_t* s = vlan_push(start, len, size_t(start - buf.data()), t->tag[i]);
    if (s != start - kVlanTagLen) __builtin_trap();
    start = s;
    len += kVlanTagLen;
  }
  if (start != buf.data() || std::memcmp(start, data, size) != 0) __builtin_trap();
  if (vlan_push(start, len, 0, VlanTag{}) != nullptr) __builtin_trap();
  return 0;
}
