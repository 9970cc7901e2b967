// Lacp: configuration, ports, frame dispatch, the run-to-completion loop, timers and what the
// sink is told.
#include "proto/lacp/lacp.h"

#include <algorithm>

#include "proto/lacp/lacp_internal.h"

namespace uvn::proto {

using lacp::Engine;
using lacp::Port;

namespace lacp {
namespace {

// A run that has not settled after this many rounds is cut short (well-formed machines settle
// in a handful; the bound keeps a bug from spinning).
constexpr int kMaxRounds = 64;
// tick() runs at most this many due timers one by one; after that the clock jumps to `now`
// and everything still due fires once (the state is the same for any long gap).
constexpr int kMaxStepsPerTick = 1 << 20;

void begin_port(Engine& e, Port& p) {
  p.actor_state = 0;
  p.set_actor(wire::kLacpStateActivity, p.cfg.active);
  p.set_actor(wire::kLacpStateTimeout, p.cfg.rate == LacpRate::kFast);
  p.set_actor(wire::kLacpStateAggregation, p.cfg.aggregatable);
  p.partner = p.cfg.partner_admin;
  p.selected = false;
  p.ntt = false;
  p.port_moved = false;
  p.ready_n = false;
  p.rcvd = false;
  p.current_while = p.periodic_timer = p.wait_while = kForever;
  rx_begin(e, p);
  periodic_begin(e, p);
  mux_begin(e, p);
  churn_begin(e, p);
}

// Runs the machines until none moves, then Transmit once per port.
void run(Engine& e) {
  int round = 0;
  for (; round < kMaxRounds; ++round) {
    bool moved = false;
    for (auto& p : e.ports) {
      moved |= rx_step(e, *p);
      moved |= periodic_step(e, *p);
    }
    moved |= select_step(e);
    for (auto& p : e.ports) {
      moved |= mux_step(e, *p);
      moved |= churn_step(e, *p);
    }
    if (!moved) break;
  }
  if (round == kMaxRounds) ++e.unsettled_runs;
  for (auto& p : e.ports) tx_step(e, *p);
  if (e.agg_select_pending && !e.agg_select_hold()) e.agg_select_pending = false;
}

bool carrier_of(const Engine& e) {
  const Aggregator* a = e.active_aggregator();
  return a != nullptr && enabled_members(*a) >= e.cfg.min_links;
}

bool fallback_of(const Engine& e) {
  if (!e.cfg.fallback) return false;
  bool any = false;
  for (auto& p : e.ports) {
    if (!p->port_enabled) continue;
    any = true;
    if (!p->actor(wire::kLacpStateDefaulted)) return false;
  }
  return any;
}

// Tells the sink what changed: aggregators, the active one, the data path (ports that lose
// something first), the carrier.
void report(Engine& e) {
  for (auto& p : e.ports) {
    uint16_t id = p->agg ? p->agg->id : 0;
    if (id == p->reported_agg) continue;
    p->reported_agg = id;
    e.sink.port_aggregator_changed(p->port_no, id);
  }
  const Aggregator* active = e.active_aggregator();
  uint16_t active_id = active ? active->id : 0;
  if (active_id != e.reported_active) {
    e.reported_active = active_id;
    e.sink.active_aggregator_changed(active_id);
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (auto& p : e.ports) {
      bool c = datapath_collecting(e, *p), d = datapath_distributing(e, *p);
      if (c == p->reported_collecting && d == p->reported_distributing) continue;
      bool loses = (p->reported_collecting && !c) || (p->reported_distributing && !d);
      if (loses != (pass == 0)) continue;
      p->reported_collecting = c;
      p->reported_distributing = d;
      e.sink.port_datapath_changed(p->port_no, c, d);
    }
  }
  bool carrier = carrier_of(e);
  if (carrier != e.reported_carrier) {
    e.reported_carrier = carrier;
    e.sink.carrier_changed(carrier);
  }
  bool fb = fallback_of(e);
  if (fb != e.reported_fallback) {
    e.reported_fallback = fb;
    e.sink.fallback_changed(fb);
  }
}

void min_deadline(Nanos& best, Nanos t, Nanos after) {
  if (t > after && t < best) best = t;
}

// The earliest timer after e.now (timers at or before it have been acted on).
Nanos earliest_deadline(const Engine& e) {
  Nanos best = kForever;
  for (auto& up : e.ports) {
    const Port& p = *up;
    min_deadline(best, p.current_while, e.now);
    min_deadline(best, p.periodic_timer, e.now);
    min_deadline(best, p.wait_while, e.now);
    min_deadline(best, p.actor_churn_timer, e.now);
    min_deadline(best, p.partner_churn_timer, e.now);
    if (p.ntt && p.periodic != PeriodicState::kNoPeriodic)
      min_deadline(best, p.tx_limit.next_allowed(e.now, kLacpFastPeriodic), e.now);
  }
  if (e.agg_select_pending) min_deadline(best, e.agg_select_until, e.now);
  return best;
}

void advance(Engine& e, Nanos now) {
  for (int i = 0; i < kMaxStepsPerTick; ++i) {
    Nanos d = earliest_deadline(e);
    if (d > now) {
      e.now = std::max(e.now, now);
      return;
    }
    e.now = d;
    run(e);
    report(e);
  }
  e.now = std::max(e.now, now);  // a very long gap: whatever is still due fires once
  run(e);
  report(e);
}

bool same_system(const Engine& e, const MacAddr& m) {
  return m == e.cfg.system;
}

// 5.4.12: Port_moved for a disabled port whose recorded partner shows up on another port.
void check_port_moved(Engine& e, const Port& on, const LacpInfo& actor) {
  for (auto& q : e.ports) {
    if (q.get() == &on || q->rx != RxState::kPortDisabled || q->partner.system.is_zero()) continue;
    if (q->partner.system == actor.system && q->partner.port == actor.port) q->port_moved = true;
  }
}

}  // namespace

Port* Engine::find(int port_no) const {
  for (auto& p : ports)
    if (p->port_no == port_no) return p.get();
  return nullptr;
}

Aggregator* Engine::active_aggregator() const {
  for (auto& p : ports)
    if (p->slot.active) return &p->slot;
  return nullptr;
}

void Aggregator::clear() {
  members.clear();
  individual = false;
  actor_key = 0;
  partner_system_priority = 0;
  partner_system = MacAddr{};
  partner_key = 0;
  active = false;
}

LacpInfo actor_info(const Engine& e, const Port& p) {
  LacpInfo i;
  i.system_priority = e.cfg.system_priority;
  i.system = e.cfg.system;
  i.key = p.cfg.key;
  i.port_priority = p.cfg.port_priority;
  i.port = uint16_t(p.port_no);
  i.state = p.actor_state;
  return i;
}

uint32_t enabled_members(const Aggregator& a) {
  uint32_t n = 0;
  for (const Port* m : a.members) n += m->port_enabled;
  return n;
}

uint64_t bandwidth(const Aggregator& a) {
  uint64_t b = 0;
  for (const Port* m : a.members)
    if (m->port_enabled) b += m->cfg.speed_mbps;
  return b;
}

bool datapath_collecting(const Engine& e, const Port& p) {
  if (p.agg == nullptr || !p.agg->active) return false;
  if (e.cfg.partnerless_datapath && !p.agg->has_partner()) return p.port_enabled;
  return p.mux == MuxState::kCollectingDistributing || p.mux == MuxState::kCollecting ||
         p.mux == MuxState::kDistributing;
}

bool datapath_distributing(const Engine& e, const Port& p) {
  if (p.agg == nullptr || !p.agg->active) return false;
  if (e.cfg.partnerless_datapath && !p.agg->has_partner()) return p.port_enabled;
  return p.mux == MuxState::kCollectingDistributing || p.mux == MuxState::kDistributing;
}

}  // namespace lacp

std::string_view lacp_churn_state_name(LacpChurnState s) {
  switch (s) {
    case LacpChurnState::kMonitor:
      return "monitoring";
    case LacpChurnState::kChurn:
      return "churned";
    case LacpChurnState::kNoChurn:
      break;
  }
  return "none";
}

std::string_view lacp_rx_state_name(LacpRxState s) {
  switch (s) {
    case LacpRxState::kInitialize:
      return "initialize";
    case LacpRxState::kPortDisabled:
      return "port_disabled";
    case LacpRxState::kLacpDisabled:
      return "lacp_disabled";
    case LacpRxState::kExpired:
      return "expired";
    case LacpRxState::kDefaulted:
      return "defaulted";
    case LacpRxState::kCurrent:
      break;
  }
  return "current";
}

std::string_view lacp_mux_state_name(LacpMuxState s) {
  switch (s) {
    case LacpMuxState::kDetached:
      return "detached";
    case LacpMuxState::kWaiting:
      return "waiting";
    case LacpMuxState::kAttached:
      return "attached";
    case LacpMuxState::kCollectingDistributing:
      return "collecting_distributing";
    case LacpMuxState::kCollecting:
      return "collecting";
    case LacpMuxState::kDistributing:
      break;
  }
  return "distributing";
}

LacpCounters& LacpCounters::operator+=(const LacpCounters& o) {
  lacpdu_rx += o.lacpdu_rx;
  lacpdu_tx += o.lacpdu_tx;
  lacpdu_unknown_rx += o.lacpdu_unknown_rx;
  lacpdu_illegal_rx += o.lacpdu_illegal_rx;
  marker_rx += o.marker_rx;
  marker_tx += o.marker_tx;
  marker_response_rx += o.marker_response_rx;
  marker_response_tx += o.marker_response_tx;
  marker_unknown_rx += o.marker_unknown_rx;
  marker_response_dropped += o.marker_response_dropped;
  return *this;
}

Lacp::Lacp(LacpSink& sink, const LacpConfig& config) : e_(std::make_unique<Engine>(sink, config)) {}

Lacp::~Lacp() = default;

void Lacp::set_config(const LacpConfig& c, Nanos now) {
  tick(now);
  LacpConfig old = e_->cfg;
  e_->cfg = c;
  bool new_system = c.system != old.system || c.system_priority != old.system_priority;
  for (auto& p : e_->ports) {
    if (new_system || c.collector_max_delay != old.collector_max_delay) p->ntt = true;
    // Ports past ATTACHED in the other control mode start again from ATTACHED.
    if (c.coupled_control != old.coupled_control && p->mux != lacp::MuxState::kDetached &&
        p->mux != lacp::MuxState::kWaiting && p->mux != lacp::MuxState::kAttached) {
      p->mux = lacp::MuxState::kAttached;
      p->set_actor(wire::kLacpStateCollecting, false);
      p->set_actor(wire::kLacpStateDistributing, false);
      p->ntt = true;
    }
  }
  lacp::run(*e_);
  lacp::report(*e_);
}

const LacpConfig& Lacp::config() const {
  return e_->cfg;
}

void Lacp::initiate_agg_selection(Nanos delay, Nanos now) {
  tick(now);
  e_->agg_select_until = e_->now + std::max<Nanos>(delay, 0);
  e_->agg_select_pending = delay > 0;
  lacp::run(*e_);
  lacp::report(*e_);
}

void Lacp::add_port(int port_no, const MacAddr& mac, const LacpPortConfig& c, Nanos now) {
  tick(now);
  if (port_no < 1 || port_no > 0xffff || e_->find(port_no)) return;
  Engine& e = *e_;
  if (e.ports.empty() && e.cfg.system != e.id_system) {  // bond_3ad_initialize
    e.next_agg_id = 0;
    e.id_system = e.cfg.system;
  }
  auto p = std::make_unique<Port>();
  p->port_no = port_no;
  p->mac = mac;
  p->cfg = c;
  if (++e.next_agg_id == 0) ++e.next_agg_id;
  p->slot.id = e.next_agg_id;
  lacp::begin_port(e, *p);
  e.ports.push_back(std::move(p));
  lacp::run(e);
  lacp::report(e);
}

void Lacp::remove_port(int port_no, Nanos now) {
  tick(now);
  Engine& e = *e_;
  Port* p = e.find(port_no);
  if (p == nullptr) return;
  if (p->port_enabled && p->lacp_enabled() && p->periodic != lacp::PeriodicState::kNoPeriodic) {
    p->set_actor(wire::kLacpStateAggregation, false);
    lacp::send_lacpdu(e, *p);
  }
  lacp::release_slot(e, *p);
  std::erase_if(e.ports, [p](const std::unique_ptr<Port>& q) { return q.get() == p; });
  lacp::run(e);
  lacp::report(e);
}

void Lacp::set_port_config(int port_no, const LacpPortConfig& c, Nanos now) {
  tick(now);
  Engine& e = *e_;
  Port* p = e.find(port_no);
  if (p == nullptr || p->cfg == c) return;
  LacpPortConfig old = p->cfg;
  p->cfg = c;
  // A new key or aggregatability makes the port choose its aggregator again (and the partner
  // reselect); every change of what the LACPDU says is sent (NTT).
  if (c.key != old.key || c.aggregatable != old.aggregatable) p->selected = false;
  p->set_actor(wire::kLacpStateActivity, c.active);
  p->set_actor(wire::kLacpStateTimeout, c.rate == LacpRate::kFast);
  p->set_actor(wire::kLacpStateAggregation, c.aggregatable);
  if (c.key != old.key || c.aggregatable != old.aggregatable || c.active != old.active ||
      c.rate != old.rate || c.port_priority != old.port_priority)
    p->ntt = true;
  if (c.full_duplex != old.full_duplex && p->rx != lacp::RxState::kPortDisabled) {
    // LACP_Enabled changed: the Receive machine starts again from PORT_DISABLED.
    p->rx = lacp::RxState::kPortDisabled;
    p->current_while = kForever;
    p->set_partner(wire::kLacpStateSynchronization, false);
  }
  if (c.partner_admin != old.partner_admin && p->actor(wire::kLacpStateDefaulted)) {
    if (c.partner_admin.system != p->partner.system || c.partner_admin.key != p->partner.key ||
        c.partner_admin.port != p->partner.port)
      p->selected = false;
    p->partner = c.partner_admin;
  }
  lacp::run(e);
  lacp::report(e);
}

void Lacp::set_port_enabled(int port_no, bool enabled, Nanos now) {
  tick(now);
  Port* p = e_->find(port_no);
  if (p == nullptr || p->port_enabled == enabled) return;
  p->port_enabled = enabled;
  // A port that comes up says so at once (Linux: the key it gets back on link up restarts the
  // port's machines, whose Mux sets NTT); 802.1AX would wait for the first periodic time.
  if (enabled) p->ntt = true;
  lacp::run(*e_);
  lacp::report(*e_);
}

bool Lacp::receive(int port_no, const uint8_t* frame, size_t len, Nanos now) {
  tick(now);
  Engine& e = *e_;
  Port* p = e.find(port_no);
  wire::SlowPdu s = wire::classify_slow_frame(frame, len);
  if (p == nullptr)
    return s.kind != wire::SlowPduKind::kNotSlow && s.kind != wire::SlowPduKind::kUnknownSubtype;
  switch (s.kind) {
    case wire::SlowPduKind::kNotSlow:
      return false;
    case wire::SlowPduKind::kUnknownSubtype:
      ++p->counters.lacpdu_unknown_rx;
      return false;
    case wire::SlowPduKind::kIllegal:
      ++p->counters.lacpdu_illegal_rx;
      return true;
    case wire::SlowPduKind::kMarkerUnknown:
      ++p->counters.marker_unknown_rx;
      return true;
    case wire::SlowPduKind::kMarkerResponse:
      ++p->counters.marker_response_rx;
      return true;
    case wire::SlowPduKind::kMarkerInformation:
      ++p->counters.marker_rx;
      lacp::marker_respond(e, *p, wire::MarkerRepr::parse(*wire::MarkerView::parse(s.data, s.len)));
      return true;
    case wire::SlowPduKind::kLacpdu:
      break;
  }
  ++p->counters.lacpdu_rx;
  wire::LacpduRepr r = wire::LacpduRepr::parse(*wire::LacpduView::parse(s.data, s.len));
  if (lacp::same_system(e, r.actor.system)) return true;  // looped back: ignored, as Linux
  lacp::check_port_moved(e, *p, r.actor);
  p->rx_pdu = r;
  p->rcvd = true;
  lacp::run(e);
  lacp::report(e);
  return true;
}

void Lacp::tick(Nanos now) {
  lacp::advance(*e_, now);
}

Nanos Lacp::next_deadline() const {
  return lacp::earliest_deadline(*e_);
}

std::vector<int> Lacp::port_numbers() const {
  std::vector<int> v;
  for (auto& p : e_->ports) v.push_back(p->port_no);
  return v;
}

std::optional<LacpPortStatus> Lacp::port_status(int port_no) const {
  const Port* p = e_->find(port_no);
  if (p == nullptr) return std::nullopt;
  LacpPortStatus s;
  s.port_no = p->port_no;
  s.mac = p->mac;
  s.enabled = p->port_enabled;
  s.aggregator_id = p->agg ? p->agg->id : 0;
  s.selected = p->selected;
  s.collecting = lacp::datapath_collecting(*e_, *p);
  s.distributing = lacp::datapath_distributing(*e_, *p);
  s.actor = lacp::actor_info(*e_, *p);
  s.partner = p->partner;
  s.rx = p->rx;
  s.periodic = p->periodic;
  s.mux = p->mux;
  s.actor_churn = p->actor_churn;
  s.partner_churn = p->partner_churn;
  s.actor_churn_count = p->actor_churn_count;
  s.partner_churn_count = p->partner_churn_count;
  s.ntt = p->ntt;
  s.counters = p->counters;
  return s;
}

bool Lacp::port_collecting(int port_no) const {
  const Port* p = e_->find(port_no);
  return p != nullptr && lacp::datapath_collecting(*e_, *p);
}

bool Lacp::port_distributing(int port_no) const {
  const Port* p = e_->find(port_no);
  return p != nullptr && lacp::datapath_distributing(*e_, *p);
}

uint16_t Lacp::port_aggregator_id(int port_no) const {
  const Port* p = e_->find(port_no);
  return p != nullptr && p->agg != nullptr ? p->agg->id : 0;
}

namespace {

LacpAggregatorStatus aggregator_status(const lacp::Aggregator& a) {
  LacpAggregatorStatus s;
  s.id = a.id;
  for (const Port* m : a.members) s.ports.push_back(m->port_no);
  std::sort(s.ports.begin(), s.ports.end());
  s.enabled_ports = lacp::enabled_members(a);
  s.bandwidth_mbps = lacp::bandwidth(a);
  s.actor_key = a.actor_key;
  s.partner_key = a.partner_key;
  s.partner_system_priority = a.partner_system_priority;
  s.partner_system = a.partner_system;
  s.individual = a.individual;
  s.active = a.active;
  return s;
}

}  // namespace

std::vector<LacpAggregatorStatus> Lacp::aggregators() const {
  std::vector<LacpAggregatorStatus> v;
  for (auto& p : e_->ports)
    if (!p->slot.empty()) v.push_back(aggregator_status(p->slot));
  return v;
}

std::optional<LacpAggregatorStatus> Lacp::active_aggregator() const {
  const lacp::Aggregator* a = e_->active_aggregator();
  if (a == nullptr) return std::nullopt;
  return aggregator_status(*a);
}

uint16_t Lacp::active_aggregator_id() const {
  const lacp::Aggregator* a = e_->active_aggregator();
  return a ? a->id : 0;
}

bool Lacp::carrier() const {
  return lacp::carrier_of(*e_);
}

bool Lacp::fallback_active() const {
  return lacp::fallback_of(*e_);
}

LacpCounters Lacp::total_counters() const {
  LacpCounters c;
  for (auto& p : e_->ports) c += p->counters;
  return c;
}

uint64_t Lacp::unsettled_runs() const {
  return e_->unsettled_runs;
}

}  // namespace uvn::proto
