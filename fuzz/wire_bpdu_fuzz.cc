// Fuzzes BpduView/BpduRepr and bpdu_llc_payload: the input is tried as a whole Ethernet frame
// and as an LLC payload; every accepted BPDU re-emits, re-parses to the same Repr, and its
// emitted octets match the input's for the fields the type defines.
#include <cstdint>
#include <cstring>
#include <vector>

#include "wire/bpdu.h"

using namespace uvn::wire;  // NOLINT

static void check_llc(const uint8_t* data, size_t size) {
  auto v = BpduView::parse_llc(data, size);
  if (!v) return;
  if (v->len() + kLlcHeaderLen != size || v->len() < kBpduHeaderLen) __builtin_trap();
  volatile uint32_t sink = v->protocol_id() + v->version() + v->type();
  if (v->has_config_fields())
    sink = sink + v->flags() + v->root_path_cost() + v->port_id() + v->message_age() +
           v->max_age() + v->hello_time() + v->forward_delay() + uint32_t(v->root_id().as_u64()) +
           uint32_t(v->bridge_id().as_u64());
  auto r = BpduRepr::parse(*v);
  if (!r) return;
  if (r->buffer_len() > v->len()) __builtin_trap();
  std::vector<uint8_t> out(r->llc_len());
  r->emit_llc(out.data());
  if (std::memcmp(out.data(), data, out.size()) != 0) __builtin_trap();
  auto v2 = BpduView::parse_llc(out.data(), out.size());
  if (!v2) __builtin_trap();
  auto r2 = BpduRepr::parse(*v2);
  if (!r2 || !(*r2 == *r)) __builtin_trap();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  check_llc(data, size);
  auto p = bpdu_llc_payload(data, size);
  if (!p) return 0;
  if (p->data < data || p->data + p->len > data + size) __builtin_trap();
  check_llc(p->data, p->len);
  return 0;
}
