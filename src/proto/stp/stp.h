// IEEE 802.1D-1998 Spanning Tree Protocol as the Linux bridge runs it in the kernel
// (stp_state 1): Configuration and TCN BPDUs, root election by bridge id, designated port
// selection, port states disabled/listening/learning/forwarding/blocking, the hello, message
// age, forward delay, hold, TCN and topology change timers, topology change propagation (the
// bridge ages its FDB after 2 x forward_delay while the flag is set), BPDU guard (`guard`) and
// root guard (`root_block`). The behaviour follows net/bridge/br_stp*.c as documented and
// observed; the code is written from 802.1D-1998 clause 8 and that behaviour, not copied.
//
// Linux behaviours kept on purpose (they differ from the standard):
// * A BPDU whose version is not 0 is dropped (so RST BPDUs are ignored; an RSTP neighbour
//   falls back to STP after its migrate time).
// * A relayed BPDU's message age grows by 4 ms (one 1/256 s tick) per hop plus the time since
//   reception, not by 1 s; message_age > max_age is the only timer check on receipt.
// * Information that is worse but comes from the same designated bridge is ignored until the
//   port's message age timer expires (no "same designated port" rule).
// * The TCN timer runs on the bridge's own hello time, the topology change timer on its own
//   forward delay + max age; the hold time is 1 s.
// * Disabling STP (stp_state 0) stops BPDUs and the hello timer but leaves port states as
//   they are; a port re-entering selection (link up, message age expiry) then forwards at once.
// * root_block: a port with superior information is not made root port and ends up blocking.
// * guard: any BPDU (version 0, while STP runs, port not disabled) disables the port, which
//   comes back on the next link down/up.
// Deliberate differences: the hold timer is not rounded to a whole jiffy second
// (round_jiffies), and topology_change(false) is reported even when STP was stopped meanwhile
// (Linux then leaves the short ageing in place).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "base/mac.h"
#include "base/time.h"
#include "proto/spanning_tree.h"

namespace uvn::proto {

// A port's place in the tree as Linux implies it (Linux has no role field; for tests and
// status): the root port, a designated port, or a blocked (alternate) port; kDisabled when
// the port is in BR_STATE_DISABLED.
enum class StpRole : uint8_t { kDisabled, kRoot, kDesignated, kBlocked };

struct StpPortCounters {
  // Linux's per-port STP xstats (`ip link xstats type bridge_slave` / BRIDGE_XSTATS_STP)...
  uint64_t rx_bpdu = 0;  // Configuration BPDUs processed
  uint64_t tx_bpdu = 0;
  uint64_t rx_tcn = 0;
  uint64_t tx_tcn = 0;
  uint64_t transition_blk = 0;  // entered blocking / forwarding while STP ran (a port
                                // added while STP runs counts one blocking at once, as
                                // Linux's new_nbp does)
  uint64_t transition_fwd = 0;
  // ...and ours: BPDUs dropped as malformed (LLC, protocol id, truncated, unknown type,
  // message age > max age), dropped though well formed (version != 0, STP off, port disabled),
  // and ports disabled by BPDU guard.
  uint64_t rx_bad = 0;
  uint64_t rx_dropped = 0;
  uint64_t guard_trips = 0;
};

// One port, as `ip -d link show` prints a bridge_slave (timers remaining, in centiseconds).
struct StpPortStatus {
  int port_no = 0;
  uint16_t port_id = 0;
  uint8_t priority = kStpDefaultPortPriority;
  uint32_t path_cost = 100;
  StpPortState state = StpPortState::kDisabled;
  StpRole role = StpRole::kDisabled;
  BridgeId designated_root;
  BridgeId designated_bridge;
  uint16_t designated_port = 0;
  uint32_t designated_cost = 0;
  uint32_t message_age_timer_cs = 0;
  uint32_t forward_delay_timer_cs = 0;
  uint32_t hold_timer_cs = 0;
  bool topology_change_ack = false;
  bool config_pending = false;
  bool guard = false;
  bool root_block = false;
  StpPortCounters counters;
};

// The bridge, as `ip -d link show` prints it.
struct StpBridgeStatus {
  bool enabled = false;  // stp_state != 0
  bool up = true;
  BridgeId bridge_id;
  BridgeId designated_root;
  int root_port = 0;  // 0: this bridge is root
  uint32_t root_path_cost = 0;
  bool topology_change = false;
  bool topology_change_detected = false;
  uint32_t hello_timer_cs = 0;
  uint32_t tcn_timer_cs = 0;
  uint32_t topology_change_timer_cs = 0;
  StpTimes configured;         // bridge_max_age etc. (what the user set)
  uint32_t max_age_cs = 2000;  // operational values (learned from the root)
  uint32_t hello_time_cs = 200;
  uint32_t forward_delay_cs = 1500;
};

class Stp {
 public:
  explicit Stp(StpSink& sink);
  Stp(const Stp&) = delete;
  Stp& operator=(const Stp&) = delete;

  // Bridge configuration. Priority and MAC form the bridge id (br_stp_set_bridge_priority,
  // br_stp_change_bridge_id).
  void set_bridge_id(uint16_t priority, const MacAddr& mac, Nanos now);
  void set_times(const StpTimes& t, Nanos now);
  void enable(bool on, Nanos now);  // stp_state 1/0
  // The bridge device itself up or down (br_stp_enable_bridge / br_stp_disable_bridge).
  // Starts up, so a bridge that never calls this behaves as an up bridge.
  void set_bridge_up(bool up, Nanos now);

