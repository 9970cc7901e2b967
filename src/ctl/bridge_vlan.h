// Bridge VLAN requests: `bridge vlan add|del` (RTM_SETLINK/RTM_DELLINK, family AF_BRIDGE,
// IFLA_BRIDGE_VLAN_INFO), `bridge vlan set` (RTM_NEWVLAN with BRIDGE_VLANDB_ENTRY options) and
// `bridge vlan global set` (RTM_NEWVLAN with BRIDGE_VLANDB_GLOBAL_OPTIONS), with the kernel's
// routing and rules (net/core/rtnetlink.c rtnl_bridge_setlink, net/bridge/br_netlink.c,
// br_vlan.c, br_vlan_options.c). Each request is checked for every VID of its range before
// anything changes: where the kernel stops part way through a range, uvn refuses the whole
// request (docs/architecture.md, "Deliberate differences"). One exception keeps Linux's
// order: `add|del ... master self` on a port changes the port, then fails (EOPNOTSUPP) on
// `self`, as rtnl_bridge_setlink does.
//
// VIDs are given as the request carries them (16-bit, not yet checked): the kernel, not
// iproute2, refuses 0 and 4095.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

#include "base/result.h"
#include "dev/bridge/bridge.h"

namespace uvn::ctl {

// One VID, or the range vid..end.
struct VlanRange {
  uint16_t vid = 0;
  std::optional<uint16_t> end;
  uint16_t last() const { return end.value_or(vid); }
};

// `bridge vlan add|del vid VID[-VID] dev DEV [pvid] [untagged] [self] [master]`.
//  - Neither word, or `master`: the entry of DEV as a port of its master (EOPNOTSUPP when
//    DEV has no bridge master: a bridge itself, or a device that is no port).
//  - `self`: the bridge's own entry when DEV is a bridge (EOPNOTSUPP otherwise). With both
//    words the port part is done first, then `self` is tried, as the kernel does.
//  - add on an existing VID replaces its flags (PVID moves; tagged unless `untagged`); del
//    of a VID that is not there succeeds.
// A port whose VLANs changed is announced (AF_BRIDGE RTM_NEWLINK, br_ifinfo_notify). Errors
// of a del carry no message (ndo_bridge_dellink has no extack).
struct VlanModify {
  VlanRange range;
  bool pvid = false, untagged = false;
  bool self = false, master = false;
  // `tunnel_info id ID[-ID]`: a VLAN-to-tunnel-id mapping instead of VLAN entries (first
  // and last id; the last is 0 when none was given). Checked as the kernel does (EINVAL on the
  // bridge itself, for a VID the port lacks, or for ranges of different sizes; ERANGE for
  // VID 4095 and above), then refused for add (EOPNOTSUPP: uvn has no VXLAN); del has
  // nothing to remove.
  std::optional<std::pair<uint32_t, uint32_t>> tunnel;
};
Status vlan_modify(Device& dev, const VlanModify& r, bool del);

// `bridge vlan set dev DEV vid VID[-VID] [state S] [mcast_router N] [neigh_suppress on|off]
// [mcast_max_groups N]`: per-VLAN options of a port's VLANs or the bridge's own (DEV a bridge).
// neigh_suppress and mcast_max_groups are newer than iproute2 6.1 (Linux 6.7 / 6.3); uvn
// accepts and stores them, as newer iproute2 sends them. mcast_max_groups needs the VLAN's
// multicast context enabled (vlan_mcast_enabled).
struct VlanSet {
  VlanRange range;
  std::optional<uint8_t> state, mcast_router;
  std::optional<bool> neigh_suppress;
  std::optional<uint32_t> mcast_max_groups;
};
Status vlan_set(Device& dev, const VlanSet& r);

// `bridge vlan global set dev BR vid VID[-VID] <mcast options>`: the bridge's per-VLAN
// multicast context (BrVlanMcastCtx) of any VLAN in its table, port context included.
// mcast_snooping and mcast_querier take any number (non-zero: 1); the IGMP version must be 2
// or 3, the MLD version 1 or 2 (EINVAL); query and startup query intervals are clamped into
// [1 s, 24 h] as for the bridge's own options.
struct VlanGlobalSet {
  VlanRange range;
  std::optional<uint8_t> mcast_snooping, mcast_querier, mcast_igmp_version, mcast_mld_version;
  std::optional<uint32_t> mcast_last_member_count, mcast_startup_query_count;
  std::optional<uint64_t> mcast_last_member_interval, mcast_membership_interval,
      mcast_querier_interval, mcast_query_interval, mcast_query_response_interval,
      mcast_startup_query_interval;
};
Status vlan_global_set(Device& dev, const VlanGlobalSet& r);

// Whether the multicast context of VLAN `vid` of `p` (nullptr: the bridge's own entry) is
// enabled (BR_VLFLAG_MCAST_ENABLED): the bridge has mcast_vlan_snooping on and the VLAN's
// global mcast_snooping is on.
bool vlan_mcast_enabled(const BridgeDevice& br, const BridgePort* p, uint16_t vid);

}  // namespace uvn::ctl
