#include "ctl/bridge_vlan.h"

#include <algorithm>

#include "wire/vlan.h"

namespace uvn::ctl {

namespace {

// br_vlan_valid_id: 1..4094.
bool valid_id(uint16_t vid) {
  return vid > 0 && vid <= wire::kVlanVidMax;
}

Status invalid_id() {
  return Error::with(EINVAL, "bridge: Vlan id is invalid");
}

// The VID checks br_process_vlan_info (add/del) and br_vlan_rtm_process_one (set) make, in
// their order: the start, a PVID in a range, the end, the end after the start.
Status check_range(const VlanRange& r, bool pvid) {
  if (!valid_id(r.vid)) return invalid_id();
  if (!r.end) return {};
  if (pvid) return Error::with(EINVAL, "bridge: Pvid isn't allowed in a range");
  if (!valid_id(*r.end)) return invalid_id();
  if (*r.end <= r.vid)
    return Error::with(EINVAL, "bridge: End vlan id is less than or equal to start vlan id");
  return {};
}

// What identifies a table's membership for change notifications.
struct Snapshot {
  std::vector<std::pair<uint16_t, bool>> vids;  // (vid, untagged)
  uint16_t pvid = 0;
  bool operator==(const Snapshot&) const = default;
};
Snapshot snapshot(const BrVlanTable& t) {
  Snapshot s;
  for (auto& v : t.list()) s.vids.emplace_back(v.vid, v.untagged);
  s.pvid = t.pvid();
  return s;
}

// IFLA_BRIDGE_VLAN_TUNNEL_INFO (br_parse_vlan_tunnel_info, br_process_vlan_tunnel_info,
// nbp_vlan_tunnel_info_add): no extack messages.
Status tunnel_one(BridgePort* p, const VlanModify& r, bool del) {
  auto [first_id, last_id] = *r.tunnel;
  const bool range = r.range.end && *r.range.end > r.range.vid;
  if (r.range.vid >= wire::kVlanVidMask || (range && *r.range.end >= wire::kVlanVidMask))
    return Error::errno_only(ERANGE);
  if (range && uint32_t(*r.range.end - r.range.vid) != last_id - first_id)
    return Error::errno_only(EINVAL);
  if (!p) return Error::errno_only(EINVAL);
  if (del) return {};  // uvn holds no mappings to delete
  for (uint32_t vid = r.range.vid; vid <= (range ? *r.range.end : r.range.vid); ++vid)
    if (!p->vlans.find(uint16_t(vid))) return Error::errno_only(EINVAL);
  return Error::errno_only(EOPNOTSUPP);  // a mapping needs VXLAN, which uvn does not have
}

// One target (a port, or the bridge itself with p nullptr) of an add or del.
Status modify_one(BridgeDevice& br, BridgePort* p, const VlanModify& r, bool del) {
  if (r.tunnel) return tunnel_one(p, r, del);
  if (auto st = check_range(r.range, r.pvid); !st) return st;
  Snapshot before = snapshot(br.vlans(p));
  for (uint32_t vid = r.range.vid; vid <= r.range.last(); ++vid) {
    if (del) {
      (void)br.vlan_del(p, uint16_t(vid));  // an absent VID is no error
    } else if (auto st = br.vlan_add(p, uint16_t(vid), r.pvid, r.untagged); !st) {
      return st;
    }
  }
  // br_setlink: br_ifinfo_notify when something changed (uvn announces ports; the message
  // for the bridge device itself is not modelled).
  if (p && !(snapshot(br.vlans(p)) == before)) br.notify_port(*p);
  return {};
}

bool usable(const BrVlan* v, const BridgePort* p) {
  return v && (p || v->brentry);
}

}  // namespace

bool vlan_mcast_enabled(const BridgeDevice& br, const BridgePort* p, uint16_t vid) {
  if (!br.opt(kBrMcastVlanSnooping)) return false;
  const BrVlan* master = br.vlans(nullptr).find(vid);
  if (!master || !master->mcast.snooping) return false;
  return usable(br.vlans(p).find(vid), p);
}

Status vlan_modify(Device& dev, const VlanModify& r, bool del) {
  // rtnl_bridge_setlink/dellink: without flags, or with `master`, the master's
  // ndo_bridge_setlink/dellink for DEV (a port); then with `self`, DEV's own (a bridge).
  Status st;
  if (!r.self || r.master) {
    auto* br = dynamic_cast<BridgeDevice*>(dev.master());
    BridgePort* p = br ? br->port_of(dev) : nullptr;
    st = p ? modify_one(*br, p, r, del) : Error::errno_only(EOPNOTSUPP);
  }
  if (st && r.self) {
    auto* br = dynamic_cast<BridgeDevice*>(&dev);
    st = br ? modify_one(*br, nullptr, r, del) : Error::errno_only(EOPNOTSUPP);
  }
  if (!st && del) return Error::errno_only(st.error().code);
  return st;
}

namespace {

// br_vlan_rtm_process: DEV must be a bridge or a bridge port.
Status vlandb_target(Device& dev, BridgeDevice*& br, BridgePort*& p) {
  if ((br = dynamic_cast<BridgeDevice*>(&dev))) {
    p = nullptr;
    return {};
  }
  br = dynamic_cast<BridgeDevice*>(dev.master());
  p = br ? br->port_of(dev) : nullptr;
  if (!p) return Error::with(EINVAL, "bridge: The device is not a valid bridge or bridge port");
  return {};
}

}  // namespace

Status vlan_set(Device& dev, const VlanSet& r) {
  BridgeDevice* br = nullptr;
  BridgePort* p = nullptr;
  if (auto st = vlandb_target(dev, br, p); !st) return st;
  if (auto st = check_range(r.range, false); !st) return st;
  BrVlanTable& vg = br->vlan_table(p);
  // br_vlan_process_options: the range's ends, then every VID, must be in use.
  if (!usable(vg.find(r.range.vid), p))
    return Error::with(ENOENT, "bridge: Vlan range start doesn't exist, can't process options");
  if (!usable(vg.find(r.range.last()), p))
    return Error::with(ENOENT, "bridge: Vlan range end doesn't exist, can't process options");
  // br_vlan_process_one_opts, per VID, in its order of attributes.
  for (uint32_t vid = r.range.vid; vid <= r.range.last(); ++vid) {
    if (!usable(vg.find(uint16_t(vid)), p))
      return Error::with(ENOENT, "bridge: Vlan in range doesn't exist, can't process options");
    if (r.state)
      if (auto st = br->check_vlan_state(*r.state); !st) return st;
    if (r.mcast_router)
      if (auto st = BridgeDevice::check_vlan_mcast_router(p, *r.mcast_router); !st) return st;
    if (r.mcast_max_groups) {
      if (!p) return Error::with(EINVAL, "bridge: Can't set mcast_max_groups for non-port vlans");
      if (!vlan_mcast_enabled(*br, p, uint16_t(vid)))
        return Error::with(EINVAL, "bridge: Multicast snooping disabled on this VLAN");
    }
    if (r.neigh_suppress && !p)
      return Error::with(EINVAL, "bridge: Can't set neigh_suppress for non-port vlans");
  }
  for (uint32_t vid = r.range.vid; vid <= r.range.last(); ++vid) {
    if (r.state)
      if (auto st = br->vlan_set_state(p, uint16_t(vid), *r.state); !st) return st;
    if (r.mcast_router)
      if (auto st = br->vlan_set_mcast_router(p, uint16_t(vid), *r.mcast_router); !st) return st;
    BrVlan& v = *vg.find(uint16_t(vid));
    if (r.mcast_max_groups) {
      v.mcast_max_groups = *r.mcast_max_groups;
      if (p) br->mcast_port_vlan_sync(*p, uint16_t(vid));
    }
    if (r.neigh_suppress) v.neigh_suppress = *r.neigh_suppress;
  }
  return {};
}

Status vlan_global_set(Device& dev, const VlanGlobalSet& r) {
  BridgeDevice* br = nullptr;
  BridgePort* p = nullptr;
  if (auto st = vlandb_target(dev, br, p); !st) return st;
  // br_vlan_rtm_process_global_options.
  if (p) return Error::with(EINVAL, "bridge: Global vlan options can only be set on bridge device");
  if (!valid_id(r.range.vid) || (r.range.end && !valid_id(*r.range.end))) return invalid_id();
  if (r.range.end && r.range.vid >= *r.range.end)
    return Error::with(EINVAL, "bridge: End vlan id is less than or equal to start vlan id");
  BrVlanTable& vg = br->vlan_table(nullptr);
  for (uint32_t vid = r.range.vid; vid <= r.range.last(); ++vid) {
    if (!vg.find(uint16_t(vid)))
      return Error::with(ENOENT,
                         "bridge: Vlan in range doesn't exist, can't process global options");
    // br_multicast_set_igmp_version / br_multicast_set_mld_version.
    if (r.mcast_igmp_version && (*r.mcast_igmp_version < 2 || *r.mcast_igmp_version > 3))
      return Error::errno_only(EINVAL);
    if (r.mcast_mld_version && (*r.mcast_mld_version < 1 || *r.mcast_mld_version > 2))
      return Error::errno_only(EINVAL);
  }
  // The kernel keeps the query intervals within [1 s, 24 h] (as ctl/bridge.cc for the
  // bridge's own options).
  auto clamp_interval = [](uint64_t v) { return std::clamp<uint64_t>(v, 100, 8640000); };
  for (uint32_t vid = r.range.vid; vid <= r.range.last(); ++vid) {
    BrVlanMcastCtx& m = vg.find(uint16_t(vid))->mcast;
    if (r.mcast_snooping) m.snooping = *r.mcast_snooping ? 1 : 0;
    if (r.mcast_igmp_version) m.igmp_version = *r.mcast_igmp_version;
    if (r.mcast_last_member_count) m.last_member_count = *r.mcast_last_member_count;
    if (r.mcast_startup_query_count) m.startup_query_count = *r.mcast_startup_query_count;
    if (r.mcast_last_member_interval) m.last_member_interval = *r.mcast_last_member_interval;
    if (r.mcast_membership_interval) m.membership_interval = *r.mcast_membership_interval;
    if (r.mcast_querier_interval) m.querier_interval = *r.mcast_querier_interval;
    if (r.mcast_query_interval) m.query_interval = clamp_interval(*r.mcast_query_interval);
    if (r.mcast_query_response_interval)
      m.query_response_interval = *r.mcast_query_response_interval;
    if (r.mcast_startup_query_interval)
      m.startup_query_interval = clamp_interval(*r.mcast_startup_query_interval);
    if (r.mcast_querier) m.querier = *r.mcast_querier ? 1 : 0;
    if (r.mcast_mld_version) m.mld_version = *r.mcast_mld_version;
    br->mcast_vlan_ctx_sync(uint16_t(vid));
  }
  br->mcast_kick();
  return {};
}

}  // namespace uvn::ctl
