// The Linux-style STP engine on simulated LANs: the UNH-IOL/OVS cases ST-02..ST-09 of
// conformance-cases.md, topology change, BPDU guard, root guard and hostile BPDUs.
#include "proto/stp/stp.h"

#include <gtest/gtest.h>

#include "lan_harness.h"
#include "topo_util.h"
#include "wire/bpdu.h"

namespace uvn::proto {

inline char role_letter(StpRole r) {
  switch (r) {
    case StpRole::kDisabled:
      return 'X';
    case StpRole::kRoot:
      return 'R';
    case StpRole::kDesignated:
      return 'D';
    case StpRole::kBlocked:
      return 'B';
  }
  return '?';
}

namespace {

using namespace test;  // NOLINT
using StpNet = Net<Stp>;

constexpr Nanos kConverge = 60 * kSec;  // 2 x forward delay, with room

BridgeId id(uint16_t prio, int mac) {
  return BridgeId{prio, mac_n(mac)};
}

TEST(Stp, LoneBridgeIsRootAndWalksListeningLearningForwarding) {  // ST-08/09, ST-10
  StpNet net;
  int b = net.add_bridge("br0", 0x8000, 1);
  int lan1 = net.add_lan("a"), lan2 = net.add_lan("b");
  net.attach(b, 1, lan1, 100);
  net.attach(b, 2, lan2, 100);
  auto st = net.engine(b).status(net.now());
  EXPECT_EQ(st.bridge_id, id(0x8000, 1));
  EXPECT_EQ(st.designated_root, id(0x8000, 1));
  EXPECT_EQ(st.root_port, 0);
  EXPECT_EQ(st.root_path_cost, 0u);
  EXPECT_EQ(states_of(net, b), "L L");
  EXPECT_EQ(roles_of(net, b), "D D");
  net.run_for(15 * kSec - 1);
  EXPECT_EQ(states_of(net, b), "L L");
  net.run_for(1);
  EXPECT_EQ(states_of(net, b), "E E");
  net.run_for(15 * kSec - 1);
  EXPECT_EQ(states_of(net, b), "E E");
  net.run_for(1);
  EXPECT_EQ(states_of(net, b), "F F");
  // The sink saw blocking (init), listening, learning, forwarding at 0, 0, 15 and 30 s.
  std::vector<std::pair<Nanos, StpPortState>> port1;
  for (auto& c : net.bridge(b).changes)
    if (c.port_no == 1) port1.push_back({c.at, c.state});
  std::vector<std::pair<Nanos, StpPortState>> want = {{0, StpPortState::kBlocking},
                                                      {0, StpPortState::kListening},
                                                      {15 * kSec, StpPortState::kLearning},
                                                      {30 * kSec, StpPortState::kForwarding}};
  EXPECT_EQ(port1, want);
  // Forwarding on a designated port is a topology change: 35 s of short ageing on the root.
  st = net.engine(b).status(net.now());
  EXPECT_TRUE(st.topology_change);
  EXPECT_EQ(st.topology_change_timer_cs, 3500u);
  EXPECT_EQ(net.bridge(b).tc_events, std::vector<bool>{true});
  net.run_for(35 * kSec);
  EXPECT_FALSE(net.engine(b).status(net.now()).topology_change);
  EXPECT_EQ(net.bridge(b).tc_events, (std::vector<bool>{true, false}));
  auto ps = net.engine(b).port_status(1, net.now());
  EXPECT_EQ(ps->port_id, 0x8001);
  EXPECT_EQ(ps->designated_port, 32769);
  EXPECT_EQ(ps->designated_bridge, id(0x8000, 1));
  EXPECT_EQ(ps->counters.transition_fwd, 1u);
}

TEST(Stp, DisabledStpForwardsAtOnce) {
  StpNet net;
  int b = net.add_bridge("br0", 0x8000, 1);
  net.engine(b).enable(false, net.now());
  int lan = net.add_lan("a");
  net.attach(b, 1, lan, 100);
  EXPECT_EQ(states_of(net, b), "F");
  EXPECT_EQ(net.bridge(b).tx, 0);
  net.run_for(10 * kSec);
  EXPECT_EQ(net.bridge(b).tx, 0);
  EXPECT_TRUE(net.bridge(b).tc_events.empty());
  net.set_link(b, 1, false);
  EXPECT_EQ(states_of(net, b), "D");
  EXPECT_EQ(net.bridge(b).flushes[1], 1);
}

// Linux's br_stp_stop changes nothing but the mode: a blocking port stays blocking until it
// re-enters selection (here its information ages out), then forwards at once.
TEST(Stp, StoppingStpLeavesPortStatesUntilReselection) {
  StpNet net;
  build(net, {{"a", 0x8000, 1, {"x", "y"}}, {"b", 0x8000, 2, {"x", "y"}}}, 100);
  net.run_for(kConverge);
  EXPECT_EQ(states_of(net, 1), "F B");
  int tx = net.bridge(1).tx;
  net.engine(1).enable(false, net.now());
  net.engine(0).enable(false, net.now());
  net.run_for(19 * kSec);
  EXPECT_EQ(states_of(net, 1), "F B");
  EXPECT_EQ(net.bridge(1).tx, tx);  // no BPDUs once stopped
  net.run_for(2 * kSec);            // message age expiry (20 s after the last BPDU)
  EXPECT_EQ(states_of(net, 1), "F F");
  EXPECT_FALSE(net.engine(1).status(net.now()).enabled);
}

TEST(Stp, LowerPriorityOverridesMac) {  // ST-09: STP.op.3.1/3.3
  StpNet net;
  build(net,
        {{"a", 0x8000, 1, {"x"}},  // lowest MAC
         {"b", 0x7000, 9, {"x"}}},
        100);
  net.run_for(kConverge);
  for (int b = 0; b < 2; ++b)
    EXPECT_EQ(net.engine(b).status(net.now()).designated_root, id(0x7000, 9));
  EXPECT_EQ(net.engine(0).status(net.now()).root_port, 1);
  EXPECT_EQ(net.engine(0).status(net.now()).root_path_cost, 100u);
  EXPECT_EQ(roles_of(net, 0), "R");
  EXPECT_EQ(roles_of(net, 1), "D");
  EXPECT_EQ(states_of(net, 0), "F");
}

// Two bridges over three parallel LANs; ports are disabled one at a time (ST-04).
TEST(Stp, LinkFailureMovesRootPort) {
  StpNet net;
  build(net, {{"a", 0x8000, 1, {"x", "y", "z"}}, {"b", 0x8000, 2, {"x", "y", "z"}}}, 100);
  net.run_for(kConverge);
  EXPECT_EQ(states_of(net, 0), "F F F");
  EXPECT_EQ(roles_of(net, 1), "R B B");
  EXPECT_EQ(states_of(net, 1), "F B B");
  net.set_link(1, 1, false);
  net.run_for(kConverge);
  EXPECT_EQ(states_of(net, 1), "D F B");
  EXPECT_EQ(roles_of(net, 1), "X R B");
  EXPECT_EQ(net.engine(1).status(net.now()).root_port, 2);
  net.set_link(1, 2, false);
  net.run_for(kConverge);
  EXPECT_EQ(states_of(net, 1), "D D F");
  EXPECT_EQ(net.engine(1).status(net.now()).root_port, 3);
  // Back up: until a BPDU arrives the ports are designated (listening); with a's next hello
  // port 1 is the best root port again, 3 blocks, 1 walks on to forwarding.
  net.set_link(1, 1, true);
  net.set_link(1, 2, true);
  EXPECT_EQ(net.engine(1).status(net.now()).root_port, 3);
  EXPECT_EQ(states_of(net, 1), "L L F");
  net.run_for(2 * kSec);
  EXPECT_EQ(net.engine(1).status(net.now()).root_port, 1);
  EXPECT_EQ(states_of(net, 1), "L B B");
  net.run_for(kConverge);
  EXPECT_EQ(states_of(net, 1), "F B B");
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
}

// The far side goes silent (root's port down): the information ages out after max age.
TEST(Stp, MessageAgeExpiryWhenTheDesignatedBridgeFails) {
  StpNet net;
  build(net, {{"a", 0x8000, 1, {"x", "y"}}, {"b", 0x8000, 2, {"x", "y"}}}, 100);
  net.run_for(kConverge);
  EXPECT_EQ(states_of(net, 1), "F B");
  net.set_link(0, 1, false);
  net.run_for(19 * kSec);
  EXPECT_EQ(net.engine(1).status(net.now()).root_port, 1);  // still believed
  net.run_for(2 * kSec);
  EXPECT_EQ(net.engine(1).status(net.now()).root_port, 2);
  EXPECT_EQ(roles_of(net, 1), "D R");
  net.run_for(kConverge);
  EXPECT_EQ(states_of(net, 1), "F F");  // port 1 now designated for LAN x
}

// 4-bridge full mesh (ST-06): the lowest id is root, every other bridge's root port is its
// direct link, and each inter-bridge LAN is served by the lower bridge id.
TEST(Stp, MeshInitialization) {
  StpNet net;
  build(net,
        {{"b1", 0x8000, 1, {"12", "13", "14"}},
         {"b2", 0x8000, 2, {"12", "23", "24"}},
         {"b3", 0x8000, 3, {"13", "23", "34"}},
         {"b4", 0x8000, 4, {"14", "24", "34"}}},
        100);
  net.run_for(kConverge);
  for (int b = 0; b < 4; ++b)
    EXPECT_EQ(net.engine(b).status(net.now()).designated_root, id(0x8000, 1)) << b;
  EXPECT_EQ(roles_of(net, 0), "D D D");
  EXPECT_EQ(roles_of(net, 1), "R D D");
  EXPECT_EQ(roles_of(net, 2), "R B D");
  EXPECT_EQ(roles_of(net, 3), "R B B");
  EXPECT_EQ(states_of(net, 3), "F B B");
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
}

// ST-07: priorities change in turn; each time the root moves and the roles recompute; equal
// priorities restore the original tree.
TEST(Stp, TopologyChangeByPriority) {
  StpNet net;
  build(net,
        {{"b1", 0x8000, 1, {"12", "13", "14"}},
         {"b2", 0x8000, 2, {"12", "23", "24"}},
         {"b3", 0x8000, 3, {"13", "23", "34"}},
         {"b4", 0x8000, 4, {"14", "24", "34"}}},
        100);
  net.run_for(kConverge);
  struct Step {
    int bridge;
    uint16_t priority;
    int root;
    std::vector<std::string> roles;
  };
  // Linux ignores worse information from the same designated bridge until max age, so each
  // step takes max age + 2 x forward delay.
  std::vector<Step> steps = {
      {3, 0x7000, 3, {"D D R", "B D R", "B B R", "D D D"}},
      {2, 0x6000, 2, {"D R B", "B R B", "D D D", "D D R"}},
      {1, 0x5000, 1, {"R B B", "D D D", "D R D", "D R B"}},
      {0, 0x4000, 0, {"D D D", "R D D", "R B D", "R B B"}},
  };
  for (auto& s : steps) {
    uint16_t mac = uint16_t(s.bridge + 1);
    net.engine(s.bridge).set_bridge_id(s.priority, mac_n(mac), net.now());
    net.run_for(2 * kConverge);
    for (int b = 0; b < 4; ++b) {
      auto st = net.engine(b).status(net.now());
      EXPECT_EQ(st.designated_root, id(s.priority, s.root + 1)) << "step " << s.bridge;
      EXPECT_EQ(roles_of(net, b), s.roles[b]) << "step " << s.bridge << " bridge " << b;
    }
    EXPECT_TRUE(net.forwarding_is_spanning_tree());
  }
  for (int b = 0; b < 4; ++b) net.engine(b).set_bridge_id(0x8000, mac_n(b + 1), net.now());
  net.run_for(2 * kConverge);
  EXPECT_EQ(roles_of(net, 0), "D D D");
  EXPECT_EQ(roles_of(net, 1), "R D D");
  EXPECT_EQ(roles_of(net, 2), "R B D");
  EXPECT_EQ(roles_of(net, 3), "R B B");
}

// 802.1D-2004 fig. 17-4/17-5 style network of 8 bridges; bridge 5 has two ports on LAN "e"
// (ST-02): exactly one of them blocks.
TEST(Stp, EightBridgesWithTwoPortsOnOneLan) {
  StpNet net;
  build(net,
        {{"b0", 0x8000, 0x10, {"a", "b"}},
         {"b1", 0x8000, 0x11, {"a", "c"}},
         {"b2", 0x8000, 0x12, {"b", "d"}},
         {"b3", 0x8000, 0x13, {"c", "d", "e"}},
         {"b4", 0x8000, 0x14, {"d", "f"}},
         {"b5", 0x8000, 0x15, {"e", "e", "g"}},
         {"b6", 0x8000, 0x16, {"f", "g", "h"}},
         {"b7", 0x8000, 0x17, {"h", "c"}}},
        100);
  net.run_for(kConverge);
  for (size_t b = 0; b < net.size(); ++b)
    EXPECT_EQ(net.engine(int(b)).status(net.now()).designated_root, id(0x8000, 0x10));
  // b5: LAN e is served by b3 (cost 200); port 1 is b5's root port, port 2 blocks.
  EXPECT_EQ(roles_of(net, 5), "R B D");
  EXPECT_EQ(states_of(net, 5), "F B F");
  EXPECT_EQ(roles_of(net, 0), "D D");
  EXPECT_EQ(roles_of(net, 3), "R B D");
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
  // With b3's port on e down, b5 serves LAN e itself: port 1 designated, port 2 backup.
  net.set_link(3, 3, false);
  net.run_for(2 * kConverge);
  EXPECT_EQ(roles_of(net, 5), "D B R");
  EXPECT_EQ(states_of(net, 5), "F B F");
  EXPECT_EQ(roles_of(net, 6), "R D B");
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
}

// ST-03: a ring of five (fig. 17-6) and a dual-homed bridge (fig. 17-7).
TEST(Stp, RingAndDualHomed) {
  StpNet net;
  build(net,
        {{"b1", 0x8000, 1, {"12", "51"}},
         {"b2", 0x8000, 2, {"12", "23", "26"}},
         {"b3", 0x8000, 3, {"23", "34", "36"}},
         {"b4", 0x8000, 4, {"34", "45"}},
         {"b5", 0x8000, 5, {"45", "51"}},
         {"b6", 0x8000, 6, {"26", "36"}}},
        100);
  net.run_for(kConverge);
  EXPECT_EQ(roles_of(net, 0), "D D");
  EXPECT_EQ(roles_of(net, 1), "R D D");
  EXPECT_EQ(roles_of(net, 2), "R D D");
  EXPECT_EQ(roles_of(net, 3), "B R");  // b3 and b4 tie on cost 200: b3 serves LAN 34
  EXPECT_EQ(roles_of(net, 4), "D R");
  EXPECT_EQ(roles_of(net, 5), "R B");  // dual-homed b6: via b2 (200), blocked towards b3
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
  // Cut the ring next to the root: the far side re-roots through b4.
  net.set_link(0, 1, false);
  net.run_for(2 * kConverge);
  // b2 now reaches b1 through b3, b4, b5 (cost 400) rather than b6, b3, ... (500).
  EXPECT_EQ(net.engine(1).status(net.now()).root_port, 2);
  EXPECT_EQ(net.engine(1).status(net.now()).root_path_cost, 400u);
  EXPECT_TRUE(net.forwarding_is_spanning_tree());
}

// Topology change: a new forwarding port on a leaf bridge sends a TCN up; the root sets TC for
// forward delay + max age, every bridge reports short ageing while it lasts.
TEST(Stp, TopologyChangePropagation) {
  StpNet net;
  auto lans = build(
      net, {{"a", 0x8000, 1, {"ab"}}, {"b", 0x8000, 2, {"ab", "bc"}}, {"c", 0x8000, 3, {"bc"}}},
      100);
  net.run_for(120 * kSec);  // the start-up topology change has ended
  for (int b = 0; b < 3; ++b) {
    EXPECT_FALSE(net.engine(b).status(net.now()).topology_change);
    net.bridge(b).tc_events.clear();
  }
  int host = net.add_lan("host");
  net.attach(2, 2, host, 100);
  net.run_for(34 * kSec);  // listening, learning, forwarding (30 s): detected, propagated
  EXPECT_EQ(states_of(net, 2), "F F");
  for (int b = 0; b < 3; ++b) {
    EXPECT_TRUE(net.engine(b).status(net.now()).topology_change) << b;
    EXPECT_EQ(net.bridge(b).tc_events, std::vector<bool>{true}) << b;
  }
  EXPECT_GE(net.engine(2).port_status(1, net.now())->counters.tx_tcn, 1u);
  EXPECT_GE(net.engine(1).port_status(2, net.now())->counters.rx_tcn, 1u);
  EXPECT_GE(net.engine(1).port_status(1, net.now())->counters.tx_tcn, 1u);
  EXPECT_GE(net.engine(0).port_status(1, net.now())->counters.rx_tcn, 1u);
  // Acknowledged: the TCN timers stopped.
  EXPECT_FALSE(net.engine(2).status(net.now()).topology_change_detected);
  EXPECT_EQ(net.engine(2).status(net.now()).tcn_timer_cs, 0u);
  EXPECT_EQ(net.engine(2).status(net.now()).forward_delay_cs, 1500u);  // ageing 2 x 15 s
  net.run_for(40 * kSec);  // the root's timer: forward delay + max age = 35 s
  for (int b = 0; b < 3; ++b) {
    EXPECT_FALSE(net.engine(b).status(net.now()).topology_change) << b;
    EXPECT_EQ(net.bridge(b).tc_events, (std::vector<bool>{true, false})) << b;
  }
  (void)lans;
}

TEST(Stp, BpduGuardDisablesThePortUntilLinkFlap) {
  StpNet net;
  build(net, {{"a", 0x8000, 1, {"x"}}, {"b", 0x8000, 2, {"x", "y"}}}, 100);
  net.engine(1).set_port_guard(1, true);
  net.run_for(5 * kSec);  // a's next hello
  EXPECT_EQ(states_of(net, 1), "D L");
  auto ps = net.engine(1).port_status(1, net.now());
  EXPECT_EQ(ps->counters.guard_trips, 1u);
  EXPECT_TRUE(ps->guard);
  EXPECT_EQ(net.bridge(1).flushes[1], 1);
  // Still down after a while; a link flap brings it back (and the next BPDU trips it again).
  net.run_for(kConverge);
  EXPECT_EQ(states_of(net, 1), "D F");
  net.set_link(1, 1, false);
  net.set_link(1, 1, true);
  EXPECT_EQ(states_of(net, 1), "L F");
  net.run_for(3 * kSec);
  EXPECT_EQ(states_of(net, 1), "D F");
  EXPECT_EQ(net.engine(1).port_status(1, net.now())->counters.guard_trips, 2u);
  // A guarded port that hears no BPDU forwards normally.
  EXPECT_EQ(net.engine(1).port_status(2, net.now())->counters.guard_trips, 0u);
}

TEST(Stp, RootGuardKeepsThePortFromBecomingRoot) {
  StpNet net;
  build(net, {{"a", 0x7000, 1, {"x"}}, {"b", 0x8000, 2, {"x", "y"}}}, 100);
  net.engine(1).set_port_root_block(1, true);
  net.run_for(2 * kConverge);
  auto st = net.engine(1).status(net.now());
  EXPECT_EQ(st.root_port, 0);
  EXPECT_EQ(st.designated_root, id(0x8000, 2));  // b stays root of its side
  // Linux: the port is put back into listening on every superior BPDU, so it never learns or
  // forwards while the superior bridge is there.
  EXPECT_EQ(states_of(net, 1), "L F");
  EXPECT_TRUE(net.engine(1).port_status(1, net.now())->root_block);
  // Without root_block the same port becomes root port.
  net.engine(1).set_port_root_block(1, false);
  net.run_for(2 * kConverge);
  EXPECT_EQ(net.engine(1).status(net.now()).root_port, 1);
  EXPECT_EQ(states_of(net, 1), "F F");
}

// --- Hostile and malformed BPDUs ---------------------------------------------------------

std::vector<uint8_t> config_llc(const wire::BpduRepr& r) {
  std::vector<uint8_t> v(r.llc_len());
  r.emit_llc(v.data());
  return v;
}

wire::BpduRepr superior_config() {
  wire::BpduRepr r;
  r.type = wire::BpduType::kConfig;
  r.root_id = BridgeId{0x1000, mac_n(0x99)};
  r.root_path_cost = 4;
  r.bridge_id = BridgeId{0x1000, mac_n(0x98)};
  r.port_id = 0x8002;
  r.message_age = 256;
  r.max_age = 20 * 256;
  r.hello_time = 2 * 256;
  r.forward_delay = 15 * 256;
  return r;
}

struct Snapshot {
  StpBridgeStatus bridge;
  StpPortStatus port;
  int tx;
  size_t changes;
};

Snapshot snap(StpNet& net) {
  auto p = *net.engine(0).port_status(1, net.now());
  p.counters = {};
  return {net.engine(0).status(net.now()), p, net.bridge(0).tx, net.bridge(0).changes.size()};
}

void expect_same(const Snapshot& a, const Snapshot& b, const std::string& what) {
  EXPECT_EQ(a.bridge.designated_root, b.bridge.designated_root) << what;
  EXPECT_EQ(a.bridge.root_port, b.bridge.root_port) << what;
  EXPECT_EQ(a.bridge.topology_change, b.bridge.topology_change) << what;
  EXPECT_EQ(a.bridge.hello_timer_cs, b.bridge.hello_timer_cs) << what;
  EXPECT_EQ(a.port.designated_root, b.port.designated_root) << what;
  EXPECT_EQ(a.port.designated_bridge, b.port.designated_bridge) << what;
  EXPECT_EQ(a.port.designated_port, b.port.designated_port) << what;
  EXPECT_EQ(a.port.state, b.port.state) << what;
  EXPECT_EQ(a.port.message_age_timer_cs, b.port.message_age_timer_cs) << what;
  EXPECT_EQ(a.tx, b.tx) << what;
  EXPECT_EQ(a.changes, b.changes) << what;
}

TEST(Stp, MalformedBpdusAreCountedAndDropped) {
  StpNet net;
  int b = net.add_bridge("br0", 0x8000, 1);
  net.attach(b, 1, net.add_lan("x"), 100);
  net.run_for(kConverge);
  auto good = config_llc(superior_config());
  auto before = snap(net);
  uint64_t bad = 0, dropped = 0;
  auto counters = [&] { return net.engine(b).port_status(1, net.now())->counters; };
  // Every truncation of a Configuration BPDU.
  for (size_t n = 0; n < good.size(); ++n) {
    net.inject(b, 1, std::vector<uint8_t>(good.begin(), good.begin() + n));
    expect_same(before, snap(net), "truncated to " + std::to_string(n));
    EXPECT_EQ(counters().rx_bad, ++bad) << n;
  }
  struct Mutation {
    const char* what;
    size_t offset;
    uint8_t value;
    bool malformed;  // else well formed but not for kernel STP
  };
  std::vector<Mutation> mutations = {
      {"DSAP", 0, 0x43, true},           {"SSAP", 1, 0xaa, true},
      {"LLC control", 2, 0x13, true},    {"protocol id", 4, 1, true},
      {"protocol id hi", 3, 0x80, true}, {"unknown type", 6, 0x01, true},
      {"RST type v0", 6, 0x02, true},    {"version 2", 5, 2, false},
      {"version 1", 5, 1, false},        {"message age > max age", 3 + 27, 0x15, true},
  };
  for (auto& m : mutations) {
    auto v = good;
    v[m.offset] = m.value;
    net.inject(b, 1, v);
    expect_same(before, snap(net), m.what);
    if (m.malformed)
      EXPECT_EQ(counters().rx_bad, ++bad) << m.what;
    else
      EXPECT_EQ(counters().rx_dropped, ++dropped) << m.what;
  }
  EXPECT_EQ(counters().rx_bpdu, 0u);
  // A null pointer and a unknown port are ignored.
  net.engine(b).receive_bpdu(1, nullptr, 35, net.now());
  net.engine(b).receive_bpdu(7, good.data(), good.size(), net.now());
  EXPECT_EQ(counters().rx_bad, bad + 1);
  // The good one is taken: a superior root through port 1.
  net.inject(b, 1, good);
  EXPECT_EQ(counters().rx_bpdu, 1u);
  auto st = net.engine(b).status(net.now());
  EXPECT_EQ(st.root_port, 1);
  EXPECT_EQ(st.designated_root, (BridgeId{0x1000, mac_n(0x99)}));
  EXPECT_EQ(st.root_path_cost, 104u);
  EXPECT_EQ(st.max_age_cs, 2000u);
  auto ps = net.engine(b).port_status(1, net.now());
  EXPECT_EQ(ps->designated_bridge, (BridgeId{0x1000, mac_n(0x98)}));
  EXPECT_EQ(ps->designated_port, 0x8002);
  EXPECT_EQ(ps->designated_cost, 4u);
  EXPECT_EQ(ps->message_age_timer_cs, 1900u);  // max age - message age
  // It ages out after 19 s; the bridge is root again.
  net.run_for(19 * kSec);
  EXPECT_EQ(net.engine(b).status(net.now()).root_port, 0);
}

TEST(Stp, ConfigBpduFieldsOnTheWire) {  // STP.op.1.5/1.6: what a root sends
  struct Capture : StpSink {
    std::vector<std::vector<uint8_t>> sent;
    void send_bpdu(int, const uint8_t* b, size_t len) override { sent.emplace_back(b, b + len); }
    void port_state_changed(int, StpPortState) override {}
    void topology_change(bool) override {}
    void flush_port(int) override {}
  } sink;
  Stp stp(sink);
  stp.set_bridge_id(0x8000, mac_n(1), 0);
  stp.enable(true, 0);
  stp.add_port(3, 0);
  stp.set_port_priority(3, 5, 0);
  stp.set_port_enabled(3, true, 0);
  stp.tick(2 * kSec);
  ASSERT_EQ(sink.sent.size(), 1u);
  std::vector<uint8_t> want = {0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00,  // LLC, hdr, flags
                               0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,  // root
                               0x00, 0x00, 0x00, 0x00,                          // cost
                               0x80, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01,  // bridge
                               0x14, 0x03,                                      // port 5<<10|3
                               0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00};
  EXPECT_EQ(sink.sent[0], want);
  // Hello timer: every 2 s.
  EXPECT_EQ(stp.next_deadline(), 3 * kSec);  // the hold timer
  stp.tick(4 * kSec);
  EXPECT_EQ(sink.sent.size(), 2u);
}

}  // namespace
}  // namespace uvn::proto