  // Ports. port_no 1..1023; a new port is disabled until set_port_enabled(true).
  void add_port(int port_no, Nanos now);
  void remove_port(int port_no, Nanos now);
  // Link up and admin up (true) or either down (false); acts on transitions only, so a port
  // disabled by BPDU guard comes back with the next down/up.
  void set_port_enabled(int port_no, bool enabled, Nanos now);
  void set_port_priority(int port_no, uint8_t prio, Nanos now);    // 0..63, else ignored
  void set_port_path_cost(int port_no, uint32_t cost, Nanos now);  // 1..65535, else ignored
  void set_port_guard(int port_no, bool on);
  void set_port_root_block(int port_no, bool on);

  // A BPDU received on a port, as an LLC payload from the DSAP on. Untrusted: malformed input
  // is counted (rx_bad) and dropped without any state change.
  void receive_bpdu(int port_no, const uint8_t* llc_payload, size_t len, Nanos now);

  // Runs the timers due at or before `now` (each at its own expiry time, in order).
  void tick(Nanos now);
  // The earliest pending timer; kForever if none.
  Nanos next_deadline() const;

  // Status.
  StpBridgeStatus status(Nanos now) const;
  std::optional<StpPortStatus> port_status(int port_no, Nanos now) const;
  std::vector<int> port_numbers() const;
  StpPortState port_state(int port_no) const;  // kDisabled for an unknown port
  bool is_root_bridge() const;

 private:
  struct Timer {
    Nanos expires = kForever;
    bool pending() const { return expires != kForever; }
    void arm(Nanos at) { expires = at; }
    void stop() { expires = kForever; }
    uint32_t remaining_cs(Nanos now) const { return pending() ? nanos_to_cs(expires - now) : 0; }
  };
  struct Port {
    int port_no = 0;
    uint8_t priority = kStpDefaultPortPriority;
    uint16_t port_id = 0;
    uint32_t path_cost = 100;
    StpPortState state = StpPortState::kDisabled;
    bool link_up = false;
    bool guard = false;
    bool root_block = false;
    BridgeId designated_root;
    BridgeId designated_bridge;
    uint32_t designated_cost = 0;
    uint16_t designated_port = 0;
    Nanos designated_age = 0;  // when the recorded information had message age 0
    bool topology_change_ack = false;
    bool config_pending = false;
    Timer message_age_timer;
    Timer forward_delay_timer;
    Timer hold_timer;
    StpPortCounters counters;
  };
  struct ConfigBpdu;  // decoded Configuration BPDU, times in Nanos

  // stp.cc: configuration and status helpers.
  Port* find_port(int port_no);
  const Port* find_port(int port_no) const;
  void run_timers(Nanos now);
  void set_state(Port& p, StpPortState s);
  void set_topology_change(bool on);
  bool is_designated_port(const Port& p) const;
  bool is_designated_for_some_port() const;
  void set_forward_delay(Nanos t);
  void start_stp(Nanos now);

  // stp_election.cc: the 802.1D-1998 8.6 procedures (br_stp.c).
  void init_port(Port& p);
  void enable_port(Port& p, Nanos now);
  void disable_port(Port& p, Nanos now);
  void become_designated_port(Port& p);
  bool should_become_root_port(const Port& p, const Port* root) const;
  void root_port_block(Port& p, Nanos now);
  void root_selection(Nanos now);
  bool should_become_designated_port(const Port& p) const;
  void designated_port_selection();
  void configuration_update(Nanos now);
  void port_state_selection(Nanos now);
  void make_forwarding(Port& p, Nanos now);
  void make_blocking(Port& p, Nanos now);
  void become_root_bridge(Nanos now);
  void topology_change_detection(Nanos now);
  void topology_change_acknowledged();
  bool supersedes_port_info(const Port& p, const ConfigBpdu& b) const;
  void record_config_information(Port& p, const ConfigBpdu& b, Nanos now);
  void record_config_timeout_values(const ConfigBpdu& b);
  void received_config_bpdu(Port& p, const ConfigBpdu& b, Nanos now);
  void received_tcn_bpdu(Port& p, Nanos now);
  void config_bpdu_generation(Nanos now);
  void update_after_change(bool was_root, Nanos now);

  // stp_bpdu.cc: transmission (br_stp_bpdu.c).
  void transmit_config(Port& p, Nanos now);
  void transmit_tcn(Nanos now);
  void send_config_bpdu(Port& p, const ConfigBpdu& b);
  void send_tcn_bpdu(Port& p);

  // stp_timer.cc: timer expiry (br_stp_timer.c).
  void hello_timer_expired(Nanos now);
  void tcn_timer_expired(Nanos now);
  void topology_change_timer_expired(Nanos now);
  void message_age_timer_expired(Port& p, Nanos now);
  void forward_delay_timer_expired(Port& p, Nanos now);
  void hold_timer_expired(Port& p, Nanos now);

  StpSink& sink_;
  bool enabled_ = false;
  bool up_ = true;
  BridgeId bridge_id_;
  BridgeId designated_root_;
  int root_port_ = 0;
  uint32_t root_path_cost_ = 0;
  // Operational times (learned from the root's BPDUs) and the bridge's own.
  Nanos max_age_ = 20 * kSec, hello_time_ = 2 * kSec, forward_delay_ = 15 * kSec;
  Nanos bridge_max_age_ = 20 * kSec, bridge_hello_time_ = 2 * kSec,
        bridge_forward_delay_ = 15 * kSec;
  bool topology_change_ = false;
  bool topology_change_detected_ = false;
  bool reported_topology_change_ = false;  // what the sink was last told
  Timer hello_timer_;
  Timer tcn_timer_;
  Timer topology_change_timer_;
  std::map<int, Port> ports_;  // by port number: deterministic iteration
};

}  // namespace uvn::proto
