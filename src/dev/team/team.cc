#include "dev/team/team.h"

#include <algorithm>
#include <cerrno>

namespace uvn {

// team_setup: Ethernet, max MTU 65535, no queue, no IFF_MASTER (the team flags its ports
// IFF_TEAM_PORT, which rtnetlink does not show).
const KindInfo kTeamInfo{.kind = "team",
                         .link_type = "ether",
                         .min_mtu = 68,
                         .max_mtu = 65535,
                         .default_flags = kIffBroadcast | kIffMulticast};

namespace {

constexpr std::string_view kModeNames[] = {"*NOMODE*", "broadcast", "roundrobin",
                                           "random",   "activebackup", "loadbalance"};

}  // namespace

std::string_view team_mode_name(TeamMode m) { return kModeNames[size_t(m)]; }

std::optional<TeamMode> team_mode_from_name(std::string_view s) {
  for (size_t i = 1; i < std::size(kModeNames); ++i)
    if (kModeNames[i] == s) return TeamMode(i);
  return std::nullopt;
}

// ---------------------------------------------------------------- ports

TeamPort::TeamPort(TeamDevice& team, Device& dev) : team_(team), dev_(dev) {
  dev_.add_watcher(this);
}

TeamPort::~TeamPort() {
  dev_.remove_watcher(this);
  dev_.remove_rx_handler(this);
}

RxResult TeamPort::handle_frame(Device&, Frame& f, Device*& another) {
  return team_.receive(*this, f, another);
}

void TeamPort::device_changed(Device& dev, uint32_t changes) {
  // team_device_event: NETDEV_UP/DOWN/CHANGE refresh the port's link.
  if (&dev != &dev_ || !(changes & (kChangeCarrier | kChangeFlags))) return;
  bool up = dev_.is_up() && dev_.carrier();
  if (up == state_linkup) return;
  state_linkup = up;
  team_.port_changed(*this);
}

// ---------------------------------------------------------------- device

TeamDevice::TeamDevice(NetContext* ctx) : Device(kTeamInfo, ctx) {
  num_tx_queues = num_rx_queues = 16;  // team_get_num_tx_queues / rx_queues defaults
  set_carrier(false);                  // team_init
}

TeamDevice::~TeamDevice() { TeamDevice::on_unregister(); }

void TeamDevice::on_unregister() {
  while (!ports_.empty()) release(*ports_.back());
  if (ctx()) {
    ctx()->engine().cancel(peers_timer_);
    ctx()->engine().cancel(rejoin_timer_);
    ctx()->engine().cancel(lb_timer_);
  }
  peers_timer_ = rejoin_timer_ = lb_timer_ = 0;
}

TeamPort* TeamDevice::port_of(const Device& d) const {
  for (auto& p : ports_)
    if (&p->dev() == &d) return p.get();
  return nullptr;
}

TeamPort* TeamDevice::port_by_ifindex(int ifindex) const {
  for (auto& p : ports_)
    if (p->dev().ifindex() == ifindex) return p.get();
  return nullptr;
}

Status TeamDevice::check_add_port(const Device& dev, bool dev_up) const {
  if (dev.info().link_type == "loopback")
    return Error::with(EINVAL, "Loopback device can't be added as a team port");
  // ("Device is already a port of a team device", EBUSY, cannot happen here: the old master
  // lets go first, as do_set_master does.)
  if (&dev == this) return Error::with(EINVAL, "Cannot enslave team device to itself");
  // netdev_has_upper_dev: `dev` sits above the team (a VLAN on it, its master, ...).
  for (const Device* d = &dev; d; d = d->lower()) {
    bool above = d != &dev && d == this;
    for (const Device* up = master(); up && !above; up = up->master()) above = up == d;
    if (above) return Error::with(EBUSY, "Device is already an upper device of the team interface");
  }
  // team_dev_type_check_change: Linux turns an empty team into one of the port's type; uvn's
  // teams stay Ethernet.
  if (dev.info().link_type != info().link_type) {
    if (!ports_.empty()) return Error::with(EBUSY, "Device is of different type");
    return Error::with(EOPNOTSUPP, "uvn teams take Ethernet devices only");
  }
  if (dev_up) return Error::with(EBUSY, "Device is up. Set it down before adding it as a team port");
  // dev_open of the port fails without extack (a VLAN whose lower is down).
  if (auto st = dev.check_open(); !st) return Error::errno_only(st.error().code);
  return {};
}

Status TeamDevice::add_slave(Device& dev) {
  // do_set_master: the old master lets go first.
  if (dev.master() && dev.master() != this) dev.master()->remove_slave(dev);
  if (auto st = check_add_port(dev, dev.is_up()); !st) return st;
  ports_.push_back(std::make_unique<TeamPort>(*this, dev));
  TeamPort& p = *ports_.back();
  p.orig_mtu = dev.mtu();
  dev.set_mtu(mtu());
  p.orig_mac = dev.mac();
  if (mode_sets_port_mac()) dev.set_mac(mac());  // the mode's port_enter
  dev.open();
  dev.add_rx_handler(&p);
  dev.set_master(this);
  p.rx_sync.sync(*this, dev);  // dev_uc_sync_multiple / dev_mc_sync_multiple, flags
  p.state_linkup = dev.is_up() && dev.carrier();
  set_port_enabled(p, true);
  carrier_check();
  return {};
}

void TeamDevice::remove_slave(Device& dev) {
  if (TeamPort* p = port_of(dev)) release(*p);
}

void TeamDevice::release(TeamPort& p) {
  Device& dev = p.dev();
  set_port_enabled(p, false);
  if (active_ == &p) active_ = nullptr;  // ab_port_leave
  dev.remove_rx_handler(&p);
  p.rx_sync.unsync(dev);
  dev.set_master(nullptr);
  dev.close();
  MacAddr mac = p.orig_mac;
  uint32_t mtu = p.orig_mtu;
  for (auto it = ports_.begin(); it != ports_.end(); ++it)
    if (it->get() == &p) {
      ports_.erase(it);
      break;
    }
  // team_port_set_orig_dev_addr, then the MTU.
  dev.set_mac(mac);
  dev.set_mtu(mtu);
  carrier_check();
}

// team_set_rx_mode / team_change_rx_flags: every port gets the team's receive mode.
void TeamDevice::on_set_rx_mode() {
  for (auto& p : ports_) p->rx_sync.sync(*this, p->dev());
}

void TeamDevice::on_change_rx_flags(uint32_t flag, bool on) {
  for (auto& p : ports_) p->rx_sync.change_flag(p->dev(), flag, on);
}

void TeamDevice::on_open() { on_set_rx_mode(); }

// team_close: the address lists go back; the flags stay.
void TeamDevice::on_close() {
  for (auto& p : ports_) p->rx_sync.unsync_lists(p->dev());
}

void TeamDevice::set_mac(const MacAddr& m) {
  Device::set_mac(m);
  if (mode_sets_port_mac())
    for (auto& p : ports_) p->dev().set_mac(m);
}

void TeamDevice::set_mtu(uint32_t m) {
  Device::set_mtu(m);
  for (auto& p : ports_) p->dev().set_mtu(m);
}

Status TeamDevice::set_mode(TeamMode m) {
  if (!ports_.empty()) return Error::errno_only(EBUSY);  // "No ports can be present ..."
  if (m == mode_) return Error::errno_only(EINVAL);      // "Unable to change to the same mode"
  mode_ = m;
  active_ = nullptr;
  lb_map_.fill(nullptr);
  lb_method_ = TeamLbTxMethod::kHash;
  lb_hash_ = nullptr;
  lb_bpf_.clear();
  lb_bucket_bytes_.fill(0);
  lb_bucket_stats_.fill(0);
  lb_refresh_ = 0;  // lb_init leaves the refresh off (teamd's balancer sets it)
  if (ctx()) ctx()->engine().cancel(lb_timer_);
  lb_timer_ = 0;
  return {};
}

void TeamDevice::reindex() {
  for (size_t i = 0; i < en_ports_.size(); ++i) en_ports_[i]->index = int(i);
}

int TeamDevice::rx_enabled_count() const {
  return int(std::count_if(ports_.begin(), ports_.end(), [](auto& p) { return p->rx_enabled(); }));
}

// team_port_enable / team_port_disable: tx first, then rx.
void TeamDevice::set_port_enabled(TeamPort& p, bool on) {
  set_port_tx_enabled(p, on);
  set_port_rx_enabled(p, on);
}

void TeamDevice::set_port_tx_enabled(TeamPort& p, bool on) {
  if (p.tx_enabled() == on) return;
  if (on) {
    p.index = int(en_ports_.size());
    en_ports_.push_back(&p);
    // team_port_enable: the peers hear of it.
    notify_peers_start();
    mcast_rejoin_start();
  } else {
    // The mode's port_tx_disabled (loadbalance: the buckets mapped to it are emptied).
    for (auto& b : lb_map_)
      if (b == &p) b = nullptr;
    en_ports_.erase(std::find(en_ports_.begin(), en_ports_.end(), &p));
    p.index = -1;
    reindex();
  }
}

void TeamDevice::set_port_rx_enabled(TeamPort& p, bool on) { p.rx_enabled_ = on; }

void TeamDevice::set_user_linkup(TeamPort& p, bool up) {
  p.user_linkup = up;
  port_changed(p);
}

void TeamDevice::set_user_linkup_enabled(TeamPort& p, bool on) {
  p.user_linkup_enabled = on;
  port_changed(p);
}

Status TeamDevice::set_queue_id(TeamPort& p, uint32_t q) {
  if (q >= num_tx_queues) return Error::errno_only(EINVAL);
  p.queue_id = q;
  return {};
}

void TeamDevice::port_changed(TeamPort&) { carrier_check(); }

void TeamDevice::carrier_check() {
  if (user_carrier_) return;
  bool any = std::any_of(ports_.begin(), ports_.end(), [](auto& p) { return p->linkup(); });
  if (any != carrier()) set_carrier(any);
}

void TeamDevice::change_carrier(bool on) {
  user_carrier_ = true;
  set_carrier(on);
}

Status TeamDevice::set_active_port(int ifindex) {
  TeamPort* p = port_by_ifindex(ifindex);
  if (!p) return Error::errno_only(ENOENT);
  active_ = p;
  return {};
}

int TeamDevice::lb_mapping(uint8_t bucket) const {
  return lb_map_[bucket] ? lb_map_[bucket]->dev().ifindex() : 0;
}

Status TeamDevice::set_lb_mapping(uint8_t bucket, int ifindex) {
  TeamPort* p = port_by_ifindex(ifindex);
  if (!p || !p->tx_enabled()) return Error::errno_only(ENODEV);
  lb_map_[bucket] = p;
  return {};
}

uint8_t TeamDevice::lb_bucket(const Frame& f) const {
  if (!lb_hash_) return 0;
  uint32_t h = lb_hash_(f);
  return uint8_t(h ^ (h >> 8) ^ (h >> 16) ^ (h >> 24));
}

void TeamDevice::set_lb_stats_refresh_interval(uint32_t tenths) {
  if (tenths == lb_refresh_) return;
  lb_refresh_ = tenths;
  schedule_lb_refresh(0);
}

Status TeamDevice::set_lb_bpf_func(std::vector<uint8_t> prog) {
  // sock_filter: u16 code, u8 jt, u8 jf, u32 k (host order); BPF_MAXINSNS 4096; the last
  // instruction must be of class BPF_RET (6).
  constexpr size_t kInsn = 8, kMaxInsns = 4096;
  if (!prog.empty()) {
    if (prog.size() % kInsn || prog.size() / kInsn > kMaxInsns)
      return Error::errno_only(EINVAL);
    if ((prog[prog.size() - kInsn] & 0x07) != 0x06) return Error::errno_only(EINVAL);
  } else {
    lb_hash_ = nullptr;
  }
  lb_bpf_ = std::move(prog);
  return {};
}

void TeamDevice::lb_refresh_stats() {
  lb_bucket_stats_ = lb_bucket_bytes_;
  lb_bucket_bytes_.fill(0);
  for (auto& p : ports_) {
    p->lb_stats = p->lb_tx_bytes;
    p->lb_tx_bytes = 0;
  }
}

// lb_stats_refresh: publish, then again every interval; `first` is the delay to the next one.
void TeamDevice::schedule_lb_refresh(Nanos first) {
  if (!ctx()) return;
  ctx()->engine().cancel(lb_timer_);
  lb_timer_ = 0;
  if (mode_ != TeamMode::kLoadBalance || !lb_refresh_) return;
  lb_timer_ = ctx()->engine().after(first, [this] {
    lb_timer_ = 0;
    lb_refresh_stats();
    schedule_lb_refresh(Nanos(lb_refresh_) * 100 * kMsec);
  });
}

// team_notify_peers / team_mcast_rejoin: `count` notifications, the first at once, then one
// every `interval` ms, while the team is up.
void TeamDevice::notify_peers_start() {
  if (!notify_peers_count || !is_up() || !ctx()) return;
  peers_pending_ += notify_peers_count;
  if (!peers_timer_) peers_timer_ = ctx()->engine().after(0, [this] { peers_tick(); });
}

void TeamDevice::peers_tick() {
  peers_timer_ = 0;
  if (!peers_pending_ || !ctx()) return;
  --peers_pending_;
  ++peer_notifications;
  ctx()->notify_peers(*this);
  if (peers_pending_)
    peers_timer_ = ctx()->engine().after(Nanos(notify_peers_interval) * kMsec,
                                         [this] { peers_tick(); });
}

void TeamDevice::mcast_rejoin_start() {
  if (!mcast_rejoin_count || !is_up() || !ctx()) return;
  rejoin_pending_ += mcast_rejoin_count;
  if (!rejoin_timer_) rejoin_timer_ = ctx()->engine().after(0, [this] { rejoin_tick(); });
}

void TeamDevice::rejoin_tick() {
  rejoin_timer_ = 0;
  if (!rejoin_pending_ || !ctx()) return;
  --rejoin_pending_;
  ++mcast_rejoins;
  ctx()->resend_igmp(*this);
  if (rejoin_pending_)
    rejoin_timer_ = ctx()->engine().after(Nanos(mcast_rejoin_interval) * kMsec,
                                          [this] { rejoin_tick(); });
}

}  // namespace uvn
