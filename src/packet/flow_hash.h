// The bonding transmit hash: which slave a frame leaves on in balance-xor and 802.3ad (and
// balance-tlb with tlb_dynamic_lb 0), for each xmit_hash_policy, with the value Linux 6.1's
// bond_xmit_hash() computes, followed by the same reduction to a slave index
// (bond_xmit_3ad_xor_slave_get: hash % number of usable slaves). The formulas, the source
// files they come from and the differences in later kernels are in
// tests/reference/bond-hash-notes.md.
//
// In short, with every multi-byte packet field taken as the kernel takes it (raw network
// bytes loaded as a host u32 on a little-endian machine) and fold(h) = h ^ h>>16, then ^ h>>8:
//   layer2       dst[5] ^ src[5] ^ EtherType                      (bond_eth_hash)
//   layer2+3     fold(layer2 ^ saddr ^ daddr)                      (bond_ip_hash)
//   layer3+4     fold(ports ^ saddr ^ daddr) >> 1; ICMP echo/timestamp hash their
//                type, code and identifier instead of ports
//   encap2+3/3+4 as layer2+3/layer3+4, but on the innermost headers the kernel's flow
//                dissector reaches (VLAN tags, IP-in-IP, GRE, ...); encap3+4 returns the
//                skb's L4 hash instead when it has one
//   vlan+srcmac  accelerated VLAN TCI ^ src[0..2] ^ src[3..5]
// IPv6 addresses enter as the XOR of their four 32-bit words. Frames that the policy cannot
// parse fall back to the layer2 value, as Linux does (a frame shorter than an Ethernet header
// hashes to 0).
//
// The frame is the bytes the bond's transmit path sees, from the destination MAC. Linux also
// reads two things that are not in those bytes, passed in XmitHashMeta: the skb's accelerated
// VLAN tag (a VLAN device stacked on a bond hands its tag over that way, because the bond
// offers VLAN transmit offload) and skb->hash when it is an L4 hash. uvn's VLAN devices push
// their tags in-band; outer_tag_accel asks for the Linux view of such a frame: the outermost
// in-band tag is taken as the accelerated tag and is not part of the bytes hashed. A bond
// should normally set it: in Linux the outermost tag of a frame reaching a bond's transmit path
// is accelerated in nearly every case (VLAN devices on the bond; bridged frames, whose receive
// path moved the tag out of the data); only raw packet-socket senders keep it in the data.
//
// Bounds: every read is checked against the frame length; nothing is allocated. Where Linux
// would read past the end (pskb_may_pull failing) the same fallback happens here.
//
// Deliberate differences from Linux: the values are those of a little-endian host; TIPC
// keepalive messages, which Linux hashes with a random key, use the source-node word like other
// TIPC messages; GRE-TEB assumes NET_IP_ALIGN 0 (x86-64). BPF flow dissector programs attached
// in the namespace are not modelled.
#pragma once

#include <cstddef>
#include <cstdint>

#include "packet/frame.h"

namespace uvn {

// xmit_hash_policy in Linux's numbering (BOND_XMIT_POLICY_*); the same values as
// dev/bond's XmitHashPolicy.
enum class FlowHashPolicy : uint8_t {
  kLayer2 = 0,
  kLayer34 = 1,
  kLayer23 = 2,
  kEncap23 = 3,
  kEncap34 = 4,
  kVlanSrcMac = 5,
};
inline constexpr uint8_t kFlowHashPolicyCount = 6;

// What bond_xmit_hash() reads besides the frame bytes.
struct XmitHashMeta {
  bool vlan_present = false;  // skb_vlan_tag_present(): an accelerated VLAN tag
  uint16_t vlan_tci = 0;      // skb_vlan_tag_get(): the whole TCI, PCP and DEI included
  bool l4_hash = false;       // skb->l4_hash: `hash` is a hash of the L4 flow
  uint32_t hash = 0;          // skb->hash; returned as is by encap3+4 when l4_hash is set
  // Take the frame's outermost 802.1Q/802.1ad tag as the accelerated tag (its TCI hashed by
  // vlan+srcmac, its 4 bytes removed before hashing). Ignored when vlan_present is already
  // set or the frame has no complete outer tag.
  bool outer_tag_accel = false;
};

// The accelerated-tag fields of a frame's metadata.
inline XmitHashMeta xmit_hash_meta(const FrameMeta& m) {
  XmitHashMeta x;
  x.vlan_present = m.vlan_present;
  x.vlan_tci = m.vlan_tci;
  return x;
}

// bond_xmit_hash(): the transmit hash of `len` bytes at `frame` under `policy`.
uint32_t bond_xmit_hash(FlowHashPolicy policy, const uint8_t* frame, size_t len,
                        const XmitHashMeta& meta = {});

// The index, among `slave_count` usable slaves in bond order, that Linux picks for `hash`
// (slaves->arr[hash % count]). 0 when slave_count is 0 (Linux then drops the frame: the
// caller must check).
inline uint32_t select_slave(uint32_t hash, uint32_t slave_count) {
  return slave_count == 0 ? 0 : hash % slave_count;
}

}  // namespace uvn
