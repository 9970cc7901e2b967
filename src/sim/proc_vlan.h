// The files of /proc/net/vlan (Linux net/8021q/vlanproc.c), per namespace:
//   config  two header lines, then `NAME(15 columns, left)| VID  | LOWER` for each VLAN device
//           of the namespace in ifindex order;
//   DEV     one VLAN device: its VID, REORDER_HDR flag and priv_flags, its rx/tx counters (as
//           `ip -s link`), its lower, and its ingress and egress priority mappings (every
//           egress mapping, those set back to PCP 0 included).
// tests/reference/vlan-ground-truth.md section 2 has the byte layout. The directory exists in
// every namespace, as it does once the 8021q module is loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "world/netns.h"

namespace uvn {
class VlanDevice;
}

namespace uvn::sim {

// The value printed as `dev->priv_flags` (internal kernel state; uvn's documented constant).
// Linux 6.1 gives a VLAN IFF_802_1Q_VLAN | IFF_UNICAST_FLT | IFF_NO_QUEUE, and
// IFF_XMIT_DST_RELEASE inherited from its lower: a veth, NIC, dummy, tap or VLAN lower has
// that bit (0x81021), a bridge (and a bond or team) clears it (0x81001); a VLAN on a VLAN has
// what its lower has.
inline constexpr uint64_t kProcVlanPrivFlags = 0x81021;
inline constexpr uint64_t kProcVlanPrivFlagsOnMaster = 0x81001;
uint64_t proc_vlan_priv_flags(const VlanDevice& dev);

// /proc/net/vlan/config of `ns`.
std::string proc_vlan_config(const Netns& ns);
// /proc/net/vlan/DEV of `ns`: nullopt when `ns` has no VLAN device of that name.
std::optional<std::string> proc_vlan_device(const Netns& ns, std::string_view name);

}  // namespace uvn::sim
