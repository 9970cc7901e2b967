// Port Protocol Migration state machine (802.1D-2004 17.24): a port starts sending RST BPDUs,
// falls back to Configuration/TCN BPDUs when it hears one from a legacy STP bridge after the
// migrate time, and returns to RSTP on mcheck or when it hears RST BPDUs again.
#include "proto/rstp/rstp_internal.h"

namespace uvn::proto::rstp {
namespace {

void enter_checking_rstp(Bridge& b, Port& p) {
  p.ppm = PpmState::kCheckingRstp;
  p.mcheck = false;
  p.send_rstp = b.rstp_version();
  p.mdelay_while = kMigrateTime;
}

void enter_selecting_stp(Bridge&, Port& p) {
  p.ppm = PpmState::kSelectingStp;
  p.send_rstp = false;
  p.mdelay_while = kMigrateTime;
}

void enter_sensing(Bridge&, Port& p) {
  p.ppm = PpmState::kSensing;
  p.rcvd_rstp = p.rcvd_stp = false;
}

}  // namespace

void ppm_begin(Bridge& b, Port& p) {
  enter_checking_rstp(b, p);
}

bool ppm_step(Bridge& b, Port& p) {
  switch (p.ppm) {
    case PpmState::kCheckingRstp:
      if (p.mdelay_while == 0) {
        enter_sensing(b, p);
        return true;
      }
      if (p.mdelay_while != kMigrateTime && !p.port_enabled) {
        enter_checking_rstp(b, p);
        return true;
      }
      break;
    case PpmState::kSelectingStp:
      if (p.mdelay_while == 0 || !p.port_enabled || p.mcheck) {
        enter_sensing(b, p);
        return true;
      }
      break;
    case PpmState::kSensing:
      if (!p.port_enabled || p.mcheck || (b.rstp_version() && !p.send_rstp && p.rcvd_rstp)) {
        enter_checking_rstp(b, p);
        return true;
      }
      if (p.send_rstp && p.rcvd_stp) {
        enter_selecting_stp(b, p);
        return true;
      }
      break;
  }
  return false;
}

}  // namespace uvn::proto::rstp
