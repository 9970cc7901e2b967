// IEEE 802.1AX-2008 clause 5 (802.1AX-2014 clause 6; 802.3ad before it) Link Aggregation
// Control Protocol, as an I/O-free engine for the bond's 802.3ad mode and, later, the team
// device's lacp runner. One engine per bond: it owns the LACP state of every port, chooses the
// aggregators and the active one, and answers Marker PDUs.
//
// Each state machine of 5.4 is one file of this folder: lacp_rx.cc (Receive, 5.4.12),
// lacp_periodic.cc (Periodic Transmission, 5.4.13), lacp_select.cc (Selection Logic, 5.4.14,
// plus the choice of the active aggregator), lacp_mux.cc (Mux, 5.4.15: coupled and independent
// control), lacp_tx.cc (Transmit, 5.4.16, and the Marker Responder of 5.5), lacp_churn.cc
// (Churn Detection, 5.4.17); lacp.cc holds the entry points, timers and reporting. The machines
// run to completion after every input and every due timer; Transmit runs last, so an LACPDU
// carries the settled state. Timers are exact deadlines (no 100 ms tick as in Linux).
//
// Conventions (as proto/rstp): no clock reads, every entry point takes `now`, tick(now) runs the
// due timers, next_deadline() says when to call again; output goes through LacpSink
// synchronously from inside the call, and a sink must not call back into the engine.
//
// Where 802.1AX leaves room, Linux bonding (drivers/net/bonding/bond_3ad.c) is the model:
// * One active aggregator per engine (a bond is one interface). Only its ports get
//   Synchronization in ATTACHED and go on to collecting/distributing; ports of the other
//   aggregators wait in ATTACHED, out of sync. The choice follows ad_select (stable, bandwidth,
//   count, actor_port_prio) or teamd's agg_select_policy (lacp_prio, lacp_prio_stable): an
//   aggregator with a partner beats one without; stable keeps the active one while it has an
//   enabled port. actor_port_prio (added to Linux in 2025) picks the highest SUM of the
//   enabled ports' actor port priorities (numerically higher wins, unlike 802.1AX
//   priorities), then count, then bandwidth.
// * Aggregator identifiers: every port owns an aggregator slot whose id comes from a counter
//   that counts added ports from 1 (reset when the first port is added with another system
//   MAC, as bond_3ad_initialize), so ids follow port order; a new LAG takes the first free
//   slot in port order. When a port leaves and its own slot holds a LAG of other ports, the
//   LAG moves to the first free slot (bond_3ad_unbind_slave) and changes id.
// * Partner admin defaults are Linux's (system priority 65535, MAC 00:00:00:00:00:00, key 1,
//   port 1, port priority 255, state 0x01) and the ports of an active aggregator without a
//   partner (all defaulted, so individual) carry traffic (`partnerless_datapath`, on by
//   default as in Linux; teamd does not, so the team runner turns it off).
// * An LACPDU whose actor system is our own (a loop) is counted and ignored.
// * Port keys are given by the caller; lacp_linux_port_key() computes Linux's (duplex bit 0,
//   speed code bits 1-5, user key bits 6-15). LACP_Enabled is the port's `full_duplex`.
// * Marker Responses echo the Marker Information (5.5.3.1) at most 10 per second per port
//   (802.3 Annex 43B's limit for a slow protocol); Marker Information is never sent.
// * A port that comes up sends an LACPDU at once (Linux restarts a port whose key comes back
//   on link up); remove_port()'s last LACPDU is sent outside the three-per-second limit.
// * initiate_agg_selection() is Linux's agg_select_timer: no port goes past ATTACHED until it
//   runs out (the bond calls it where Linux does: 8 s when the first slave joins a new system,
//   100 ms when the bond opens).
// Where it follows 802.1AX rather than Linux:
// * The Periodic machine stops when neither side is active and then Transmit sends nothing and
//   drops NTT (5.4.13/5.4.16): a passive port never speaks first. A defaulted partner never
//   counts as active (its admin state's Activity bit is Linux's 1, but Linux's passive mode,
//   as fixed in 2025, does not talk to a partner it has not heard either).
// * Selection moves a port to another aggregator only once its Mux is DETACHED, and a partner
//   that says Individual (Aggregation 0) is not aggregated with others.
// * Churn detection is 5.4.17 (Linux restarts monitoring only on receive-state churn): a side
//   out of sync for 60 s while the port is enabled is churned; back in sync is no churn.
// * "Port moved" (5.4.12): an LACPDU on one port from the partner recorded on a disabled port
//   re-initializes that port (Linux never sets its AD_PORT_MOVED).
// * An aggregator is up (may be chosen) while any of its ports is enabled; Linux looks at the
//   first port of its list only. min_links, count, bandwidth and actor_port_prio count the
//   enabled (link up) members, as newer Linux's __agg_active_ports does.
// * Transmit allows any three LACPDUs in a sliding second (802.1AX's wording); Linux spaces
//   them at least a third of a second apart (one per 300 ms tick slot).
//
// Fallback (opt-in, LacpConfig::fallback): fallback_active() is true while no enabled port
// has a current partner (every enabled port is defaulted or has never heard an LACPDU), and
// some port is enabled. The bond then runs active-backup over its ports as Open vSwitch's
// lacp-fallback-ab does, and goes back to 802.3ad as soon as it turns false.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "base/mac.h"
#include "base/time.h"
#include "wire/lacp.h"

