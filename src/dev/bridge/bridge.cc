#include "dev/bridge/bridge.h"

#include <algorithm>

#include "wire/bpdu.h"

namespace uvn {

const KindInfo kBridgeInfo{.kind = "bridge",
                           .link_type = "ether",
                           .min_mtu = 68,
                           .max_mtu = 65535,
                           .netns_local = true,
                           .rx_multicast = KindInfo::RxMcast::kMulticast,
                           .rx_bytes_without_l2 = true};

namespace {

// Linux's default path cost by link speed (br_if.c port_cost).
uint64_t cost_for_speed(uint32_t mbps) {
  if (mbps >= 10000) return 2;
  if (mbps >= 1000) return 4;
  if (mbps >= 100) return 19;
  if (mbps >= 10) return 100;
  return 100;
}

}  // namespace

BridgePort::BridgePort(BridgeDevice& br, Device& dev, uint16_t port_no)
    : br_(br), dev_(dev), port_no_(port_no) {
  opts_.table = &kBridgePortOptionTable;
  opts_.v = kBridgePortOptionTable.defaults();
  opts_.set(kBpCost, cost_for_speed(dev.info().speed_mbps));
  opts_.set(kBpState, kBrStateDisabled);
  seen_up = dev.is_up();
  seen_carrier = dev.carrier();
  dev.add_rx_handler(this);
  dev.add_watcher(this);
}

BridgePort::~BridgePort() {
  dev_.remove_rx_handler(this);
  dev_.remove_watcher(this);
}

void BridgePort::set_state(uint8_t s) {
  if (state_ == s) return;
  state_ = s;
  opts_.set(kBpState, s);
}

void BridgePort::set_opt(BridgePortOpt o, uint64_t v) {
  opts_.set(o, v);
  br_.port_opt_changed(*this, o);
}

void BridgePort::device_changed(Device& d, uint32_t changes) {
  // br_device_event: the port's NETDEV_UP/DOWN (admin state), NETDEV_CHANGE (carrier, which
  // the kernel's notifiers see through linkwatch: after the change was announced, and only
  // while the device is up) and NETDEV_CHANGEADDR each bring an AF_BRIDGE message unless
  // enabling or disabling the port already sent one. Other flag changes (promiscuity) are
  // no such event. The port's state itself follows at once, as before.
  uint64_t before = notified;
  bool event = false;
  if ((changes & kChangeFlags) && d.is_up() != seen_up) {
    seen_up = d.is_up();
    event = true;
    if (seen_up && d.carrier() != seen_carrier) {
      // Up with its carrier already on (a veth whose peer is up): NETDEV_UP finds the link
      // not yet operational and announces the port as it is; linkwatch then enables it.
      br_.notify_port(*this);
      before = notified;
    }
    seen_carrier = d.carrier();
    br_.update_port(*this);
  } else if ((changes & kChangeCarrier) && d.carrier() != seen_carrier) {
    // Down, or coming up (the admin change is reported next): nothing for the notifiers.
    if (d.is_up() && seen_up) {
      seen_carrier = d.carrier();
      event = true;
      br_.update_port(*this);
    } else if (!d.is_up()) {
      seen_carrier = d.carrier();
    }
  }
  if (changes & kChangeAddress) {
    event = true;
    br_.port_mac_changed(*this);
    br_.recalc_mac();
  }
  if (changes & kChangeMtu) br_.recalc_mac();
  if (event && notified == before) br_.notify_port(*this);
}

BridgeDevice::BridgeDevice(NetContext* ctx) : Device(kBridgeInfo, ctx) {
  opts_.table = &kBridgeOptionTable;
  opts_.v = kBridgeOptionTable.defaults();
  set_carrier(false);
  fdb_.on_change = [this](const FdbEntry& e, bool added) {
    if (this->ctx()) this->ctx()->notify_fdb(*this, e, added);
  };
  // br_vlan_init: the default PVID on the bridge itself (creation options may change it).
  (void)vlan_add(nullptr, uint16_t(opt(kBrVlanDefaultPvid)), true, true);
}

BridgeDevice::~BridgeDevice() {
  if (ctx()) {
    ctx()->engine().cancel(gc_timer_);
    ctx()->engine().cancel(stp_timer_);
    ctx()->engine().cancel(mcast_timer_);
  }
}

void BridgeDevice::stp_kick() {
  if (!ctx()) return;
  Engine& eng = ctx()->engine();
  stp_.tick(eng.now());
  Nanos next = stp_.next_deadline();
  if (next == stp_timer_at_ && stp_timer_) return;
  eng.cancel(stp_timer_);
  stp_timer_ = 0;
  stp_timer_at_ = next;
  if (next == kForever) return;
  stp_timer_ = eng.at(next, [this] {
    stp_timer_ = 0;
    stp_timer_at_ = kForever;
    stp_kick();
  });
}

void BridgeDevice::port_opt_changed(BridgePort& p, BridgePortOpt o) {
  int no = p.port_no();
  switch (o) {
    case kBpPriority: stp_.set_port_priority(no, uint8_t(p.opt(o)), now()); break;
    case kBpCost: stp_.set_port_path_cost(no, uint32_t(p.opt(o)), now()); break;
    case kBpGuard: stp_.set_port_guard(no, p.opt(o) != 0); break;
    case kBpRootBlock: stp_.set_port_root_block(no, p.opt(o) != 0); break;
    case kBpEdge: stp_.set_port_edge(no, p.opt(o) != 0, now()); break;
    case kBpP2p: stp_.set_port_p2p(no, proto::RstpP2p(p.opt(o)), now()); break;
    case kBpMcastRouter:
      (void)mcast_.port_set_router(no, uint8_t(p.opt(o)), now());
      mcast_kick();
      return;
    case kBpMcastFastLeave:
    case kBpMcastToUnicast:
    case kBpMcastMaxGroups:
      mcast_port_sync(p);
      return;
    default: return;
  }
  stp_kick();
}

void BridgeDevice::stp_sync_bridge_id() {
  stp_.set_bridge_id(uint16_t(opt(kBrPriority)), id_mac_, now());
  stp_kick();
}

void BridgeDevice::send_bpdu(int port_no, const uint8_t* bpdu, size_t len) {
  BridgePort* p = port_by_no(uint16_t(port_no));
  if (!p || !ctx()) return;
  MacAddr group = group_mac();
  Frame f = ctx()->engine().pool().alloc(wire::bpdu_frame_len(len));
  wire::emit_bpdu_frame(p->dev().mac(), bpdu, len, f.data(), group);
  p->dev().transmit(std::move(f));
}

void BridgeDevice::port_state_changed(int port_no, proto::StpPortState s) {
  BridgePort* p = port_by_no(uint16_t(port_no));
  if (!p) return;
  uint8_t old = p->state();
  p->set_state(uint8_t(s));
  // Every state change is announced (br_make_forwarding, br_make_blocking, the forward
  // delay timer, br_stp_disable_port), except br_init_port's silent disabled -> blocking.
  if (old != p->state() && !(old == kBrStateDisabled && s == proto::StpPortState::kBlocking))
    notify_port(*p);
  if (!p->learning_state()) fdb_flush_port(p, true);
  recalc_carrier();
  mcast_port_state(*p);
}

void BridgeDevice::notify_port(BridgePort& p, bool added) {
  ++p.notified;
  if (ctx()) ctx()->notify_bridge_port(p.dev(), added);
}

void BridgeDevice::topology_change(bool active) {
  in_topology_change = active;
  if (active) tc_forward_delay_cs_ = stp_.status(now()).forward_delay_cs;
  // As Linux, the gc work stays where it was: entries older than the short ageing are listed
  // as stale until its next run (uvn no longer forwards to them; Linux still does).
}

void BridgeDevice::flush_port(int port_no) {
  if (BridgePort* p = port_by_no(uint16_t(port_no))) fdb_flush_port(p, true);
}

BridgePort* BridgeDevice::port_of(const Device& d) const {
  for (auto& p : ports_)
    if (&p->dev() == &d) return p.get();
  return nullptr;
}

BridgePort* BridgeDevice::port_by_no(uint16_t no) const {
  for (auto& p : ports_)
    if (p->port_no() == no) return p.get();
  return nullptr;
}

Status BridgeDevice::add_slave(Device& dev) {
  if (&dev == this) return Error::errno_only(ELOOP);
  if (dev.info().link_type != "ether") return Error::errno_only(EINVAL);
  if (dev.kind() == "bridge") return Error::with(ELOOP, "Can not enslave a bridge to a bridge");
  if (port_of(dev)) return {};
  if (dev.master() && dev.master() != this) {
    // Moving from another master: leave it first, as the kernel does.
    dev.master()->remove_slave(dev);
  }
  uint16_t no = 1;
  while (port_by_no(no)) ++no;
  if (no >= 1024) return Error::errno_only(EXFULL);
  ports_.push_back(std::make_unique<BridgePort>(*this, dev, no));
  BridgePort& p = *ports_.back();
  // br_add_if's order, which its rtnetlink messages show: the port's master link and
  // promiscuity, the bridge's features (they change with the first port), the port's local
  // FDB entry, the bridge address, the port enabled if it can be, the port announced, and
  // last the bridge's new address.
  dev.inc_allmulti(1);
  dev.set_master(this);
  dev.inc_promiscuity(1);
  if (ports_.size() == 1) notify(kChangeOther);
  add_local_entry(&p, dev.mac());
  vlan_init_port(p);
  mcast_.port_add(no);
  mcast_port_sync(p);
  for (auto& v : p.vlans.list()) mcast_port_vlan_sync(p, v.vid);
  stp_.add_port(no, now());
  stp_.set_port_path_cost(no, uint32_t(p.opt(kBpCost)), now());
  hold_notify();
  recalc_mac();
  update_port(p);
  notify_port(p);
  release_notify();
  return {};
}

void BridgeDevice::remove_slave(Device& dev) {
  auto it = std::find_if(ports_.begin(), ports_.end(), [&](auto& p) { return &p->dev() == &dev; });
  if (it == ports_.end()) return;
  BridgePort* p = it->get();
  // del_nbp's order: promiscuity off, the port disabled (announced even when it was
  // already, and its learned entries flushed), the port's RTM_DELLINK, its FDB entries, the
  // master link; then (br_del_if) the bridge address and features.
  dev.inc_promiscuity(-1);
  dev.inc_allmulti(-1);
  uint64_t before = p->notified;
  stp_.remove_port(p->port_no(), now());
  if (p->notified == before) {
    p->set_state(kBrStateDisabled);
    notify_port(*p);
    fdb_flush_port(p, true);
  }
  p->enabled = false;
  mcast_.port_del(p->port_no());
  mcast_kick();
  notify_port(*p, false);
  // nbp_vlan_flush, then br_fdb_delete_by_port(do_all): a local entry stays, pointing to
  // another port or to the bridge, when one of them has that address and VID
  // (fdb_delete_local); the rest goes, newest first.
  vlan_flush_port(*p);
  auto list = fdb_.list();
  std::vector<std::pair<MacAddr, uint16_t>> doomed;
  for (auto e = list.rbegin(); e != list.rend(); ++e)
    if ((*e)->port == p) doomed.emplace_back((*e)->mac, (*e)->vid);
  for (auto& [m, vid] : doomed) {
    FdbEntry* e = fdb_.find(m, vid);
    if (e && e->is_local())
      delete_local_entry(p, m, vid);
    else
      fdb_.erase(m, vid);
  }
  for (auto& other : ports_)
    if (other->backup_port == p) other->backup_port = nullptr;
  std::unique_ptr<BridgePort> gone = std::move(*it);
  ports_.erase(it);
  gone.reset();
  dev.set_master(nullptr);
  if (!deleting_) {
    hold_notify();
    recalc_mac();
    release_notify();
    if (ports_.empty()) notify(kChangeOther);
  }
  recalc_carrier();
  stp_kick();
}

void BridgeDevice::on_unregister() {
  // br_dev_delete: the ports leave (newest first), then the bridge's own entries go.
  deleting_ = true;
  while (!ports_.empty()) remove_slave(ports_.back()->dev());
  fdb_.erase_if([](const FdbEntry&) { return true; });
}

void BridgeDevice::set_mac(const MacAddr& m) {
  MacAddr old = mac();
  hold_notify();  // the FDB changes come before the address change's message
  Device::set_mac(m);
  if (old != m) {
    // br_fdb_change_mac_address: the bridge's own local entries follow its address, on VID 0
    // and each of its VLANs (a port with the same address keeps its own entry).
    for (uint16_t vid : local_vids(nullptr)) {
      find_delete_local(nullptr, old, vid);
      add_local_entry(nullptr, m, vid);
    }
  }
  release_notify();
}

void BridgeDevice::port_mac_changed(BridgePort& p) {
  // br_fdb_changeaddr: the port's own local entry (not one the user added) moves to the new
  // address; an entry learned for that address becomes the local one.
  const MacAddr& m = p.dev().mac();
  auto list = fdb_.list();
  std::vector<std::pair<MacAddr, uint16_t>> old;
  for (auto e = list.rbegin(); e != list.rend(); ++e)
    if ((*e)->port == &p && (*e)->is_local() && !((*e)->flags & kFdbAddedByUser) &&
        (*e)->mac != m)
      old.emplace_back((*e)->mac, (*e)->vid);
  for (auto& [a, vid] : old) delete_local_entry(&p, a, vid);
  add_local_entries(&p, m);
}

void BridgeDevice::set_mac_by_user(const MacAddr& m) {
  mac_set_by_user_ = true;
  id_mac_ = m;
  set_mac(m);
  stp_sync_bridge_id();
}

uint64_t BridgeDevice::bridge_id() const {
  return opts_.get(kBrPriority) << 48 | id_mac_.as_u64();
}

void BridgeDevice::recalc_mac() {
  if (mac_set_by_user_) return;
  // The lowest port MAC, as br_stp_recalculate_bridge_id; zero without ports.
  MacAddr lowest;
  bool any = false;
  for (auto& p : ports_) {
    const MacAddr& m = p->dev().mac();
    if (!any || m < lowest) lowest = m;
    any = true;
  }
  if (!any) {
    if (!id_mac_.is_zero()) {
      id_mac_ = MacAddr::zero();
      set_mac(MacAddr::zero());
      stp_sync_bridge_id();
    }
    return;
  }
  if (id_mac_ != lowest) {
    id_mac_ = lowest;
    stp_sync_bridge_id();
  }
  if (mac() != lowest) set_mac(lowest);
}

void BridgeDevice::add_local_entry(BridgePort* p, const MacAddr& m, uint16_t vid) {
  // fdb_add_local: a local entry already there (another port with the same address) stays;
  // any other entry for the address is replaced.
  if (!m.is_unicast_valid()) return;
  if (FdbEntry* cur = fdb_.find(m, vid)) {
    if (cur->is_local()) return;
    fdb_.erase(m, vid);
  }
  FdbEntry e;
  e.vid = vid;
  e.mac = m;
  e.port = p;
  e.flags = kFdbLocal | kFdbStatic;  // as fdb_add_local: not added by the user
  e.updated = e.used = ctx() ? ctx()->engine().now() : 0;
  fdb_.put(e);
}

void BridgeDevice::update_port(BridgePort& p) {
  // An enabled port (bridge and port device up, port carrier) runs through the spanning
  // tree's states; with STP off the engine lets it forward at once.
  bool enabled = is_up() && p.dev().is_up() && p.dev().carrier();
  stp_.set_port_enabled(p.port_no(), enabled, now());
  stp_kick();
  // br_stp_enable_port announces the port after its state selection.
  if (enabled && !p.enabled) notify_port(p);
  p.enabled = enabled;
  // Local entries of the port's MAC follow the address.
  for (uint16_t vid : local_vids(&p))
    if (!fdb_.find(p.dev().mac(), vid)) add_local_entry(&p, p.dev().mac(), vid);
  recalc_carrier();
  notify_watchers(kChangeVlanPorts);
}

void BridgeDevice::recalc_carrier() {
  bool any = false;
  for (auto& p : ports_) any |= p->forwarding();
  set_carrier(any);
}

void BridgeDevice::on_open() {
  mcast_.open(now());
  stp_.set_bridge_up(true, now());
  mcast_join_snoopers(opt(kBrMcastSnooping) != 0);
  for (auto& p : ports_) update_port(*p);
  schedule_gc();
  mcast_kick();
}

void BridgeDevice::on_close() {
  stp_.set_bridge_up(false, now());
  mcast_join_snoopers(false);
  for (auto& p : ports_) update_port(*p);
  recalc_carrier();
  mcast_.stop();
  mcast_kick();
}

void BridgeDevice::set_opt(BridgeOpt o, uint64_t v) {
  const uint64_t old = opts_.get(o);
  opts_.set(o, v);
  switch (o) {
    case kBrVlanFiltering:
      // br_vlan_filter_toggle: per-VLAN multicast contexts need filtering.
      if (!v) opts_.set(kBrMcastVlanSnooping, 0);
      recalc_group_addr();
      break;
    case kBrVlanProtocol:
      recalc_group_addr();
      break;
    case kBrGroupAddress:
      group_addr_set_ = true;
      recalc_group_addr();
      break;
    case kBrVlanDefaultPvid:
      if (old != v) vlan_default_pvid_changed(uint16_t(old), uint16_t(v));
      break;
    case kBrFdbLocalVlan0:
      if (old != v) vlan_local_vlan_0_changed();
      break;
    case kBrPriority:
      stp_sync_bridge_id();
      break;
    case kBrForwardDelay:
    case kBrHelloTime:
    case kBrMaxAge:
      stp_.set_times({uint32_t(opt(kBrMaxAge)), uint32_t(opt(kBrHelloTime)),
                      uint32_t(opt(kBrForwardDelay))},
                     now());
      stp_kick();
      break;
    case kBrStpState:
      // Our engine runs in every stp_mode; `user` reads back as Linux's user-space STP (2).
      opts_.set(o, v ? (opt(kBrStpMode) == kBrStpModeUser ? 2 : 1) : 0);
      stp_.enable(v != 0, now());
      stp_kick();
      break;
    case kBrStpMode:
      // Only the same mode may be set while STP runs (ctl), or a new one in the same request
      // as stp_state, which may come first: the read-back value follows the mode.
      if (opt(kBrStpState)) opts_.set(kBrStpState, v == kBrStpModeUser ? 2 : 1);
      break;
    case kBrStpProto: {
      std::vector<SpanningTree::PortConfig> cfg;
      for (auto& p : ports_)
        cfg.push_back({p->port_no(), is_up() && p->dev().is_up() && p->dev().carrier(),
                       uint32_t(p->opt(kBpCost)), uint8_t(p->opt(kBpPriority)),
                       p->opt(kBpGuard) != 0, p->opt(kBpRootBlock) != 0, p->opt(kBpEdge) != 0,
                       proto::RstpP2p(p->opt(kBpP2p))});
      stp_.use_rstp(v == 1, cfg, now());
      // The old engine's topology change (short ageing) ends with it.
      if (in_topology_change && !stp_.status(now()).topology_change) topology_change(false);
      stp_kick();
      break;
    }
    case kBrAgeingTime:
      schedule_gc();
      break;
    case kBrMcastSnooping:
    case kBrMcastVlanSnooping:
    case kBrMcastRouter:
    case kBrMcastQueryUseIfaddr:
    case kBrMcastQuerier:
    case kBrMcastHashMax:
    case kBrMcastLastMemberCount:
    case kBrMcastStartupQueryCount:
    case kBrMcastLastMemberInterval:
    case kBrMcastMembershipInterval:
    case kBrMcastQuerierInterval:
    case kBrMcastQueryInterval:
    case kBrMcastQueryResponseInterval:
    case kBrMcastStartupQueryInterval:
    case kBrMcastIgmpVersion:
    case kBrMcastMldVersion:
      mcast_sync_config();
      break;
    default:
      break;
  }
}

const OptionValues* BridgeDevice::kind_options() const {
  Nanos now = ctx() ? ctx()->engine().now() : 0;
  auto id_value = [](const wire::BridgeId& b) {
    return uint64_t(b.priority) << 48 | b.mac.as_u64();
  };
  TreeBridgeStatus st = stp_.status(now);
  opts_.set(kBrBridgeId, bridge_id());
  // iproute2 6.1 prints IFLA_BR_BRIDGE_ID as `designated_root` (`root_id`), so the bridge
  // line shows the bridge's own id even on a non-root bridge (recorded); the real root is
  // on the port lines and in stp().status().
  opts_.set(kBrRootId, bridge_id());
  opts_.set(kBrRootPort, uint64_t(st.root_port));
  opts_.set(kBrRootPathCost, st.root_path_cost);
  opts_.set(kBrTopologyChangeDetected, st.topology_change_detected);
  opts_.set(kBrHelloTimer, st.hello_timer_cs);
  opts_.set(kBrTcnTimer, st.tcn_timer_cs);
  opts_.set(kBrTopologyChangeTimer, st.topology_change_timer_cs);
  opts_.set(kBrFdbNLearned, fdb_.n_learned());
  opts_.set(kBrGcTimer, gc_timer_ && gc_at_ > now ? uint64_t((gc_at_ - now) / (10 * kMsec)) : 0);
  opts_.set(kBrTopologyChange, in_topology_change);
  for (auto& p : ports_) {
    OptionValues& po = p->options();
    uint64_t pid = po.get(kBpPriority) << 10 | p->port_no();
    po.set(kBpPortId, pid);
    po.set(kBpPortNo, p->port_no());
    // The engine's view of the port, also with STP off: Linux keeps reporting what the port
    // recorded (its timers keep running after stp_state 0).
    if (auto ps = stp_.port_status(p->port_no(), now)) {
      po.set(kBpDesignatedPort, ps->designated_port);
      po.set(kBpDesignatedCost, ps->designated_cost);
      po.set(kBpDesignatedBridge, id_value(ps->designated_bridge));
      po.set(kBpDesignatedRoot, id_value(ps->designated_root));
      po.set(kBpHoldTimer, ps->hold_timer_cs);
      po.set(kBpMessageAgeTimer, ps->message_age_timer_cs);
      po.set(kBpForwardDelayTimer, ps->forward_delay_timer_cs);
      po.set(kBpTopologyChangeAck, ps->topology_change_ack);
      po.set(kBpConfigPending, ps->config_pending);
      uint64_t role = 0;
      for (uint64_t k = 1; k < 6 && stp_.rstp(); ++k)
        if (kBridgePortOptionTable.specs()[kBpRole].names[k] == ps->role) role = k;
      po.set(kBpRole, role);
    } else {
      po.set(kBpDesignatedPort, pid);
      po.set(kBpDesignatedCost, 0);
      po.set(kBpDesignatedBridge, bridge_id());
      po.set(kBpDesignatedRoot, bridge_id());
    }
    po.set(kBpGroupFwdMaskStr, po.get(kBpGroupFwdMask));
    // iproute2 6.1 prints neither; like newer iproute2, uvn shows the count next to a limit
    // the user set (mcast_max_groups), so default listings stay 6.1's.
    po.set(kBpMcastNGroups, po.get(kBpMcastMaxGroups) ? mcast_.port_n_groups(p->port_no()) : 0);
    po.set(kBpMcastRouter, mcast_.port_router(p->port_no()));
  }
  return &opts_;
}

}  // namespace uvn
