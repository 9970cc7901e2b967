// Periodic Transmission machine (802.1AX-2008 5.4.13): NTT every fast periodic time (1 s)
// while the partner asks for short timeouts (its Timeout bit), every slow periodic time (30 s)
// otherwise, and not at all when neither side is active LACP, the port is down or LACP is off.
// A partner asking for short timeouts while we wait 30 s gets an LACPDU at once.
#include "proto/lacp/lacp_internal.h"

namespace uvn::proto::lacp {
namespace {

bool partner_short(const Port& p) {
  return p.partner_has(wire::kLacpStateTimeout);
}

bool no_periodic(const Port& p) {
  return !p.lacp_enabled() || !p.port_enabled ||
         (!p.actor(wire::kLacpStateActivity) && !partner_active(p));
}

void enter(Engine& e, Port& p, PeriodicState s) {
  p.periodic = s;
  switch (s) {
    case PeriodicState::kNoPeriodic:
      p.periodic_timer = kForever;
      break;
    case PeriodicState::kFastPeriodic:
      p.periodic_timer = e.now + kLacpFastPeriodic;
      break;
    case PeriodicState::kSlowPeriodic:
      p.periodic_timer = e.now + kLacpSlowPeriodic;
      break;
    case PeriodicState::kPeriodicTx:
      p.periodic_timer = kForever;
      p.ntt = true;
      break;
  }
}

}  // namespace

// Activity recorded from an LACPDU (CURRENT, or EXPIRED after one). The administrative
// default never counts, so that a passive port stays silent until it hears an active partner.
bool partner_active(const Port& p) {
  return p.partner_has(wire::kLacpStateActivity) &&
         (p.rx == RxState::kCurrent || p.rx == RxState::kExpired) &&
         !p.actor(wire::kLacpStateDefaulted);
}

void periodic_begin(Engine& e, Port& p) {
  enter(e, p, PeriodicState::kNoPeriodic);
}

bool periodic_step(Engine& e, Port& p) {
  if (no_periodic(p)) {
    if (p.periodic == PeriodicState::kNoPeriodic) return false;
    enter(e, p, PeriodicState::kNoPeriodic);
    return true;
  }
  switch (p.periodic) {
    case PeriodicState::kNoPeriodic:
      enter(e, p, PeriodicState::kFastPeriodic);
      return true;
    case PeriodicState::kFastPeriodic:
      if (!partner_short(p)) {
        enter(e, p, PeriodicState::kSlowPeriodic);
        return true;
      }
      if (e.expired(p.periodic_timer)) {
        enter(e, p, PeriodicState::kPeriodicTx);
        return true;
      }
      return false;
    case PeriodicState::kSlowPeriodic:
      if (partner_short(p) || e.expired(p.periodic_timer)) {
        enter(e, p, PeriodicState::kPeriodicTx);
        return true;
      }
      return false;
    case PeriodicState::kPeriodicTx:
      enter(e, p, partner_short(p) ? PeriodicState::kFastPeriodic : PeriodicState::kSlowPeriodic);
      return true;
  }
  return false;
}

}  // namespace uvn::proto::lacp