namespace uvn::proto {

namespace lacp {
struct Engine;
}

using wire::LacpInfo;

// Timing (802.1AX 5.4.4).
inline constexpr Nanos kLacpFastPeriodic = 1 * kSec;
inline constexpr Nanos kLacpSlowPeriodic = 30 * kSec;
inline constexpr Nanos kLacpShortTimeout = 3 * kSec;
inline constexpr Nanos kLacpLongTimeout = 90 * kSec;
inline constexpr Nanos kLacpChurnDetection = 60 * kSec;
inline constexpr Nanos kLacpAggregateWait = 2 * kSec;
inline constexpr int kLacpMaxTxPerInterval = 3;     // LACPDUs per fast periodic interval
inline constexpr int kLacpMaxMarkerPerSecond = 10;  // 802.3 Annex 43B

// lacp_rate: the Timeout bit this port sends, i.e. how often it asks the partner to transmit.
enum class LacpRate : uint8_t { kSlow = 0, kFast = 1 };

// Active aggregator choice: Linux's ad_select values 0..3, then teamd's policies.
enum class LacpSelect : uint8_t {
  kStable = 0,
  kBandwidth = 1,
  kCount = 2,
  kActorPortPrio = 3,
  kLacpPrio,        // teamd: the aggregator of the best port by the deciding system's ids
  kLacpPrioStable,  // teamd: the same, kept while the current one has a port
  kPortConfig,      // teamd: the aggregator of the enabled port with the highest select_prio
};

// 802.1AX state machine states, for status output.
enum class LacpRxState : uint8_t {
  kInitialize,
  kPortDisabled,
  kLacpDisabled,
  kExpired,
  kDefaulted,
  kCurrent
};
enum class LacpPeriodicState : uint8_t { kNoPeriodic, kFastPeriodic, kSlowPeriodic, kPeriodicTx };
enum class LacpMuxState : uint8_t {
  kDetached,
  kWaiting,
  kAttached,
  kCollectingDistributing,  // coupled control
  kCollecting,              // independent control
  kDistributing,            // independent control (collecting and distributing)
};
// Linux's churn_state_t order (/proc/net/bonding prints "monitoring", "churned", "none").
enum class LacpChurnState : uint8_t { kMonitor = 0, kChurn = 1, kNoChurn = 2 };

std::string_view lacp_churn_state_name(LacpChurnState s);
std::string_view lacp_rx_state_name(LacpRxState s);
std::string_view lacp_mux_state_name(LacpMuxState s);

// Linux's AD_LINK_SPEED_* code of a speed in Mb/s (10 -> 2, 100 -> 3, 1000 -> 4, 2500 -> 5,
// 5000 -> 6, 10000 -> 7, 14000 -> 8, 20000 -> 9, 25000 -> 10, 40000 -> 11, 50000 -> 12,
// 56000 -> 13, 100000 -> 14, 200000 -> 15, 400000 -> 16, 800000 -> 17, 1600000 -> 18); 0 for
// anything else (unknown speeds, link down).
uint8_t lacp_linux_speed_code(uint32_t speed_mbps);
// Linux's port key (ad_update_actor_keys): bit 0 full duplex, bits 1-5 the speed code, bits
// 6-15 the bond's ad_user_port_key (0..1023).
uint16_t lacp_linux_port_key(uint32_t speed_mbps, bool full_duplex, uint16_t user_key);

// The per-engine (per-bond) settings.
struct LacpConfig {
  uint16_t system_priority = 65535;  // ad_actor_sys_prio
  MacAddr system;                    // ad_actor_system, or the bond's MAC
  LacpSelect select = LacpSelect::kStable;
  bool coupled_control = true;       // false: independent control (COLLECTING, DISTRIBUTING)
  uint32_t min_links = 0;            // carrier() needs this many enabled ports in the LAG
  bool fallback = false;             // fallback_active() may be true
  bool partnerless_datapath = true;  // Linux: a partnerless active aggregator carries traffic
  uint16_t collector_max_delay = 0;  // sent in every LACPDU (tens of us); Linux sends 0
  // teamd's `ports.P.runner.aggregator.selected true`: the aggregator holding this enabled
  // port wins over any other, whatever the policy (0: none).
  int forced_port = 0;
};

// Partner administrative values (recordDefault), Linux's ad_initialize_port defaults.
inline constexpr LacpInfo kLacpLinuxPartnerAdmin{.system_priority = 0xffff,
                                                 .system = MacAddr{},
                                                 .key = 1,
                                                 .port_priority = 0xff,
                                                 .port = 1,
                                                 .state = wire::kLacpStateActivity};

struct LacpPortConfig {
  uint16_t key = 1;              // actor admin/oper key (lacp_linux_port_key for a bond)
  uint16_t port_priority = 255;  // ad_actor_port_prio / teamd lacp_prio
  bool active = true;            // lacp_active: LACP_Activity
  LacpRate rate = LacpRate::kSlow;
  bool aggregatable = true;  // Aggregation bit; false: the port is Individual
  bool full_duplex = true;   // LACP_Enabled (Linux: bit 0 of the key)
  uint32_t speed_mbps = 0;   // for bandwidth selection
  int32_t select_prio = 0;   // for kPortConfig (teamd's ports.P.prio)
  LacpInfo partner_admin = kLacpLinuxPartnerAdmin;
  friend bool operator==(const LacpPortConfig&, const LacpPortConfig&) = default;
};

// Linux's per-port 802.3ad counters (IFLA_BOND_3AD_STAT_*).
struct LacpCounters {
  uint64_t lacpdu_rx = 0, lacpdu_tx = 0, lacpdu_unknown_rx = 0, lacpdu_illegal_rx = 0;
  uint64_t marker_rx = 0, marker_tx = 0, marker_response_rx = 0, marker_response_tx = 0;
  uint64_t marker_unknown_rx = 0;
  uint64_t marker_response_dropped = 0;  // over the 10 per second limit (not in Linux)
  LacpCounters& operator+=(const LacpCounters& o);
  friend bool operator==(const LacpCounters&, const LacpCounters&) = default;
};

struct LacpPortStatus {
  int port_no = 0;
  MacAddr mac;
  bool enabled = false;        // Port_enabled (carrier)
  uint16_t aggregator_id = 0;  // 0: none
  bool selected = false;       // Selected == SELECTED
  bool collecting = false;     // the data path: frames received on the port are taken
  bool distributing = false;   // the data path: frames may be sent on the port
  LacpInfo actor;              // oper values; actor.state = Actor_Oper_Port_State
  LacpInfo partner;            // Partner_Oper values (admin defaults when defaulted)
  LacpRxState rx = LacpRxState::kInitialize;
  LacpPeriodicState periodic = LacpPeriodicState::kNoPeriodic;
  LacpMuxState mux = LacpMuxState::kDetached;
  LacpChurnState actor_churn = LacpChurnState::kMonitor;
  LacpChurnState partner_churn = LacpChurnState::kMonitor;
  uint64_t actor_churn_count = 0, partner_churn_count = 0;
  bool ntt = false;  // an LACPDU waits for the transmit limit
  LacpCounters counters;
};

struct LacpAggregatorStatus {
  uint16_t id = 0;
  std::vector<int> ports;       // member port numbers, in port order
  uint32_t enabled_ports = 0;   // members whose link is up (newer Linux's "Number of ports")
  uint64_t bandwidth_mbps = 0;  // sum of the enabled members' speeds
  uint16_t actor_key = 0;
  uint16_t partner_key = 0;
  uint16_t partner_system_priority = 0;
  MacAddr partner_system;  // zero: no partner
  bool individual = false;
  bool active = false;
};

class LacpSink {
 public:
  virtual ~LacpSink() = default;
  // A whole Ethernet frame (LACPDU or Marker Response, 124 octets, source = the port's MAC
  // given to add_port) to send on the port now.
  virtual void send_frame(int port_no, const uint8_t* frame, size_t len) = 0;
  // The data path changed: collecting = take frames received on the port; distributing =
  // the port may carry the bond's transmit.
  virtual void port_datapath_changed(int port_no, bool collecting, bool distributing) = 0;
  // The port joined another aggregator (0: none).
  virtual void port_aggregator_changed(int port_no, uint16_t aggregator_id) = 0;
  // Another aggregator is active (0: none).
  virtual void active_aggregator_changed(uint16_t aggregator_id) = 0;
  // carrier() changed.
  virtual void carrier_changed(bool up) = 0;
  // fallback_active() changed (only with LacpConfig::fallback).
  virtual void fallback_changed(bool active) { (void)active; }
};

class Lacp {
 public:
  explicit Lacp(LacpSink& sink, const LacpConfig& config = {});
  ~Lacp();
  Lacp(const Lacp&) = delete;
  Lacp& operator=(const Lacp&) = delete;

