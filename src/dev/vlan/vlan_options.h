// The VLAN device's options (`ip link add link DEV type vlan ...`) as data: the TPID, the
// VID and the flag word's bits, in the order iproute2 prints the flags with -d. The flags
// are on/off options; REORDER_HDR is the only one on by default, as in Linux.
#pragma once

#include <cstddef>
#include <cstdint>

#include "dev/core/options.h"

namespace uvn {

enum VlanOpt : size_t {
  kVlanProtocol,  // enum: 0 = 802.1Q (0x8100), 1 = 802.1ad (0x88a8)
  kVlanId,        // 0..4094
  kVlanReorderHdr,
  kVlanGvrp,
  kVlanMvrp,
  kVlanLooseBinding,
  kVlanBridgeBinding,
  kVlanCount
};

extern const OptionTable kVlanOptionTable;

// The first and last flag options, in print order (REORDER_HDR, GVRP, MVRP, LOOSE_BINDING,
// BRIDGE_BINDING).
inline constexpr size_t kVlanFirstFlag = kVlanReorderHdr;
inline constexpr size_t kVlanLastFlag = kVlanBridgeBinding;
// The flag's name in the -d flag list (<REORDER_HDR,GVRP,...>).
const char* vlan_flag_label(size_t opt);

// The TPID of a kVlanProtocol value, and back (nullopt-like 0xffff for other TPIDs).
uint16_t vlan_tpid_of(uint64_t protocol);
uint64_t vlan_protocol_of(uint16_t tpid);

}  // namespace uvn
