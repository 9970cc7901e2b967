// Fuzzes EthernetView/EthernetRepr: a parsed header re-emits byte for byte and re-parses equal.
#include <cstdint>
#include <cstring>

#include "wire/ethernet.h"

using namespace uvn::wire;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto v = EthernetView::parse(data, size);
  if (!v) return 0;
  if (v->payload_len() + kEthernetHeaderLen != size) __builtin_trap();
  (void)ethertype_is_length(v->ethertype());
  auto r = EthernetRepr::parse(*v);
  if (!r) return 0;
  uint8_t out[kEthernetHeaderLen];
  r->emit(out);
  if (std::memcmp(out, data, sizeof(out)) != 0) __builtin_trap();
  auto v2 = EthernetView::parse(out, sizeof(out));
  if (!v2) __builtin_trap();
  auto r2 = EthernetRepr::parse(*v2);
  if (!r2 || !(*r2 == *r)) __builtin_trap();
  return 0;
}
