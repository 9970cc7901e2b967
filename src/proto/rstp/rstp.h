// IEEE 802.1D-2004 clause 17 Rapid Spanning Tree Protocol, which the Linux kernel leaves to
// user space (mstpd). Port roles root/designated/alternate/backup/disabled, port states
// discarding/learning/forwarding, proposal/agreement, edge ports (admin edge and automatic
// detection), point-to-point (admin on/off/auto), topology change with FDB flush, and
// migration to and from STP BPDUs when a legacy bridge shares a LAN (mcheck). Same sink and
// the same shape of interface as Stp (stp/stp.h), so the bridge can drive either.
//
// Each state machine of 17.21-17.31 is one file of this folder (pim.cc, prs.cc, prt.cc,
// pst.cc, tcm.cc, ppm.cc, bdm.cc, prx.cc, ptx.cc; the port timers in rstp.cc). They run to
// completion after every input; the Port Transmit machine runs after the others are stable,
// so a BPDU carries the settled information.
//
// Where this differs from the standard or from mstpd:
// * Port identifiers are Linux's (priority 0..63 << 10 | port number), so the bridge_slave
//   `priority` option means the same under STP and RSTP.
// * recordDispute() and allSynced follow the 802.1Q-2005 corrections (disputed forces a
//   designated port to discard; the root port is exempt from allSynced).
// * A TCN BPDU sets rcvdTcn directly (the 2004 text only calls setTcFlags() for
//   Configuration and RST BPDUs).
// * Received times are rounded to whole seconds; timers tick once a second (17.22).
// * FDB flushing is done through StpSink::flush_port in STP compatibility mode too (the
//   standard shortens ageing there); topology_change(true) is reported while any port's
//   tcWhile runs.
// * guard (BPDU guard) disables a port on any valid BPDU until its link goes down and up;
//   root_block is 802.1Q's restrictedRole (the port becomes alternate, never root).
// * Setting admin edge on an enabled port takes effect at once (restarts its Bridge
//   Detection machine).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "base/mac.h"
#include "base/time.h"
#include "proto/spanning_tree.h"

namespace uvn::proto {

namespace rstp {
struct Bridge;
}

enum class RstpRole : uint8_t { kDisabled, kRoot, kDesignated, kAlternate, kBackup };
enum class RstpP2p : uint8_t { kAuto, kOn, kOff };  // adminPointToPointMAC

inline constexpr uint32_t kRstpMinPathCost = 1, kRstpMaxPathCost = 200'000'000;
inline constexpr uint32_t kRstpDefaultTxHoldCount = 6;

struct RstpPortCounters {
  uint64_t rx_config = 0;  // valid Configuration BPDUs
  uint64_t rx_rst = 0;     // valid RST (or MST) BPDUs
  uint64_t rx_tcn = 0;
  uint64_t tx_config = 0;
  uint64_t tx_rst = 0;
  uint64_t tx_tcn = 0;
  uint64_t rx_bad = 0;      // malformed: LLC, protocol id, truncated, unknown type/version mix,
                            // Configuration BPDU with message age >= max age
  uint64_t rx_dropped = 0;  // valid but not taken: port or RSTP disabled, own BPDU looped back
  uint64_t guard_trips = 0;
  uint64_t transition_blk = 0;  // entered discarding / forwarding
  uint64_t transition_fwd = 0;
};

struct RstpPortStatus {
  int port_no = 0;
  uint16_t port_id = 0;
  uint8_t priority = kStpDefaultPortPriority;
  uint32_t path_cost = 0;
  StpPortState state = StpPortState::kDisabled;
  RstpRole role = RstpRole::kDisabled;
  bool port_enabled = false;  // link up and not disabled by BPDU guard
  bool admin_edge = false;
  bool auto_edge = true;
  bool oper_edge = false;
  RstpP2p admin_p2p = RstpP2p::kAuto;
  bool oper_p2p = true;
  bool send_rstp = true;  // false: this port talks STP (a legacy bridge is on the LAN)
  bool proposing = false, proposed = false, agree = false, agreed = false;
  bool sync = false, synced = false, reroot = false, disputed = false;
  bool guard = false;
  bool root_block = false;
  // The port priority vector (what the designated bridge of the LAN says).
  BridgeId designated_root;
  uint32_t designated_cost = 0;
  BridgeId designated_bridge;
  uint16_t designated_port = 0;
  // Timers, in seconds (17.17).
  uint32_t fd_while = 0, rr_while = 0, rb_while = 0, tc_while = 0, hello_when = 0;
  uint32_t rcvd_info_while = 0, mdelay_while = 0, edge_delay_while = 0, tx_count = 0;
  RstpPortCounters counters;
};

struct RstpBridgeStatus {
  bool enabled = false;
  BridgeId bridge_id;
  BridgeId designated_root;  // the root priority vector's root
  int root_port = 0;         // port number; 0 when this bridge is root
  uint16_t root_port_id = 0;
  uint32_t root_path_cost = 0;
  bool topology_change = false;  // some port's tcWhile is running
  uint64_t topology_change_count = 0;
  StpTimes configured;  // BridgeTimes, as set
  // rootTimes, in seconds.
  uint32_t max_age_s = 20, hello_time_s = 2, forward_delay_s = 15, message_age_s = 0;
  uint8_t force_protocol_version = 2;
  uint32_t tx_hold_count = kRstpDefaultTxHoldCount;
  // Runs of the state machines cut short because they did not settle (never expected; a
  // test checks it stays 0).
  uint64_t unsettled_runs = 0;
};

class Rstp {
 public:
  explicit Rstp(StpSink& sink);
  ~Rstp();
  Rstp(const Rstp&) = delete;
  Rstp& operator=(const Rstp&) = delete;

