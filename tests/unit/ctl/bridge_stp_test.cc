// The bridge's spanning tree as the ctl requests drive it: stp_mode (BR-29's rules), the
// per-port STP counters of `ip link xstats type bridge_slave` (Linux's counting, from the
// recordings), the RSTP p2p port option, and a stp_proto switch.
#include <gtest/gtest.h>

#include "ctl/bridge.h"
#include "ctl/link.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn::ctl {
namespace {

class BridgeStpTest : public testing::Test {
 protected:
  void SetUp() override {
    LinkAddRequest br;
    br.kind = "bridge";
    br.link.name = "br0";
    ASSERT_TRUE(link_add(w_, ns(), br));
  }
  Netns& ns() { return w_.init_ns(); }
  BridgeDevice& br() { return *static_cast<BridgeDevice*>(ns().find("br0")); }
  uint64_t opt(BridgeOpt o) { return br().opt(o); }
  Status set(const BridgeOptList& opts) { return bridge_set(br(), opts); }
  void advance(Nanos d) { w_.engine().advance_to(w_.engine().now() + d); }

  // A veth pair vethN / peerN with vethN enslaved to br0 (down until `up`).
  BridgePort& add_port(const std::string& name) {
    LinkAddRequest req;
    req.kind = "veth";
    req.link.name = name;
    req.peer = LinkSpec{};
    req.peer->name = "peer-" + name;
    EXPECT_TRUE(link_add(w_, ns(), req));
    LinkSpec m;
    m.master = "br0";
    EXPECT_TRUE(link_set(w_, ns(), *ns().find(name), m));
    return *br().port_of(*ns().find(name));
  }
  void up(const std::string& name) {
    LinkSpec s;
    s.up = true;
    ASSERT_TRUE(link_set(w_, ns(), *ns().find(name), s));
  }
  TreePortCounters counters(BridgePort& p) { return br().stp().port_counters(p.port_no()); }

  World w_{7};
};

TEST_F(BridgeStpTest, StpModeDefaultsToAutoAndTakesEveryModeWhileStpIsOff) {
  EXPECT_EQ(opt(kBrStpMode), kBrStpModeAuto);
  for (uint64_t m : {kBrStpModeUser, kBrStpModeKernel, kBrStpModeAuto}) {
    ASSERT_TRUE(set({{kBrStpMode, m}}));
    EXPECT_EQ(opt(kBrStpMode), m);
  }
}

TEST_F(BridgeStpTest, StpModeChangeIsBusyWhileStpRuns) {
  ASSERT_TRUE(set({{kBrStpMode, kBrStpModeKernel}}));
  ASSERT_TRUE(set({{kBrStpState, 1}}));
  Status st = set({{kBrStpMode, kBrStpModeAuto}});
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EBUSY);
  EXPECT_EQ(opt(kBrStpMode), kBrStpModeKernel);  // refused whole
  // The same value is accepted; so is a change in the request that turns STP off.
  EXPECT_TRUE(set({{kBrStpMode, kBrStpModeKernel}}));
  EXPECT_FALSE(set({{kBrStpMode, kBrStpModeUser}, {kBrStpState, 1}}));
  ASSERT_TRUE(set({{kBrStpMode, kBrStpModeUser}, {kBrStpState, 0}}));
  EXPECT_EQ(opt(kBrStpMode), kBrStpModeUser);
  EXPECT_EQ(opt(kBrStpState), 0u);
}

TEST_F(BridgeStpTest, UserModeReadsBackAsUserSpaceStpAndPersists) {
  ASSERT_TRUE(set({{kBrStpState, 1}, {kBrStpMode, kBrStpModeUser}}));  // mode first, as Linux
  EXPECT_EQ(opt(kBrStpState), 2u);
  ASSERT_TRUE(set({{kBrStpState, 0}}));
  EXPECT_EQ(opt(kBrStpMode), kBrStpModeUser);
  ASSERT_TRUE(set({{kBrStpState, 1}}));
  EXPECT_EQ(opt(kBrStpState), 2u);
  ASSERT_TRUE(set({{kBrStpState, 0}, {kBrStpMode, kBrStpModeKernel}}));
  ASSERT_TRUE(set({{kBrStpState, 1}}));
  EXPECT_EQ(opt(kBrStpState), 1u);
}

TEST_F(BridgeStpTest, UserModeStillRunsTheSpanningTree) {
  ASSERT_TRUE(set({{kBrStpMode, kBrStpModeUser}, {kBrStpState, 1}, {kBrForwardDelay, 400}}));
  BridgePort& p = add_port("v1");
  up("br0");
  up("v1");
  up("peer-v1");
  EXPECT_EQ(p.state(), kBrStateListening);
  advance(9 * kSec);
  EXPECT_EQ(p.state(), kBrStateForwarding);
}

