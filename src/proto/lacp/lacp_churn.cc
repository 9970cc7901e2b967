// Churn Detection machines (802.1AX-2008 5.4.17): one for the actor, one for the partner. A
// side whose Synchronization bit stays off for the churn detection time (60 s) while the port
// is enabled is churned (counted, as 802.1AX-2014's actorChurnCount/partnerChurnCount); in
// sync it is "no churn". A disabled port monitors with the timer stopped: the 60 s start when
// it comes up.
#include "proto/lacp/lacp_internal.h"

namespace uvn::proto::lacp {
namespace {

bool churn_side(Engine& e, const Port& p, bool in_sync, ChurnState& state, Nanos& timer,
                uint64_t& count) {
  if (!p.port_enabled) {
    if (state == ChurnState::kMonitor && timer == kForever) return false;
    state = ChurnState::kMonitor;
    timer = kForever;
    return true;
  }
  switch (state) {
    case ChurnState::kMonitor:
      if (in_sync) {
        state = ChurnState::kNoChurn;
        timer = kForever;
        return true;
      }
      if (timer == kForever) {
        timer = e.now + kLacpChurnDetection;
        return true;
      }
      if (e.expired(timer)) {
        state = ChurnState::kChurn;
        timer = kForever;
        ++count;
        return true;
      }
      return false;
    case ChurnState::kNoChurn:
      if (in_sync) return false;
      state = ChurnState::kMonitor;
      timer = e.now + kLacpChurnDetection;
      return true;
    case ChurnState::kChurn:
      if (!in_sync) return false;
      state = ChurnState::kNoChurn;
      return true;
  }
  return false;
}

}  // namespace

void churn_begin(Engine&, Port& p) {
  p.actor_churn = p.partner_churn = ChurnState::kMonitor;
  p.actor_churn_timer = p.partner_churn_timer = kForever;
}

bool churn_step(Engine& e, Port& p) {
  bool moved = churn_side(e, p, p.actor(wire::kLacpStateSynchronization), p.actor_churn,
                          p.actor_churn_timer, p.actor_churn_count);
  moved |= churn_side(e, p, p.partner_has(wire::kLacpStateSynchronization), p.partner_churn,
                      p.partner_churn_timer, p.partner_churn_count);
  return moved;
}

}  // namespace uvn::proto::lacp