  // Engine settings, applied to every port at once: a new system (or collector delay) is sent
  // (NTT; the partners reselect), a new policy or min_links is looked at again, and ports past
  // ATTACHED go back to ATTACHED when coupled_control changes.
  void set_config(const LacpConfig& config, Nanos now);
  const LacpConfig& config() const;
  // Linux's agg_select_timer: no port goes past ATTACHED before now + delay.
  void initiate_agg_selection(Nanos delay, Nanos now);

  // Ports, numbered by the caller (Linux: the slave's ad port id, 1, 2, ...); `mac` is the
  // source of its LACPDUs (Linux: the slave's permanent address). A new port starts disabled.
  // add_port() of a known number and unknown numbers elsewhere are ignored. remove_port()
  // first sends a last LACPDU with Aggregation off (as Linux's unbind) if the port is up.
  void add_port(int port_no, const MacAddr& mac, const LacpPortConfig& config, Nanos now);
  void remove_port(int port_no, Nanos now);
  void set_port_config(int port_no, const LacpPortConfig& config, Nanos now);
  // Port_enabled: the link is up (carrier and administratively up).
  void set_port_enabled(int port_no, bool enabled, Nanos now);

  // A frame received on the port (a whole Ethernet frame, untrusted). Returns true when the
  // engine consumed it (an LACPDU or a Marker PDU to 01:80:C2:00:00:02, legal or not);
  // other slow protocols are counted and returned (false) for the next handler, as Linux.
  bool receive(int port_no, const uint8_t* frame, size_t len, Nanos now);

  void tick(Nanos now);
  Nanos next_deadline() const;

  // Status.
  std::vector<int> port_numbers() const;  // in port order
  std::optional<LacpPortStatus> port_status(int port_no) const;
  bool port_collecting(int port_no) const;
  bool port_distributing(int port_no) const;
  uint16_t port_aggregator_id(int port_no) const;
  std::vector<LacpAggregatorStatus> aggregators() const;  // slots with members, port order
  std::optional<LacpAggregatorStatus> active_aggregator() const;
  uint16_t active_aggregator_id() const;
  // The active aggregator has at least min_links enabled ports (bond_3ad_set_carrier).
  bool carrier() const;
  // See the header comment.
  bool fallback_active() const;
  LacpCounters total_counters() const;
  // Runs of the machines cut short because they did not settle (a test checks it stays 0).
  uint64_t unsettled_runs() const;

 private:
  std::unique_ptr<lacp::Engine> e_;
};

}  // namespace uvn::proto
