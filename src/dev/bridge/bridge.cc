#include "dev/bridge/bridge.h"

#include <algorithm>

namespace uvn {

const KindInfo kBridgeInfo{.kind = "bridge",
                           .link_type = "ether",
                           .min_mtu = 68,
                           .max_mtu = 65535,
                           .netns_local = true};

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
  dev.add_rx_handler(this);
  dev.add_watcher(this);
}

BridgePort::~BridgePort() {
  dev_.remove_rx_handler(this);
  dev_.remove_watcher(this);
}

void BridgePort::set_state(uint8_t s) {
  if (state_ == s) return;
  if (s == kBrStateForwarding) ++counters.transition_fwd;
  if (s == kBrStateBlocking) ++counters.transition_blk;
  state_ = s;
  opts_.set(kBpState, s);
}

void BridgePort::device_changed(Device&, uint32_t changes) {
  if (changes & (kChangeFlags | kChangeCarrier)) br_.update_port(*this);
  if (changes & kChangeAddress) br_.recalc_mac();
  if (changes & kChangeMtu) br_.recalc_mac();
}

BridgeDevice::BridgeDevice(NetContext* ctx) : Device(kBridgeInfo, ctx) {
  opts_.table = &kBridgeOptionTable;
  opts_.v = kBridgeOptionTable.defaults();
  set_carrier(false);
}

BridgeDevice::~BridgeDevice() {
  if (ctx()) ctx()->engine().cancel(gc_timer_);
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
  dev.inc_promiscuity(1);
  dev.set_master(this);
  add_local_entry(&p, dev.mac());
  recalc_mac();
  update_port(p);
  return {};
}

void BridgeDevice::remove_slave(Device& dev) {
  auto it = std::find_if(ports_.begin(), ports_.end(), [&](auto& p) { return &p->dev() == &dev; });
  if (it == ports_.end()) return;
  BridgePort* p = it->get();
  fdb_.erase_if([&](const FdbEntry& e) { return e.port == p; });
  for (auto& other : ports_)
    if (other->backup_port == p) other->backup_port = nullptr;
  std::unique_ptr<BridgePort> gone = std::move(*it);
  ports_.erase(it);
  gone.reset();
  dev.inc_promiscuity(-1);
  dev.set_master(nullptr);
  recalc_mac();
  recalc_carrier();
}

void BridgeDevice::on_unregister() {
  while (!ports_.empty()) remove_slave(ports_.back()->dev());
}

void BridgeDevice::set_mac(const MacAddr& m) {
  MacAddr old = mac();
  Device::set_mac(m);
  if (old == m) return;
  // The bridge's own local entry follows its address.
  fdb_.erase_if([&](const FdbEntry& e) { return e.port == nullptr && e.is_local() && e.mac == old; });
  // A port with the same address keeps its own local entry (fdb_insert keeps what exists).
  if (!m.is_zero() && !fdb_.find(m, 0)) add_local_entry(nullptr, m);
}

void BridgeDevice::set_mac_by_user(const MacAddr& m) {
  mac_set_by_user_ = true;
  id_mac_ = m;
  set_mac(m);
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
    }
    return;
  }
  id_mac_ = lowest;
  if (mac() != lowest) set_mac(lowest);
}

void BridgeDevice::add_local_entry(BridgePort* p, const MacAddr& m) {
  FdbEntry e;
  e.mac = m;
  e.port = p;
  e.flags = kFdbLocal | kFdbAddedByUser;
  e.updated = e.used = ctx() ? ctx()->engine().now() : 0;
  fdb_.put(e);
}

void BridgeDevice::update_port(BridgePort& p) {
  // Without STP: an enabled port (bridge and port device up, port carrier) forwards.
  bool enabled = is_up() && p.dev().is_up() && p.dev().carrier();
  uint8_t want = enabled ? kBrStateForwarding : kBrStateDisabled;
  if (opt(kBrStpState) == 0 || !enabled) {
    if (p.state() != want) {
      p.set_state(want);
      if (want == kBrStateDisabled) fdb_flush_port(&p, true);
    }
  }
  // Local entry of the port's MAC follows the address.
  if (!fdb_.find(p.dev().mac(), 0)) add_local_entry(&p, p.dev().mac());
  recalc_carrier();
}

void BridgeDevice::recalc_carrier() {
  bool any = false;
  for (auto& p : ports_) any |= p->forwarding();
  set_carrier(any);
}

namespace {
// Multicast router discovery groups (224.0.0.106, ff02::6a) the snooping bridge listens to.
const MacAddr kMrdV4{{0x01, 0x00, 0x5e, 0, 0, 0x6a}};
const MacAddr kMrdV6{{0x33, 0x33, 0, 0, 0, 0x6a}};
}  // namespace

void BridgeDevice::on_open() {
  if (opt(kBrMcastSnooping)) {
    mc_add(kMrdV4);
    mc_add(kMrdV6);
  }
  for (auto& p : ports_) update_port(*p);
  schedule_gc();
}

void BridgeDevice::on_close() {
  mc_del(kMrdV4);
  mc_del(kMrdV6);
  for (auto& p : ports_) update_port(*p);
  recalc_carrier();
}

void BridgeDevice::set_opt(BridgeOpt o, uint64_t v) {
  opts_.set(o, v);
  switch (o) {
    case kBrPriority:
      break;
    case kBrStpState:
      opts_.set(o, v ? 1 : 0);  // the kernel's STP (user-space STP is not offered)
      for (auto& p : ports_) update_port(*p);
      break;
    case kBrAgeingTime:
      schedule_gc();
      break;
    default:
      break;
  }
}

const OptionValues* BridgeDevice::kind_options() const {
  Nanos now = ctx() ? ctx()->engine().now() : 0;
  opts_.set(kBrBridgeId, bridge_id());
  if (opt(kBrStpState) == 0) {
    opts_.set(kBrRootId, bridge_id());
    opts_.set(kBrRootPort, 0);
    opts_.set(kBrRootPathCost, 0);
  }
  opts_.set(kBrFdbNLearned, fdb_.n_learned());
  opts_.set(kBrGcTimer, gc_timer_ && gc_at_ > now ? uint64_t((gc_at_ - now) / (10 * kMsec)) : 0);
  opts_.set(kBrTopologyChange, topology_change);
  for (auto& p : ports_) {
    OptionValues& po = p->options();
    uint64_t pid = po.get(kBpPriority) << 10 | p->port_no();
    po.set(kBpPortId, pid);
    po.set(kBpPortNo, p->port_no());
    if (opt(kBrStpState) == 0) {
      po.set(kBpDesignatedPort, pid);
      po.set(kBpDesignatedCost, 0);
      po.set(kBpDesignatedBridge, bridge_id());
      po.set(kBpDesignatedRoot, bridge_id());
    }
    po.set(kBpGroupFwdMaskStr, po.get(kBpGroupFwdMask));
  }
  return &opts_;
}

}  // namespace uvn
