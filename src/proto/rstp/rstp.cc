// Rstp: configuration, BPDU validation, the run-to-completion loop, the Port Timers machine
// (17.22) and status.
#include "proto/rstp/rstp.h"

#include <algorithm>

#include "proto/rstp/rstp_internal.h"

namespace uvn::proto {

using rstp::Bridge;
using rstp::Port;

namespace rstp {
namespace {

// A run that has not settled after this many rounds is cut short (it cannot happen with
// well-formed machines; the bound keeps hostile input from spinning).
constexpr int kMaxRounds = 1000;
// tick() runs at most this many one-second steps; later ones only shift the schedule (every
// timer is below a few minutes, so the state is the same).
constexpr int kMaxTicksPerCall = 4096;

Times times_from(const StpTimes& t) {
  auto s = [](uint32_t cs) { return (cs + 50) / 100; };
  return Times{0, s(t.max_age_cs), s(t.forward_delay_cs), s(t.hello_time_cs)};
}

StpPortState data_state(const Bridge& b, const Port& p) {
  if (!b.enabled) return p.link_up ? StpPortState::kForwarding : StpPortState::kDisabled;
  if (!p.port_enabled) return StpPortState::kDisabled;
  if (p.forwarding) return StpPortState::kForwarding;
  if (p.learning) return StpPortState::kLearning;
  return StpPortState::kBlocking;
}

void begin_port(Bridge& b, Port& p) {
  p.port_id = stp_make_port_id(p.priority, p.port_no);
  p.port_enabled = p.link_up && !p.guard_tripped;
  p.designated_times = b.bridge_times;
  p.port_times = b.bridge_times;
  p.designated_priority = b.bridge_priority();
  p.port_priority = b.bridge_priority();
  p.reselect = false;
  p.selected = false;
  p.selected_role = Role::kDisabled;
  p.tx_count = 0;
  prx_begin(b, p);
  ppm_begin(b, p);
  bdm_begin(b, p);
  ptx_begin(b, p);
  pim_begin(b, p);
  prt_begin(b, p);
  pst_begin(b, p);
  tcm_begin(b, p);
}

// Runs every machine until none moves; Port Transmit only once the others have settled.
void run(Bridge& b) {
  if (!b.enabled) return;
  for (int round = 0; round < kMaxRounds; ++round) {
    bool changed = false;
    int inner = 0;
    for (; inner < kMaxRounds; ++inner) {
      bool moved = false;
      for (auto& [no, p] : b.ports) {
        moved |= prx_step(b, p);
        moved |= ppm_step(b, p);
        moved |= bdm_step(b, p);
        moved |= pim_step(b, p);
      }
      moved |= prs_step(b);
      for (auto& [no, p] : b.ports) {
        moved |= prt_step(b, p);
        moved |= pst_step(b, p);
        moved |= tcm_step(b, p);
      }
      if (!moved) break;
      changed = true;
    }
    if (inner == kMaxRounds) ++b.unsettled_runs;
    bool sent = false;
    for (auto& [no, p] : b.ports)
      for (int n = 0; n < kMaxRounds && ptx_step(b, p); ++n) sent = true;
    if (!sent && !changed) return;
  }
  ++b.unsettled_runs;
}

// Tells the sink what changed for the data path.
void report(Bridge& b) {
  bool tc = false;
  for (auto& [no, p] : b.ports) {
    StpPortState s = data_state(b, p);
    if (b.enabled && p.tc_while != 0) tc = true;
    if (s == p.reported) continue;
    if (b.enabled && s == StpPortState::kBlocking) ++p.counters.transition_blk;
    if (b.enabled && s == StpPortState::kForwarding) ++p.counters.transition_fwd;
    p.reported = s;
    b.sink.port_state_changed(p.port_no, s);
  }
  if (tc != b.reported_tc) {
    b.reported_tc = tc;
    if (tc) ++b.tc_count;
    b.sink.topology_change(tc);
  }
}

void dec(uint32_t& t) {
  if (t > 0) --t;
}

// Port Timers (17.22): one tick.
void one_second(Bridge& b) {
  for (auto& [no, p] : b.ports) {
    dec(p.hello_when);
    dec(p.tc_while);
    dec(p.fd_while);
    dec(p.rcvd_info_while);
    dec(p.rr_while);
    dec(p.rb_while);
    dec(p.mdelay_while);
    dec(p.edge_delay_while);
    dec(p.tx_count);
  }
}

// The port's priority vector, roles or times changed: recompute at the next run.
void reselect(Port& p) {
  p.reselect = true;
  p.selected = false;
}

void update_port_enabled(Port& p) {
  p.port_enabled = p.link_up && !p.guard_tripped;
}

// 9.3.4 validation. Returns false (and counts) for what must be dropped.
bool validate(Bridge& b, Port& p, const uint8_t* llc, size_t len, wire::BpduRepr& out) {
  auto view = wire::BpduView::parse_llc(llc, len);
  auto r = view ? wire::BpduRepr::parse(*view) : std::nullopt;
  if (!r || (r->type == wire::BpduType::kRst && r->version < wire::kBpduVersionRstp) ||
      (r->type == wire::BpduType::kConfig && r->message_age >= r->max_age)) {
    ++p.counters.rx_bad;
    return false;
  }
  if (!b.enabled || !p.port_enabled) {
    ++p.counters.rx_dropped;
    return false;
  }
  // Our own BPDU looped back to the port that sent it.
  if (r->type != wire::BpduType::kTcn && r->bridge_id == b.bridge_id && r->port_id == p.port_id) {
    ++p.counters.rx_dropped;
    return false;
  }
  out = *r;
  return true;
}

}  // namespace

int compare(const PriorityVector& a, const PriorityVector& x) {
  if (a.root != x.root) return a.root < x.root ? -1 : 1;
  if (a.root_path_cost != x.root_path_cost) return a.root_path_cost < x.root_path_cost ? -1 : 1;
  if (a.designated_bridge != x.designated_bridge)
    return a.designated_bridge < x.designated_bridge ? -1 : 1;
  if (a.designated_port != x.designated_port) return a.designated_port < x.designated_port ? -1 : 1;
  return 0;
}

bool oper_point_to_point(const Port& p) {
  switch (p.admin_p2p) {
    case RstpP2p::kOn:
      return true;
    case RstpP2p::kOff:
      return false;
    case RstpP2p::kAuto:
      break;
  }
  return p.full_duplex;
}

Port* Bridge::port_by_id(uint16_t port_id) {
  for (auto& [no, p] : ports)
    if (p.port_id == port_id) return &p;
  return nullptr;
}

// 17.20.3, with 802.1Q's exemption of the Root Port.
bool all_synced(const Bridge& b) {
  for (const auto& [no, p] : b.ports) {
    if (!p.selected || p.role != p.selected_role || p.updt_info) return false;
    if (p.role != Role::kRoot && !p.synced) return false;
  }
  return true;
}

// 17.20.10: rrWhile is zero for every other port.
bool re_rooted(const Bridge& b, const Port& self) {
  for (const auto& [no, p] : b.ports)
    if (&p != &self && p.rr_while != 0) return false;
  return true;
}

void set_sync_tree(Bridge& b) {
  for (auto& [no, p] : b.ports) p.sync = true;
}

void set_re_root_tree(Bridge& b) {
  for (auto& [no, p] : b.ports) p.re_root = true;
}

void set_tc_prop_tree(Bridge& b, const Port& except) {
  for (auto& [no, p] : b.ports)
    if (&p != &except) p.tc_prop = true;
}

}  // namespace rstp

Rstp::Rstp(StpSink& sink) : b_(std::make_unique<Bridge>(sink)) {
  b_->bridge_times = rstp::times_from(b_->configured);
  b_->root_priority = b_->bridge_priority();
  b_->root_times = b_->bridge_times;
}

Rstp::~Rstp() = default;

void Rstp::enable(bool on, Nanos now) {
  tick(now);
  if (on == b_->enabled) return;
  b_->enabled = on;
  if (on) {
    rstp::prs_begin(*b_);
    for (auto& [no, p] : b_->ports) rstp::begin_port(*b_, p);
    b_->next_tick = now + kSec;
    rstp::run(*b_);
  } else {
    b_->next_tick = kForever;
  }
  rstp::report(*b_);
}

void Rstp::set_bridge_id(uint16_t priority, const MacAddr& mac, Nanos now) {
  tick(now);
  BridgeId id{priority, mac};
  if (id == b_->bridge_id) return;
  b_->bridge_id = id;
  for (auto& [no, p] : b_->ports) rstp::reselect(p);
  if (b_->ports.empty()) {
    b_->root_priority = b_->bridge_priority();
  }
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::set_times(const StpTimes& t, Nanos now) {
  tick(now);
  b_->configured = t;
  b_->bridge_times = rstp::times_from(t);
  for (auto& [no, p] : b_->ports) rstp::reselect(p);
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::set_force_protocol_version(uint8_t version, Nanos now) {
  tick(now);
  uint8_t v = version >= 2 ? 2 : 0;
  if (v == b_->force_protocol_version) return;
  b_->force_protocol_version = v;
  if (b_->enabled) {  // 17.13.4: a new protocol version restarts the machines (BEGIN)
    rstp::prs_begin(*b_);
    for (auto& [no, p] : b_->ports) rstp::begin_port(*b_, p);
    rstp::run(*b_);
  }
  rstp::report(*b_);
}

void Rstp::set_tx_hold_count(uint32_t n, Nanos now) {
  tick(now);
  b_->tx_hold_count = std::clamp<uint32_t>(n, 1, 10);
  for (auto& [no, p] : b_->ports) p.tx_count = 0;
  rstp::run(*b_);
}

void Rstp::add_port(int port_no, Nanos now) {
  tick(now);
  if (port_no < 1 || port_no > kStpMaxPortNo || b_->ports.count(port_no)) return;
  Port& p = b_->ports[port_no];
  p.port_no = port_no;
  p.port_path_cost = rstp_path_cost_for_speed(0);
  rstp::begin_port(*b_, p);
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::remove_port(int port_no, Nanos now) {
  tick(now);
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end()) return;
  b_->sink.flush_port(port_no);
  b_->ports.erase(it);
  for (auto& [no, p] : b_->ports) rstp::reselect(p);
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::set_port_enabled(int port_no, bool enabled, Nanos now) {
  tick(now);
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end() || it->second.link_up == enabled) return;
  Port& p = it->second;
  p.link_up = enabled;
  if (!enabled) p.guard_tripped = false;  // BPDU guard recovers on link down/up
  rstp::update_port_enabled(p);
  if (!b_->enabled && !enabled) b_->sink.flush_port(port_no);
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::set_port_priority(int port_no, uint8_t prio, Nanos now) {
  tick(now);
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end() || prio > kStpMaxPortPriority) return;
  Port& p = it->second;
  p.priority = prio;
  p.port_id = stp_make_port_id(prio, port_no);
  rstp::reselect(p);
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::set_port_path_cost(int port_no, uint32_t cost, Nanos now) {
  tick(now);
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end() || cost < kRstpMinPathCost || cost > kRstpMaxPathCost) return;
  it->second.port_path_cost = cost;
  rstp::reselect(it->second);
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::set_port_guard(int port_no, bool on) {
  if (auto it = b_->ports.find(port_no); it != b_->ports.end()) it->second.guard = on;
}

void Rstp::set_port_root_block(int port_no, bool on) {
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end() || it->second.restricted_role == on) return;
  it->second.restricted_role = on;
  rstp::reselect(it->second);
}

void Rstp::set_port_edge(int port_no, bool admin_edge, Nanos now) {
  tick(now);
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end() || it->second.admin_edge == admin_edge) return;
  it->second.admin_edge = admin_edge;
  if (b_->enabled) rstp::bdm_begin(*b_, it->second);
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::set_port_auto_edge(int port_no, bool auto_edge, Nanos now) {
  tick(now);
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end()) return;
  it->second.auto_edge = auto_edge;
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::set_port_p2p(int port_no, RstpP2p mode, Nanos now) {
  tick(now);
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end()) return;
  it->second.admin_p2p = mode;
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::set_port_full_duplex(int port_no, bool full_duplex, Nanos now) {
  tick(now);
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end()) return;
  it->second.full_duplex = full_duplex;
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::mcheck(int port_no, Nanos now) {
  tick(now);
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end() || !b_->rstp_version()) return;
  it->second.mcheck = true;
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::receive_bpdu(int port_no, const uint8_t* llc, size_t len, Nanos now) {
  tick(now);
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end()) return;
  Port& p = it->second;
  wire::BpduRepr r;
  if (!rstp::validate(*b_, p, llc, len, r)) return;
  if (p.guard) {
    ++p.counters.guard_trips;
    p.guard_tripped = true;
    rstp::update_port_enabled(p);
    b_->sink.flush_port(port_no);
  } else {
    switch (r.type) {
      case wire::BpduType::kConfig:
        ++p.counters.rx_config;
        break;
      case wire::BpduType::kRst:
        ++p.counters.rx_rst;
        break;
      case wire::BpduType::kTcn:
        ++p.counters.rx_tcn;
        break;
    }
    p.rx = r;
    p.rcvd_bpdu = true;
  }
  rstp::run(*b_);
  rstp::report(*b_);
}

void Rstp::tick(Nanos now) {
  if (!b_->enabled) return;
  int n = 0;
  while (b_->next_tick <= now) {
    if (++n > rstp::kMaxTicksPerCall) {
      b_->next_tick = now + kSec;
      break;
    }
    rstp::one_second(*b_);
    rstp::run(*b_);
    b_->next_tick += kSec;
  }
  rstp::report(*b_);
}

Nanos Rstp::next_deadline() const {
  return b_->enabled && !b_->ports.empty() ? b_->next_tick : kForever;
}

std::vector<int> Rstp::port_numbers() const {
  std::vector<int> v;
  for (const auto& [no, p] : b_->ports) v.push_back(no);
  return v;
}

StpPortState Rstp::port_state(int port_no) const {
  auto it = b_->ports.find(port_no);
  return it == b_->ports.end() ? StpPortState::kDisabled : rstp::data_state(*b_, it->second);
}

RstpBridgeStatus Rstp::status(Nanos) const {
  RstpBridgeStatus s;
  const Bridge& b = *b_;
  s.enabled = b.enabled;
  s.bridge_id = b.bridge_id;
  s.designated_root = b.bridge_id;  // with RSTP off, as a lone root
  if (b.enabled) {
    s.designated_root = b.root_priority.root;
    s.root_port_id = b.root_port_id;
    for (const auto& [no, p] : b.ports)
      if (b.root_port_id != 0 && p.port_id == b.root_port_id) s.root_port = no;
    s.root_path_cost = b.root_priority.root_path_cost;
  }
  s.topology_change = b.reported_tc;
  s.topology_change_count = b.tc_count;
  s.configured = b.configured;
  s.max_age_s = b.root_times.max_age;
  s.hello_time_s = b.root_times.hello_time;
  s.forward_delay_s = b.root_times.forward_delay;
  s.message_age_s = b.root_times.message_age;
  s.force_protocol_version = b.force_protocol_version;
  s.tx_hold_count = b.tx_hold_count;
  s.unsettled_runs = b.unsettled_runs;
  return s;
}

std::optional<RstpPortStatus> Rstp::port_status(int port_no, Nanos) const {
  auto it = b_->ports.find(port_no);
  if (it == b_->ports.end()) return std::nullopt;
  const Port& p = it->second;
  RstpPortStatus s;
  s.port_no = p.port_no;
  s.port_id = p.port_id;
  s.priority = p.priority;
  s.path_cost = p.port_path_cost;
  s.state = rstp::data_state(*b_, p);
  s.role = b_->enabled ? p.role : RstpRole::kDisabled;
  s.port_enabled = p.port_enabled;
  s.admin_edge = p.admin_edge;
  s.auto_edge = p.auto_edge;
  s.oper_edge = p.oper_edge;
  s.admin_p2p = p.admin_p2p;
  s.oper_p2p = rstp::oper_point_to_point(p);
  s.send_rstp = p.send_rstp;
  s.proposing = p.proposing;
  s.proposed = p.proposed;
  s.agree = p.agree;
  s.agreed = p.agreed;
  s.sync = p.sync;
  s.synced = p.synced;
  s.reroot = p.re_root;
  s.disputed = p.disputed;
  s.guard = p.guard;
  s.root_block = p.restricted_role;
  s.designated_root = p.port_priority.root;
  s.designated_cost = p.port_priority.root_path_cost;
  s.designated_bridge = p.port_priority.designated_bridge;
  s.designated_port = p.port_priority.designated_port;
  s.fd_while = p.fd_while;
  s.rr_while = p.rr_while;
  s.rb_while = p.rb_while;
  s.tc_while = p.tc_while;
  s.hello_when = p.hello_when;
  s.rcvd_info_while = p.rcvd_info_while;
  s.mdelay_while = p.mdelay_while;
  s.edge_delay_while = p.edge_delay_while;
  s.tx_count = p.tx_count;
  s.counters = p.counters;
  return s;
}

}  // namespace uvn::proto
