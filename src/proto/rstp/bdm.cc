// Bridge Detection state machine (802.1D-2004 17.25): operEdge. An admin edge port starts as
// an edge; any port with AutoEdge becomes one when it has proposed and heard no BPDU for
// EdgeDelay; a received BPDU (Port Receive clears operEdge) makes it a bridge port again.
#include "proto/rstp/rstp_internal.h"

namespace uvn::proto::rstp {
namespace {

void enter_edge(Port& p) {
  p.bdm = BdmState::kEdge;
  p.oper_edge = true;
}

void enter_not_edge(Port& p) {
  p.bdm = BdmState::kNotEdge;
  p.oper_edge = false;
}

}  // namespace

void bdm_begin(Bridge&, Port& p) {
  if (p.admin_edge)
    enter_edge(p);
  else
    enter_not_edge(p);
}

bool bdm_step(Bridge&, Port& p) {
  switch (p.bdm) {
    case BdmState::kEdge:
      if ((!p.port_enabled && !p.admin_edge) || !p.oper_edge) {
        enter_not_edge(p);
        return true;
      }
      break;
    case BdmState::kNotEdge:
      if ((!p.port_enabled && p.admin_edge) ||
          (p.edge_delay_while == 0 && p.auto_edge && p.send_rstp && p.proposing)) {
        enter_edge(p);
        return true;
      }
      break;
  }
  return false;
}

}  // namespace uvn::proto::rstp
