// The RSTP engine on simulated LANs: RS-03 (the ST-02/03 topologies with RSTP roles),
// proposal/agreement convergence, edge ports, migration to STP next to a Linux-style STP
// bridge, topology change flushing, guards and hostile BPDUs.
#include "proto/rstp/rstp.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <type_traits>

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

TEST(Rstp, TwoBridgesAgreeOnTheFirstHello) {
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
  for (size_t b = 0; b < net.size(); ++b)
    EXPECT_EQ(net.engine(int(b)).status(net.now()).unsettled_runs, 0u);
}

// Topology change: a new link starts forwarding; every other port of each bridge on the way
// flushes, and topology_change is reported while tcWhile runs.
TEST(Rstp, TopologyChangeFlushesOtherPorts) {
  RstpNet net;
  build(net,
        {{"a", 0x8000, 1, {"ab", "ax"}}, {"b", 0x8000, 2, {"ab", "bc"}}, {"c", 0x8000, 3, {"bc"}}},
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

// Mixed engines on shared LANs (the Net harness holds one engine type): a queue per engine,
// delivery to every other attached port of the sender's LAN.
class MixedNet {
 public:
  struct Sink : StpSink {
    std::vector<std::pair<int, std::vector<uint8_t>>> out;
    void send_bpdu(int port, const uint8_t* b, size_t len) override {
      out.emplace_back(port, std::vector<uint8_t>(b, b + len));
    }
    void port_state_changed(int, StpPortState) override {}
    void topology_change(bool) override {}
    void flush_port(int) override {}
  };
  struct Node {
    Sink sink;
    std::unique_ptr<Stp> stp;
    std::unique_ptr<Rstp> rstp;
    void receive(int port, const std::vector<uint8_t>& m, Nanos now) {
      if (stp) stp->receive_bpdu(port, m.data(), m.size(), now);
      if (rstp) rstp->receive_bpdu(port, m.data(), m.size(), now);
    }
    void tick(Nanos now) {
      if (stp) stp->tick(now);
      if (rstp) rstp->tick(now);
    }
    Nanos next() const { return stp ? stp->next_deadline() : rstp->next_deadline(); }
  };

  template <class E>
  E& add(int mac) {
    auto n = std::make_unique<Node>();
    std::unique_ptr<E> e = std::make_unique<E>(n->sink);
    E& ref = *e;
    if constexpr (std::is_same_v<E, Stp>)
      n->stp = std::move(e);
    else
      n->rstp = std::move(e);
    ref.set_bridge_id(0x8000, mac_n(mac), now);
    ref.enable(true, now);
    nodes.push_back(std::move(n));
    return ref;
  }
  template <class E>
  void attach(E& e, int node, int port, int lan) {
    e.add_port(port, now);
    e.set_port_path_cost(port, 4, now);
    lan_of[{node, port}] = lan;
    e.set_port_enabled(port, true, now);
    exchange();
  }
  void exchange() {
    for (int guard = 0; guard < 1000; ++guard) {
      bool any = false;
      for (size_t i = 0; i < nodes.size(); ++i) {
        auto out = std::move(nodes[i]->sink.out);
        nodes[i]->sink.out.clear();
        for (auto& [port, m] : out) {
          any = true;
          int lan = lan_of.at({int(i), port});
          for (auto& [np, l] : lan_of)
            if (l == lan && np != std::make_pair(int(i), port))
              nodes[np.first]->receive(np.second, m, now);
        }
      }
      if (!any) return;
    }
    ADD_FAILURE() << "BPDU storm";
  }
  void run_until(Nanos end) {
    for (;;) {
      Nanos next = kForever;
      for (auto& n : nodes) next = std::min(next, n->next());
      if (next > end) break;
      now = next;
      for (auto& n : nodes) n->tick(now);
      exchange();
    }
    now = end;
  }

  Nanos now = 0;
  std::vector<std::unique_ptr<Node>> nodes;
  std::map<std::pair<int, int>, int> lan_of;
};

// A legacy STP bridge (Linux-style) shares LAN "s" with two RSTP bridges, which also have a
// point-to-point link "12" of their own: their ports on "s" fall back to Configuration/TCN
// BPDUs after the migrate time, the link between them stays RSTP, and the tree forms.
TEST(Rstp, MigratesToStpNextToALegacyBridge) {
  MixedNet net;
  Stp& s = net.add<Stp>(1);  // the legacy bridge has the lowest id: root
  Rstp& r1 = net.add<Rstp>(2);
  Rstp& r2 = net.add<Rstp>(3);
  net.attach(s, 0, 1, 0);
  net.attach(r1, 1, 1, 0);
  net.attach(r2, 2, 1, 0);
  net.attach(r1, 1, 2, 1);
  net.attach(r2, 2, 2, 1);
  net.run_until(60 * kSec);
  Nanos now = net.now;
  EXPECT_EQ(s.status(now).root_port, 0);
  EXPECT_GT(s.port_status(1, now)->counters.rx_dropped, 0u);  // RST BPDUs, before migration
  for (Rstp* r : {&r1, &r2}) {
    EXPECT_EQ(r->status(now).designated_root, id(0x8000, 1));
    EXPECT_EQ(r->status(now).root_port, 1);
    EXPECT_FALSE(r->port_status(1, now)->send_rstp);
    EXPECT_TRUE(r->port_status(2, now)->send_rstp);
    EXPECT_EQ(r->port_status(1, now)->role, RstpRole::kRoot);
    EXPECT_EQ(r->status(now).unsettled_runs, 0u);
  }
  EXPECT_EQ(r1.port_status(2, now)->role, RstpRole::kDesignated);
  EXPECT_EQ(r2.port_status(2, now)->role, RstpRole::kAlternate);
  EXPECT_EQ(s.port_state(1), StpPortState::kForwarding);
  EXPECT_EQ(r1.port_state(1), StpPortState::kForwarding);
  EXPECT_EQ(r2.port_state(1), StpPortState::kForwarding);
  EXPECT_EQ(r1.port_state(2), StpPortState::kForwarding);
  EXPECT_EQ(r2.port_state(2), StpPortState::kBlocking);
  // r2's root port goes down: its alternate port (towards r1) becomes root at once, the
  // topology change travels to r1 in RST BPDUs, and r1's root port, which talks STP, notifies
  // the legacy root with TCNs.
  uint64_t tcn_before = s.port_status(1, now)->counters.rx_tcn;
  r2.set_port_enabled(1, false, now);
  net.exchange();
  net.run_until(now + 10 * kSec);
  now = net.now;
  EXPECT_EQ(r2.status(now).root_port, 2);  // now through r1
  EXPECT_GT(s.port_status(1, now)->counters.rx_tcn, tcn_before);
  EXPECT_TRUE(s.status(now).topology_change);
  // The legacy bridge leaves; mcheck makes r1's port try RSTP again.
  s.set_port_enabled(1, false, now);
  r1.mcheck(1, now);
  net.exchange();
  EXPECT_TRUE(r1.port_status(1, now)->send_rstp);
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

TEST(Rstp, DisabledEngineForwardsAndStaysQuiet) {
  RstpNet net;
  int b = net.add_bridge("br0", 0x8000, 1);
  net.engine(b).enable(false, net.now());
  net.attach(b, 1, net.add_lan("x"), kCost);
  EXPECT_EQ(states_of(net, b), "F");
  EXPECT_EQ(net.engine(b).next_deadline(), kForever);
  net.run_for(10 * kSec);
  EXPECT_EQ(net.bridge(b).tx, 0);
  EXPECT_EQ(net.engine(b).status(net.now()).designated_root, id(0x8000, 1));
  // Turning RSTP on starts every machine afresh: the port discards, then (auto edge) forwards.
  net.engine(b).enable(true, net.now());
  EXPECT_EQ(states_of(net, b), "B");
  net.run_for(3 * kSec);
  EXPECT_EQ(states_of(net, b), "F");
  net.set_link(b, 1, false);
  EXPECT_EQ(states_of(net, b), "D");
  EXPECT_EQ(roles_of(net, b), "X");
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
      {"DSAP", 0, 0x43},
      {"SSAP", 1, 0xaa},
      {"LLC control", 2, 0x13},
      {"protocol id", 4, 1},
      {"unknown type", 6, 0x01},
      {"RST type, version 1", 5, 1},
      {"RST type, version 0", 5, 0},
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
