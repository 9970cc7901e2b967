// Stp: the timers (br_stp_timer.c's part). Each timer is a deadline; tick() fires the due ones
// in deadline order, each handler seeing its own expiry time as "now", so a late tick gives
// the same result as a punctual one.
#include <algorithm>

#include "proto/stp/stp.h"
#include "proto/stp/stp_internal.h"

namespace uvn::proto {
namespace {

// Timers of one deadline fire bridge timers first, then ports by number.
enum class TimerKind { kHello, kTcn, kTopologyChange, kMessageAge, kForwardDelay, kHold };

// Bounds one tick() even if a handler kept re-arming a timer at the same instant.
constexpr int kMaxExpiriesPerTick = 100000;

}  // namespace

void Stp::tick(Nanos now) {
  run_timers(now);
}

Nanos Stp::next_deadline() const {
  Nanos t = std::min({hello_timer_.expires, tcn_timer_.expires, topology_change_timer_.expires});
  for (const auto& [no, p] : ports_)
    t = std::min(
        {t, p.message_age_timer.expires, p.forward_delay_timer.expires, p.hold_timer.expires});
  return t;
}

void Stp::run_timers(Nanos now) {
  for (int n = 0; n < kMaxExpiriesPerTick; ++n) {
    Timer* due = nullptr;
    TimerKind kind = TimerKind::kHello;
    Port* port = nullptr;
    auto consider = [&](Timer& t, TimerKind k, Port* p) {
      if (t.expires <= now && (!due || t.expires < due->expires)) {
        due = &t;
        kind = k;
        port = p;
      }
    };
    consider(hello_timer_, TimerKind::kHello, nullptr);
    consider(tcn_timer_, TimerKind::kTcn, nullptr);
    consider(topology_change_timer_, TimerKind::kTopologyChange, nullptr);
    for (auto& [no, p] : ports_) {
      consider(p.message_age_timer, TimerKind::kMessageAge, &p);
      consider(p.forward_delay_timer, TimerKind::kForwardDelay, &p);
      consider(p.hold_timer, TimerKind::kHold, &p);
    }
    if (!due) break;
    Nanos at = due->expires;
    due->stop();
    switch (kind) {
      case TimerKind::kHello:
        hello_timer_expired(at);
        break;
      case TimerKind::kTcn:
        tcn_timer_expired(at);
        break;
      case TimerKind::kTopologyChange:
        topology_change_timer_expired(at);
        break;
      case TimerKind::kMessageAge:
        message_age_timer_expired(*port, at);
        break;
      case TimerKind::kForwardDelay:
        forward_delay_timer_expired(*port, at);
        break;
      case TimerKind::kHold:
        hold_timer_expired(*port, at);
        break;
    }
  }
}

void Stp::hello_timer_expired(Nanos now) {
  if (!up_) return;
  config_bpdu_generation(now);
  if (enabled_) hello_timer_.arm(now + std::max(hello_time_, kMsec));
}

void Stp::tcn_timer_expired(Nanos now) {
  if (is_root_bridge() || !up_) return;
  transmit_tcn(now);
  tcn_timer_.arm(now + std::max(bridge_hello_time_, kMsec));
}

void Stp::topology_change_timer_expired(Nanos) {
  topology_change_detected_ = false;
  set_topology_change(false);
}

void Stp::message_age_timer_expired(Port& p, Nanos now) {
  // The information recorded for the port is too old: the neighbour is gone.
  if (p.state == StpPortState::kDisabled) return;
  bool was_root = is_root_bridge();
  become_designated_port(p);
  configuration_update(now);
  port_state_selection(now);
  update_after_change(was_root, now);
}

void Stp::forward_delay_timer_expired(Port& p, Nanos now) {
  if (p.state == StpPortState::kListening) {
    set_state(p, StpPortState::kLearning);
    p.forward_delay_timer.arm(now + forward_delay_);
  } else if (p.state == StpPortState::kLearning) {
    set_state(p, StpPortState::kForwarding);
    if (is_designated_for_some_port()) topology_change_detection(now);
  }
}

void Stp::hold_timer_expired(Port& p, Nanos now) {
  if (p.config_pending) transmit_config(p, now);
}

}  // namespace uvn::proto
