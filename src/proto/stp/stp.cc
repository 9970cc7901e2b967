// Stp: configuration entry points (br_stp_if.c's part), status, and the timer loop.
#include "proto/stp/stp.h"

#include <algorithm>

namespace uvn::proto {

Stp::Stp(StpSink& sink) : sink_(sink) {
  designated_root_ = bridge_id_;
}

Stp::Port* Stp::find_port(int port_no) {
  auto it = ports_.find(port_no);
  return it == ports_.end() ? nullptr : &it->second;
}

const Stp::Port* Stp::find_port(int port_no) const {
  auto it = ports_.find(port_no);
  return it == ports_.end() ? nullptr : &it->second;
}

bool Stp::is_root_bridge() const {
  return designated_root_ == bridge_id_;
}

bool Stp::is_designated_port(const Port& p) const {
  return p.designated_bridge == bridge_id_ && p.designated_port == p.port_id;
}

bool Stp::is_designated_for_some_port() const {
  for (const auto& [no, p] : ports_)
    if (p.state != StpPortState::kDisabled && p.designated_bridge == bridge_id_) return true;
  return false;
}

void Stp::set_state(Port& p, StpPortState s) {
  if (p.state == s) return;
  p.state = s;
  if (enabled_) {
    if (s == StpPortState::kBlocking) ++p.counters.transition_blk;
    if (s == StpPortState::kForwarding) ++p.counters.transition_fwd;
  }
  sink_.port_state_changed(p.port_no, s);
}

void Stp::set_topology_change(bool on) {
  topology_change_ = on;
  // Linux adjusts the ageing time only while kernel STP runs; we also report the end of a
  // topology change after STP was stopped, so the bridge gets its ageing_time back.
  if (on != reported_topology_change_ && (enabled_ || !on)) {
    reported_topology_change_ = on;
    sink_.topology_change(on);
  }
}

void Stp::set_forward_delay(Nanos t) {
  bridge_forward_delay_ = t;
  if (is_root_bridge()) forward_delay_ = t;
}

void Stp::set_bridge_id(uint16_t priority, const MacAddr& mac, Nanos now) {
  run_timers(now);
  if (mac != bridge_id_.mac) {
    // br_stp_change_bridge_id: the new address replaces the old one wherever this bridge's
    // id was recorded.
    bool was_root = is_root_bridge();
    MacAddr old = bridge_id_.mac;
    bridge_id_.mac = mac;
    for (auto& [no, p] : ports_) {
      if (p.designated_bridge.mac == old) p.designated_bridge.mac = mac;
      if (p.designated_root.mac == old) p.designated_root.mac = mac;
    }
    configuration_update(now);
    port_state_selection(now);
    update_after_change(was_root, now);
  }
  if (priority != bridge_id_.priority) {
    // br_stp_set_bridge_priority: designated ports carry the new priority at once.
    bool was_root = is_root_bridge();
    for (auto& [no, p] : ports_)
      if (p.state != StpPortState::kDisabled && is_designated_port(p))
        p.designated_bridge.priority = priority;
    bridge_id_.priority = priority;
    configuration_update(now);
    port_state_selection(now);
    update_after_change(was_root, now);
  }
}

void Stp::set_times(const StpTimes& t, Nanos now) {
  run_timers(now);
  bool root = is_root_bridge();
  bridge_hello_time_ = cs_to_nanos(t.hello_time_cs);
  bridge_max_age_ = cs_to_nanos(t.max_age_cs);
  if (root) {
    hello_time_ = bridge_hello_time_;
    max_age_ = bridge_max_age_;
  }
  set_forward_delay(cs_to_nanos(t.forward_delay_cs));
}

void Stp::start_stp(Nanos now) {
  // br_stp_start: forward_delay is brought into 2..30 s, then ports left blocking start.
  Nanos fd = std::clamp(bridge_forward_delay_, cs_to_nanos(kStpMinForwardDelayCs),
                        cs_to_nanos(kStpMaxForwardDelayCs));
  if (fd != bridge_forward_delay_) set_forward_delay(fd);
  enabled_ = true;
  if (up_) hello_timer_.arm(now + std::max(hello_time_, kMsec));
  port_state_selection(now);
}

void Stp::enable(bool on, Nanos now) {
  run_timers(now);
  if (on == enabled_) return;
  if (on) {
    start_stp(now);
  } else {
    // br_stp_stop for kernel STP: nothing but the mode changes. Timers keep running; BPDUs
    // stop because transmission checks the mode.
    enabled_ = false;
  }
}

void Stp::set_bridge_up(bool up, Nanos now) {
  run_timers(now);
  if (up == up_) return;
  up_ = up;
  if (up) {
    // br_stp_enable_bridge.
    if (enabled_) hello_timer_.arm(now + std::max(hello_time_, kMsec));
    config_bpdu_generation(now);
    for (auto& [no, p] : ports_)
      if (p.link_up && p.state == StpPortState::kDisabled) enable_port(p, now);
  } else {
    // br_stp_disable_bridge.
    for (auto& [no, p] : ports_)
      if (p.state != StpPortState::kDisabled) disable_port(p, now);
    set_topology_change(false);
    topology_change_detected_ = false;
    hello_timer_.stop();
    topology_change_timer_.stop();
    tcn_timer_.stop();
  }
}

void Stp::add_port(int port_no, Nanos now) {
  run_timers(now);
  if (port_no < 1 || port_no > kStpMaxPortNo || find_port(port_no)) return;
  Port& p = ports_[port_no];
  p.port_no = port_no;
  // new_nbp: a port id and this bridge's information, state disabled until the link is up.
  p.port_id = stp_make_port_id(p.priority, port_no);
  become_designated_port(p);
  // new_nbp initialises the port (blocking) before it disables it; while STP runs that
  // passage counts as a transition to blocking, so a port enslaved under STP shows
  // `Blocked: 2` once its link has come up (as recorded from Linux).
  if (enabled_) ++p.counters.transition_blk;
}

void Stp::remove_port(int port_no, Nanos now) {
  run_timers(now);
  Port* p = find_port(port_no);
  if (!p) return;
  if (p->state != StpPortState::kDisabled) disable_port(*p, now);
  ports_.erase(port_no);
}

void Stp::set_port_enabled(int port_no, bool enabled, Nanos now) {
  run_timers(now);
  Port* p = find_port(port_no);
  if (!p || p->link_up == enabled) return;
  p->link_up = enabled;
  if (!up_) return;
  // br_port_carrier_check.
  if (enabled && p->state == StpPortState::kDisabled) enable_port(*p, now);
  if (!enabled && p->state != StpPortState::kDisabled) disable_port(*p, now);
}

void Stp::set_port_priority(int port_no, uint8_t prio, Nanos now) {
  run_timers(now);
  Port* p = find_port(port_no);
  if (!p || prio > kStpMaxPortPriority) return;
  // br_stp_set_port_priority.
  uint16_t new_id = stp_make_port_id(prio, p->port_no);
  if (is_designated_port(*p)) p->designated_port = new_id;
  p->port_id = new_id;
  p->priority = prio;
  if (p->designated_bridge == bridge_id_ && p->port_id < p->designated_port) {
    become_designated_port(*p);
    port_state_selection(now);
  }
}

void Stp::set_port_path_cost(int port_no, uint32_t cost, Nanos now) {
  run_timers(now);
  Port* p = find_port(port_no);
  if (!p || cost < kStpMinPathCost || cost > kStpMaxPathCost) return;
  p->path_cost = cost;
  configuration_update(now);
  port_state_selection(now);
}

void Stp::set_port_guard(int port_no, bool on) {
  if (Port* p = find_port(port_no)) p->guard = on;
}

void Stp::set_port_root_block(int port_no, bool on) {
  if (Port* p = find_port(port_no)) p->root_block = on;
}

StpPortState Stp::port_state(int port_no) const {
  const Port* p = find_port(port_no);
  return p ? p->state : StpPortState::kDisabled;
}

std::vector<int> Stp::port_numbers() const {
  std::vector<int> v;
  v.reserve(ports_.size());
  for (const auto& [no, p] : ports_) v.push_back(no);
  return v;
}

StpBridgeStatus Stp::status(Nanos now) const {
  StpBridgeStatus s;
  s.enabled = enabled_;
  s.up = up_;
  s.bridge_id = bridge_id_;
  s.designated_root = designated_root_;
  s.root_port = root_port_;
  s.root_path_cost = root_path_cost_;
  s.topology_change = topology_change_;
  s.topology_change_detected = topology_change_detected_;
  s.hello_timer_cs = hello_timer_.remaining_cs(now);
  s.tcn_timer_cs = tcn_timer_.remaining_cs(now);
  s.topology_change_timer_cs = topology_change_timer_.remaining_cs(now);
  s.configured = StpTimes{nanos_to_cs(bridge_max_age_), nanos_to_cs(bridge_hello_time_),
                          nanos_to_cs(bridge_forward_delay_)};
  s.max_age_cs = nanos_to_cs(max_age_);
  s.hello_time_cs = nanos_to_cs(hello_time_);
  s.forward_delay_cs = nanos_to_cs(forward_delay_);
  return s;
}

std::optional<StpPortStatus> Stp::port_status(int port_no, Nanos now) const {
  const Port* p = find_port(port_no);
  if (!p) return std::nullopt;
  StpPortStatus s;
  s.port_no = p->port_no;
  s.port_id = p->port_id;
  s.priority = p->priority;
  s.path_cost = p->path_cost;
  s.state = p->state;
  if (p->state == StpPortState::kDisabled)
    s.role = StpRole::kDisabled;
  else if (p->port_no == root_port_)
    s.role = StpRole::kRoot;
  else if (is_designated_port(*p))
    s.role = StpRole::kDesignated;
  else
    s.role = StpRole::kBlocked;
  s.designated_root = p->designated_root;
  s.designated_bridge = p->designated_bridge;
  s.designated_port = p->designated_port;
  s.designated_cost = p->designated_cost;
  s.message_age_timer_cs = p->message_age_timer.remaining_cs(now);
  s.forward_delay_timer_cs = p->forward_delay_timer.remaining_cs(now);
  s.hold_timer_cs = p->hold_timer.remaining_cs(now);
  s.topology_change_ack = p->topology_change_ack;
  s.config_pending = p->config_pending;
  s.guard = p->guard;
  s.root_block = p->root_block;
  s.counters = p->counters;
  return s;
}

}  // namespace uvn::proto
