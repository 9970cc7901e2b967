#include "dev/bridge/spanning_tree.h"

namespace uvn {

TreePortCounters& TreePortCounters::operator+=(const TreePortCounters& o) {
  rx_bpdu += o.rx_bpdu;
  tx_bpdu += o.tx_bpdu;
  rx_tcn += o.rx_tcn;
  tx_tcn += o.tx_tcn;
  transition_blk += o.transition_blk;
  transition_fwd += o.transition_fwd;
  return *this;
}

SpanningTree::SpanningTree(proto::StpSink& sink)
    : sink_(sink), stp_(std::make_unique<proto::Stp>(sink)) {}

SpanningTree::~SpanningTree() = default;

void SpanningTree::use_rstp(bool on, const std::vector<PortConfig>& ports, Nanos now) {
  if (on == rstp()) return;
  for (const PortConfig& p : ports) carried_[p.port_no] += engine_counters(p.port_no);
  stp_.reset();
  rstp_.reset();
  if (on)
    rstp_ = std::make_unique<proto::Rstp>(sink_);
  else
    stp_ = std::make_unique<proto::Stp>(sink_);
  set_bridge_id(priority_, mac_, now);
  set_times(times_, now);
  if (!up_ && stp_) stp_->set_bridge_up(false, now);
  for (const PortConfig& p : ports) {
    add_port(p.port_no, now);
    set_port_priority(p.port_no, p.priority, now);
    set_port_path_cost(p.port_no, p.cost, now);
    set_port_guard(p.port_no, p.guard);
    set_port_root_block(p.port_no, p.root_block);
    set_port_edge(p.port_no, p.edge, now);
    set_port_p2p(p.port_no, p.p2p, now);
  }
  enable(enabled_, now);
  for (const PortConfig& p : ports) set_port_enabled(p.port_no, p.enabled && up_, now);
}

#define UVN_TREE_CALL(call) \
  do {                      \
    if (rstp_)              \
      rstp_->call;          \
    else                    \
      stp_->call;           \
  } while (0)

void SpanningTree::set_bridge_id(uint16_t priority, const MacAddr& mac, Nanos now) {
  priority_ = priority;
  mac_ = mac;
  UVN_TREE_CALL(set_bridge_id(priority, mac, now));
}
void SpanningTree::set_times(const proto::StpTimes& t, Nanos now) {
  times_ = t;
  UVN_TREE_CALL(set_times(t, now));
}
void SpanningTree::enable(bool on, Nanos now) {
  enabled_ = on;
  UVN_TREE_CALL(enable(on, now));
}
void SpanningTree::set_bridge_up(bool up, Nanos now) {
  up_ = up;
  if (stp_) stp_->set_bridge_up(up, now);
  // RSTP has no bridge-wide switch: the bridge disables its ports instead.
}
void SpanningTree::add_port(int port_no, Nanos now) { UVN_TREE_CALL(add_port(port_no, now)); }
void SpanningTree::remove_port(int port_no, Nanos now) {
  carried_.erase(port_no);
  UVN_TREE_CALL(remove_port(port_no, now));
}
void SpanningTree::set_port_enabled(int port_no, bool enabled, Nanos now) {
  UVN_TREE_CALL(set_port_enabled(port_no, enabled, now));
}
void SpanningTree::set_port_priority(int port_no, uint8_t prio, Nanos now) {
  UVN_TREE_CALL(set_port_priority(port_no, prio, now));
}
void SpanningTree::set_port_path_cost(int port_no, uint32_t cost, Nanos now) {
  UVN_TREE_CALL(set_port_path_cost(port_no, cost, now));
}
void SpanningTree::set_port_guard(int port_no, bool on) {
  UVN_TREE_CALL(set_port_guard(port_no, on));
}
void SpanningTree::set_port_root_block(int port_no, bool on) {
  UVN_TREE_CALL(set_port_root_block(port_no, on));
}
void SpanningTree::set_port_edge(int port_no, bool on, Nanos now) {
  if (rstp_) rstp_->set_port_edge(port_no, on, now);
}
void SpanningTree::set_port_p2p(int port_no, proto::RstpP2p mode, Nanos now) {
  if (rstp_) rstp_->set_port_p2p(port_no, mode, now);
}
void SpanningTree::receive_bpdu(int port_no, const uint8_t* llc, size_t len, Nanos now) {
  UVN_TREE_CALL(receive_bpdu(port_no, llc, len, now));
}
void SpanningTree::tick(Nanos now) { UVN_TREE_CALL(tick(now)); }

#undef UVN_TREE_CALL

Nanos SpanningTree::next_deadline() const {
  return rstp_ ? rstp_->next_deadline() : stp_->next_deadline();
}

TreeBridgeStatus SpanningTree::status(Nanos now) const {
  TreeBridgeStatus t;
  if (rstp_) {
    proto::RstpBridgeStatus s = rstp_->status(now);
    t.designated_root = s.designated_root;
    t.root_port = s.root_port;
    t.root_path_cost = s.root_path_cost;
    t.topology_change = s.topology_change;
    t.topology_change_detected = s.topology_change;
    t.forward_delay_cs = s.forward_delay_s * 100;
    return t;
  }
  proto::StpBridgeStatus s = stp_->status(now);
  t.designated_root = s.designated_root;
  t.root_port = s.root_port;
  t.root_path_cost = s.root_path_cost;
  t.topology_change = s.topology_change;
  t.topology_change_detected = s.topology_change_detected;
  t.hello_timer_cs = s.hello_timer_cs;
  t.tcn_timer_cs = s.tcn_timer_cs;
  t.topology_change_timer_cs = s.topology_change_timer_cs;
  t.forward_delay_cs = s.forward_delay_cs;
  return t;
}

std::optional<TreePortStatus> SpanningTree::port_status(int port_no, Nanos now) const {
  TreePortStatus t;
  if (rstp_) {
    auto s = rstp_->port_status(port_no, now);
    if (!s) return std::nullopt;
    static constexpr const char* kRoles[] = {"disabled", "root", "designated", "alternate",
                                             "backup"};
    t.designated_root = s->designated_root;
    t.designated_cost = s->designated_cost;
    t.designated_bridge = s->designated_bridge;
    t.designated_port = s->designated_port;
    t.role = kRoles[size_t(s->role)];
    t.edge = s->oper_edge;
    t.oper_p2p = s->oper_p2p;
    return t;
  }
  auto s = stp_->port_status(port_no, now);
  if (!s) return std::nullopt;
  t.designated_root = s->designated_root;
  t.designated_bridge = s->designated_bridge;
  t.designated_port = s->designated_port;
  t.designated_cost = s->designated_cost;
  t.hold_timer_cs = s->hold_timer_cs;
  t.message_age_timer_cs = s->message_age_timer_cs;
  t.forward_delay_timer_cs = s->forward_delay_timer_cs;
  t.topology_change_ack = s->topology_change_ack;
  t.config_pending = s->config_pending;
  return t;
}

TreePortCounters SpanningTree::engine_counters(int port_no) const {
  TreePortCounters c;
  if (rstp_) {
    if (auto s = rstp_->port_status(port_no, 0)) {
      const proto::RstpPortCounters& r = s->counters;
      c = {r.rx_config + r.rx_rst, r.tx_config + r.tx_rst, r.rx_tcn, r.tx_tcn,
           r.transition_blk, r.transition_fwd};
    }
  } else if (auto s = stp_->port_status(port_no, 0)) {
    const proto::StpPortCounters& r = s->counters;
    c = {r.rx_bpdu, r.tx_bpdu, r.rx_tcn, r.tx_tcn, r.transition_blk, r.transition_fwd};
  }
  return c;
}

TreePortCounters SpanningTree::port_counters(int port_no) const {
  TreePortCounters c = engine_counters(port_no);
  if (auto it = carried_.find(port_no); it != carried_.end()) c += it->second;
  return c;
}

}  // namespace uvn
