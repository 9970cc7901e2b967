// VLAN filtering on the bridge (Linux br_vlan.c, br_vlan_options.c): VLAN membership of the
// bridge and its ports, the default PVID, per-VLAN state and counters, the local FDB entries
// kept per VLAN, and the ingress/egress rules of a VLAN-aware bridge (802.1Q-2018 8.6.1/8.6.2
// as Linux applies them):
//  - ingress: a tag with another TPID than vlan_protocol is no tag; untagged and
//    priority-tagged frames belong to the port's PVID (dropped without one; a priority tag
//    keeps its PCP and DEI); other tagged frames must carry a VID of the port;
//  - egress: only to ports (and br0) that have the VID, in per-VLAN state forwarding, tagged
//    with the bridge's TPID unless the VID is egress-untagged there.
// The membership tables exist whatever vlan_filtering is (a new port gets the default PVID),
// as on a kernel built with VLAN filtering; only enforcement waits for vlan_filtering 1.
#include <cerrno>

#include "base/be.h"
#include "dev/bridge/bridge.h"
#include "wire/vlan.h"

namespace uvn {

namespace {
bool frame_tagged(const Frame& f, uint16_t tpid) {
  return f.size() >= wire::kEthernetHeaderLen + wire::kVlanTagLen &&
         load_be16(f.data() + 12) == tpid;
}
}  // namespace

std::vector<uint16_t> BridgeDevice::local_vids(const BridgePort* p) const {
  std::vector<uint16_t> v{0};
  if (opt(kBrFdbLocalVlan0)) return v;
  for (auto& e : vlans(p).list())
    if (p || e.brentry) v.push_back(e.vid);
  return v;
}

void BridgeDevice::add_local_entries(BridgePort* p, const MacAddr& m) {
  for (uint16_t vid : local_vids(p)) add_local_entry(p, m, vid);
}

void BridgeDevice::delete_local_entry(BridgePort* p, const MacAddr& m, uint16_t vid) {
  FdbEntry* e = fdb_.find(m, vid);
  if (!e || !e->is_local() || e->port != p) return;
  if (vid && opt(kBrFdbLocalVlan0)) {  // no per-VLAN local entries to hand over then
    fdb_.erase(m, vid);
    return;
  }
  // Another port with this address and VID keeps the entry, then the bridge itself.
  for (auto& o : ports_) {
    if (o.get() != p && o->dev().mac() == m && (!vid || o->vlans.find(vid))) {
      e->port = o.get();
      e->flags &= uint16_t(~kFdbAddedByUser);
      return;
    }
  }
  if (p && mac() == m) {
    const BrVlan* v = vlans_.find(vid);
    if (!vid || (v && v->brentry)) {
      e->port = nullptr;
      e->flags &= uint16_t(~kFdbAddedByUser);
      return;
    }
  }
  fdb_.erase(m, vid);
}

void BridgeDevice::find_delete_local(BridgePort* p, const MacAddr& m, uint16_t vid) {
  if (FdbEntry* e = fdb_.find(m, vid); e && !(e->flags & kFdbAddedByUser))
    delete_local_entry(p, m, vid);  // which checks it is p's local entry
}

FdbEntry* BridgeDevice::fdb_lookup_local_vlan_0(const MacAddr& dst) {
  // Local entries live on VID 0 only: they still terminate frames of every VLAN (the
  // bridge's own ones, not entries a user added on VID 0).
  FdbEntry* e = fdb_.find(dst, 0);
  return e && e->is_local() && !(e->flags & kFdbAddedByUser) ? e : nullptr;
}

void BridgeDevice::vlan_init_port(BridgePort& p) {
  // nbp_vlan_init: the bridge's default PVID, untagged.
  if (uint16_t pvid = uint16_t(opt(kBrVlanDefaultPvid))) (void)vlan_add(&p, pvid, true, true);
}

Status BridgeDevice::vlan_add(BridgePort* p, uint16_t vid, bool pvid, bool untagged) {
  if (vid == 0 || vid > wire::kVlanVidMax) return Error::with(EINVAL, "bridge: Vlan id is invalid");
  BrVlanTable& vg = p ? p->vlans : vlans_;
  bool created = false;
  vg.insert(vid, &created);
  if (p && created) {
    // The bridge keeps a context entry for every VID a port has (br_vlan_get_master).
    ++vlans_.insert(vid).port_refs;
    if (!opt(kBrFdbLocalVlan0)) add_local_entry(p, p->dev().mac(), vid);
  }
  BrVlan& v = *vg.find(vid);
  if (!p && !v.brentry) {
    v.brentry = true;
    if (!opt(kBrFdbLocalVlan0)) add_local_entry(nullptr, mac(), vid);
  }
  v.untagged = untagged;
  if (pvid)
    vg.set_pvid(vid);
  else if (vg.pvid() == vid)
    vg.set_pvid(0);
  if (p) {
    mcast_port_vlan_sync(*p, vid);
    notify_watchers(kChangeVlanPorts);
  } else {
    mcast_vlan_ctx_sync(vid);
  }
  return {};
}

bool BridgeDevice::vlan_del(BridgePort* p, uint16_t vid) {
  if (p) {
    if (!p->vlans.find(vid)) return false;
    // nbp_vlan_delete: the port's local entry, then its dynamic entries on the VID.
    find_delete_local(p, p->dev().mac(), vid);
    fdb_.erase_if([&](const FdbEntry& e) {
      return e.port == p && e.vid == vid && !(e.flags & (kFdbStatic | kFdbExternLearn));
    });
    p->vlans.erase(vid);
    if (BrVlan* m = vlans_.find(vid); m && --m->port_refs == 0 && !m->brentry) vlans_.erase(vid);
    // The port's groups on the VID go with it (its port-VLAN multicast context).
    mcast_port_vlan_sync(*p, vid);
    notify_watchers(kChangeVlanPorts);
    return true;
  }
  BrVlan* v = vlans_.find(vid);
  if (!v || !v->brentry) return false;
  find_delete_local(nullptr, mac(), vid);
  fdb_.erase_if([&](const FdbEntry& e) {
    return !e.port && e.vid == vid && !(e.flags & (kFdbStatic | kFdbExternLearn));
  });
  v = vlans_.find(vid);
  if (v->port_refs) {
    // Ports still use it: it stays as their context.
    v->brentry = false;
    v->untagged = false;
    if (vlans_.pvid() == vid) vlans_.set_pvid(0);
  } else {
    vlans_.erase(vid);
  }
  mcast_vlan_ctx_sync(vid);
  return true;
}

Status BridgeDevice::check_vlan_state(uint8_t state) const {
  // The attribute's range first, then br_vlan_modify_state's rules.
  if (state > kBrStateBlocking) return Error::with(EINVAL, "bridge: Invalid vlan state");
  if (opt(kBrStpState) == 1)
    return Error::with(EBUSY, "bridge: Can't modify vlan state when using kernel STP");
  if (opt(kBrMstEnabled))
    return Error::with(EBUSY, "bridge: Can't modify vlan state directly when MST is enabled");
  return {};
}

Status BridgeDevice::check_vlan_mcast_router(const BridgePort* p, uint8_t v) {
  // br_multicast_set_port_router (also temp) or br_multicast_set_router (bridge: disabled,
  // temp_query, perm).
  if (v > (p ? 3 : 2)) return Error::errno_only(EINVAL);
  return {};
}

Status BridgeDevice::vlan_set_state(BridgePort* p, uint16_t vid, uint8_t state) {
  if (auto st = check_vlan_state(state); !st) return st;
  BrVlan* v = (p ? p->vlans : vlans_).find(vid);
  if (!v || (!p && !v->brentry)) return Error::errno_only(ENOENT);
  v->state = state;
  return {};
}

Status BridgeDevice::vlan_set_mcast_router(BridgePort* p, uint16_t vid, uint8_t val) {
  if (auto st = check_vlan_mcast_router(p, val); !st) return st;
  BrVlan* v = (p ? p->vlans : vlans_).find(vid);
  if (!v || (!p && !v->brentry)) return Error::errno_only(ENOENT);
  v->mcast_router = val;
  if (p) {
    (void)mcast_.port_vlan_set_router(p->port_no(), vid, val, now());
    mcast_kick();
  }
  return {};
}

const BrVlan* BridgeDevice::stats_entry(const BridgePort* p, uint16_t vid) const {
  return (p && opt(kBrVlanStatsPerPort) ? p->vlans : vlans_).find(vid);
}

BrVlanStats* BridgeDevice::stats_for(BridgePort* p, uint16_t vid) {
  if (!opt(kBrVlanStatsEnabled)) return nullptr;
  // Counters are bookkeeping on an entry the data path otherwise only reads.
  const BrVlan* v = stats_entry(p, vid);
  return v ? &const_cast<BrVlan*>(v)->stats : nullptr;
}

BrVlanStats BridgeDevice::vlan_stats(const BridgePort* p, uint16_t vid) const {
  const BrVlan* v = stats_entry(p, vid);
  return v ? v->stats : BrVlanStats{};
}

std::optional<bool> BridgeDevice::vlan_has_active_port(uint16_t vid) const {
  if (!carrier()) return false;
  for (auto& p : ports_)
    if (p->vlans.find(vid) && p->dev().is_up() && p->dev().carrier()) return true;
  return false;
}

std::optional<uint16_t> BridgeDevice::vlan_ingress(BridgePort* p, Frame& f, bool apply) {
  const BrVlanTable& vg = vlans(p);
  const bool tagged = frame_tagged(f, vlan_tpid());
  const uint16_t tci = tagged ? load_be16(f.data() + 14) : 0;
  uint16_t vid = tci & wire::kVlanVidMask;
  if (!tagged || vid == 0) {
    // Untagged or priority-tagged: the PVID's (a priority tag keeps its PCP and DEI).
    vid = vg.pvid();
    if (!vid) return std::nullopt;
    if (tagged && apply) store_be16(f.data() + 14, uint16_t((tci & 0xf000) | vid));
  }
  const BrVlan* v = vg.find(vid);
  if (!v || (!p && !v->brentry)) return std::nullopt;
  return vid;
}

bool BridgeDevice::vlan_egress(BridgePort* p, Frame& f, uint16_t vid) {
  const BrVlan* v = vlans(p).find(vid);
  if (!v || (!p && !v->brentry) || v->state != kBrStateForwarding) return false;
  return vlan_retag(p, f, *v);
}

bool BridgeDevice::vlan_retag(BridgePort* p, Frame& f, const BrVlan& v) {
  const uint16_t tpid = vlan_tpid();
  const bool tagged = frame_tagged(f, tpid);
  if (v.untagged && tagged) {
    if (!wire::vlan_pop(f.data(), f.size())) return false;
    f.pull(wire::kVlanTagLen);
  } else if (!v.untagged && !tagged) {
    if (!wire::vlan_push(f.data(), f.size(), f.headroom(), wire::VlanTag{tpid, v.vid}))
      return false;
    f.push(wire::kVlanTagLen);
  }
  if (BrVlanStats* s = stats_for(p, v.vid)) {
    ++s->tx_packets;
    s->tx_bytes += f.size() - wire::kEthernetHeaderLen - (v.untagged ? 0 : wire::kVlanTagLen);
  }
  return true;
}

void BridgeDevice::vlan_default_pvid_changed(uint16_t old_pvid, uint16_t pvid) {
  // __br_vlan_set_default_pvid: where the old default is still in its default form (PVID,
  // untagged; or there was none), the new one replaces it, unless the new VID is in use.
  auto is_default = [](const BrVlanTable& vg, uint16_t vid, bool bridge) {
    const BrVlan* v = vg.find(vid);
    return v && (!bridge || v->brentry) && vg.pvid() == vid && v->untagged;
  };
  if (pvid == 0) {
    if (old_pvid && is_default(vlans_, old_pvid, true)) vlan_del(nullptr, old_pvid);
    for (auto& p : ports_)
      if (old_pvid && is_default(p->vlans, old_pvid, false)) vlan_del(p.get(), old_pvid);
    return;
  }
  const BrVlan* pv = vlans_.find(pvid);
  if ((!old_pvid || is_default(vlans_, old_pvid, true)) && !(pv && pv->brentry)) {
    (void)vlan_add(nullptr, pvid, true, true);
    if (old_pvid) vlan_del(nullptr, old_pvid);
  }
  for (auto& p : ports_) {
    if ((old_pvid && !is_default(p->vlans, old_pvid, false)) || p->vlans.find(pvid)) continue;
    (void)vlan_add(p.get(), pvid, true, true);
    if (old_pvid) vlan_del(p.get(), old_pvid);
  }
}

void BridgeDevice::vlan_local_vlan_0_changed() {
  // fdb_local_vlan_0 on: the per-VLAN copies of local entries go; off: they come back. Ports
  // first, then the bridge, each by VID (so a MAC shared by a port and the bridge stays the
  // port's, as br_fdb_insert_locals_per_vlan / br_fdb_delete_locals_per_vlan).
  const bool on = opt(kBrFdbLocalVlan0);
  auto each_owner = [&](auto&& f) {
    for (auto& p : ports_) f(p.get(), p->dev().mac());
    f(nullptr, mac());
  };
  each_owner([&](BridgePort* p, const MacAddr& m) {
    for (auto& v : vlans(p).list()) {
      if (!p && !v.brentry) continue;
      if (!on)
        add_local_entry(p, m, v.vid);
      else
        find_delete_local(p, m, v.vid);
    }
  });
}

void BridgeDevice::vlan_flush_port(BridgePort& p) {
  // nbp_vlan_flush: the port's VLANs go without FDB work (br_fdb_delete_by_port follows).
  for (auto& v : p.vlans.list())
    if (BrVlan* m = vlans_.find(v.vid); m && --m->port_refs == 0 && !m->brentry)
      vlans_.erase(v.vid);
  p.vlans.clear();
  notify_watchers(kChangeVlanPorts);
}

void BridgeDevice::count_vlan_rx(BridgePort* p, const Frame& f, uint16_t vid) {
  if (BrVlanStats* s = stats_for(p, vid)) {
    ++s->rx_packets;
    s->rx_bytes += f.size() - wire::kEthernetHeaderLen -
                   (frame_tagged(f, vlan_tpid()) ? wire::kVlanTagLen : 0);
  }
}

MacAddr BridgeDevice::group_mac() const {
  MacAddr group;
  uint64_t g = opt(kBrGroupAddress);
  for (int k = 0; k < 6; ++k) group.b[k] = uint8_t(g >> (8 * (5 - k)));
  return group;
}

void BridgeDevice::recalc_group_addr() {
  // br_recalculate_fwd_mask / recalculate_group_addr: an 802.1ad VLAN-aware bridge is a
  // provider bridge: its own BPDUs go to 01:80:c2:00:00:08 and it forwards the customer
  // bridges' groups (00, 0b, 0c, 0d, 0f) less its own.
  const bool provider = vlan_filtering() && vlan_tpid() == 0x88a8;
  if (!group_addr_set_) opts_.set(kBrGroupAddress, provider ? 0x0180c2000008 : 0x0180c2000000);
  group_fwd_required_ =
      provider ? uint16_t(0xb801 & ~(1u << (opt(kBrGroupAddress) & 0x0f))) : uint16_t(0);
}

}  // namespace uvn
