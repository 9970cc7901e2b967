// Port Information state machine (802.1D-2004 17.27): what the port knows about the LAN. It
// compares a received message with the port priority vector (rcvInfo, 17.21.8), records
// superior information, proposals, agreements, disputes and topology change flags, ages
// received information out (rcvdInfoWhile), and installs this bridge's own information when
// Port Role Selection asks for it (updtInfo).
#include "proto/rstp/rstp_internal.h"

namespace uvn::proto::rstp {
namespace {

// The role a received BPDU conveys; a Configuration BPDU is always Designated (17.21.8).
wire::BpduRole msg_role(const Port& p) {
  if (p.rx.type == wire::BpduType::kConfig) return wire::BpduRole::kDesignated;
  if (p.rx.type == wire::BpduType::kTcn) return wire::BpduRole::kUnknown;
  return p.rx.role();
}

bool is_rst(const Port& p) {
  return p.rx.type == wire::BpduType::kRst;
}

// Same Designated Bridge address and Designated Port number (17.6: a message from the
// designated port this port heard before supersedes what it said, better or worse).
bool same_source(const PriorityVector& a, const PriorityVector& b) {
  return a.designated_bridge.mac == b.designated_bridge.mac &&
         (a.designated_port & 0x3ff) == (b.designated_port & 0x3ff);
}

// 17.21.8 rcvInfo.
RcvdInfo rcv_info(Port& p) {
  if (p.rx.type == wire::BpduType::kTcn) return RcvdInfo::kOther;
  p.msg_priority = {p.rx.root_id, p.rx.root_path_cost, p.rx.bridge_id, p.rx.port_id};
  p.msg_times = {bpdu_to_seconds(p.rx.message_age), bpdu_to_seconds(p.rx.max_age),
                 bpdu_to_seconds(p.rx.forward_delay), bpdu_to_seconds(p.rx.hello_time)};
  int cmp = compare(p.msg_priority, p.port_priority);
  switch (msg_role(p)) {
    case wire::BpduRole::kDesignated:
      if (cmp == 0)
        return p.msg_times == p.port_times ? RcvdInfo::kRepeatedDesignated
                                           : RcvdInfo::kSuperiorDesignated;
      if (cmp < 0 || same_source(p.msg_priority, p.port_priority))
        return RcvdInfo::kSuperiorDesignated;
      return RcvdInfo::kInferiorDesignated;
    case wire::BpduRole::kRoot:
    case wire::BpduRole::kAlternateBackup:
      return cmp >= 0 ? RcvdInfo::kInferiorRootAlternate : RcvdInfo::kOther;
    case wire::BpduRole::kUnknown:
      break;
  }
  return RcvdInfo::kOther;
}

// 17.21.1 betterorsameInfo.
bool betterorsame_info(const Port& p, InfoIs new_info_is) {
  if (new_info_is == InfoIs::kReceived && p.info_is == InfoIs::kReceived)
    return compare(p.msg_priority, p.port_priority) <= 0;
  if (new_info_is == InfoIs::kMine && p.info_is == InfoIs::kMine)
    return compare(p.designated_priority, p.port_priority) <= 0;
  return false;
}

// 17.21.9 recordAgreement.
void record_agreement(Bridge& b, Port& p) {
  if (b.rstp_version() && oper_point_to_point(p) && is_rst(p) && p.rx.agreement()) {
    p.agreed = true;
    p.proposing = false;
  } else {
    p.agreed = false;
  }
}

// 17.21.10 recordDispute, as corrected by 802.1Q-2005 (13.26.8).
void record_dispute(Port& p) {
  if (is_rst(p) && p.rx.learning()) {
    p.disputed = true;
    p.agreed = false;
  }
}

// 17.21.11 recordProposal.
void record_proposal(Port& p) {
  if (msg_role(p) == wire::BpduRole::kDesignated && is_rst(p) && p.rx.proposal()) p.proposed = true;
}

// 17.21.13 recordTimes (a Hello Time below 1 s is taken as 1 s).
void record_times(Port& p) {
  p.port_times = p.msg_times;
  if (p.port_times.hello_time < 1) p.port_times.hello_time = 1;
}

// 17.21.17 setTcFlags; a TCN sets rcvdTcn here too (see rstp.h).
void set_tc_flags(Port& p) {
  if (p.rx.type == wire::BpduType::kTcn) {
    p.rcvd_tcn = true;
    return;
  }
  if (p.rx.tc()) p.rcvd_tc = true;
  if (p.rx.type == wire::BpduType::kConfig && p.rx.tc_ack()) p.rcvd_tc_ack = true;
}

// 17.21.23 updtRcvdInfoWhile.
void updt_rcvd_info_while(Port& p) {
  if (p.port_times.message_age + 1 <= p.port_times.max_age)
    p.rcvd_info_while = 3 * p.port_times.hello_time;
  else
    p.rcvd_info_while = 0;
}

void enter_disabled(Port& p) {
  p.pim = PimState::kDisabled;
  p.rcvd_msg = false;
  p.proposing = p.proposed = p.agree = p.agreed = false;
  p.rcvd_info_while = 0;
  p.info_is = InfoIs::kDisabled;
  p.reselect = true;
  p.selected = false;
}

void enter_aged(Port& p) {
  p.pim = PimState::kAged;
  p.info_is = InfoIs::kAged;
  p.reselect = true;
  p.selected = false;
}

void enter_update(Port& p) {
  p.pim = PimState::kUpdate;
  p.proposing = p.proposed = false;
  p.agreed = p.agreed && betterorsame_info(p, InfoIs::kMine);
  p.synced = p.synced && p.agreed;
  p.port_priority = p.designated_priority;
  p.port_times = p.designated_times;
  p.updt_info = false;
  p.info_is = InfoIs::kMine;
  p.new_info = true;
}

void enter_receive(Bridge& b, Port& p) {
  p.pim = PimState::kReceive;
  p.rcvd_info = rcv_info(p);
  switch (p.rcvd_info) {
    case RcvdInfo::kSuperiorDesignated:
      p.pim = PimState::kSuperiorDesignated;
      p.agreed = p.proposing = false;
      record_proposal(p);
      set_tc_flags(p);
      p.agree = p.agree && betterorsame_info(p, InfoIs::kReceived);
      p.port_priority = p.msg_priority;  // recordPriority
      record_times(p);
      updt_rcvd_info_while(p);
      p.info_is = InfoIs::kReceived;
      p.reselect = true;
      p.selected = false;
      break;
    case RcvdInfo::kRepeatedDesignated:
      p.pim = PimState::kRepeatedDesignated;
      record_proposal(p);
      set_tc_flags(p);
      updt_rcvd_info_while(p);
      break;
    case RcvdInfo::kInferiorDesignated:
      p.pim = PimState::kInferiorDesignated;
      record_dispute(p);
      break;
    case RcvdInfo::kInferiorRootAlternate:
      p.pim = PimState::kNotDesignated;
      record_agreement(b, p);
      set_tc_flags(p);
      break;
    case RcvdInfo::kOther:
      p.pim = PimState::kOther;
      if (p.rx.type == wire::BpduType::kTcn) set_tc_flags(p);
      break;
  }
  p.rcvd_msg = false;
}

}  // namespace

void pim_begin(Bridge&, Port& p) {
  enter_disabled(p);
}

bool pim_step(Bridge& b, Port& p) {
  if (!p.port_enabled && p.info_is != InfoIs::kDisabled) {
    enter_disabled(p);
    return true;
  }
  switch (p.pim) {
    case PimState::kDisabled:
      if (p.rcvd_msg) {  // a message that came in as the port went down
        enter_disabled(p);
        return true;
      }
      if (p.port_enabled) {
        enter_aged(p);
        return true;
      }
      return false;
    case PimState::kAged:
      if (p.selected && p.updt_info) {
        enter_update(p);
        return true;
      }
      return false;
    case PimState::kUpdate:
    case PimState::kSuperiorDesignated:
    case PimState::kRepeatedDesignated:
    case PimState::kInferiorDesignated:
    case PimState::kNotDesignated:
    case PimState::kOther:
    case PimState::kReceive:
      p.pim = PimState::kCurrent;
      return true;
    case PimState::kCurrent:
      if (p.selected && p.updt_info) {
        enter_update(p);
        return true;
      }
      if (p.info_is == InfoIs::kReceived && p.rcvd_info_while == 0 && !p.updt_info && !p.rcvd_msg) {
        enter_aged(p);
        return true;
      }
      if (p.rcvd_msg && !p.updt_info) {
        enter_receive(b, p);
        return true;
      }
      return false;
  }
  return false;
}

}  // namespace uvn::proto::rstp
