// Port Receive state machine (802.1D-2004 17.23): hands a received BPDU to the Port
// Information machine (rcvdMsg), records which protocol the neighbour speaks
// (updtBPDUVersion) and tells Bridge Detection that the port is not an edge.
#include "proto/rstp/rstp_internal.h"

namespace uvn::proto::rstp {
namespace {

// 17.21.22 updtBPDUVersion.
void updt_bpdu_version(Port& p) {
  if (p.rx.type == wire::BpduType::kRst)
    p.rcvd_rstp = true;
  else
    p.rcvd_stp = true;  // a Configuration or TCN BPDU
}

void enter_discard(Bridge&, Port& p) {
  p.prx = PrxState::kDiscard;
  p.rcvd_bpdu = p.rcvd_rstp = p.rcvd_stp = false;
  p.rcvd_msg = false;
  p.edge_delay_while = kMigrateTime;
}

void enter_receive(Bridge&, Port& p) {
  p.prx = PrxState::kReceive;
  updt_bpdu_version(p);
  p.oper_edge = p.rcvd_bpdu = false;
  p.rcvd_msg = true;
  p.edge_delay_while = kMigrateTime;
}

}  // namespace

void prx_begin(Bridge& b, Port& p) {
  enter_discard(b, p);
}

bool prx_step(Bridge& b, Port& p) {
  if ((p.rcvd_bpdu || p.edge_delay_while != kMigrateTime) && !p.port_enabled) {
    enter_discard(b, p);
    return true;
  }
  switch (p.prx) {
    case PrxState::kDiscard:
      if (p.rcvd_bpdu && p.port_enabled) {
        enter_receive(b, p);
        return true;
      }
      break;
    case PrxState::kReceive:
      if (p.rcvd_bpdu && p.port_enabled && !p.rcvd_msg) {
        enter_receive(b, p);
        return true;
      }
      break;
  }
  return false;
}

}  // namespace uvn::proto::rstp
