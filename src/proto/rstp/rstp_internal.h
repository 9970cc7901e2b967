// The RSTP engine's state (802.1D-2004 17.17-17.19: timers, bridge and port variables) and
// the state machine entry points, one per file. Names follow the standard so a reader can
// compare (reselect, updtInfo, rcvdMsg, ...), in snake_case.
#pragma once

#include <cstdint>
#include <map>

#include "proto/rstp/rstp.h"
#include "proto/spanning_tree.h"
#include "wire/bpdu.h"

namespace uvn::proto::rstp {

using Role = RstpRole;

enum class InfoIs : uint8_t { kDisabled, kReceived, kMine, kAged };
enum class RcvdInfo : uint8_t {
  kSuperiorDesignated,
  kRepeatedDesignated,
  kInferiorDesignated,
  kInferiorRootAlternate,
  kOther,
};

// A priority vector (17.6) without its BridgePortID component, which is kept apart where it
// matters (root selection). Lower is better; comparison is component by component.
struct PriorityVector {
  BridgeId root;
  uint32_t root_path_cost = 0;
  BridgeId designated_bridge;
  uint16_t designated_port = 0;
  friend bool operator==(const PriorityVector&, const PriorityVector&) = default;
};
int compare(const PriorityVector& a, const PriorityVector& b);  // <0: a better
inline bool better(const PriorityVector& a, const PriorityVector& b) {
  return compare(a, b) < 0;
}

// Times in whole seconds (17.13, 17.19.x).
struct Times {
  uint32_t message_age = 0;
  uint32_t max_age = 20;
  uint32_t forward_delay = 15;
  uint32_t hello_time = 2;
  friend bool operator==(const Times&, const Times&) = default;
};

inline constexpr uint32_t kMigrateTime = 3;  // 17.13.9

// Machine states.
enum class PrxState : uint8_t { kDiscard, kReceive };
enum class PpmState : uint8_t { kCheckingRstp, kSelectingStp, kSensing };
enum class BdmState : uint8_t { kEdge, kNotEdge };
enum class PtxState : uint8_t { kInit, kIdle, kPeriodic, kConfig, kTcn, kRstp };
enum class PimState : uint8_t {
  kDisabled,
  kAged,
  kUpdate,
  kCurrent,
  kReceive,
  kSuperiorDesignated,
  kRepeatedDesignated,
  kInferiorDesignated,
  kNotDesignated,
  kOther,
};
enum class PrsState : uint8_t { kInitBridge, kRoleSelection };
enum class PrtState : uint8_t {
  kInitPort,
  kDisablePort,
  kDisabledPort,
  kRootPort,
  kRootProposed,
  kRootAgreed,
  kReroot,
  kRootForward,
  kRootLearn,
  kRerooted,
  kDesignatedPort,
  kDesignatedPropose,
  kDesignatedSynced,
  kDesignatedRetired,
  kDesignatedForward,
  kDesignatedLearn,
  kDesignatedDiscard,
  kAlternatePort,
  kAlternateProposed,
  kAlternateAgreed,
  kBlockPort,
  kBackupPort,
};
enum class PstState : uint8_t { kDiscarding, kLearning, kForwarding };
enum class TcmState : uint8_t {
  kInactive,
  kLearning,
  kDetected,
  kActive,
  kNotifiedTcn,
  kNotifiedTc,
  kPropagating,
  kAcknowledged,
};

struct Port {
  int port_no = 0;
  uint8_t priority = kStpDefaultPortPriority;
  uint16_t port_id = 0;
  uint32_t port_path_cost = 2'000'000;

  // Management (17.13, 802.1Q restrictedRole) and link state.
  bool link_up = false;
  bool guard = false;
  bool guard_tripped = false;
  bool restricted_role = false;  // root_block
  bool admin_edge = false;
  bool auto_edge = true;
  RstpP2p admin_p2p = RstpP2p::kAuto;
  bool full_duplex = true;

  // Timers (17.17), seconds.
  uint32_t edge_delay_while = 0, fd_while = 0, hello_when = 0, mdelay_while = 0;
  uint32_t rb_while = 0, rcvd_info_while = 0, rr_while = 0, tc_while = 0;

  // Per-port variables (17.19).
  bool agree = false, agreed = false;
  PriorityVector designated_priority;
  Times designated_times;
  bool disputed = false;
  bool fdb_flush = false;
  bool forward = false, forwarding = false;
  InfoIs info_is = InfoIs::kDisabled;
  bool learn = false, learning = false;
  bool mcheck = false;
  PriorityVector msg_priority;
  Times msg_times;
  bool new_info = false;
  bool oper_edge = false;
  bool port_enabled = false;
  PriorityVector port_priority;
  Times port_times;
  bool proposed = false, proposing = false;
  bool rcvd_bpdu = false;
  RcvdInfo rcvd_info = RcvdInfo::kOther;
  bool rcvd_msg = false;
  bool rcvd_rstp = false, rcvd_stp = false;
  bool rcvd_tc = false, rcvd_tcn = false, rcvd_tc_ack = false;
  bool re_root = false;
  bool reselect = false;
  Role role = Role::kDisabled;
  bool selected = false;
  Role selected_role = Role::kDisabled;
  bool send_rstp = false;
  bool sync = false, synced = false;
  bool tc_ack = false;
  bool tc_prop = false;
  uint32_t tx_count = 0;
  bool updt_info = false;

