// Topology Change state machine (802.1D-2004 17.31): a Root or Designated port that starts
// forwarding (and is no edge) detects a topology change; the change is propagated to every
// other port (tcProp), which flushes its learned addresses (fdbFlush, done at once through
// StpSink::flush_port) and announces it with the TC flag for tcWhile. TCNs from legacy bridges
// are acknowledged (tcAck); a port that stops being Root or Designated flushes too.
#include "proto/rstp/rstp_internal.h"

namespace uvn::proto::rstp {
namespace {

// 17.21.7 newTcWhile.
void new_tc_while(Bridge& b, Port& p) {
  if (p.tc_while != 0) return;
  if (p.send_rstp) {
    p.tc_while = hello_time(p) + 1;
    p.new_info = true;
  } else {
    p.tc_while = b.root_times.max_age + b.root_times.forward_delay;
  }
}

void flush(Bridge& b, Port& p) {
  p.fdb_flush = true;
  b.sink.flush_port(p.port_no);
  p.fdb_flush = false;  // the bridge flushes synchronously
}

void enter_inactive(Bridge& b, Port& p) {
  p.tcm = TcmState::kInactive;
  flush(b, p);
  p.tc_while = 0;
  p.tc_ack = false;
}

void enter_learning(Port& p) {
  p.tcm = TcmState::kLearning;
  p.rcvd_tc = p.rcvd_tcn = p.rcvd_tc_ack = false;
  p.tc_prop = false;
}

bool root_or_designated(const Port& p) {
  return p.role == Role::kRoot || p.role == Role::kDesignated;
}

}  // namespace

void tcm_begin(Bridge& b, Port& p) {
  // BEGIN: INACTIVE without a flush callback (nothing was learned yet).
  p.tcm = TcmState::kInactive;
  p.fdb_flush = false;
  p.tc_while = 0;
  p.tc_ack = false;
  (void)b;
}

bool tcm_step(Bridge& b, Port& p) {
  switch (p.tcm) {
    case TcmState::kInactive:
      if (p.learn && !p.fdb_flush) {
        enter_learning(p);
        return true;
      }
      return false;
    case TcmState::kLearning:
      if (root_or_designated(p) && p.forward && !p.oper_edge) {
        p.tcm = TcmState::kDetected;
        new_tc_while(b, p);
        set_tc_prop_tree(b, p);
        p.new_info = true;
        return true;
      }
      if (p.rcvd_tc || p.rcvd_tcn || p.rcvd_tc_ack || p.tc_prop) {
        enter_learning(p);
        return true;
      }
      if (!root_or_designated(p) && !(p.learn || p.learning)) {
        enter_inactive(b, p);
        return true;
      }
      return false;
    case TcmState::kDetected:
    case TcmState::kNotifiedTc:
    case TcmState::kPropagating:
    case TcmState::kAcknowledged:
      p.tcm = TcmState::kActive;
      return true;
    case TcmState::kNotifiedTcn:
      p.tcm = TcmState::kNotifiedTc;
      p.rcvd_tcn = p.rcvd_tc = false;
      if (p.role == Role::kDesignated) p.tc_ack = true;
      set_tc_prop_tree(b, p);
      return true;
    case TcmState::kActive:
      break;
  }
  if (!root_or_designated(p) || p.oper_edge) {
    enter_learning(p);
    return true;
  }
  if (p.rcvd_tcn) {
    p.tcm = TcmState::kNotifiedTcn;
    new_tc_while(b, p);
    return true;
  }
  if (p.rcvd_tc) {
    p.tcm = TcmState::kNotifiedTc;
    p.rcvd_tcn = p.rcvd_tc = false;
    if (p.role == Role::kDesignated) p.tc_ack = true;
    set_tc_prop_tree(b, p);
    return true;
  }
  if (p.tc_prop && !p.oper_edge) {
    p.tcm = TcmState::kPropagating;
    new_tc_while(b, p);
    flush(b, p);
    p.tc_prop = false;
    return true;
  }
  if (p.rcvd_tc_ack) {
    p.tcm = TcmState::kAcknowledged;
    p.tc_while = 0;
    p.rcvd_tc_ack = false;
    return true;
  }
  return false;
}

}  // namespace uvn::proto::rstp
