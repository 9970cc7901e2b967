#include "ctl/bridge.h"

#include "world/netns.h"

namespace uvn::ctl {

namespace {

Status check_one(const BridgeDevice* br, BridgeOpt o, uint64_t v, const BridgeOptList& all) {
  auto value_of = [&](BridgeOpt k) -> uint64_t {
    for (auto& [key, val] : all)
      if (key == k) return val;
    return br ? br->opt(k) : kBridgeOptionTable.specs()[k].def;
  };
  bool stp = value_of(kBrStpState) != 0;
  switch (o) {
    case kBrForwardDelay:
      // Linux applies forward_delay before stp_state, so the range holds only when STP is
      // already on (turning it on in the same request clamps instead, bridge_set).
      if ((br ? br->opt(kBrStpState) : kBridgeOptionTable.specs()[kBrStpState].def) &&
          (v < 200 || v > 3000))
        return Error::errno_only(ERANGE);
      break;
    case kBrHelloTime:
      if (v < 100 || v > 1000) return Error::errno_only(ERANGE);
      break;
    case kBrMaxAge:
      if (v < 600 || v > 4000) return Error::errno_only(ERANGE);
      break;
    case kBrGroupFwdMask:
      if (v & 0x7) return Error::errno_only(EINVAL);  // STP, MAC pause, LACP stay local
      break;
    case kBrGroupAddress: {
      uint8_t last = uint8_t(v);
      if ((v >> 8) != 0x0180c20000 || (last > 0 && last < 4) || last > 0x0f)
        return Error::errno_only(EINVAL);
      break;
    }
    case kBrMcastRouter:
      if (v > 2) return Error::errno_only(EINVAL);
      break;
    case kBrMcastIgmpVersion:
      if (v < 2 || v > 3) return Error::errno_only(EINVAL);
      break;
    case kBrMcastMldVersion:
      if (v < 1 || v > 2) return Error::errno_only(EINVAL);
      break;
    case kBrMcastVlanSnooping:
      if (v && !value_of(kBrVlanFiltering))
        return Error::with(EINVAL,
                           "bridge: Cannot enable multicast vlan snooping with vlan filtering "
                           "disabled");
      break;
    case kBrVlanDefaultPvid:
      if (v > 4094) return Error::errno_only(EINVAL);
      break;
    case kBrVlanStatsPerPort:
      // Only while no port has a VLAN (ports get the default PVID when they join).
      if (br)
        for (auto& p : br->ports())
          if (!p->vlans.empty()) return Error::errno_only(EBUSY);
      break;
    case kBrMstEnabled:
      // br_mst_set_enabled checks the ports' VLANs before whether anything changes.
      if (br)
        for (auto& p : br->ports())
          if (!p->vlans.empty())
            return Error::with(EBUSY, "MST mode can't be changed while VLANs exist");
      break;
    case kBrStpMode:
      // Fixed while STP runs, unless unchanged or the same request turns STP off.
      if (br && br->opt(kBrStpState) && v != br->opt(kBrStpMode) && stp)
        return Error::errno_only(EBUSY);
      break;
    default:
      break;
  }
  return {};
}

// The kernel clamps multicast intervals into [1 s, 24 h] (in centiseconds).
uint64_t clamp_value(BridgeOpt o, uint64_t v) {
  switch (o) {
    case kBrMcastQueryInterval:
    case kBrMcastStartupQueryInterval:
      return std::clamp<uint64_t>(v, 100, 8640000);
    case kBrStpState:
      return v ? 1 : 0;
    case kBrMcastHashElasticity:
      return 16;
    default:
      return v;
  }
}

}  // namespace

Status bridge_check(const BridgeDevice* br, const BridgeOptList& opts) {
  for (auto& [o, v] : opts)
    if (auto st = check_one(br, o, v, opts); !st) return st;
  return {};
}

Status bridge_set(BridgeDevice& br, const BridgeOptList& opts) {
  if (auto st = bridge_check(&br, opts); !st) return st;
  // forward_delay first, whatever the argument order: Linux handles the attributes in their
  // numeric order (IFLA_BR_FORWARD_DELAY before IFLA_BR_STP_STATE).
  BridgeOptList ordered;
  for (auto& ov : opts)
    if (ov.first == kBrForwardDelay) ordered.push_back(ov);
  for (auto& ov : opts)
    if (ov.first != kBrForwardDelay) ordered.push_back(ov);
  for (auto& [o, v] : ordered) {
    if (o == kBrStpState && v &&
        (br.opt(kBrForwardDelay) < 200 || br.opt(kBrForwardDelay) > 3000))  // as Linux:
      br.set_opt(kBrForwardDelay,  // turning STP on clamps forward_delay into [2 s, 30 s]
                 std::clamp<uint64_t>(br.opt(kBrForwardDelay), 200, 3000));
    br.set_opt(o, clamp_value(o, v));
  }
  return {};
}

Status bridge_port_check(Netns& ns, const BridgeDevice& br, const BridgePort& p,
                         const PortSet& req) {
  for (auto& [o, v] : req.opts) {
    switch (o) {
      case kBpPriority:
        if (v > 63) return Error::errno_only(ERANGE);
        break;
      case kBpCost:
        if (v < 1 || v > 65535) return Error::errno_only(ERANGE);
        break;
      case kBpState:
        if (v > kBrStateBlocking) return Error::errno_only(EINVAL);
        if (br.opt(kBrStpState) != 0) return Error::errno_only(EBUSY);
        break;
      case kBpGroupFwdMask:
        if (v & 0x2) return Error::errno_only(EINVAL);  // MAC pause frames never
        break;
      case kBpMcastRouter:
        if (v > 3) return Error::errno_only(EINVAL);
        break;
      default:
        break;
    }
  }
  // MAB needs a locked port that learns (checked on the flags as they would end up).
  auto after = [&](BridgePortOpt o) {
    uint64_t v = p.opt(o);
    for (auto& [k, x] : req.opts)
      if (k == o) v = x;
    return v != 0;
  };
  if (after(kBpMab) && (!after(kBpLocked) || !after(kBpLearning)))
    return Error::with(EINVAL,
                       "Bridge port must be locked and have learning enabled when MAB is enabled");
  if (req.backup_port && !req.backup_port->empty()) {
    Device* d = ns.find(*req.backup_port);
    const BridgePort* backup = d ? br.port_of(*d) : nullptr;
    if (!backup) return Error::errno_only(ENOENT);
    if (backup == &p) return Error::errno_only(EINVAL);
  }
  return {};
}

Status bridge_port_set(Netns& ns, BridgeDevice& br, BridgePort& p, const PortSet& req) {
  if (auto st = bridge_port_check(ns, br, p, req); !st) return st;
  BridgePort* backup = nullptr;
  if (req.backup_port && !req.backup_port->empty()) backup = br.port_of(*ns.find(*req.backup_port));
  const bool had_mab = p.opt(kBpMab) != 0;
  for (auto& [o, v] : req.opts) {
    p.set_opt(o, v);
    if (o == kBpCost) p.cost_set_by_user = true;
    if (o == kBpState) {
      // With STP off, blocking turns straight into forwarding (the port is enabled).
      uint8_t s = uint8_t(v);
      if (s == kBrStateBlocking && p.dev().is_up() && p.dev().carrier()) s = kBrStateForwarding;
      p.set_state(s);
      if (!p.learning_state()) br.fdb_flush_port(&p, true);
      br.recalc_carrier();
    }
  }
  if (req.backup_port) p.backup_port = backup;
  // Turning MAB off forgets the port's locked (unauthorised) entries.
  if (had_mab && !p.opt(kBpMab))
    br.fdb().erase_if([&](const FdbEntry& e) { return e.port == &p && (e.flags & kFdbLocked); });
  br.notify_port(p);  // br_setlink announces the port once the request is applied
  return {};
}

Status fdb_change(World& /*w*/, Netns& ns, const FdbRequest& r, FdbOp op) {
  Device* dev = ns.find(r.dev);
  if (!dev) return Error::errno_only(ENODEV);
  bool master = r.master;
  bool self = r.self || !r.master;  // iproute2 sends NTF_SELF unless told `master`
  if (r.mac.is_zero()) return Error::errno_only(EINVAL);
  auto to_add = [&r] {
    BridgeDevice::FdbAdd a;
    a.state = r.state == FdbState::kPermanent ? BridgeDevice::FdbAdd::kPermanent
              : r.state == FdbState::kStatic  ? BridgeDevice::FdbAdd::kStatic
                                              : BridgeDevice::FdbAdd::kDynamic;
    a.sticky = r.sticky;
    a.notify = r.notify;
    a.refresh = !r.norefresh;
    return a;
  };
  const bool create = op != FdbOp::kDel, excl = op == FdbOp::kAdd;
  // br_fdb_add: a given VLAN must be one of the device's (a delete may name any: entries
  // outlive the VLAN they were made on); without one the entry is made on VID 0 and on each
  // of the device's VLANs (a delete succeeds if any went). As Linux, an add that fails on
  // one VLAN keeps the ones made before it.
  auto vids_of = [&r, op](const BridgeDevice& br, const BridgePort* port)
      -> std::optional<std::vector<uint16_t>> {
    const BrVlanTable& vg = br.vlans(port);
    if (r.vlan && *r.vlan) {
      const BrVlan* v = vg.find(*r.vlan);
      if (op != FdbOp::kDel && (!v || (!port && !v->brentry))) return std::nullopt;
      return std::vector<uint16_t>{*r.vlan};
    }
    std::vector<uint16_t> vids{0};
    if (!r.vlan)
      for (auto& v : vg.list())
        if (port || v.brentry) vids.push_back(v.vid);
    return vids;
  };
  // Deletes the entries of `owner` (nullptr: the bridge itself) on `vids`: ENOENT if none was.
  auto erase_owned = [&r](BridgeDevice& br, const BridgePort* owner,
                          const std::vector<uint16_t>& vids) -> Status {
    bool any = false;
    for (uint16_t vid : vids) {
      FdbEntry* e = br.fdb().find(r.mac, vid);
      if (!e || e->port != owner) continue;
      br.fdb().erase(r.mac, vid);
      any = true;
    }
    return any ? Status{} : Error::errno_only(ENOENT);
  };
  if (auto* br = dynamic_cast<BridgeDevice*>(dev)) {
    // On the bridge itself: `self` entries are the bridge's own local FDB entries.
    if (master) return Error::errno_only(EOPNOTSUPP);
    auto vids = vids_of(*br, nullptr);
    if (!vids) return Error::errno_only(EINVAL);
    if (op == FdbOp::kDel) return erase_owned(*br, nullptr, *vids);
    if (r.use) return Error::errno_only(EINVAL);
    for (uint16_t vid : *vids) {
      if (r.extern_learn)
        br->fdb_external_learn_add(nullptr, r.mac, vid);
      else if (auto st = br->fdb_add(nullptr, r.mac, vid, to_add(), create, excl); !st)
        return st;
    }
    return {};
  }
  if (master) {
    auto* br = dynamic_cast<BridgeDevice*>(dev->master());
    BridgePort* port = br ? br->port_of(*dev) : nullptr;
    if (!port) return Error::errno_only(EOPNOTSUPP);
    auto vids = vids_of(*br, port);
    if (!vids) return Error::errno_only(EINVAL);
    if (op == FdbOp::kDel) {
      if (auto st = erase_owned(*br, port, *vids); !st) return st;
    } else {
      // Only local and static entries on a port that cannot learn.
      if (!r.use && !r.extern_learn && r.state == FdbState::kDynamic && !port->learning_state())
        return Error::errno_only(EPERM);
      for (uint16_t vid : *vids) {
        if (r.use) {
          // NTF_USE: as if a frame from the address arrived (nothing while the port can't
          // learn).
          if (port->learning_state()) br->fdb_use(*port, r.mac, vid);
        } else if (r.extern_learn) {
          br->fdb_external_learn_add(port, r.mac, vid);
        } else if (auto st = br->fdb_add(port, r.mac, vid, to_add(), create, excl); !st) {
          return st;
        }
      }
    }
  }
  if (self && !master) {
    bool mc = r.mac.is_multicast();
    const auto& list = mc ? dev->mc_list() : dev->uc_list();
    bool present = false;
    for (auto& a : list) present |= a.mac == r.mac;
    if (op == FdbOp::kDel) {
      if (!present) return Error::errno_only(ENOENT);
      mc ? dev->mc_del(r.mac) : dev->uc_del(r.mac);
    } else {
      if (present && op == FdbOp::kAdd) return Error::errno_only(EEXIST);
      if (!present) mc ? dev->mc_add(r.mac) : dev->uc_add(r.mac);
    }
  } else if (self && master && op != FdbOp::kDel) {
    // "master self": both the bridge entry and the port's own list.
    bool present = false;
    for (auto& a : dev->uc_list()) present |= a.mac == r.mac;
    if (!present && !r.mac.is_multicast()) dev->uc_add(r.mac);
  }
  return {};
}

}  // namespace uvn::ctl