  wire::BpduRepr rx;  // the BPDU rcvdBpdu refers to

  PrxState prx = PrxState::kDiscard;
  PpmState ppm = PpmState::kCheckingRstp;
  BdmState bdm = BdmState::kNotEdge;
  PtxState ptx = PtxState::kInit;
  PimState pim = PimState::kDisabled;
  PrtState prt = PrtState::kInitPort;
  PstState pst = PstState::kDiscarding;
  TcmState tcm = TcmState::kInactive;

  StpPortState reported = StpPortState::kDisabled;
  RstpPortCounters counters;
};

struct Bridge {
  explicit Bridge(StpSink& s) : sink(s) {}
  StpSink& sink;
  bool enabled = false;
  BridgeId bridge_id;
  Times bridge_times;                  // BridgeTimes (message age 0)
  StpTimes configured;                 // as set, in centiseconds
  uint8_t force_protocol_version = 2;  // 17.13.4
  uint32_t tx_hold_count = kRstpDefaultTxHoldCount;
  PriorityVector root_priority;
  uint16_t root_port_id = 0;
  Times root_times;
  PrsState prs = PrsState::kInitBridge;
  bool reported_tc = false;
  uint64_t tc_count = 0;
  uint64_t unsettled_runs = 0;
  Nanos next_tick = kForever;
  std::map<int, Port> ports;

  bool rstp_version() const { return force_protocol_version >= 2; }
  PriorityVector bridge_priority() const { return {bridge_id, 0, bridge_id, 0}; }
  Port* port_by_id(uint16_t port_id);
};

// 17.20 conditions and parameters.
inline uint32_t fwd_delay(const Port& p) {
  return p.designated_times.forward_delay;
}
inline uint32_t hello_time(const Port& p) {
  return p.designated_times.hello_time;
}
inline uint32_t max_age(const Port& p) {
  return p.designated_times.max_age;
}
inline uint32_t forward_delay(const Port& p) {  // 17.20.6: Hello Time while talking RSTP
  return p.send_rstp ? hello_time(p) : fwd_delay(p);
}
bool oper_point_to_point(const Port& p);
inline uint32_t edge_delay(const Port& p) {
  return oper_point_to_point(p) ? kMigrateTime : max_age(p);
}
bool all_synced(const Bridge& b);
bool re_rooted(const Bridge& b, const Port& p);

// Tree-wide procedures (17.21).
void set_sync_tree(Bridge& b);
void set_re_root_tree(Bridge& b);
void set_tc_prop_tree(Bridge& b, const Port& except);

// One step of each machine: true when it took a transition (entered a state).
bool prx_step(Bridge& b, Port& p);  // prx.cc, Port Receive (17.23)
bool ppm_step(Bridge& b, Port& p);  // ppm.cc, Port Protocol Migration (17.24)
bool bdm_step(Bridge& b, Port& p);  // bdm.cc, Bridge Detection (17.25)
bool ptx_step(Bridge& b, Port& p);  // ptx.cc, Port Transmit (17.26)
bool pim_step(Bridge& b, Port& p);  // pim.cc, Port Information (17.27)
bool prs_step(Bridge& b);           // prs.cc, Port Role Selection (17.28)
bool prt_step(Bridge& b, Port& p);  // prt.cc, Port Role Transitions (17.29)
bool pst_step(Bridge& b, Port& p);  // pst.cc, Port State Transition (17.30)
bool tcm_step(Bridge& b, Port& p);  // tcm.cc, Topology Change (17.31)

// BEGIN for one port's machines, and for the bridge's (PRS).
void prx_begin(Bridge& b, Port& p);
void ppm_begin(Bridge& b, Port& p);
void bdm_begin(Bridge& b, Port& p);
void ptx_begin(Bridge& b, Port& p);
void pim_begin(Bridge& b, Port& p);
void prt_begin(Bridge& b, Port& p);
void pst_begin(Bridge& b, Port& p);
void tcm_begin(Bridge& b, Port& p);
void prs_begin(Bridge& b);

// prs.cc: updtRolesTree (17.21.25) and updtRoleDisabledTree (17.21.26).
void updt_roles_tree(Bridge& b);
void updt_role_disabled_tree(Bridge& b);

// Message times <-> BPDU units.
inline uint32_t bpdu_to_seconds(uint16_t v) {
  return (uint32_t(v) + 128) / 256;
}
inline uint16_t seconds_to_bpdu(uint32_t s) {
  return s >= 256 ? uint16_t(0xffff) : uint16_t(s * 256);
}

}  // namespace uvn::proto::rstp
