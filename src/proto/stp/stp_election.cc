// Stp: the 802.1D-1998 clause 8.6 procedures as the Linux bridge orders them: root and
// designated port selection, port state selection, topology change detection and the handling
// of received Configuration and TCN BPDUs.
#include <algorithm>

#include "proto/stp/stp.h"
#include "proto/stp/stp_internal.h"

namespace uvn::proto {

void Stp::init_port(Port& p) {
  p.port_id = stp_make_port_id(p.priority, p.port_no);
  become_designated_port(p);
  set_state(p, StpPortState::kBlocking);
  p.topology_change_ack = false;
  p.config_pending = false;
}

void Stp::enable_port(Port& p, Nanos now) {
  init_port(p);
  port_state_selection(now);
}

void Stp::disable_port(Port& p, Nanos now) {
  bool was_root = is_root_bridge();
  become_designated_port(p);
  set_state(p, StpPortState::kDisabled);
  p.topology_change_ack = false;
  p.config_pending = false;
  p.message_age_timer.stop();
  p.forward_delay_timer.stop();
  p.hold_timer.stop();
  sink_.flush_port(p.port_no);
  configuration_update(now);
  port_state_selection(now);
  update_after_change(was_root, now);
}

void Stp::update_after_change(bool was_root, Nanos now) {
  if (is_root_bridge() && !was_root) become_root_bridge(now);
}

void Stp::become_designated_port(Port& p) {
  p.designated_root = designated_root_;
  p.designated_cost = root_path_cost_;
  p.designated_bridge = bridge_id_;
  p.designated_port = p.port_id;
}

// Whether `p` offers a better path to a root than `root` (the best port so far, or none).
bool Stp::should_become_root_port(const Port& p, const Port* root) const {
  if (p.state == StpPortState::kDisabled || is_designated_port(p)) return false;
  if (bridge_id_ <= p.designated_root) return false;
  if (!root) return true;
  if (p.designated_root != root->designated_root) return p.designated_root < root->designated_root;
  // 32-bit sums that wrap, as Linux computes them.
  uint32_t cost = p.designated_cost + p.path_cost;
  uint32_t root_cost = root->designated_cost + root->path_cost;
  if (cost != root_cost) return cost < root_cost;
  if (p.designated_bridge != root->designated_bridge)
    return p.designated_bridge < root->designated_bridge;
  if (p.designated_port != root->designated_port) return p.designated_port < root->designated_port;
  return p.port_id < root->port_id;
}

void Stp::root_port_block(Port& p, Nanos now) {
  // root_block: the port is not taken as root port; Linux puts it back into listening and
  // restarts its forward delay (designated port selection then claims it for this bridge).
  set_state(p, StpPortState::kListening);
  if (forward_delay_ > 0) p.forward_delay_timer.arm(now + forward_delay_);
}

void Stp::root_selection(Nanos now) {
  Port* root = nullptr;
  for (auto& [no, p] : ports_) {
    if (!should_become_root_port(p, root)) continue;
    if (p.root_block)
      root_port_block(p, now);
    else
      root = &p;
  }
  root_port_ = root ? root->port_no : 0;
  if (!root) {
    designated_root_ = bridge_id_;
    root_path_cost_ = 0;
  } else {
    designated_root_ = root->designated_root;
    root_path_cost_ = root->designated_cost + root->path_cost;
  }
}

bool Stp::should_become_designated_port(const Port& p) const {
  if (is_designated_port(p)) return true;
  if (p.designated_root != designated_root_) return true;
  if (root_path_cost_ != p.designated_cost) return root_path_cost_ < p.designated_cost;
  if (bridge_id_ != p.designated_bridge) return bridge_id_ < p.designated_bridge;
  return p.port_id < p.designated_port;
}

void Stp::designated_port_selection() {
  for (auto& [no, p] : ports_)
    if (p.state != StpPortState::kDisabled && should_become_designated_port(p))
      become_designated_port(p);
}

void Stp::configuration_update(Nanos now) {
  root_selection(now);
  designated_port_selection();
}

void Stp::make_forwarding(Port& p, Nanos now) {
  if (p.state != StpPortState::kBlocking) return;
  if (!enabled_ || forward_delay_ == 0) {
    set_state(p, StpPortState::kForwarding);
    topology_change_detection(now);
    p.forward_delay_timer.stop();
  } else {
    set_state(p, StpPortState::kListening);
  }
  if (forward_delay_ != 0) p.forward_delay_timer.arm(now + forward_delay_);
}

void Stp::make_blocking(Port& p, Nanos now) {
  if (p.state == StpPortState::kDisabled || p.state == StpPortState::kBlocking) return;
  if (p.state == StpPortState::kForwarding || p.state == StpPortState::kLearning)
    topology_change_detection(now);
  set_state(p, StpPortState::kBlocking);
  p.forward_delay_timer.stop();
}

void Stp::port_state_selection(Nanos now) {
  for (auto& [no, p] : ports_) {
    if (p.state == StpPortState::kDisabled) continue;
    if (p.port_no == root_port_) {
      p.config_pending = false;
      p.topology_change_ack = false;
      make_forwarding(p, now);
    } else if (is_designated_port(p)) {
      p.message_age_timer.stop();
      make_forwarding(p, now);
    } else {
      p.config_pending = false;
      p.topology_change_ack = false;
      make_blocking(p, now);
    }
  }
}

void Stp::become_root_bridge(Nanos now) {
  max_age_ = bridge_max_age_;
  hello_time_ = bridge_hello_time_;
  forward_delay_ = bridge_forward_delay_;
  topology_change_detection(now);
  tcn_timer_.stop();
  if (up_) {
    config_bpdu_generation(now);
    hello_timer_.arm(now + std::max(hello_time_, kMsec));
  }
}

void Stp::topology_change_detection(Nanos now) {
  if (!enabled_) return;
  if (is_root_bridge()) {
    set_topology_change(true);
    topology_change_timer_.arm(now + bridge_forward_delay_ + bridge_max_age_);
  } else if (!topology_change_detected_) {
    transmit_tcn(now);
    tcn_timer_.arm(now + std::max(bridge_hello_time_, kMsec));
  }
  topology_change_detected_ = true;
}

void Stp::topology_change_acknowledged() {
  topology_change_detected_ = false;
  tcn_timer_.stop();
}

bool Stp::supersedes_port_info(const Port& p, const ConfigBpdu& b) const {
  if (b.root != p.designated_root) return b.root < p.designated_root;
  if (b.root_path_cost != p.designated_cost) return b.root_path_cost < p.designated_cost;
  if (b.bridge_id != p.designated_bridge) return b.bridge_id < p.designated_bridge;
  // Same designated bridge: another bridge's word replaces what it said before; our own
  // BPDU (two ports on one LAN) only if it comes from a port with a lower or equal id.
  if (b.bridge_id != bridge_id_) return true;
  return b.port_id <= p.designated_port;
}

void Stp::record_config_information(Port& p, const ConfigBpdu& b, Nanos now) {
  p.designated_root = b.root;
  p.designated_cost = b.root_path_cost;
  p.designated_bridge = b.bridge_id;
  p.designated_port = b.port_id;
  p.designated_age = now - b.message_age;
  p.message_age_timer.arm(now + std::max<Nanos>(b.max_age - b.message_age, 0));
}

void Stp::record_config_timeout_values(const ConfigBpdu& b) {
  max_age_ = b.max_age;
  hello_time_ = b.hello_time;
  forward_delay_ = b.forward_delay;
  set_topology_change(b.tc);
}

void Stp::received_config_bpdu(Port& p, const ConfigBpdu& b, Nanos now) {
  ++p.counters.rx_bpdu;
  bool was_root = is_root_bridge();
  if (supersedes_port_info(p, b)) {
    record_config_information(p, b, now);
    configuration_update(now);
    port_state_selection(now);
    if (!is_root_bridge() && was_root) {
      hello_timer_.stop();
      if (topology_change_detected_) {
        topology_change_timer_.stop();
        transmit_tcn(now);
        tcn_timer_.arm(now + std::max(bridge_hello_time_, kMsec));
      }
    }
    if (p.port_no == root_port_) {
      record_config_timeout_values(b);
      config_bpdu_generation(now);
      if (b.tc_ack) topology_change_acknowledged();
    }
  } else if (is_designated_port(p)) {
    transmit_config(p, now);  // br_reply
  }
}

void Stp::received_tcn_bpdu(Port& p, Nanos now) {
  ++p.counters.rx_tcn;
  if (!is_designated_port(p)) return;
  topology_change_detection(now);
  p.topology_change_ack = true;  // br_topology_change_acknowledge
  transmit_config(p, now);
}

void Stp::config_bpdu_generation(Nanos now) {
  for (auto& [no, p] : ports_)
    if (p.state != StpPortState::kDisabled && is_designated_port(p)) transmit_config(p, now);
}

}  // namespace uvn::proto
