// Mux machine (802.1AX-2008 5.4.15): attaches a selected port to its aggregator after the
// aggregate wait (2 s, and only once every port selected into the same aggregator is ready),
// tells the partner it is in sync, and enables collecting and distributing once the partner
// is in sync too. Coupled control (Figure 5-15) enables both at once; independent control
// (Figure 5-14) collects first and distributes once the partner says it collects.
//
// As Linux, only the ports of the active aggregator are in sync: in ATTACHED Synchronization
// follows the aggregator being the active one, and a port leaves collecting/distributing when
// its aggregator stops being active. While initiate_agg_selection()'s delay runs no port goes
// past ATTACHED.
#include "proto/lacp/lacp_internal.h"

namespace uvn::proto::lacp {
namespace {

using namespace wire;  // NOLINT: the state bits

// 5.4.8 Ready: every port selected into this aggregator has waited (Ready_N).
bool ready(const Port& p) {
  if (p.agg == nullptr) return false;
  for (const Port* m : p.agg->members)
    if (!m->ready_n) return false;
  return true;
}

bool agg_active(const Port& p) {
  return p.agg != nullptr && p.agg->active;
}

bool partner_sync(const Port& p) {
  return p.partner_has(kLacpStateSynchronization);
}

void set_cd(Port& p, bool collecting, bool distributing) {
  p.set_actor(kLacpStateCollecting, collecting);
  p.set_actor(kLacpStateDistributing, distributing);
  p.ntt = true;
}

void enter_detached(Port& p) {
  p.mux = MuxState::kDetached;
  p.wait_while = kForever;
  p.ready_n = false;
  p.set_actor(kLacpStateSynchronization, false);
  set_cd(p, false, false);
}

void enter_waiting(Engine& e, Port& p) {
  p.mux = MuxState::kWaiting;
  p.ready_n = false;
  p.wait_while = e.now + kLacpAggregateWait;
}

void enter_attached(Port& p) {
  p.mux = MuxState::kAttached;
  p.set_actor(kLacpStateSynchronization, agg_active(p));
  set_cd(p, false, false);
}

// Entered only from ATTACHED with the aggregator active: in sync (as Linux sets it here).
void enter_collecting(Port& p) {
  p.mux = MuxState::kCollecting;
  p.set_actor(kLacpStateSynchronization, true);
  set_cd(p, true, false);
}

void enter_distributing(Port& p) {
  p.mux = MuxState::kDistributing;
  set_cd(p, true, true);
}

void enter_collecting_distributing(Port& p) {
  p.mux = MuxState::kCollectingDistributing;
  p.set_actor(kLacpStateSynchronization, true);
  set_cd(p, true, true);
}

// ATTACHED and beyond fall back to ATTACHED (or DETACHED) when this holds.
bool lost(const Port& p) {
  return !p.selected || !partner_sync(p) || !agg_active(p);
}

bool waiting_step(Engine& e, Port& p) {
  if (!p.selected) {
    enter_detached(p);
    return true;
  }
  bool moved = false;
  if (p.wait_while != kForever && e.expired(p.wait_while)) {
    p.wait_while = kForever;
    p.ready_n = true;
    moved = true;
  }
  if (p.ready_n && ready(p)) {
    enter_attached(p);
    return true;
  }
  return moved;
}

bool attached_step(Engine& e, Port& p) {
  if (!p.selected) {
    enter_detached(p);
    return true;
  }
  if (!lost(p) && !e.agg_select_hold()) {
    if (e.cfg.coupled_control)
      enter_collecting_distributing(p);
    else
      enter_collecting(p);
    return true;
  }
  bool sync = agg_active(p);
  if (sync == p.actor(kLacpStateSynchronization)) return false;
  p.set_actor(kLacpStateSynchronization, sync);
  p.ntt = true;
  return true;
}

}  // namespace

void mux_begin(Engine&, Port& p) {
  enter_detached(p);
}

bool mux_step(Engine& e, Port& p) {
  switch (p.mux) {
    case MuxState::kDetached:
      if (!p.selected) return false;
      enter_waiting(e, p);
      return true;
    case MuxState::kWaiting:
      return waiting_step(e, p);
    case MuxState::kAttached:
      return attached_step(e, p);
    case MuxState::kCollectingDistributing:
    case MuxState::kCollecting:
      if (lost(p)) {
        enter_attached(p);
        return true;
      }
      if (p.mux == MuxState::kCollecting && p.partner_has(kLacpStateCollecting)) {
        enter_distributing(p);
        return true;
      }
      return false;
    case MuxState::kDistributing:
      if (lost(p) || !p.partner_has(kLacpStateCollecting)) {
        enter_collecting(p);
        return true;
      }
      return false;
  }
  return false;
}

}  // namespace uvn::proto::lacp
