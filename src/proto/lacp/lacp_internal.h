// The LACP engine's state (802.1AX-2008 5.4.7-5.4.10: per-port variables, timers and the
// aggregators) and the state machine entry points, one file each. Names follow the standard
// in snake_case (record_pdu ~ recordPDU, update_ntt ~ update_NTT, ...) so a reader can compare.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "proto/lacp/lacp.h"
#include "wire/lacp.h"

namespace uvn::proto::lacp {

using RxState = LacpRxState;
using PeriodicState = LacpPeriodicState;
using MuxState = LacpMuxState;
using ChurnState = LacpChurnState;

struct Port;

// At most N events in any window of `window` (a sliding window of the last N send times).
template <int N>
class TxLimiter {
 public:
  bool allowed(Nanos now, Nanos window) const {
    return count_ < N || now - times_[next_] >= window;
  }
  // When the next event is allowed (now when it already is).
  Nanos next_allowed(Nanos now, Nanos window) const {
    return allowed(now, window) ? now : times_[next_] + window;
  }
  void record(Nanos now) {
    times_[next_] = now;
    next_ = (next_ + 1) % N;
    if (count_ < N) ++count_;
  }

 private:
  std::array<Nanos, N> times_{};
  int next_ = 0;  // the oldest entry once count_ == N
  int count_ = 0;
};

// An aggregator slot (5.4.6 Aggregator parameters). Every port owns one.
struct Aggregator {
  uint16_t id = 0;
  std::vector<Port*> members;  // in join order
  bool individual = false;     // its member(s) cannot aggregate with others
  uint16_t actor_key = 0;
  uint16_t partner_system_priority = 0;
  MacAddr partner_system;
  uint16_t partner_key = 0;
  bool active = false;

  bool has_partner() const { return !partner_system.is_zero(); }
  bool empty() const { return members.empty(); }
  void clear();
};

struct Port {
  int port_no = 0;
  MacAddr mac;
  LacpPortConfig cfg;
  Aggregator slot;            // this port's own aggregator slot
  Aggregator* agg = nullptr;  // the aggregator it is attached to (5.4.6 Port_Aggregator)

  // 5.4.7 variables.
  bool port_enabled = false;
  uint8_t actor_state = 0;  // Actor_Oper_Port_State
  LacpInfo partner;         // Partner_Oper_* (partner.state: Partner_Oper_Port_State)
  bool selected = false;    // Selected: SELECTED / UNSELECTED (no STANDBY)
  bool ntt = false;
  bool port_moved = false;
  bool ready_n = false;
  bool rcvd = false;  // an LACPDU is waiting for the Receive machine (rx_pdu)
  wire::LacpduRepr rx_pdu;

  RxState rx = RxState::kInitialize;
  PeriodicState periodic = PeriodicState::kNoPeriodic;
  MuxState mux = MuxState::kDetached;
  ChurnState actor_churn = ChurnState::kMonitor;
  ChurnState partner_churn = ChurnState::kMonitor;
  uint64_t actor_churn_count = 0, partner_churn_count = 0;

  // Timers (5.4.8): deadlines, kForever when stopped. Every machine stops or restarts a timer
  // when it acts on its expiry, so after a run none lies in the past.
  Nanos current_while = kForever;
  Nanos periodic_timer = kForever;
  Nanos wait_while = kForever;
  Nanos actor_churn_timer = kForever;
  Nanos partner_churn_timer = kForever;

  TxLimiter<kLacpMaxTxPerInterval> tx_limit;
  TxLimiter<kLacpMaxMarkerPerSecond> marker_limit;
  LacpCounters counters;

  // What the sink was last told.
  uint16_t reported_agg = 0;
  bool reported_collecting = false, reported_distributing = false;

  bool lacp_enabled() const { return cfg.full_duplex; }
  bool actor(uint8_t bit) const { return actor_state & bit; }
  bool partner_has(uint8_t bit) const { return partner.state & bit; }
  void set_actor(uint8_t bit, bool on) {
    actor_state = on ? uint8_t(actor_state | bit) : uint8_t(actor_state & ~bit);
  }
  void set_partner(uint8_t bit, bool on) {
    partner.state = on ? uint8_t(partner.state | bit) : uint8_t(partner.state & ~bit);
  }
};

struct Engine {
  Engine(LacpSink& s, const LacpConfig& c) : sink(s), cfg(c) {}
  LacpSink& sink;
  LacpConfig cfg;
  Nanos now = 0;  // the time the machines run at (a due timer's deadline inside tick())
  std::vector<std::unique_ptr<Port>> ports;  // port order
  uint16_t next_agg_id = 0;                  // the last aggregator id handed out
  MacAddr id_system;                         // system MAC at the last id reset
  Nanos agg_select_until = 0;                // initiate_agg_selection()
  bool agg_select_pending = false;
  uint64_t unsettled_runs = 0;

  uint16_t reported_active = 0;
  bool reported_carrier = false;
  bool reported_fallback = false;

  Port* find(int port_no) const;
  Aggregator* active_aggregator() const;
  bool expired(Nanos deadline) const { return deadline <= now; }
  bool agg_select_hold() const { return now < agg_select_until; }
};

// The actor's operational information as sent (actor oper values, 5.4.2.2).
LacpInfo actor_info(const Engine& e, const Port& p);
// Ports of this aggregator whose link is up.
uint32_t enabled_members(const Aggregator& a);
uint64_t bandwidth(const Aggregator& a);
// The data path (see lacp.h): frames taken / sent on the port.
bool datapath_collecting(const Engine& e, const Port& p);
bool datapath_distributing(const Engine& e, const Port& p);

// BEGIN for one port's machines.
void rx_begin(Engine& e, Port& p);
void periodic_begin(Engine& e, Port& p);
void mux_begin(Engine& e, Port& p);
void churn_begin(Engine& e, Port& p);

// One step of each machine: true when it took a transition or changed a variable another
// machine reads.
bool rx_step(Engine& e, Port& p);        // lacp_rx.cc, Receive (5.4.12)
bool periodic_step(Engine& e, Port& p);  // lacp_periodic.cc, Periodic Transmission (5.4.13)
bool select_step(Engine& e);             // lacp_select.cc, Selection Logic (5.4.14)
bool mux_step(Engine& e, Port& p);       // lacp_mux.cc, Mux (5.4.15)
bool churn_step(Engine& e, Port& p);     // lacp_churn.cc, Churn Detection (5.4.17)
// lacp_tx.cc, Transmit (5.4.16): sends one LACPDU if NTT and allowed. True when it sent.
bool tx_step(Engine& e, Port& p);
// lacp_tx.cc: the Marker Responder (5.5.3.1).
void marker_respond(Engine& e, Port& p, const wire::MarkerRepr& info);
// lacp_tx.cc: an LACPDU now, outside the limit (the goodbye of remove_port()).
void send_lacpdu(Engine& e, Port& p);

// lacp_select.cc: takes the port out of its aggregator (clearing an emptied one).
void detach_from_aggregator(Engine& e, Port& p);
// lacp_select.cc: the port is going away; its slot's LAG (if other ports use it) moves.
void release_slot(Engine& e, Port& p);
// lacp_select.cc: recomputes the active aggregator. True when it changed.
bool choose_active_aggregator(Engine& e);

// lacp_periodic.cc: the partner counts as active LACP (see lacp.h).
bool partner_active(const Port& p);

}  // namespace uvn::proto::lacp
