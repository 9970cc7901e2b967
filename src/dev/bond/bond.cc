#include "dev/bond/bond.h"

#include "wire/lacp.h"

#include <algorithm>
#include <cerrno>

namespace uvn {

const KindInfo kBondInfo{.kind = "bond",
                         .link_type = "ether",
                         .min_mtu = 68,
                         .max_mtu = 65535,
                         .default_flags = kIffBroadcast | kIffMulticast | kIffMaster,
                         // bond_setup sets NETIF_F_NETNS_LOCAL (6.1): a bond stays in its
                         // namespace ("The interface netns is immutable").
                         .netns_local = true};

std::string_view bond_link_name(BondLink l) {
  switch (l) {
    case BondLink::kUp: return "UP";
    case BondLink::kFail: return "GOING_DOWN";
    case BondLink::kDown: return "DOWN";
    case BondLink::kBack: return "GOING_BACK";
  }
  return "UNKNOWN";
}

// ---------------------------------------------------------------- slaves

BondSlave::BondSlave(BondDevice& bond, Device& dev)
    : bond_(bond),
      dev_(dev),
      opts_{&kBondSlaveOptionTable, kBondSlaveOptionTable.defaults()} {
  dev_.add_watcher(this);
}

BondSlave::~BondSlave() {
  dev_.remove_watcher(this);
  dev_.remove_rx_handler(this);
}

uint32_t BondSlave::speed() const { return dev_.info().speed_mbps; }

RxResult BondSlave::handle_frame(Device&, Frame& f, Device*& another) {
  return bond_.handle_frame(*this, f, another);
}

void BondSlave::device_changed(Device& dev, uint32_t changes) {
  if (&dev != &dev_) return;
  // bond_slave_netdev_event: carrier and admin changes refresh the transmit array; the link
  // state itself is the monitors' business (without one, slaves stay up).
  if (changes & (kChangeCarrier | kChangeFlags)) bond_.update_usable();
}

// ---------------------------------------------------------------- device

BondDevice::BondDevice(NetContext* ctx)
    : Device(kBondInfo, ctx), opts_{&kBondOptionTable, kBondOptionTable.defaults()} {
  num_tx_queues = num_rx_queues = 16;  // the module's tx_queues default
  set_carrier(false);                  // bond_create: no carrier until a slave is up
}

BondDevice::~BondDevice() { BondDevice::on_unregister(); }

// The bond goes away: the engines stop, every slave is let go, no timer stays set.
void BondDevice::on_unregister() {
  ad_stop();
  alb_stop();
  deleting_ = true;
  while (!slaves_.empty()) release(*slaves_.back(), true);
  if (ctx()) {
    ctx()->engine().cancel(mii_timer_);
    ctx()->engine().cancel(arp_timer_);
    ctx()->engine().cancel(igmp_timer_);
    mii_timer_ = arp_timer_ = igmp_timer_ = 0;
  }
}

BondSlave* BondDevice::slave_of(const Device& d) const {
  for (auto& s : slaves_)
    if (&s->dev() == &d) return s.get();
  return nullptr;
}

uint64_t BondDevice::delay_ms(BondOpt o) const { return opt(o) * opt(kBondMiimon); }

void BondDevice::set_mac(const MacAddr& m) {
  // bond_set_mac_address: ignored in active-backup with fail_over_mac; alb gives the address
  // to the active slave only; otherwise every slave follows.
  if (mode() == BondMode::kActiveBackup && opt(kBondFailOverMac)) return;
  mac_random_ = false;
  Device::set_mac(m);
  ad_config_changed();
  if (mode() == BondMode::kAlb) {
    if (curr_active_) curr_active_->dev().set_mac(m);
    return;
  }
  for (auto& s : slaves_) s->dev().set_mac(m);
}

void BondDevice::set_mtu(uint32_t m) {
  Device::set_mtu(m);
  for (auto& s : slaves_) s->dev().set_mtu(m);
}

void BondDevice::set_arp_targets(std::vector<Ipv4Addr> t) {
  arp_targets_ = std::move(t);
  for (auto& s : slaves_) s->target_last_arp_rx.fill(now());
}

void BondDevice::set_ns_targets(std::vector<Ipv6Addr> t) {
  ns_targets_ = std::move(t);
  update_ns_maddrs();
}

void BondDevice::set_opt(BondOpt o, uint64_t v) {
  const bool had_mii = opt(kBondMiimon) != 0, had_arp = opt(kBondArpInterval) != 0;
  bond_params_set(opts_, o, v);
  // The monitors that run follow miimon and arp_interval.
  const bool mii = opt(kBondMiimon) != 0, arp = opt(kBondArpInterval) != 0;
  if (ctx() && had_mii && !mii) {
    ctx()->engine().cancel(mii_timer_);
    mii_timer_ = 0;
  }
  if (ctx() && had_arp && !arp) {
    ctx()->engine().cancel(arp_timer_);
    arp_timer_ = 0;
  }
  if (is_up() && (o == kBondMiimon || o == kBondArpInterval)) {
    if (mii && o == kBondMiimon) schedule_mii(0);
    if (arp && o == kBondArpInterval) schedule_arp(0);
  }
  switch (o) {
    case kBondArpValidate:
    case kBondMiimon:
    case kBondArpInterval:
    case kBondMode: update_ns_maddrs(); break;
    case kBondPrimaryReselect: select_active_slave(); break;
    case kBondAllSlavesActive:
      // Backups start or stop delivering what they receive.
      for (auto& s : slaves_)
        if (s->backup) s->inactive = !v;
      break;
    case kBondXmitHashPolicy:
      update_usable();
      break;
    case kBondMinLinks:
    case kBondLacpRate:
    case kBondLacpActive:
    case kBondAdUserPortKey:
    case kBondCoupledControl:
    case kBondAdActorSysPrio:
    case kBondAdActorSystem:
    case kBondAdSelect:
    case kBondLacpFallback:
      ad_config_changed();
      update_usable();
      set_carrier_from_slaves();
      break;
    default: break;
  }
}

Status BondDevice::check_enslave(const Device& dev) const {
  // bond_enslave's refusals, in its order.
  if (&dev == this) return Error::with(EPERM, "Cannot enslave bond to itself.");
  if (dev.is_up()) return Error::with(EPERM, "Device can not be enslaved while up");
  return check_enslave_links(dev);
}

Status BondDevice::check_enslave_links(const Device& dev) const {
  if (dev.info().link_type != "ether") {
    if (!slaves_.empty())
      return Error::with(EINVAL, "Device type is different from other slaves");
    // Linux turns an empty bond into one of the first slave's type (InfiniBand, ...);
    // uvn's bonds stay Ethernet.
    return Error::with(EOPNOTSUPP, "uvn bonds take Ethernet devices only");
  }
  // dev_open of the new slave (a VLAN whose lower is down cannot open).
  if (auto st = dev.check_open(); !st) return Error::with(st.error().code, "Opening slave failed");
  // netdev_upper_dev_link: no loop (the bond, or a master above it, stacked on `dev`).
  for (const Device* d = &dev; d; d = d->lower())
    for (const Device* up = this; up; up = up->master())
      if (up == d) return Error::errno_only(EBUSY);
  return {};
}

Status BondDevice::add_slave(Device& dev) {
  // do_set_master: the old master lets go first (a bond closes what it releases).
  if (dev.master() && dev.master() != this) dev.master()->remove_slave(dev);
  if (auto st = check_enslave(dev); !st) return st;

  // The first slave gives a bond without an address of its own its MAC.
  if (slaves_.empty() && mac_random_ && mac() != dev.mac()) {
    Device::set_mac(dev.mac());
    ad_config_changed();
  }
  slaves_.push_back(std::make_unique<BondSlave>(*this, dev));
  BondSlave& s = *slaves_.back();
  s.original_mtu = dev.mtu();
  dev.set_mtu(mtu());
  s.perm_hwaddr = dev.mac();
  if (!opt(kBondFailOverMac) || mode() != BondMode::kActiveBackup) {
    if (mode() != BondMode::kTlb && mode() != BondMode::kAlb) dev.set_mac(mac());
  }
  dev.set_flag(kIffSlave, true);
  dev.open();

  Nanos t = now();
  s.last_rx = t - Nanos(opt(kBondArpInterval) + 1) * kMsec;
  s.target_last_arp_rx.fill(s.last_rx);
  s.last_tx = s.last_rx;
  // The initial link state.
  if (opt(kBondMiimon)) {
    if (s.is_up()) {
      if (opt(kBondUpdelay)) {
        s.link = BondLink::kBack;
        s.delay = int(opt(kBondUpdelay));
      } else {
        s.link = BondLink::kUp;
      }
    } else {
      s.link = BondLink::kDown;
    }
  } else if (opt(kBondArpInterval)) {
    s.link = dev.carrier() ? BondLink::kUp : BondLink::kDown;
  } else {
    s.link = BondLink::kUp;
  }
  s.new_link = s.link;
  if (s.link != BondLink::kDown) s.last_link_up = t;
  s.ad_port_no = uint16_t(slaves_.size() == 1 ? 1 : slaves_[slaves_.size() - 2]->ad_port_no + 1);

  if (bond_uses_primary(mode()) && !primary_name_.empty() && primary_name_ == dev.name()) {
    primary_slave_ = &s;
    force_primary_ = true;
  }
  switch (mode()) {
    case BondMode::kActiveBackup:
    case BondMode::k8023ad: set_slave_inactive(s); break;
    case BondMode::kTlb:
    case BondMode::kAlb:
      s.backup = false;
      set_slave_inactive(s);
      break;
    default:
      s.backup = false;
      s.inactive = false;
      if (!curr_active_ && s.link == BondLink::kUp) curr_active_ = &s;
      break;
  }
  dev.add_rx_handler(&s);
  dev.set_master(this);
  if (!bond_uses_primary(mode())) {
    sync_rx_mode(s);
    if (is_up() && mode() == BondMode::k8023ad) dev.mc_add(wire::kSlowProtocolsMac);
  }
  set_carrier_from_slaves();
  if (bond_uses_primary(mode())) select_active_slave();
  update_usable();
  ad_add_port(s);
  alb_slave_changed();
  update_ns_maddrs();
  return {};
}

void BondDevice::remove_slave(Device& dev) {
  if (BondSlave* s = slave_of(dev)) release(*s, false);
}

void BondDevice::release(BondSlave& s, bool deleting) {
  Device& dev = s.dev();
  set_slave_inactive(s);
  dev.remove_rx_handler(&s);
  ad_remove_port(s);
  if (current_arp_slave_ == &s) current_arp_slave_ = nullptr;
  BondSlave* oldcurrent = curr_active_;
  if (primary_slave_ == &s) primary_slave_ = nullptr;
  if (oldcurrent == &s) change_active_slave(nullptr);
  // Off the list before a new active slave is chosen.
  std::unique_ptr<BondSlave> gone;
  for (auto it = slaves_.begin(); it != slaves_.end(); ++it)
    if (it->get() == &s) {
      gone = std::move(*it);
      slaves_.erase(it);
      break;
    }
  update_usable();
  if (mode() == BondMode::kTlb || mode() == BondMode::kAlb) {
    tlb_clear_slave(&s, false);
    for (auto& c : rlb_)
      if (c.slave == &s) c.slave = nullptr;
    alb_slave_changed();
  }
  if (deleting) {
    curr_active_ = nullptr;
  } else if (oldcurrent == &s) {
    select_active_slave();
  }
  set_carrier_from_slaves();
  if (slaves_.empty() && !deleting_) {
    // eth_hw_addr_random: the next first slave gives its address again.
    mac_random_ = true;
    if (ctx()) Device::set_mac(ctx()->random_mac());
  }
  unsync_rx_mode(s);
  for (auto& m : s.ns_maddrs) dev.mc_del(m);
  s.ns_maddrs.clear();
  dev.mc_del(wire::kSlowProtocolsMac);
  dev.set_master(nullptr);
  dev.set_flag(kIffSlave, false);
  // Closed before its address is restored.
  dev.close();
  if (opt(kBondFailOverMac) != uint64_t(FailOverMac::kActive) ||
      mode() != BondMode::kActiveBackup)
    dev.set_mac(s.perm_hwaddr);
  dev.set_mtu(s.original_mtu);
}

void BondDevice::set_slave_active(BondSlave& s) {
  s.backup = false;
  s.inactive = false;
}

void BondDevice::set_slave_inactive(BondSlave& s) {
  // The lb modes keep every slave ACTIVE for transmit; only their receive is limited.
  if (mode() != BondMode::kTlb && mode() != BondMode::kAlb) s.backup = true;
  if (!opt(kBondAllSlavesActive)) s.inactive = true;
}

void BondDevice::set_carrier_from_slaves() {
  bool on = false;
  if (mode() == BondMode::k8023ad) {
    on = ad_carrier();
  } else {
    for (auto& s : slaves_)
      if (s->link == BondLink::kUp) on = true;
  }
  if (on != carrier()) set_carrier(on);
}

void BondDevice::update_usable() {
  usable_.clear();
  for (auto& s : slaves_)
    if (s->can_tx()) usable_.push_back(s.get());
}

void BondDevice::on_open() {
  for (auto& s : slaves_) {
    if (bond_uses_primary(mode()) && s.get() != curr_active_)
      set_slave_inactive(*s);
    else if (mode() != BondMode::k8023ad)
      set_slave_active(*s);
  }
  if (opt(kBondMiimon)) schedule_mii(0);
  if (opt(kBondArpInterval)) schedule_arp(0);
  if (mode() == BondMode::k8023ad)
    for (auto& s : slaves_) s->dev().mc_add(wire::kSlowProtocolsMac);
  update_usable();
  on_set_rx_mode();
  ad_start();
  alb_start();
}

void BondDevice::on_close() {
  if (ctx()) {
    Engine& e = ctx()->engine();
    e.cancel(mii_timer_);
    e.cancel(arp_timer_);
    e.cancel(igmp_timer_);
    mii_timer_ = arp_timer_ = igmp_timer_ = 0;
  }
  send_peer_notif_ = 0;
  ad_stop();
  alb_stop();
  if (mode() == BondMode::k8023ad)
    for (auto& s : slaves_) s->dev().mc_del(wire::kSlowProtocolsMac);

}

void BondDevice::schedule_mii(Nanos delay) {
  if (!ctx()) return;
  Engine& e = ctx()->engine();
  e.cancel(mii_timer_);
  mii_timer_ = e.after(delay, [this] {
    mii_timer_ = 0;
    mii_monitor();
  });
}

void BondDevice::schedule_arp(Nanos delay) {
  if (!ctx()) return;
  Engine& e = ctx()->engine();
  e.cancel(arp_timer_);
  arp_timer_ = e.after(delay, [this] {
    arp_timer_ = 0;
    arp_monitor();
  });
}

bool BondDevice::gets_rx_mode(const BondSlave& s) const {
  return bond_uses_primary(mode()) ? &s == curr_active_ : true;
}

void BondDevice::sync_rx_mode(BondSlave& s) { s.rx_sync.sync(*this, s.dev()); }

void BondDevice::unsync_rx_mode(BondSlave& s) { s.rx_sync.unsync(s.dev()); }

void BondDevice::on_set_rx_mode() {
  for (auto& s : slaves_)
    if (gets_rx_mode(*s)) sync_rx_mode(*s);
}

void BondDevice::on_change_rx_flags(uint32_t flag, bool on) {
  for (auto& s : slaves_)
    if (gets_rx_mode(*s)) s->rx_sync.change_flag(s->dev(), flag, on);
}

}  // namespace uvn
