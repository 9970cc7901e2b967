// Port State Transition state machine (802.1D-2004 17.30): follows learn and forward with the
// port's learning and forwarding state (Discarding, Learning, Forwarding). The data path sees
// the result through StpSink::port_state_changed (Discarding as kBlocking).
#include "proto/rstp/rstp_internal.h"

namespace uvn::proto::rstp {
namespace {

void enter_discarding(Port& p) {
  p.pst = PstState::kDiscarding;
  p.learning = false;    // disableLearning()
  p.forwarding = false;  // disableForwarding()
}

}  // namespace

void pst_begin(Bridge&, Port& p) {
  enter_discarding(p);
}

bool pst_step(Bridge&, Port& p) {
  switch (p.pst) {
    case PstState::kDiscarding:
      if (p.learn) {
        p.pst = PstState::kLearning;
        p.learning = true;  // enableLearning()
        return true;
      }
      return false;
    case PstState::kLearning:
      if (!p.learn) {
        enter_discarding(p);
        return true;
      }
      if (p.forward) {
        p.pst = PstState::kForwarding;
        p.forwarding = true;  // enableForwarding()
        return true;
      }
      return false;
    case PstState::kForwarding:
      if (!p.forward) {
        enter_discarding(p);
        return true;
      }
      return false;
  }
  return false;
}

}  // namespace uvn::proto::rstp
