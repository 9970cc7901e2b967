// LACP aggregator selection (proto/lacp/lacp_select.cc): which ports share an aggregator, the
// active aggregator under each policy, aggregator ids, min_links, fallback, and the Mux
// machine's coupled and independent control.
#include <gtest/gtest.h>

#include "lacp_harness.h"
#include "proto/lacp/lacp.h"

namespace uvn::proto {
namespace {

using test::LacpNet;
using namespace wire;  // NOLINT: state bits

LacpPortConfig cfg_at(uint32_t mbps, uint16_t user_key = 0, uint16_t prio = 255) {
  LacpPortConfig c;
  c.key = lacp_linux_port_key(mbps, true, user_key);
  c.speed_mbps = mbps;
  c.port_priority = prio;
  return c;
}

TEST(LacpKey, LinuxPortKey) {
  EXPECT_EQ(lacp_linux_speed_code(10), 2);
  EXPECT_EQ(lacp_linux_speed_code(1000), 4);
  EXPECT_EQ(lacp_linux_speed_code(2500), 5);
  EXPECT_EQ(lacp_linux_speed_code(25000), 10);
  EXPECT_EQ(lacp_linux_speed_code(100000), 14);
  EXPECT_EQ(lacp_linux_speed_code(800000), 17);
  EXPECT_EQ(lacp_linux_speed_code(0), 0);
  EXPECT_EQ(lacp_linux_speed_code(1), 0);
  EXPECT_EQ(lacp_linux_speed_code(1234), 0);
  EXPECT_EQ(lacp_linux_port_key(1000, true, 0), 9);     // 4 << 1 | 1
  EXPECT_EQ(lacp_linux_port_key(100, false, 0), 6);     // 3 << 1
  EXPECT_EQ(lacp_linux_port_key(10000, true, 5), 335);  // 5 << 6 | 7 << 1 | 1
  EXPECT_EQ(lacp_linux_port_key(10000, true, 1023), 0xffcf);
  EXPECT_EQ(lacp_linux_port_key(0, false, 0), 0);
}

// A (node 0) with ports 1 and 2 to B's ports 1 and 2 (1 Gb/s), port 3 to C's port 1
// (10 Gb/s, another key); link 3 starts down.
struct Triangle {
  LacpNet net;
  int a, b, c;
  int l1, l2, l3;
  explicit Triangle(LacpSelect select, uint16_t prio12 = 255, uint16_t prio3 = 255) {
    LacpConfig ea;
    ea.select = select;
    a = net.add_node(1, ea);
    b = net.add_node(2);
    c = net.add_node(3);
    net.add_port(a, 1, cfg_at(1000, 0, prio12));
    net.add_port(a, 2, cfg_at(1000, 0, prio12));
    net.add_port(a, 3, cfg_at(10000, 0, prio3));
    net.add_port(b, 1, cfg_at(1000));
    net.add_port(b, 2, cfg_at(1000));
    net.add_port(c, 1, cfg_at(10000));
    l1 = net.connect(a, 1, b, 1);
    l2 = net.connect(a, 2, b, 2);
    l3 = net.connect(a, 3, c, 1);
    net.set_link(l3, false);
    net.run_for(10 * kSec);
  }
  uint16_t lag() { return net.lacp(a).port_aggregator_id(1); }
  uint16_t single() { return net.lacp(a).port_aggregator_id(3); }
  uint16_t active() { return net.lacp(a).active_aggregator_id(); }
  // Port 3 up: C becomes a candidate.
  void bring_up_c() {
    net.set_link(l3, true);
    net.run_for(10 * kSec);
  }
  // `c_talks`: C answers LACP on port 3 (else it is a silent neighbour).
  void expect_lag_active(bool c_talks = true) {
    EXPECT_EQ(active(), lag());
    for (int port : {1, 2}) EXPECT_TRUE(net.lacp(a).port_distributing(port)) << port;
    EXPECT_FALSE(net.lacp(a).port_collecting(3));
    auto s3 = net.st(a, 3);
    if (s3.enabled && c_talks) {
      // Out of the active aggregator: attached, out of sync, so C does not distribute either.
      EXPECT_EQ(s3.mux, LacpMuxState::kAttached);
      EXPECT_FALSE(s3.actor.state & kLacpStateSynchronization);
      EXPECT_TRUE(s3.partner.state & kLacpStateSynchronization);
      EXPECT_FALSE(net.lacp(c).port_distributing(1));
    }
  }
  void expect_single_active() {
    EXPECT_EQ(active(), single());
    EXPECT_TRUE(net.lacp(a).port_distributing(3));
    EXPECT_TRUE(net.lacp(c).port_distributing(1));
    for (int port : {1, 2}) {
      EXPECT_FALSE(net.lacp(a).port_collecting(port)) << port;
      EXPECT_FALSE(net.st(a, port).actor.state & kLacpStateSynchronization);
      EXPECT_FALSE(net.lacp(b).port_distributing(port)) << port;
    }
  }
};

TEST(LacpSelect, PortsShareAnAggregatorByPartnerAndKey) {
  Triangle t(LacpSelect::kStable);
  t.bring_up_c();
  EXPECT_NE(t.lag(), 0);
  EXPECT_EQ(t.net.lacp(t.a).port_aggregator_id(2), t.lag());
  EXPECT_NE(t.single(), 0);
  EXPECT_NE(t.single(), t.lag());
  auto aggs = t.net.lacp(t.a).aggregators();
  ASSERT_EQ(aggs.size(), 2u);
  for (auto& g : aggs) {
    if (g.id == t.lag()) {
      EXPECT_EQ(g.ports, (std::vector<int>{1, 2}));
      EXPECT_EQ(g.partner_system, test::lacp_mac(0xff, 2));
      EXPECT_EQ(g.actor_key, 9);
    } else {
      EXPECT_EQ(g.ports, (std::vector<int>{3}));
      EXPECT_EQ(g.partner_system, test::lacp_mac(0xff, 3));
      EXPECT_EQ(g.actor_key, lacp_linux_port_key(10000, true, 0));
      EXPECT_FALSE(g.individual);
    }
  }
  // A fourth port to B with another user key: same partner, still another aggregator.
  t.net.add_port(t.a, 4, cfg_at(1000, 3));
  t.net.add_port(t.b, 3, cfg_at(1000, 3));
  t.net.connect(t.a, 4, t.b, 3);
  t.net.run_for(10 * kSec);
  uint16_t four = t.net.lacp(t.a).port_aggregator_id(4);
  EXPECT_NE(four, 0);
  EXPECT_NE(four, t.lag());
  EXPECT_NE(four, t.single());
  EXPECT_EQ(t.net.st(t.a, 4).partner.system, test::lacp_mac(0xff, 2));
  // And with the same key it joins the LAG (after its mux has detached).
  t.net.lacp(t.a).set_port_config(4, cfg_at(1000), t.net.now());
  t.net.lacp(t.b).set_port_config(3, cfg_at(1000), t.net.now());
  t.net.run_for(10 * kSec);
  EXPECT_EQ(t.net.lacp(t.a).port_aggregator_id(4), t.lag());
  EXPECT_EQ(t.net.lacp(t.a).active_aggregator()->enabled_ports, 3u);
  EXPECT_TRUE(t.net.lacp(t.a).port_distributing(4));
}

TEST(LacpSelect, StableKeepsTheActiveAggregatorWhileItIsUp) {
  Triangle t(LacpSelect::kStable);
  t.expect_lag_active();
  t.bring_up_c();
  t.expect_lag_active();  // C's 10 Gb/s does not win under stable
  // The LAG loses both links: C's aggregator takes over.
  t.net.set_link(t.l1, false);
  t.net.set_link(t.l2, false);
  t.net.run_for(5 * kSec);
  t.expect_single_active();
  // The LAG comes back: stable stays with C.
  t.net.set_link(t.l1, true);
  t.net.set_link(t.l2, true);
  t.net.run_for(10 * kSec);
  t.expect_single_active();
  EXPECT_EQ(t.net.node(t.a).active_log.back(), t.single());
}

TEST(LacpSelect, BandwidthPicksTheFastestAggregator) {
  Triangle t(LacpSelect::kBandwidth);
  t.expect_lag_active();
  t.bring_up_c();
  t.expect_single_active();  // 10 Gb/s beats 2 x 1 Gb/s
  EXPECT_EQ(t.net.lacp(t.a).active_aggregator()->bandwidth_mbps, 10000u);
  t.net.set_link(t.l3, false);
  t.net.run_for(5 * kSec);
  t.expect_lag_active();
}

TEST(LacpSelect, CountPicksTheMostPorts) {
  Triangle t(LacpSelect::kCount);
  t.bring_up_c();
  t.expect_lag_active();  // two ports beat one
  t.net.set_link(t.l2, false);
  t.net.run_for(5 * kSec);
  // One port each: count ties, bandwidth decides (10 Gb/s).
  t.expect_single_active();
}

TEST(LacpSelect, ActorPortPrioPicksTheHighestSumOfPriorities) {
  {
    Triangle t(LacpSelect::kActorPortPrio, 100, 255);  // LAG sum 200 < 255
    t.bring_up_c();
    t.expect_single_active();
  }
  {
    Triangle t(LacpSelect::kActorPortPrio, 200, 255);  // LAG sum 400 > 255
    t.bring_up_c();
    t.expect_lag_active();
    // Priorities equal (2 x 100 vs 200): count decides.
    t.net.lacp(t.a).set_port_config(1, cfg_at(1000, 0, 100), t.net.now());
    t.net.lacp(t.a).set_port_config(2, cfg_at(1000, 0, 100), t.net.now());
    t.net.lacp(t.a).set_port_config(3, cfg_at(10000, 0, 200), t.net.now());
    t.net.run_for(10 * kSec);
    t.expect_lag_active();
  }
}

TEST(LacpSelect, TeamdLacpPrioPicksTheBestPortOfTheDecidingSystem) {
  {
    // A has the lower system ID (same priority, lower MAC): its port priorities decide. Port
    // 1 (255, 1) ranks before port 3 (255, 3).
    Triangle t(LacpSelect::kLacpPrio);
    t.bring_up_c();
    t.expect_lag_active();
  }
  {
    Triangle t(LacpSelect::kLacpPrio, 255, 10);  // port 3's priority 10 is best
    t.bring_up_c();
    t.expect_single_active();
    // Not stable: the LAG's better port wins it back.
    t.net.lacp(t.a).set_port_config(1, cfg_at(1000, 0, 5), t.net.now());
    t.net.run_for(10 * kSec);
    t.expect_lag_active();
  }
  {
    Triangle t(LacpSelect::kLacpPrioStable, 255, 10);
    t.expect_lag_active();
    t.bring_up_c();
    t.expect_lag_active();  // stable: the LAG stays while it is up
  }
}

TEST(LacpSelect, AnAggregatorWithAPartnerBeatsOneWithout) {
  // Port 3 faces a silent neighbour (no LACP): its own aggregator has no partner and never wins
  // against the LAG, whatever its bandwidth.
  Triangle t(LacpSelect::kBandwidth);
  t.net.set_silent(t.l3, true);
  t.net.set_link(t.l3, true);
  t.net.run_for(10 * kSec);
  t.expect_lag_active(false);
  auto s3 = t.net.st(t.a, 3);
  EXPECT_EQ(s3.rx, LacpRxState::kDefaulted);
  EXPECT_TRUE(s3.partner.system.is_zero());
}

TEST(LacpSelect, NonActiveAggregatorPortsChurn) {
  Triangle t(LacpSelect::kStable);
  t.bring_up_c();
  Nanos up = t.net.now() - 10 * kSec;
  t.net.run_until(up + 60 * kSec - kMsec);
  EXPECT_EQ(t.net.st(t.a, 3).actor_churn, LacpChurnState::kMonitor);
  t.net.run_until(up + 60 * kSec + kMsec);
  auto s3 = t.net.st(t.a, 3);
  EXPECT_EQ(s3.actor_churn, LacpChurnState::kChurn);
  EXPECT_EQ(s3.actor_churn_count, 1u);
  EXPECT_EQ(s3.partner_churn, LacpChurnState::kNoChurn);  // C is in sync, A is not
  EXPECT_EQ(t.net.st(t.c, 1).partner_churn, LacpChurnState::kChurn);
  EXPECT_EQ(t.net.st(t.a, 1).actor_churn, LacpChurnState::kNoChurn);
}

TEST(LacpSelect, APartnerThatSaysIndividualIsNotAggregated) {
  LacpNet net;
  int a = net.add_node(1);
  int b = net.add_node(2);
  LacpPortConfig ind = cfg_at(1000);
  ind.aggregatable = false;
  for (int i = 1; i <= 2; ++i) {
    net.add_port(a, i, cfg_at(1000));
    net.add_port(b, i, ind);
  }
  net.connect(a, 1, b, 1);
  net.connect(a, 2, b, 2);
  net.run_for(10 * kSec);
  Lacp& l = net.lacp(a);
  EXPECT_NE(l.port_aggregator_id(1), l.port_aggregator_id(2));
  for (auto& g : l.aggregators()) EXPECT_TRUE(g.individual);
  // One of them is active and carries traffic, in sync with B.
  EXPECT_NE(l.port_distributing(1), l.port_distributing(2));
  int on = l.port_distributing(1) ? 1 : 2;
  EXPECT_EQ(net.st(a, on).actor.state, 0x3d);
  EXPECT_EQ(net.st(a, on).partner.state, 0x39);  // B: no Aggregation bit
  EXPECT_EQ(net.st(b, on).actor.state, 0x39);
}

TEST(LacpSelect, AggregatorIdsFollowPortOrder) {
  LacpNet net;
  int a = net.add_node(1);
  for (int i = 1; i <= 3; ++i) net.add_port(a, i, cfg_at(1000));
  Lacp& l = net.lacp(a);
  // No partner yet: every port alone in its own slot, numbered from 1 as ports were added.
  EXPECT_EQ(l.port_aggregator_id(1), 1);
  EXPECT_EQ(l.port_aggregator_id(2), 2);
  EXPECT_EQ(l.port_aggregator_id(3), 3);
  EXPECT_EQ(net.node(a).agg[3], 3);
  l.remove_port(3, net.now());
  net.add_port(a, 4, cfg_at(1000));
  EXPECT_EQ(l.port_aggregator_id(4), 4);  // the counter goes on
  // Port 1 leaves: its slot is free, the next port that needs one takes the first free.
  l.remove_port(1, net.now());
  net.add_port(a, 5, cfg_at(1000));
  EXPECT_EQ(l.port_aggregator_id(5), 5);
  EXPECT_EQ(l.port_numbers(), (std::vector<int>{2, 4, 5}));
  // Emptied and filled again with the same system: the counter goes on (Linux resets it only
  // when the bond's address changed).
  for (int p : {2, 4, 5}) l.remove_port(p, net.now());
  net.add_port(a, 1, cfg_at(1000));
  EXPECT_EQ(l.port_aggregator_id(1), 6);
  l.remove_port(1, net.now());
  LacpConfig c = l.config();
  c.system = test::lacp_mac(0xaa, 1);
  l.set_config(c, net.now());
  net.add_port(a, 1, cfg_at(1000));
  EXPECT_EQ(l.port_aggregator_id(1), 1);
  // Port numbers outside 1..65535 and duplicates are ignored.
  l.add_port(0, test::lacp_mac(1, 0), cfg_at(1000), net.now());
  l.add_port(1, test::lacp_mac(1, 9), cfg_at(1000), net.now());
  EXPECT_EQ(l.port_numbers(), std::vector<int>{1});
  EXPECT_EQ(l.port_status(1)->mac, LacpNet::port_mac(a, 1));
}

TEST(LacpSelect, CoupledControlEnablesCollectingAndDistributingTogether) {
  LacpNet net;
  int a = net.add_node(1);
  int b = net.add_node(2);
  net.add_port(a, 1, cfg_at(1000));
  net.add_port(b, 1, cfg_at(1000));
  net.connect(a, 1, b, 1);
  net.run_for(10 * kSec);
  EXPECT_EQ(net.st(a, 1).mux, LacpMuxState::kCollectingDistributing);
  for (auto& f : net.lacpdus(a, 1)) {
    uint8_t s = test::decode_lacpdu(f.frame).actor.state;
    EXPECT_EQ(bool(s & kLacpStateCollecting), bool(s & kLacpStateDistributing)) << int(s);
  }
  for (auto& [t, port, c, d] : net.node(a).datapath_log) EXPECT_EQ(c, d);
}

TEST(LacpSelect, IndependentControlCollectsBeforeDistributing) {
  LacpConfig ind;
  ind.coupled_control = false;
  LacpNet net;
  int a = net.add_node(1, ind);
  int b = net.add_node(2, ind);
  net.add_port(a, 1, cfg_at(1000));
  net.add_port(b, 1, cfg_at(1000));
  int l = net.connect(a, 1, b, 1);
  net.run_for(10 * kSec);
  auto s = net.st(a, 1);
  EXPECT_EQ(s.mux, LacpMuxState::kDistributing);
  EXPECT_EQ(s.actor.state, 0x3d);
  EXPECT_EQ(s.partner.state, 0x3d);
  EXPECT_TRUE(s.collecting);
  EXPECT_TRUE(s.distributing);
  // A said "collecting, not distributing" before it distributed...
  bool collecting_only = false;
  for (auto& f : net.lacpdus(a, 1)) {
    uint8_t st = test::decode_lacpdu(f.frame).actor.state;
    if ((st & kLacpStateCollecting) && !(st & kLacpStateDistributing)) collecting_only = true;
    if (st & kLacpStateDistributing) {
      EXPECT_TRUE(collecting_only);
      break;
    }
  }
  EXPECT_TRUE(collecting_only);
  // ... and its data path went (collecting) before (collecting, distributing).
  std::vector<std::pair<bool, bool>> seen;
  for (auto& [t, port, c, d] : net.node(a).datapath_log)
    if (t > 0) seen.emplace_back(c, d);
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen[seen.size() - 2], std::make_pair(true, false));
  EXPECT_EQ(seen.back(), std::make_pair(true, true));
  // The partner says it stops collecting (B's own LACPDU with Collecting and Distributing
  // off, on a link B cannot correct): A stops distributing but keeps collecting.
  net.set_silent(l, true);
  auto from_b = test::decode_lacpdu(net.lacpdus(b, 1).back().frame);
  from_b.actor.state &= uint8_t(~(kLacpStateCollecting | kLacpStateDistributing));
  EXPECT_TRUE(net.inject(a, 1, test::lacpdu_frame(from_b, LacpNet::port_mac(b, 1))));
  EXPECT_EQ(net.st(a, 1).mux, LacpMuxState::kCollecting);
  EXPECT_TRUE(net.lacp(a).port_collecting(1));
  EXPECT_FALSE(net.lacp(a).port_distributing(1));
  EXPECT_EQ(net.node(a).datapath[1], std::make_pair(true, false));
  from_b.actor.state |= kLacpStateCollecting;
  net.inject(a, 1, test::lacpdu_frame(from_b, LacpNet::port_mac(b, 1)));
  EXPECT_EQ(net.st(a, 1).mux, LacpMuxState::kDistributing);
  // Out of sync: back to ATTACHED.
  from_b.actor.state &= uint8_t(~kLacpStateSynchronization);
  net.inject(a, 1, test::lacpdu_frame(from_b, LacpNet::port_mac(b, 1)));
  EXPECT_EQ(net.st(a, 1).mux, LacpMuxState::kAttached);
  EXPECT_EQ(net.node(a).datapath[1], std::make_pair(false, false));
}

TEST(LacpSelect, AggSelectionDelayHoldsPortsInAttached) {
  LacpNet net;
  int a = net.add_node(1);
  int b = net.add_node(2);
  net.add_port(a, 1, cfg_at(1000));
  net.add_port(b, 1, cfg_at(1000));
  net.lacp(a).initiate_agg_selection(8 * kSec, net.now());
  net.connect(a, 1, b, 1);
  net.run_until(8 * kSec - kMsec);
  EXPECT_EQ(net.st(a, 1).mux, LacpMuxState::kAttached);
  EXPECT_FALSE(net.lacp(a).port_distributing(1));
  EXPECT_TRUE(net.st(a, 1).actor.state & kLacpStateSynchronization);
  net.run_until(8 * kSec + kMsec);
  EXPECT_EQ(net.st(a, 1).mux, LacpMuxState::kCollectingDistributing);
  EXPECT_TRUE(net.lacp(a).port_distributing(1));
}

TEST(LacpSelect, PartnerlessActiveAggregatorCarriesTrafficAsLinux) {
  for (bool linux_way : {true, false}) {
    LacpConfig c;
    c.partnerless_datapath = linux_way;
    c.min_links = 1;
    LacpNet net;
    int a = net.add_node(1, c);
    int b = net.add_node(2);
    net.add_port(a, 1, cfg_at(1000));
    net.add_port(a, 2, cfg_at(1000));
    net.add_port(b, 1, cfg_at(1000));
    net.add_port(b, 2, cfg_at(1000));
    net.connect(a, 1, b, 1, true);
    net.connect(a, 2, b, 2, true);
    net.run_for(20 * kSec);
    Lacp& l = net.lacp(a);
    // Each port alone; the first is the active aggregator (ties keep port order).
    EXPECT_EQ(l.active_aggregator_id(), l.port_aggregator_id(1));
    EXPECT_EQ(l.port_distributing(1), linux_way);
    EXPECT_EQ(l.port_collecting(1), linux_way);
    EXPECT_FALSE(l.port_distributing(2));
    EXPECT_TRUE(l.carrier());  // an active aggregator with an enabled port
    EXPECT_EQ(net.st(a, 1).actor.state & kLacpStateCollecting, 0);
  }
}

TEST(LacpSelect, FallbackWhileNoPartnerIsHeard) {
  LacpConfig c;
  c.fallback = true;
  LacpNet net;
  int a = net.add_node(1, c);
  int b = net.add_node(2);
  net.add_port(a, 1, cfg_at(1000));
  net.add_port(a, 2, cfg_at(1000));
  net.add_port(b, 1, cfg_at(1000));
  net.add_port(b, 2, cfg_at(1000));
  Lacp& l = net.lacp(a);
  EXPECT_FALSE(l.fallback_active());  // no port up
  int l1 = net.connect(a, 1, b, 1, true);
  int l2 = net.connect(a, 2, b, 2, true);
  net.run_for(10 * kSec);
  EXPECT_TRUE(l.fallback_active());
  EXPECT_TRUE(net.node(a).fallback);
  // One partner heard: no fallback.
  net.set_silent(l1, false);
  net.run_for(40 * kSec);
  EXPECT_EQ(net.st(a, 1).rx, LacpRxState::kCurrent);
  EXPECT_FALSE(l.fallback_active());
  EXPECT_FALSE(net.node(a).fallback);
  // Every link down: nothing to fall back on.
  net.set_link(l1, false);
  net.set_link(l2, false);
  EXPECT_FALSE(l.fallback_active());
  // Off by default.
  LacpNet net2;
  int x = net2.add_node(1);
  net2.add_port(x, 1, cfg_at(1000));
  int y = net2.add_node(2);
  net2.add_port(y, 1, cfg_at(1000));
  net2.connect(x, 1, y, 1, true);
  net2.run_for(10 * kSec);
  EXPECT_FALSE(net2.lacp(x).fallback_active());
}

TEST(LacpSelect, TotalCountersAddUp) {
  LacpNet net;
  int a = net.add_node(1);
  int b = net.add_node(2);
  for (int i = 1; i <= 2; ++i) {
    net.add_port(a, i, cfg_at(1000));
    net.add_port(b, i, cfg_at(1000));
    net.connect(a, i, b, i);
  }
  net.run_for(100 * kSec);
  LacpCounters t = net.lacp(a).total_counters();
  EXPECT_EQ(t.lacpdu_tx, net.st(a, 1).counters.lacpdu_tx + net.st(a, 2).counters.lacpdu_tx);
  EXPECT_EQ(t.lacpdu_tx, net.lacpdus(a, 1).size() + net.lacpdus(a, 2).size());
  EXPECT_EQ(t.lacpdu_rx, net.lacp(b).total_counters().lacpdu_tx);
}

}  // namespace
}  // namespace uvn::proto
