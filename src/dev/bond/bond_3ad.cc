// 802.3ad: the bond's side of the LACP engine (proto/lacp). The engine runs while the bond is
// up in mode 802.3ad (Linux's ad_work; a bond that is down has no active aggregator); each
// slave is a port numbered as Linux numbers them (1, 2, ... in enslave order), sending from its
// permanent address, enabled while its link is up. The engine decides the data path: a port
// that collects delivers what it receives, a port that distributes carries transmit (the hash
// then spreads frames over the distributing ports of the active aggregator), and the bond's
// carrier is the active aggregator having min_links enabled ports. With uvn's lacp_fallback
// on, a bond whose partner never speaks LACP runs as active-backup on its first up slave,
// with active-backup's peer notifications when that slave changes. (Without it, Linux's own
// rule already carries traffic on one port of a partnerless bond, but chosen by ad_select
// and with no notification when it moves.)
#include "dev/bond/bond.h"

namespace uvn {

namespace {

proto::LacpSelect select_of(uint64_t ad_select) { return proto::LacpSelect(ad_select); }

}  // namespace

void BondLacpSink::send_frame(int port_no, const uint8_t* frame, size_t len) {
  BondSlave* s = b_.ad_slave(port_no);
  if (!s || !b_.ctx()) return;
  Frame f = b_.ctx()->engine().pool().alloc(len);
  std::copy(frame, frame + len, f.data());
  s->dev().transmit(std::move(f));
}

void BondLacpSink::port_datapath_changed(int port_no, bool collecting, bool distributing) {
  if (BondSlave* s = b_.ad_slave(port_no)) b_.ad_datapath(*s, collecting, distributing);
}

void BondLacpSink::active_aggregator_changed(uint16_t) { b_.ad_refresh(); }
void BondLacpSink::carrier_changed(bool) { b_.ad_refresh(); }
void BondLacpSink::fallback_changed(bool) { b_.ad_refresh(); }

BondSlave* BondDevice::ad_slave(int port_no) const {
  for (auto& s : slaves_)
    if (s->ad_port_no == port_no) return s.get();
  return nullptr;
}

proto::LacpConfig BondDevice::ad_config() const {
  proto::LacpConfig c;
  c.system_priority = uint16_t(opt(kBondAdActorSysPrio));
  c.system = ad_system();
  c.select = select_of(opt(kBondAdSelect));
  c.coupled_control = opt(kBondCoupledControl) != 0;
  c.min_links = uint32_t(opt(kBondMinLinks));
  c.fallback = opt(kBondLacpFallback) != 0;
  return c;
}

proto::LacpPortConfig BondDevice::ad_port_config(const BondSlave& s) const {
  proto::LacpPortConfig c;
  c.key = proto::lacp_linux_port_key(s.speed(), s.full_duplex(),
                                     uint16_t(opt(kBondAdUserPortKey)));
  c.port_priority = uint16_t(s.opt(kBsActorPortPrio));
  c.active = opt(kBondLacpActive) != 0;
  c.rate = opt(kBondLacpRate) ? proto::LacpRate::kFast : proto::LacpRate::kSlow;
  c.full_duplex = s.full_duplex();
  c.speed_mbps = s.speed();
  return c;
}

void BondDevice::ad_start() {
  if (mode() != BondMode::k8023ad || !ctx() || lacp_) return;
  lacp_sink_ = std::make_unique<BondLacpSink>(*this);
  lacp_ = std::make_unique<proto::Lacp>(*lacp_sink_, ad_config());
  Nanos t = now();
  for (auto& s : slaves_) ad_add_port(*s);
  // bond_open: aggregator selection after one tick.
  lacp_->initiate_agg_selection(4 * kMsec, t);
  ad_kick();
}

void BondDevice::ad_stop() {
  if (!lacp_) return;
  if (ctx()) ctx()->engine().cancel(ad_timer_);
  ad_timer_ = 0;
  ad_timer_at_ = kForever;
  lacp_.reset();
  lacp_sink_.reset();
  for (auto& s : slaves_) set_slave_inactive(*s);
  update_usable();
  set_carrier_from_slaves();
}

void BondDevice::ad_add_port(BondSlave& s) {
  if (!lacp_) return;
  lacp_->add_port(s.ad_port_no, s.perm_hwaddr, ad_port_config(s), now());
  ad_link_changed(s);
}

void BondDevice::ad_remove_port(BondSlave& s) {
  if (!lacp_) return;
  lacp_->remove_port(s.ad_port_no, now());
  ad_kick();
}

void BondDevice::ad_link_changed(BondSlave& s) {
  if (!lacp_) return;
  lacp_->set_port_enabled(s.ad_port_no, s.link == BondLink::kUp && s.is_up(), now());
  ad_kick();
}

void BondDevice::ad_config_changed() {
  if (!lacp_) return;
  lacp_->set_config(ad_config(), now());
  for (auto& s : slaves_) lacp_->set_port_config(s->ad_port_no, ad_port_config(*s), now());
  ad_kick();
}

void BondDevice::ad_kick() {
  if (!lacp_ || !ctx()) return;
  Engine& eng = ctx()->engine();
  lacp_->tick(eng.now());
  Nanos next = lacp_->next_deadline();
  if (next == ad_timer_at_ && ad_timer_) return;
  eng.cancel(ad_timer_);
  ad_timer_ = 0;
  ad_timer_at_ = next;
  if (next == kForever) return;
  ad_timer_ = eng.at(next, [this] {
    ad_timer_ = 0;
    ad_timer_at_ = kForever;
    ad_kick();
  });
}

void BondDevice::ad_datapath(BondSlave& s, bool collecting, bool distributing) {
  // __enable_port / __disable_port: the port's receive and transmit follow the mux.
  s.inactive = !collecting && !opt(kBondAllSlavesActive);
  s.backup = !distributing;
  ad_refresh();
}

void BondDevice::ad_refresh() {
  if (lacp_ && lacp_->fallback_active()) {
    // Fallback to active-backup: the first slave whose link is up carries everything.
    BondSlave* act = nullptr;
    for (auto& s : slaves_)
      if (!act && s->link == BondLink::kUp && s->is_up()) act = s.get();
    for (auto& s : slaves_) {
      s->backup = s.get() != act;
      s->inactive = s.get() != act && !opt(kBondAllSlavesActive);
    }
    BondSlave* old = curr_active_;
    curr_active_ = act;
    // As active-backup: a new active slave announces the bond's addresses (peer
    // notifications), so that the switch learns the new path at once.
    if (act && old && act != old && is_up()) {
      uint32_t d = std::max<uint32_t>(1, uint32_t(opt(kBondPeerNotifyDelay)));
      send_peer_notif_ = uint32_t(opt(kBondNumPeerNotif)) * d;
      update_usable();
      set_carrier_from_slaves();
      if (should_notify_peers()) {
        --send_peer_notif_;
        notify_peers();
      }
    }
  }
  update_usable();
  set_carrier_from_slaves();
}

bool BondDevice::ad_carrier() const {
  if (!lacp_) return false;
  if (lacp_->fallback_active()) {
    for (auto& s : slaves_)
      if (s->link == BondLink::kUp && s->is_up()) return true;
    return false;
  }
  return lacp_->carrier();
}

bool BondDevice::ad_rx(BondSlave& s, Frame& f) {
  if (!lacp_) return false;
  bool consumed = lacp_->receive(s.ad_port_no, f.data(), f.size(), now());
  ad_kick();
  return consumed;
}

void BondDevice::set_actor_port_prio(BondSlave& s, uint16_t prio) {
  s.set_opt(kBsActorPortPrio, prio);
  if (lacp_) {
    lacp_->set_port_config(s.ad_port_no, ad_port_config(s), now());
    ad_kick();
  }
}

std::optional<BondAdInfo> BondDevice::ad_info() const {
  if (!lacp_) return std::nullopt;
  auto a = lacp_->active_aggregator();
  if (!a) return std::nullopt;
  BondAdInfo i;
  i.aggregator = a->id;
  i.num_ports = uint16_t(a->enabled_ports);
  i.actor_key = a->actor_key;
  i.partner_key = a->partner_key;
  i.partner_mac = a->partner_system;
  return i;
}

std::optional<BondAdPort> BondDevice::ad_port(const BondSlave& s) const {
  if (!lacp_) return std::nullopt;
  auto st = lacp_->port_status(s.ad_port_no);
  if (!st || !st->aggregator_id) return std::nullopt;
  BondAdPort p;
  p.aggregator_id = st->aggregator_id;
  p.actor_state = st->actor.state;
  p.partner_state = st->partner.state;
  p.actor_sys_prio = st->actor.system_priority;
  p.actor_system = st->actor.system;
  p.actor_key = st->actor.key;
  p.actor_port_prio = st->actor.port_priority;
  p.actor_port = st->actor.port;
  p.partner_sys_prio = st->partner.system_priority;
  p.partner_system = st->partner.system;
  p.partner_key = st->partner.key;
  p.partner_port_prio = st->partner.port_priority;
  p.partner_port = st->partner.port;
  p.actor_churn = uint8_t(st->actor_churn);
  p.partner_churn = uint8_t(st->partner_churn);
  p.actor_churned = uint32_t(st->actor_churn_count);
  p.partner_churned = uint32_t(st->partner_churn_count);
  return p;
}

BondAdStats BondDevice::ad_stats(const BondSlave* s) const {
  BondAdStats r;
  if (!lacp_) return r;
  proto::LacpCounters c;
  if (s) {
    if (auto st = lacp_->port_status(s->ad_port_no)) c = st->counters;
  } else {
    c = lacp_->total_counters();
  }
  r.lacpdu_rx = c.lacpdu_rx;
  r.lacpdu_tx = c.lacpdu_tx;
  r.lacpdu_unknown_rx = c.lacpdu_unknown_rx;
  r.lacpdu_illegal_rx = c.lacpdu_illegal_rx;
  r.marker_rx = c.marker_rx;
  r.marker_tx = c.marker_tx;
  r.marker_response_rx = c.marker_response_rx;
  r.marker_response_tx = c.marker_response_tx;
  r.marker_unknown_rx = c.marker_unknown_rx;
  return r;
}

MacAddr BondDevice::ad_system() const {
  uint64_t v = opt(kBondAdActorSystem);
  return v ? MacAddr::from_u64(v) : mac();
}

}  // namespace uvn
