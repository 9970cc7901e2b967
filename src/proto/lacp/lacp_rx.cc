// Receive machine (802.1AX-2008 5.4.12): records the partner's information from LACPDUs
// (recordPDU), falls back to the partner administrative values (recordDefault), and runs
// current_while: 3 s or 90 s by the Timeout bit the actor sends, then EXPIRED (the partner's
// Timeout forced to short) for one short timeout, then DEFAULTED. update_Selected and
// update_Default_Selected make the port choose its aggregator again when the partner it
// records changes; update_NTT makes it answer a partner whose view of it is stale.
#include "proto/lacp/lacp_internal.h"

namespace uvn::proto::lacp {
namespace {

using namespace wire;  // NOLINT: the state bits

Nanos current_while_time(const Port& p) {
  return p.actor(kLacpStateTimeout) ? kLacpShortTimeout : kLacpLongTimeout;
}

// The parameters that identify a partner's port in a LAG (5.4.9 update_Selected): port number
// and priority, system and priority, key, and the Aggregation bit.
bool same_identity(const LacpInfo& a, const LacpInfo& b) {
  return a.port == b.port && a.port_priority == b.port_priority && a.system == b.system &&
         a.system_priority == b.system_priority && a.key == b.key &&
         (a.state & kLacpStateAggregation) == (b.state & kLacpStateAggregation);
}

// 5.4.9 recordDefault.
void record_default(Port& p) {
  p.partner = p.cfg.partner_admin;
  p.set_actor(kLacpStateDefaulted, true);
}

// 5.4.9 recordPDU: the PDU's actor becomes our partner; the partner is in sync when it says so
// about a view of us that matches (or it is an individual link) and LACP actively maintains
// the link (either side active).
void record_pdu(Engine& e, Port& p, const LacpduRepr& r) {
  LacpInfo me = actor_info(e, p);
  bool matched = same_identity(r.partner, me) || !(r.actor.state & kLacpStateAggregation);
  bool maintained = (r.actor.state & kLacpStateActivity) ||
                    (p.actor(kLacpStateActivity) && (r.partner.state & kLacpStateActivity));
  p.partner = r.actor;
  p.set_actor(kLacpStateDefaulted, false);
  p.set_partner(kLacpStateSynchronization,
                matched && maintained && (r.actor.state & kLacpStateSynchronization));
}

// 5.4.9 update_Selected / update_Default_Selected.
void update_selected(Port& p, const LacpInfo& partner) {
  if (!same_identity(partner, p.partner)) p.selected = false;
}

// 5.4.9 update_NTT: the partner's view of us differs from what we are.
void update_ntt(Engine& e, Port& p, const LacpduRepr& r) {
  constexpr uint8_t kBits =
      kLacpStateActivity | kLacpStateTimeout | kLacpStateSynchronization | kLacpStateAggregation;
  LacpInfo me = actor_info(e, p);
  if (r.partner.port != me.port || r.partner.port_priority != me.port_priority ||
      r.partner.system != me.system || r.partner.system_priority != me.system_priority ||
      r.partner.key != me.key || ((r.partner.state ^ me.state) & kBits) != 0)
    p.ntt = true;
}

void enter_port_disabled(Port& p) {
  p.rx = RxState::kPortDisabled;
  p.current_while = kForever;
  p.set_partner(kLacpStateSynchronization, false);
}

void enter_initialize(Port& p) {
  p.rx = RxState::kInitialize;
  p.selected = false;
  record_default(p);
  p.set_actor(kLacpStateExpired, false);
  p.port_moved = false;
  enter_port_disabled(p);  // UCT
}

void enter_lacp_disabled(Port& p) {
  p.rx = RxState::kLacpDisabled;
  p.current_while = kForever;
  p.selected = false;
  record_default(p);
  p.set_partner(kLacpStateAggregation, false);
  p.set_actor(kLacpStateExpired, false);
}

void enter_expired(Engine& e, Port& p) {
  p.rx = RxState::kExpired;
  p.set_partner(kLacpStateSynchronization, false);
  p.set_partner(kLacpStateTimeout, true);
  p.current_while = e.now + kLacpShortTimeout;
  p.set_actor(kLacpStateExpired, true);
}

void enter_defaulted(Port& p) {
  p.rx = RxState::kDefaulted;
  p.current_while = kForever;
  update_selected(p, p.cfg.partner_admin);
  record_default(p);
  p.set_actor(kLacpStateExpired, false);
}

void enter_current(Engine& e, Port& p) {
  p.rx = RxState::kCurrent;
  p.rcvd = false;
  update_selected(p, p.rx_pdu.actor);
  update_ntt(e, p, p.rx_pdu);
  record_pdu(e, p, p.rx_pdu);
  p.current_while = e.now + current_while_time(p);
  p.set_actor(kLacpStateExpired, false);
}

}  // namespace

void rx_begin(Engine&, Port& p) {
  enter_initialize(p);
}

bool rx_step(Engine& e, Port& p) {
  if (!p.port_enabled && !p.port_moved && p.rx != RxState::kPortDisabled) {
    enter_port_disabled(p);
    p.rcvd = false;
    return true;
  }
  switch (p.rx) {
    case RxState::kInitialize:
      enter_initialize(p);
      return true;
    case RxState::kPortDisabled:
      if (p.port_moved) {
        enter_initialize(p);
        return true;
      }
      if (p.port_enabled && p.lacp_enabled()) {
        enter_expired(e, p);
        return true;
      }
      if (p.port_enabled) {
        enter_lacp_disabled(p);
        return true;
      }
      break;
    case RxState::kLacpDisabled:
      if (p.lacp_enabled()) {  // 802.1AX-2014: LACP turned on again
        enter_port_disabled(p);
        return true;
      }
      break;
    case RxState::kExpired:
      if (p.rcvd) {
        enter_current(e, p);
        return true;
      }
      if (e.expired(p.current_while)) {
        enter_defaulted(p);
        return true;
      }
      break;
    case RxState::kDefaulted:
      if (p.rcvd) {
        enter_current(e, p);
        return true;
      }
      break;
    case RxState::kCurrent:
      if (p.rcvd) {
        enter_current(e, p);
        return true;
      }
      if (e.expired(p.current_while)) {
        enter_expired(e, p);
        return true;
      }
      break;
  }
  p.rcvd = false;  // an LACPDU this state does not take is dropped
  return false;
}

}  // namespace uvn::proto::lacp