// bridge-link.txt 351-358: a port enslaved with STP off, then STP on: one passage through
// blocking; bridge-stp.txt 041: ports enslaved while STP runs count new_nbp's blocking too.
TEST_F(BridgeStpTest, TransitionCountersFollowLinux) {
  BridgePort& before = add_port("v1");
  up("v1");
  up("peer-v1");
  up("br0");
  EXPECT_EQ(before.state(), kBrStateForwarding);
  EXPECT_EQ(counters(before).transition_blk, 0u);  // STP off: not counted
  EXPECT_EQ(counters(before).transition_fwd, 0u);

  LinkSpec down;
  down.up = false;
  ASSERT_TRUE(link_set(w_, ns(), br(), down));
  ASSERT_TRUE(
      set({{kBrForwardDelay, 400}, {kBrHelloTime, 100}, {kBrMaxAge, 600}, {kBrStpState, 1}}));
  BridgePort& during = add_port("v2");
  up("v2");
  up("peer-v2");
  up("br0");
  advance(9 * kSec);
  EXPECT_EQ(before.state(), kBrStateForwarding);
  EXPECT_EQ(counters(before).transition_blk, 1u);
  EXPECT_EQ(counters(before).transition_fwd, 1u);
  EXPECT_EQ(counters(during).transition_blk, 2u);
  EXPECT_EQ(counters(during).transition_fwd, 1u);
  // The root sends a Configuration BPDU per hello time on each port, receives none.
  EXPECT_GE(counters(before).tx_bpdu, 8u);
  EXPECT_EQ(counters(before).rx_bpdu, 0u);
  EXPECT_EQ(counters(before).tx_tcn, 0u);
}

TEST_F(BridgeStpTest, CountersSurviveAProtocolSwitchAndTheTopologyChangeEnds) {
  ASSERT_TRUE(set({{kBrForwardDelay, 400}, {kBrHelloTime, 100}, {kBrStpState, 1}}));
  BridgePort& p = add_port("v1");
  up("v1");
  up("peer-v1");
  up("br0");
  advance(9 * kSec);
  ASSERT_TRUE(br().in_topology_change);  // the port went forwarding
  TreePortCounters stp = counters(p);
  ASSERT_GT(stp.tx_bpdu, 0u);
  ASSERT_TRUE(set({{kBrStpProto, 1}}));
  EXPECT_FALSE(br().in_topology_change);  // RSTP starts without one
  EXPECT_GE(counters(p).tx_bpdu, stp.tx_bpdu);
  EXPECT_GE(counters(p).transition_blk, stp.transition_blk);
  advance(5 * kSec);
  EXPECT_GT(counters(p).tx_bpdu, stp.tx_bpdu);  // RST BPDUs count as BPDUs
}

TEST_F(BridgeStpTest, P2pReachesTheRstpEngine) {
  ASSERT_TRUE(set({{kBrStpProto, 1}, {kBrStpState, 1}}));
  BridgePort& p = add_port("v1");
  up("v1");
  up("peer-v1");
  up("br0");
  Nanos now = w_.engine().now();
  EXPECT_TRUE(br().stp().port_status(p.port_no(), now)->oper_p2p);  // auto: full duplex
  PortSet off;
  off.opts.push_back({kBpP2p, uint64_t(proto::RstpP2p::kOff)});
  ASSERT_TRUE(bridge_port_set(ns(), br(), p, off));
  EXPECT_FALSE(br().stp().port_status(p.port_no(), now)->oper_p2p);
  // Kept across a switch to STP and back.
  ASSERT_TRUE(set({{kBrStpProto, 0}}));
  ASSERT_TRUE(set({{kBrStpProto, 1}}));
  EXPECT_FALSE(br().stp().port_status(p.port_no(), now)->oper_p2p);
}

// iproute2 6.1 prints IFLA_BR_BRIDGE_ID as the bridge's designated_root (recorded).
TEST_F(BridgeStpTest, BridgeLineRootIsTheBridgeIdAsIproute2PrintsIt) {
  ASSERT_TRUE(set({{kBrStpState, 1}}));
  add_port("v1");
  const OptionValues* o = br().kind_options();
  EXPECT_EQ(o->get(kBrRootId), o->get(kBrBridgeId));
}

}  // namespace
}  // namespace uvn::ctl