  // Bridge configuration.
  void set_bridge_id(uint16_t priority, const MacAddr& mac, Nanos now);
  void set_times(const StpTimes& t, Nanos now);  // rounded to whole seconds
  void enable(bool on, Nanos now);               // off: no BPDUs, enabled ports forward (as Stp)
  // 0 (or 1): STP-compatible, every port sends Configuration/TCN BPDUs; 2 (default): RSTP.
  void set_force_protocol_version(uint8_t version, Nanos now);
  void set_tx_hold_count(uint32_t n, Nanos now);  // 1..10

  // Ports (as Stp).
  void add_port(int port_no, Nanos now);
  void remove_port(int port_no, Nanos now);
  void set_port_enabled(int port_no, bool enabled, Nanos now);
  void set_port_priority(int port_no, uint8_t prio, Nanos now);    // 0..63
  void set_port_path_cost(int port_no, uint32_t cost, Nanos now);  // 1..200'000'000
  void set_port_guard(int port_no, bool on);
  void set_port_root_block(int port_no, bool on);  // applied at the next tick or input
  // RSTP's own port parameters.
  void set_port_edge(int port_no, bool admin_edge, Nanos now);
  void set_port_auto_edge(int port_no, bool auto_edge, Nanos now);
  void set_port_p2p(int port_no, RstpP2p mode, Nanos now);
  // What kAuto means: the link is full duplex (software links are; default true).
  void set_port_full_duplex(int port_no, bool full_duplex, Nanos now);
  // Force the port back to RSTP BPDUs, to find out whether the legacy bridge is still there.
  void mcheck(int port_no, Nanos now);

  // A BPDU from the DSAP on; untrusted (malformed: counted, dropped, no state change).
  void receive_bpdu(int port_no, const uint8_t* llc_payload, size_t len, Nanos now);

  // Runs the one-second port timers up to `now`.
  void tick(Nanos now);
  Nanos next_deadline() const;

  RstpBridgeStatus status(Nanos now) const;
  std::optional<RstpPortStatus> port_status(int port_no, Nanos now) const;
  std::vector<int> port_numbers() const;
  StpPortState port_state(int port_no) const;

 private:
  std::unique_ptr<rstp::Bridge> b_;
};

}  // namespace uvn::proto
