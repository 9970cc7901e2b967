// Port Transmit state machine (802.1D-2004 17.26) and the BPDU encoders txConfig, txRstp and
// txTcn (17.21.19-21). At most TxHoldCount BPDUs per second and port (txCount); a periodic
// BPDU every HelloTime from Designated ports, and from the Root Port while tcWhile runs.
// Differs from the text in one place: in STP mode a Root Port sends a TCN only while its
// tcWhile runs (see ptx_step).
#include "proto/rstp/rstp_internal.h"

namespace uvn::proto::rstp {
namespace {

wire::BpduRepr priority_bpdu(const Port& p) {
  wire::BpduRepr r;
  r.root_id = p.designated_priority.root;
  r.root_path_cost = p.designated_priority.root_path_cost;
  r.bridge_id = p.designated_priority.designated_bridge;
  r.port_id = p.designated_priority.designated_port;
  r.message_age = seconds_to_bpdu(p.designated_times.message_age);
  r.max_age = seconds_to_bpdu(p.designated_times.max_age);
  r.hello_time = seconds_to_bpdu(p.designated_times.hello_time);
  r.forward_delay = seconds_to_bpdu(p.designated_times.forward_delay);
  return r;
}

void send(Bridge& b, Port& p, const wire::BpduRepr& r) {
  uint8_t buf[wire::kLlcHeaderLen + wire::kBpduRstLen];
  r.emit_llc(buf);
  b.sink.send_bpdu(p.port_no, buf, r.llc_len());
}

// 17.21.19
void tx_config(Bridge& b, Port& p) {
  wire::BpduRepr r = priority_bpdu(p);
  r.type = wire::BpduType::kConfig;
  r.version = wire::kBpduVersionStp;
  r.set_flag(wire::kBpduFlagTc, p.tc_while != 0);
  r.set_flag(wire::kBpduFlagTcAck, p.tc_ack);
  ++p.counters.tx_config;
  send(b, p, r);
}

wire::BpduRole wire_role(Role r) {
  switch (r) {
    case Role::kRoot:
      return wire::BpduRole::kRoot;
    case Role::kDesignated:
      return wire::BpduRole::kDesignated;
    case Role::kAlternate:
    case Role::kBackup:
      return wire::BpduRole::kAlternateBackup;
    case Role::kDisabled:
      break;
  }
  return wire::BpduRole::kUnknown;
}

// 17.21.20
void tx_rstp(Bridge& b, Port& p) {
  wire::BpduRepr r = priority_bpdu(p);
  r.type = wire::BpduType::kRst;
  r.version = wire::kBpduVersionRstp;
  r.set_role(wire_role(p.role));
  r.set_flag(wire::kBpduFlagTc, p.tc_while != 0);
  r.set_flag(wire::kBpduFlagProposal, p.proposing);
  r.set_flag(wire::kBpduFlagLearning, p.learning);
  r.set_flag(wire::kBpduFlagForwarding, p.forwarding);
  r.set_flag(wire::kBpduFlagAgreement, p.agree);
  r.version1_length = 0;
  ++p.counters.tx_rst;
  send(b, p, r);
}

// 17.21.21
void tx_tcn(Bridge& b, Port& p) {
  ++p.counters.tx_tcn;
  send(b, p, wire::BpduRepr::tcn());
}

void enter(Port& p, PtxState s) {
  p.ptx = s;
}

}  // namespace

void ptx_begin(Bridge&, Port& p) {
  enter(p, PtxState::kInit);
  p.new_info = true;
  p.tx_count = 0;
}

bool ptx_step(Bridge& b, Port& p) {
  // BEGIN, and (as 802.1Q) a disabled port does not transmit.
  if (!p.port_enabled) {
    if (p.ptx == PtxState::kInit) return false;
    ptx_begin(b, p);
    return true;
  }
  switch (p.ptx) {
    case PtxState::kInit:
    case PtxState::kPeriodic:
    case PtxState::kConfig:
    case PtxState::kTcn:
    case PtxState::kRstp:
      enter(p, PtxState::kIdle);
      p.hello_when = hello_time(p);
      return true;
    case PtxState::kIdle:
      break;
  }
  if (!p.selected || p.updt_info) return false;
  if (p.hello_when == 0) {
    enter(p, PtxState::kPeriodic);
    p.new_info =
        p.new_info || p.role == Role::kDesignated || (p.role == Role::kRoot && p.tc_while != 0);
    return true;
  }
  if (!p.new_info || p.tx_count >= b.tx_hold_count) return false;
  if (p.send_rstp) {
    enter(p, PtxState::kRstp);
    p.new_info = false;
    tx_rstp(b, p);
    ++p.tx_count;
    p.tc_ack = false;
    return true;
  }
  // A TCN only while tcWhile runs: the 2004 text would also send one for newInfo raised by
  // ROOT_AGREED, which a legacy bridge takes for a topology change.
  if (p.role == Role::kRoot && p.tc_while != 0) {
    enter(p, PtxState::kTcn);
    p.new_info = false;
    tx_tcn(b, p);
    ++p.tx_count;
    return true;
  }
  if (p.role == Role::kDesignated) {
    enter(p, PtxState::kConfig);
    p.new_info = false;
    tx_config(b, p);
    ++p.tx_count;
    p.tc_ack = false;
    return true;
  }
  return false;
}

}  // namespace uvn::proto::rstp
