// The RSTP engine on simulated LANs: RS-03 (the ST-02/03 topologies with RSTP roles),
// proposal/agreement convergence, edge ports, migration to STP next to a Linux-style STP
// bridge, topology change flushing, guards and hostile BPDUs.
#include "proto/rstp/rstp.h"

#include <gtest/gtest.h>

#include "lan_harness.h"
#include "proto/stp/stp.h"
#include "topo_util.h"
#include "wire/bpdu.h"

namespace uvn::proto {

// R root, D designated, A alternate, K backup, X disabled.
inline char role_letter(RstpRole r) {
  switch (r) {
    case RstpRole::kDisabled:
      return 'X';
    case RstpRole::kRoot:
      return 'R';
    case RstpRole::kDesignated:
      return 'D';
    case RstpRole::kAlternate:
      return 'A';
    case RstpRole::kBackup:
      return 'K';
  }
  return '?';
}

namespace {

using namespace test;  // NOLINT
using RstpNet = Net<Rstp>;

constexpr uint32_t kCost = 20000;  // 1 Gb/s, 802.1D-2004 Table 17-3

BridgeId id(uint16_t prio, int mac) {
  return BridgeId{prio, mac_n(mac)};
}

TEST(Rstp, TwoBridgesAgreeAtOnce) {
  RstpNet net;
  build(net, {{"a", 0x8000, 1, {"x"}}, {"b", 0x8000, 2, {"x"}}}, kCost);
  // b came up last and proposed itself as root; a's designated port does not answer inferior
  // information at once (17.27 INFERIOR_DESIGNATED), but with its next hello, 2 s later.
  EXPECT_EQ(roles_of(net, 1), "D");
  net.run_for(2 * kSec - 1);
  EXPECT_EQ(roles_of(net, 1), "D");
  net.run_for(1);
  // The proposal and the agreement crossed the LAN in the same instant.
  EXPECT_EQ(roles_of(net, 0), "D");
  EXPECT_EQ(roles_of(net, 1), "R");
  EXPECT_EQ(states_of(net, 0), "F");
  EXPECT_EQ(states_of(net, 1), "F");
  auto st = net.engine(1).status(net.now());
  EXPECT_EQ(st.designated_root, id(0x8000, 1));
  EXPECT_EQ(st.root_port, 1);
  EXPECT_EQ(st.root_path_cost, kCost);
  EXPECT_EQ(net.engine(0).status(net.now()).root_port, 0);
  auto ps = net.engine(0).port_status(1, net.now());
  EXPECT_TRUE(ps->agreed);
  EXPECT_TRUE(ps->send_rstp);
  EXPECT_FALSE(ps->oper_edge);
  EXPECT_EQ(ps->port_id, 0x8001);
  net.run_for(60 * kSec);
  EXPECT_EQ(states_of(net, 0), "F");
  EXPECT_EQ(states_of(net, 1), "F");
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
}

TEST(Rstp, LowerPriorityOverridesMac) {
  RstpNet net;
  build(net, {{"a", 0x8000, 1, {"x"}}, {"b", 0x1000, 9, {"x"}}}, kCost);
  EXPECT_EQ(net.engine(0).status(net.now()).designated_root, id(0x1000, 9));
  EXPECT_EQ(roles_of(net, 0), "R");
  EXPECT_EQ(roles_of(net, 1), "D");
}

TEST(Rstp, EdgePorts) {
  RstpNet net;
  int b = net.add_bridge("br0", 0x8000, 1);
  net.engine(b).add_port(1, net.now());
  net.engine(b).set_port_edge(1, true, net.now());
  net.engine(b).set_port_enabled(1, true, net.now());
  net.engine(b).add_port(2, net.now());
  net.engine(b).set_port_enabled(2, true, net.now());
  // Admin edge: forwarding at once. Auto edge: after proposing unanswered for 3 s.
  EXPECT_EQ(states_of(net, b), "F B");
  net.run_for(2 * kSec);
  EXPECT_EQ(states_of(net, b), "F B");
  net.run_for(1 * kSec);
  EXPECT_EQ(states_of(net, b), "F F");
  EXPECT_TRUE(net.engine(b).port_status(2, net.now())->oper_edge);
  // Edge ports going forwarding are no topology change.
  EXPECT_TRUE(net.bridge(b).tc_events.empty());
  // A BPDU on an edge port makes it a bridge port again.
  wire::BpduRepr r;
  r.type = wire::BpduType::kRst;
  r.version = 2;
  r.set_role(wire::BpduRole::kDesignated);
  r.root_id = id(0x9000, 5);
  r.bridge_id = id(0x9000, 5);
  r.port_id = 0x8001;
  r.max_age = 20 * 256;
  r.hello_time = 2 * 256;
  r.forward_delay = 15 * 256;
  std::vector<uint8_t> llc(r.llc_len());
  r.emit_llc(llc.data());
  net.engine(b).receive_bpdu(1, llc.data(), llc.size(), net.now());
  EXPECT_FALSE(net.engine(b).port_status(1, net.now())->oper_edge);
}

// A ring of four: cut the active link next to the root; the alternate port takes over
// without waiting for timers (well under a second).
TEST(Rstp, RingConvergesUnderOneSecondAfterLinkCut) {
  RstpNet net;
  build(net,
        {{"b1", 0x8000, 1, {"12", "41"}},
         {"b2", 0x8000, 2, {"12", "23"}},
         {"b3", 0x8000, 3, {"23", "34"}},
         {"b4", 0x8000, 4, {"34", "41"}}},
        kCost);
  net.run_for(10 * kSec);
  EXPECT_EQ(roles_of(net, 0), "D D");
  EXPECT_EQ(roles_of(net, 1), "R D");
  // b3 is 2 hops away either way; the path through b2 (lower id) wins, LAN 34 is b4's.
  EXPECT_EQ(roles_of(net, 2), "R A");
  EXPECT_EQ(roles_of(net, 3), "D R");
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
  // Cut LAN 12 (both ends see the link go down).
  Nanos cut = net.now();
  net.set_link(0, 1, false);
  net.set_link(1, 1, false);
  Nanos converged = kForever;
  for (int i = 0; i < 20 && converged == kForever; ++i) {
    if (net.forwarding_is_spanning_tree()) converged = net.now();
    net.run_for(50 * kMsec);
  }
  EXPECT_LT(converged - cut, kSec);
  EXPECT_EQ(roles_of(net, 1), "X R");
  EXPECT_EQ(roles_of(net, 2), "D R");
  EXPECT_EQ(states_of(net, 2), "F F");
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
}

// RS-03 on the ST-02 network: 8 bridges, two ports of b5 on LAN e.
TEST(Rstp, EightBridgesRolesWithBackupPort) {
  RstpNet net;
  build(net,
        {{"b0", 0x8000, 0x10, {"a", "b"}},
         {"b1", 0x8000, 0x11, {"a", "c"}},
         {"b2", 0x8000, 0x12, {"b", "d"}},
         {"b3", 0x8000, 0x13, {"c", "d", "e"}},
         {"b4", 0x8000, 0x14, {"d", "f"}},
         {"b5", 0x8000, 0x15, {"e", "e", "g"}},
         {"b6", 0x8000, 0x16, {"f", "g", "h"}},
         {"b7", 0x8000, 0x17, {"h", "c"}}},
        kCost);
  net.run_for(10 * kSec);
  for (size_t b = 0; b < net.size(); ++b)
    EXPECT_EQ(net.engine(int(b)).status(net.now()).designated_root, id(0x8000, 0x10));
  EXPECT_EQ(roles_of(net, 0), "D D");
  EXPECT_EQ(roles_of(net, 1), "R D");
  EXPECT_EQ(roles_of(net, 2), "R D");
  EXPECT_EQ(roles_of(net, 3), "R A D");
  EXPECT_EQ(roles_of(net, 4), "R D");
  EXPECT_EQ(roles_of(net, 5), "R A D");
  EXPECT_EQ(roles_of(net, 6), "R A A");
  EXPECT_EQ(roles_of(net, 7), "D R");
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
  // Without b3 on LAN e, b5 serves it: port 1 designated, port 2 its backup.
  net.set_link(3, 3, false);
  net.run_for(10 * kSec);
  EXPECT_EQ(roles_of(net, 5), "D K R");
  EXPECT_EQ(states_of(net, 5), "F B F");
  EXPECT_EQ(roles_of(net, 6), "R D A");
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
}

// RS-03 on the ST-03 networks: ring of five and a dual-homed bridge.
TEST(Rstp, RingAndDualHomedRoles) {
  RstpNet net;
  build(net,
        {{"b1", 0x8000, 1, {"12", "51"}},
         {"b2", 0x8000, 2, {"12", "23", "26"}},
         {"b3", 0x8000, 3, {"23", "34", "36"}},
         {"b4", 0x8000, 4, {"34", "45"}},
         {"b5", 0x8000, 5, {"45", "51"}},
         {"b6", 0x8000, 6, {"26", "36"}}},
        kCost);
  net.run_for(10 * kSec);
  EXPECT_EQ(roles_of(net, 0), "D D");
  EXPECT_EQ(roles_of(net, 1), "R D D");
  EXPECT_EQ(roles_of(net, 2), "R D D");
  EXPECT_EQ(roles_of(net, 3), "A R");
  EXPECT_EQ(roles_of(net, 4), "D R");
  EXPECT_EQ(roles_of(net, 5), "R A");
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
}

// Topology change: a new link starts forwarding; every other port of each bridge on the way
// flushes, and topology_change is reported while tcWhile runs.
TEST(Rstp, TopologyChangeFlushesOtherPorts) {
  RstpNet net;
  build(net, {{"a", 0x8000, 1, {"ab", "ax"}}, {"b", 0x8000, 2, {"ab", "bc"}},
              {"c", 0x8000, 3, {"bc"}}},
        kCost);
  net.run_for(30 * kSec);
  for (int b = 0; b < 3; ++b) {
    net.bridge(b).flushes.clear();
    net.bridge(b).tc_events.clear();
  }
  // A new bridge-to-bridge link between c and a: c's alternate or a new designated port.
  int ca = net.add_lan("ca");
  net.attach(2, 2, ca, kCost);
  net.attach(0, 3, ca, kCost);
  net.run_for(1 * kSec);
  EXPECT_EQ(roles_of(net, 0), "D D D");
  EXPECT_EQ(roles_of(net, 2), "A R");  // c: cost 20000 via ca beats 40000 via b
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
  // a's new designated port detected a change: a flushed its other ports, b heard TC on its
  // root port and flushed its port towards c.
  EXPECT_GE(net.bridge(0).flushes[1], 1);
  EXPECT_EQ(net.bridge(0).flushes[2], 0);  // an edge port (LAN ax has no bridge): no flush
  EXPECT_TRUE(net.engine(0).port_status(2, net.now())->oper_edge);
  EXPECT_GE(net.bridge(1).flushes[2], 1);
  EXPECT_EQ(net.bridge(1).flushes[1], 0);  // not the port the change came in on
  for (int b = 0; b < 3; ++b) EXPECT_EQ(net.bridge(b).tc_events.front(), true) << b;
  net.run_for(10 * kSec);
  for (int b = 0; b < 3; ++b) {
    EXPECT_FALSE(net.engine(b).status(net.now()).topology_change) << b;
    EXPECT_EQ(net.bridge(b).tc_events.back(), false) << b;
  }
}

// A legacy STP bridge (Linux-style) on the LAN: the RSTP bridge falls back to Configuration
// and TCN BPDUs on that port after the migrate time; the tree forms as with STP.
TEST(Rstp, MigratesToStpNextToALegacyBridge) {
  // Two engine types on one LAN: drive them by hand, delivering BPDUs both ways.
  struct Link : StpSink {
    std::vector<std::vector<uint8_t>> out;
    std::map<int, StpPortState> states;
    void send_bpdu(int, const uint8_t* b, size_t len) override { out.emplace_back(b, b + len); }
    void port_state_changed(int port, StpPortState s) override { states[port] = s; }
    void topology_change(bool) override {}
    void flush_port(int) override {}
  } rs, ls;
  Rstp r(rs);
  Stp s(ls);
  r.set_bridge_id(0x8000, mac_n(2), 0);
  r.enable(true, 0);
  s.set_bridge_id(0x8000, mac_n(1), 0);  // the legacy bridge is root
  s.enable(true, 0);
  r.add_port(1, 0);
  r.set_port_path_cost(1, 4, 0);
  r.set_port_enabled(1, true, 0);
  s.add_port(1, 0);
  s.set_port_enabled(1, true, 0);
  Nanos now = 0;
  auto exchange = [&] {
    for (int i = 0; i < 100 && (!rs.out.empty() || !ls.out.empty()); ++i) {
      auto a = std::move(rs.out);
      auto b = std::move(ls.out);
      rs.out.clear();
      ls.out.clear();
      for (auto& m : a) s.receive_bpdu(1, m.data(), m.size(), now);
      for (auto& m : b) r.receive_bpdu(1, m.data(), m.size(), now);
    }
  };
  auto run_until = [&](Nanos end) {
    while (true) {
      Nanos next = std::min(r.next_deadline(), s.next_deadline());
      if (next > end) break;
      now = next;
      r.tick(now);
      s.tick(now);
      exchange();
    }
    now = end;
  };
  exchange();
  run_until(60 * kSec);
  auto rp = r.port_status(1, now);
  EXPECT_FALSE(rp->send_rstp);
  EXPECT_GT(rp->counters.tx_rst, 0u);  // before the migrate time
  EXPECT_GT(s.port_status(1, now)->counters.rx_dropped, 0u);  // the RST BPDUs before that
  EXPECT_EQ(r.status(now).designated_root, id(0x8000, 1));
  EXPECT_EQ(r.status(now).root_port, 1);
  EXPECT_EQ(rp->role, RstpRole::kRoot);
  EXPECT_EQ(r.port_state(1), StpPortState::kForwarding);
  EXPECT_EQ(s.port_state(1), StpPortState::kForwarding);
  EXPECT_EQ(s.status(now).root_port, 0);
  // The legacy bridge leaves; mcheck makes the port try RSTP again.
  s.set_port_enabled(1, false, now);
  r.mcheck(1, now);
  exchange();
  EXPECT_TRUE(r.port_status(1, now)->send_rstp);
}

TEST(Rstp, BpduGuardAndRootGuard) {
  RstpNet net;
  build(net, {{"a", 0x7000, 1, {"x", "y"}}, {"b", 0x8000, 2, {"x", "y", "z"}}}, kCost);
  net.run_for(5 * kSec);
  EXPECT_EQ(roles_of(net, 1), "R A D");
  // root_block on both of b's ports towards a: neither may be root; they become alternate.
  net.engine(1).set_port_root_block(1, true);
  net.engine(1).set_port_root_block(2, true);
  net.run_for(5 * kSec);
  EXPECT_EQ(roles_of(net, 1), "A A D");
  EXPECT_EQ(states_of(net, 1), "B B F");
  EXPECT_EQ(net.engine(1).status(net.now()).designated_root, id(0x8000, 2));
  net.engine(1).set_port_root_block(1, false);
  net.engine(1).set_port_root_block(2, false);
  net.run_for(5 * kSec);
  EXPECT_EQ(roles_of(net, 1), "R A D");
  // BPDU guard on b's port 1: the next BPDU disables it, until the link goes down and up.
  net.engine(1).set_port_guard(1, true);
  net.run_for(3 * kSec);
  EXPECT_EQ(states_of(net, 1).substr(0, 1), "D");
  EXPECT_EQ(net.engine(1).port_status(1, net.now())->counters.guard_trips, 1u);
  EXPECT_EQ(roles_of(net, 1), "X R D");
  net.engine(1).set_port_guard(1, false);
  net.set_link(1, 1, false);
  net.set_link(1, 1, true);
  net.run_for(5 * kSec);
  EXPECT_EQ(roles_of(net, 1), "R A D");
}

TEST(Rstp, ForceProtocolVersionZeroSpeaksStp) {
  RstpNet net;
  build(net, {{"a", 0x8000, 1, {"x"}}, {"b", 0x8000, 2, {"x"}}}, kCost);
  uint64_t rst_before = net.engine(0).port_status(1, net.now())->counters.tx_rst;
  for (int b = 0; b < 2; ++b) net.engine(b).set_force_protocol_version(0, net.now());
  // Without RSTP the root port waits max age, then forward delay (learning) - 35 s.
  net.run_for(34 * kSec);
  EXPECT_EQ(states_of(net, 1), "E");
  net.run_for(26 * kSec);
  EXPECT_EQ(roles_of(net, 1), "R");
  EXPECT_EQ(states_of(net, 0), "F");
  EXPECT_EQ(states_of(net, 1), "F");
  auto ps = net.engine(0).port_status(1, net.now());
  EXPECT_FALSE(ps->send_rstp);
  EXPECT_GT(ps->counters.tx_config, 0u);
  EXPECT_EQ(ps->counters.tx_rst, rst_before);
}

// --- Hostile and malformed BPDUs ---------------------------------------------------------

TEST(Rstp, MalformedBpdusAreCountedAndDropped) {
  RstpNet net;
  int b = net.add_bridge("br0", 0x8000, 1);
  net.attach(b, 1, net.add_lan("x"), kCost);
  net.run_for(10 * kSec);
  wire::BpduRepr r;
  r.type = wire::BpduType::kRst;
  r.version = 2;
  r.set_role(wire::BpduRole::kDesignated);
  r.set_flag(wire::kBpduFlagProposal, true);
  r.root_id = id(0x1000, 0x99);
  r.root_path_cost = 4;
  r.bridge_id = id(0x1000, 0x98);
  r.port_id = 0x8002;
  r.message_age = 256;
  r.max_age = 20 * 256;
  r.hello_time = 2 * 256;
  r.forward_delay = 15 * 256;
  std::vector<uint8_t> good(r.llc_len());
  r.emit_llc(good.data());
  auto counters = [&] { return net.engine(b).port_status(1, net.now())->counters; };
  auto before = *net.engine(b).port_status(1, net.now());
  auto same = [&](const std::string& what) {
    auto now = *net.engine(b).port_status(1, net.now());
    EXPECT_EQ(now.role, before.role) << what;
    EXPECT_EQ(now.state, before.state) << what;
    EXPECT_EQ(now.designated_root, before.designated_root) << what;
    EXPECT_EQ(now.designated_bridge, before.designated_bridge) << what;
    EXPECT_EQ(now.counters.tx_rst, before.counters.tx_rst) << what;
    EXPECT_EQ(net.engine(b).status(net.now()).designated_root, id(0x8000, 1)) << what;
  };
  uint64_t bad = 0;
  for (size_t n = 0; n < good.size(); ++n) {
    net.inject(b, 1, std::vector<uint8_t>(good.begin(), good.begin() + n));
    same("truncated to " + std::to_string(n));
    EXPECT_EQ(counters().rx_bad, ++bad) << n;
  }
  struct Mutation {
    const char* what;
    size_t offset;
    uint8_t value;
  };
  std::vector<Mutation> mutations = {
      {"DSAP", 0, 0x43},        {"SSAP", 1, 0xaa},   {"LLC control", 2, 0x13},
      {"protocol id", 4, 1},    {"unknown type", 6, 0x01},
      {"RST type, version 1", 5, 1}, {"RST type, version 0", 5, 0},
  };
  for (auto& m : mutations) {
    auto v = good;
    v[m.offset] = m.value;
    net.inject(b, 1, v);
    same(m.what);
    EXPECT_EQ(counters().rx_bad, ++bad) << m.what;
  }
  // A Configuration BPDU whose message age reached max age.
  wire::BpduRepr c = r;
  c.type = wire::BpduType::kConfig;
  c.version = 0;
  c.message_age = c.max_age;
  std::vector<uint8_t> old(c.llc_len());
  c.emit_llc(old.data());
  net.inject(b, 1, old);
  same("message age = max age");
  EXPECT_EQ(counters().rx_bad, ++bad);
  // Our own BPDU looped back to the port is dropped.
  wire::BpduRepr own = r;
  own.bridge_id = id(0x8000, 1);
  own.port_id = 0x8001;
  std::vector<uint8_t> loop(own.llc_len());
  own.emit_llc(loop.data());
  net.inject(b, 1, loop);
  same("own BPDU");
  EXPECT_EQ(counters().rx_dropped, 1u);
  // An MST BPDU (version 3, longer) is read as its RST part; the good one is taken.
  auto mst = good;
  mst[5] = 3;
  mst.resize(good.size() + 64, 0);
  net.inject(b, 1, mst);
  EXPECT_EQ(counters().rx_rst, 1u);
  EXPECT_EQ(net.engine(b).status(net.now()).designated_root, id(0x1000, 0x99));
  EXPECT_EQ(net.engine(b).status(net.now()).root_path_cost, 4 + kCost);
  EXPECT_EQ(roles_of(net, b), "R");
}

}  // namespace
}  // namespace uvn::proto
