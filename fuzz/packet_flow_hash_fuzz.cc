// Fuzzes the bonding transmit hash on arbitrary frames: every policy, with and without an
// accelerated VLAN tag and with the outer tag taken as accelerated, stays within the frame
// (the input is copied to a buffer of exactly its size, so ASan sees any overread) and is
// deterministic; an skb L4 hash is returned as is by encap3+4 only; vlan+srcmac never
// exceeds 24 bits; slave selection stays in range.
#include <cstdint>
#include <cstring>
#include <memory>

#include "packet/flow_hash.h"

using uvn::bond_xmit_hash;
using uvn::FlowHashPolicy;
using uvn::XmitHashMeta;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first byte chooses the metadata; the rest is the frame.
  uint8_t ctl = size > 0 ? data[0] : 0;
  size_t len = size > 0 ? size - 1 : 0;
  auto frame = std::make_unique<uint8_t[]>(len);
  if (len > 0) std::memcpy(frame.get(), data + 1, len);

  XmitHashMeta meta;
  meta.vlan_present = ctl & 1;
  meta.vlan_tci = uint16_t(ctl) << 8 | ctl;
  meta.outer_tag_accel = ctl & 2;
  for (uint8_t p = 0; p < uvn::kFlowHashPolicyCount; ++p) {
    auto policy = FlowHashPolicy(p);
    uint32_t h = bond_xmit_hash(policy, frame.get(), len, meta);
    if (bond_xmit_hash(policy, frame.get(), len, meta) != h) __builtin_trap();
    if (policy == FlowHashPolicy::kVlanSrcMac && h > 0xffffff) __builtin_trap();
    if (policy == FlowHashPolicy::kLayer2 && h > 0xffff) __builtin_trap();
    for (uint32_t n = 1; n <= 8; ++n)
      if (uvn::select_slave(h, n) >= n) __builtin_trap();

    XmitHashMeta with_hash = meta;
    with_hash.l4_hash = true;
    with_hash.hash = 0x9e3779b9u ^ h;
    uint32_t h2 = bond_xmit_hash(policy, frame.get(), len, with_hash);
    if (policy == FlowHashPolicy::kEncap34 ? h2 != with_hash.hash : h2 != h) __builtin_trap();
  }
  return 0;
}
