// Fuzzes ArpView/ArpRepr: an accepted Ethernet/IPv4 packet re-emits byte for byte.
#include <cstdint>
#include <cstring>

#include "wire/arp.h"

using namespace uvn::wire;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto v = ArpView::parse(data, size);
  if (!v) return 0;
  if (v->packet_len() > size) __builtin_trap();
  // Touch every address field: they must lie inside the buffer (ASan checks).
  volatile uint8_t sink = 0;
  for (const uint8_t* p : {v->sha(), v->tha()})
    for (size_t i = 0; i < v->hlen(); ++i) sink = sink ^ p[i];
  for (const uint8_t* p : {v->spa(), v->tpa()})
    for (size_t i = 0; i < v->plen(); ++i) sink = sink ^ p[i];
  auto r = ArpRepr::parse(*v);
  if (!r) return 0;
  uint8_t out[kArpEthIpv4Len];
  r->emit(out);
  if (std::memcmp(out, data, sizeof(out)) != 0) __builtin_trap();
  auto v2 = ArpView::parse(out, sizeof(out));
  if (!v2) __builtin_trap();
  auto r2 = ArpRepr::parse(*v2);
  if (!r2 || !(*r2 == *r)) __builtin_trap();
  return 0;
}
