// SpanningTree: the bridge's view of its spanning tree protocol, either 802.1D STP (the
// Linux kernel's, proto/stp) or RSTP (802.1D-2004 clause 17, proto/rstp), chosen with the
// bridge option `stp_proto stp|rstp`. Both report through the same StpSink; this class
// forwards the bridge's calls to whichever runs and gives one status shape for printing.
//
// The per-port STP counters (`ip link xstats type bridge_slave`) live in the engines; this
// class adds what a port counted under the other protocol before a `stp_proto` switch, so a
// port's counters never go back, as Linux keeps them for the life of the port.
#pragma once

#include <map>
#include <memory>
#include <optional>

#include "proto/rstp/rstp.h"
#include "proto/stp/stp.h"

namespace uvn {

struct TreeBridgeStatus {
  proto::BridgeId designated_root;
  int root_port = 0;
  uint32_t root_path_cost = 0;
  bool topology_change = false;  // the engine's topology change flag
  bool topology_change_detected = false;
  uint32_t hello_timer_cs = 0, tcn_timer_cs = 0, topology_change_timer_cs = 0;
  uint32_t forward_delay_cs = 1500;  // operational
};

// Linux's per-port STP xstats (struct bridge_stp_xstats): BPDUs are Configuration BPDUs
// under STP and Configuration + RST BPDUs under RSTP; transitions count entries into
// blocking (RSTP: discarding) and forwarding while the spanning tree runs.
struct TreePortCounters {
  uint64_t rx_bpdu = 0, tx_bpdu = 0, rx_tcn = 0, tx_tcn = 0;
  uint64_t transition_blk = 0, transition_fwd = 0;
  TreePortCounters& operator+=(const TreePortCounters& o);
};

struct TreePortStatus {
  proto::BridgeId designated_root, designated_bridge;
  uint16_t designated_port = 0;
  uint32_t designated_cost = 0;
  uint32_t hold_timer_cs = 0, message_age_timer_cs = 0, forward_delay_timer_cs = 0;
  bool topology_change_ack = false, config_pending = false;
  const char* role = "";  // RSTP role name ("" under STP)
  bool edge = false;      // RSTP operEdge
  bool oper_p2p = false;  // RSTP operPointToPointMAC
};

class SpanningTree {
 public:
  explicit SpanningTree(proto::StpSink& sink);
  ~SpanningTree();

  bool rstp() const { return rstp_ != nullptr; }
  // Switches protocol; ports and settings carry over. `ports` lists (port_no, enabled, cost,
  // priority).
  struct PortConfig {
    int port_no;
    bool enabled;
    uint32_t cost;
    uint8_t priority;
    bool guard, root_block, edge;
    proto::RstpP2p p2p = proto::RstpP2p::kAuto;
  };
  void use_rstp(bool on, const std::vector<PortConfig>& ports, Nanos now);

  void set_bridge_id(uint16_t priority, const MacAddr& mac, Nanos now);
  void set_times(const proto::StpTimes& t, Nanos now);
  void enable(bool on, Nanos now);
  void set_bridge_up(bool up, Nanos now);
  void add_port(int port_no, Nanos now);
  void remove_port(int port_no, Nanos now);
  void set_port_enabled(int port_no, bool enabled, Nanos now);
  void set_port_priority(int port_no, uint8_t prio, Nanos now);
  void set_port_path_cost(int port_no, uint32_t cost, Nanos now);
  void set_port_guard(int port_no, bool on);
  void set_port_root_block(int port_no, bool on);
  void set_port_edge(int port_no, bool on, Nanos now);
  // adminPointToPointMAC (RSTP only; auto: the link is full duplex, as every uvn link is).
  void set_port_p2p(int port_no, proto::RstpP2p mode, Nanos now);
  void receive_bpdu(int port_no, const uint8_t* llc, size_t len, Nanos now);
  void tick(Nanos now);
  Nanos next_deadline() const;
  TreeBridgeStatus status(Nanos now) const;
  std::optional<TreePortStatus> port_status(int port_no, Nanos now) const;
  // The port's STP xstats; zeros for an unknown port.
  TreePortCounters port_counters(int port_no) const;

 private:
  TreePortCounters engine_counters(int port_no) const;

  proto::StpSink& sink_;
  std::unique_ptr<proto::Stp> stp_;
  std::unique_ptr<proto::Rstp> rstp_;
  bool enabled_ = false, up_ = true;
  uint16_t priority_ = 0x8000;
  MacAddr mac_;
  proto::StpTimes times_;
  std::map<int, TreePortCounters> carried_;  // counted under the previous protocol(s)
};

}  // namespace uvn
