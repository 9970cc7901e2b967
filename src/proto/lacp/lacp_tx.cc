// Transmit machine (802.1AX-2008 5.4.16) and the Marker Responder (5.5.3.1). An LACPDU goes
// out when NTT is set, at most three in any fast periodic interval (1 s, a sliding window of
// the last three send times): NTT raised while the limit holds waits (the engine's deadline)
// and the LACPDU then carries the state of that moment. With the Periodic machine in
// NO_PERIODIC nothing is sent and NTT is dropped (5.4.16). Marker Responses answer at once,
// at most ten per second per port (802.3 Annex 43B), the rest counted as dropped.
#include "proto/lacp/lacp_internal.h"

namespace uvn::proto::lacp {

void send_lacpdu(Engine& e, Port& p) {
  wire::LacpduRepr r;
  r.actor = actor_info(e, p);
  r.partner = p.partner;
  r.collector_max_delay = e.cfg.collector_max_delay;
  uint8_t frame[wire::kSlowFrameLen];
  size_t n = r.emit_frame(p.mac, frame);
  ++p.counters.lacpdu_tx;
  e.sink.send_frame(p.port_no, frame, n);
}

bool tx_step(Engine& e, Port& p) {
  if (p.periodic == PeriodicState::kNoPeriodic) {
    p.ntt = false;
    return false;
  }
  if (!p.ntt || !p.tx_limit.allowed(e.now, kLacpFastPeriodic)) return false;
  p.ntt = false;
  p.tx_limit.record(e.now);
  send_lacpdu(e, p);
  return true;
}

void marker_respond(Engine& e, Port& p, const wire::MarkerRepr& info) {
  if (!p.marker_limit.allowed(e.now, kSec)) {
    ++p.counters.marker_response_dropped;
    return;
  }
  p.marker_limit.record(e.now);
  uint8_t frame[wire::kSlowFrameLen];
  size_t n = info.as_response().emit_frame(p.mac, frame);
  ++p.counters.marker_response_tx;
  e.sink.send_frame(p.port_no, frame, n);
}

}  // namespace uvn::proto::lacp
