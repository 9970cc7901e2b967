// What the two spanning-tree engines (stp/stp.h: 802.1D-1998 STP as the Linux bridge runs it;
// rstp/rstp.h: 802.1D-2004 clause 17 RSTP) share with the bridge that drives them: the port
// states the data path sees (Linux's BR_STATE_* values), the sink through which an engine sends
// BPDUs and reports state, the bridge times as iproute2 passes them, and the path-cost tables.
//
// Engines do no I/O and read no clock: every call takes `now`, output goes through the sink
// synchronously from inside the call, and tick(now)/next_deadline() run the timers. A sink must
// not call back into the engine; queue the BPDU and deliver it after the call returns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/time.h"
#include "wire/bpdu.h"

namespace uvn::proto {

using wire::BridgeId;

// Linux's BR_STATE_* values (include/uapi/linux/if_bridge.h), as `ip -d link` and `bridge link`
// print them. RSTP's Discarding is reported as kBlocking (kDisabled while the port is down).
enum class StpPortState : uint8_t {
  kDisabled = 0,
  kListening = 1,
  kLearning = 2,
  kForwarding = 3,
  kBlocking = 4,
};

// "disabled", "listening", "learning", "forwarding", "blocking" (iproute2's spelling).
std::string_view stp_port_state_name(StpPortState s);
// The data path: frames are forwarded only in kForwarding, source MACs learned in kLearning and
// kForwarding; BPDUs are received in every state but kDisabled.
inline bool stp_state_learns(StpPortState s) {
  return s == StpPortState::kLearning || s == StpPortState::kForwarding;
}
inline bool stp_state_forwards(StpPortState s) {
  return s == StpPortState::kForwarding;
}

class StpSink {
 public:
  virtual ~StpSink() = default;
  // An LLC payload from the DSAP on (wire::BpduRepr::emit_llc); the bridge adds the Ethernet
  // header (wire::emit_bpdu_frame) with the port's MAC as source and sends it on the port.
  virtual void send_bpdu(int port_no, const uint8_t* bpdu, size_t len) = 0;
  virtual void port_state_changed(int port_no, StpPortState s) = 0;
  // The bridge's topology_change flag changed. While true Linux ages FDB entries after
  // 2 x the operational forward delay (Stp::status().forward_delay_cs; __br_set_topology_change
  // in current kernels, older ones used 1 x), and restores ageing_time when it turns false.
  virtual void topology_change(bool active) = 0;
  // Forget the dynamic FDB entries learned on the port.
  virtual void flush_port(int port_no) = 0;
};

// Bridge times in centiseconds, as iproute2 passes them (`forward_delay 1500`).
struct StpTimes {
  uint32_t max_age_cs = 2000;
  uint32_t hello_time_cs = 200;
  uint32_t forward_delay_cs = 1500;
  friend bool operator==(const StpTimes&, const StpTimes&) = default;
};

// Ranges Linux enforces (br_set_hello_time etc.); the ctl layer validates, the engines clamp
// nothing except forward_delay when STP starts (as br_stp_start does).
inline constexpr uint32_t kStpMinHelloCs = 100, kStpMaxHelloCs = 1000;
inline constexpr uint32_t kStpMinMaxAgeCs = 600, kStpMaxMaxAgeCs = 4000;
inline constexpr uint32_t kStpMinForwardDelayCs = 200, kStpMaxForwardDelayCs = 3000;
inline constexpr uint8_t kStpMaxPortPriority = 63;  // bridge_slave priority 0..63
inline constexpr uint8_t kStpDefaultPortPriority = 32;
inline constexpr uint32_t kStpMinPathCost = 1, kStpMaxPathCost = 65535;
inline constexpr int kStpMaxPortNo = 1023;  // BR_MAX_PORTS - 1
inline constexpr uint16_t kStpDefaultBridgePriority = 0x8000;

// Linux's port_cost() (net/bridge/br_if.c): 10 Gb/s 2, 1 Gb/s 4, 100 Mb/s 19, 10 Mb/s 100,
// anything else (unknown, 0, 2.5G, 25G, ...) 100. `speed_mbps` as ethtool reports it.
uint32_t stp_path_cost_for_speed(uint32_t speed_mbps);
// 802.1D-2004 Table 17-3 (recommended RSTP path costs): 20'000'000 / speed in Mb/s,
// clamped to 1..200'000'000; 0 (unknown) gives the 10 Mb/s value 2'000'000.
uint32_t rstp_path_cost_for_speed(uint64_t speed_mbps);

// Linux's port identifier: priority in the top 6 bits, port number in the low 10
// (br_make_port_id, BR_PORT_BITS = 10): priority 32, port 1 -> 0x8001.
inline constexpr uint16_t stp_make_port_id(uint8_t priority, int port_no) {
  return uint16_t(uint16_t(priority) << 10 | (uint16_t(port_no) & 0x3ff));
}

// Centiseconds <-> Nanos, and the 1/256 s BPDU unit <-> Nanos (exact: 1/256 s = 3'906'250 ns).
inline constexpr Nanos cs_to_nanos(uint32_t cs) {
  return Nanos(cs) * 10 * kMsec;
}
// Remaining time as Linux reports a timer (jiffies_delta_to_clock_t: truncated, never negative).
inline constexpr uint32_t nanos_to_cs(Nanos t) {
  return t <= 0 ? 0 : uint32_t(t / (10 * kMsec));
}
inline constexpr Nanos bpdu_time_to_nanos(uint16_t ticks) {
  return Nanos(ticks) * (kSec / 256);
}
inline constexpr uint16_t nanos_to_bpdu_time(Nanos t) {
  if (t <= 0) return 0;
  Nanos ticks = t / (kSec / 256);
  return ticks > 0xffff ? uint16_t(0xffff) : uint16_t(ticks);
}

}  // namespace uvn::proto
