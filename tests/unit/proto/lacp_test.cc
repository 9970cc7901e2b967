// The LACP engine (proto/lacp) between two engines wired back to back: negotiation, the
// Receive machine's timeouts, periodic rates, the transmit limit, passive ports, malformed
// input, markers, churn, port moves and removal. Aggregator selection is lacp_select_test.cc.
#include "proto/lacp/lacp.h"

#include <gtest/gtest.h>

#include <cstring>

#include "lacp_harness.h"
#include "wire/ethernet.h"

namespace uvn::proto {
namespace {

using test::decode_lacpdu;
using test::lacpdu_frame;
using test::LacpNet;
using namespace wire;  // NOLINT: state bits

constexpr uint8_t kNegotiatedSlow = 0x3d;  // activity, aggregation, sync, collecting, distributing
constexpr uint8_t kNegotiatedFast = 0x3f;  // ... and short timeout

LacpPortConfig port_cfg(LacpRate rate = LacpRate::kSlow, bool active = true) {
  LacpPortConfig c;
  c.key = lacp_linux_port_key(1000, true, 0);
  c.speed_mbps = 1000;
  c.rate = rate;
  c.active = active;
  return c;
}

// Two systems A (node 0) and B (node 1), `ports` links A.i -- B.i.
struct Pair {
  LacpNet net;
  int a, b;
  std::vector<int> links;
  explicit Pair(int ports, LacpPortConfig ca = port_cfg(), LacpPortConfig cb = port_cfg(),
                LacpConfig ea = {}, LacpConfig eb = {}) {
    a = net.add_node(1, ea);
    b = net.add_node(2, eb);
    for (int i = 1; i <= ports; ++i) {
      net.add_port(a, i, ca);
      net.add_port(b, i, cb);
    }
    for (int i = 1; i <= ports; ++i) links.push_back(net.connect(a, i, b, i));
  }
};

void expect_negotiated(LacpNet& net, int n, int port, uint8_t actor, uint8_t partner) {
  auto s = net.st(n, port);
  EXPECT_EQ(s.actor.state, actor) << "node " << n << " port " << port;
  EXPECT_EQ(s.partner.state, partner) << "node " << n << " port " << port;
  EXPECT_EQ(s.rx, LacpRxState::kCurrent);
  EXPECT_EQ(s.mux, LacpMuxState::kCollectingDistributing);
  EXPECT_TRUE(s.collecting);
  EXPECT_TRUE(s.distributing);
  EXPECT_EQ(net.node(n).datapath[port], std::make_pair(true, true));
}

TEST(LacpEngine, NegotiatesCollectingDistributingSlow) {
  Pair p(2);
  p.net.run_for(10 * kSec);
  for (int port : {1, 2}) {
    expect_negotiated(p.net, p.a, port, kNegotiatedSlow, kNegotiatedSlow);
    expect_negotiated(p.net, p.b, port, kNegotiatedSlow, kNegotiatedSlow);
  }
  // Each side records the other's identity.
  auto s = p.net.st(p.a, 2);
  EXPECT_EQ(s.partner.system, test::lacp_mac(0xff, 2));
  EXPECT_EQ(s.partner.system_priority, 65535);
  EXPECT_EQ(s.partner.port, 2);
  EXPECT_EQ(s.partner.port_priority, 255);
  EXPECT_EQ(s.partner.key, 9);
  EXPECT_EQ(s.actor.key, 9);
  EXPECT_EQ(s.actor.system, test::lacp_mac(0xff, 1));
  // Both ports share one aggregator, which is active, on both sides.
  for (int n : {p.a, p.b}) {
    Lacp& l = p.net.lacp(n);
    EXPECT_NE(l.port_aggregator_id(1), 0);
    EXPECT_EQ(l.port_aggregator_id(1), l.port_aggregator_id(2));
    auto act = l.active_aggregator();
    ASSERT_TRUE(act);
    EXPECT_EQ(act->id, l.port_aggregator_id(1));
    EXPECT_EQ(act->ports, (std::vector<int>{1, 2}));
    EXPECT_EQ(act->enabled_ports, 2u);
    EXPECT_EQ(act->actor_key, 9);
    EXPECT_EQ(act->partner_key, 9);
    EXPECT_EQ(act->partner_system, test::lacp_mac(0xff, n == p.a ? 2 : 1));
    EXPECT_EQ(act->bandwidth_mbps, 2000u);
    EXPECT_TRUE(l.carrier());
    EXPECT_TRUE(p.net.node(n).carrier);
    EXPECT_EQ(p.net.node(n).agg[1], act->id);
    EXPECT_EQ(p.net.node(n).active_log.back(), act->id);
    EXPECT_EQ(l.unsettled_runs(), 0u);
  }
  // Negotiation takes the aggregate wait (2 s) and a few exchanges, not more.
  auto first_cd = std::get<0>(p.net.node(p.a).datapath_log.back());
  EXPECT_GE(first_cd, 2 * kSec);
  EXPECT_LT(first_cd, 3 * kSec);
}

TEST(LacpEngine, NegotiatesFast) {
  Pair p(2, port_cfg(LacpRate::kFast), port_cfg(LacpRate::kFast));
  p.net.run_for(10 * kSec);
  for (int port : {1, 2}) {
    expect_negotiated(p.net, p.a, port, kNegotiatedFast, kNegotiatedFast);
    expect_negotiated(p.net, p.b, port, kNegotiatedFast, kNegotiatedFast);
  }
}

TEST(LacpEngine, PeriodicRateFollowsThePartnersTimeoutBit) {
  // A asks for fast (Timeout 1), B for slow: B sends every second, A every 30 s.
  Pair p(1, port_cfg(LacpRate::kFast), port_cfg(LacpRate::kSlow));
  p.net.run_for(10 * kSec);
  expect_negotiated(p.net, p.a, 1, kNegotiatedFast, kNegotiatedSlow);
  expect_negotiated(p.net, p.b, 1, kNegotiatedSlow, kNegotiatedFast);
  Nanos t0 = p.net.now();
  p.net.run_for(120 * kSec);
  size_t from_b = p.net.lacpdus(p.b, 1, t0).size();
  size_t from_a = p.net.lacpdus(p.a, 1, t0).size();
  EXPECT_GE(from_b, 119u);
  EXPECT_LE(from_b, 121u);
  EXPECT_GE(from_a, 3u);
  EXPECT_LE(from_a, 5u);
  // A's LACPDUs are exactly 30 s apart in steady state; B's 1 s.
  auto va = p.net.lacpdus(p.a, 1, t0);
  for (size_t i = 1; i < va.size(); ++i) EXPECT_EQ(va[i].at - va[i - 1].at, 30 * kSec);
  auto vb = p.net.lacpdus(p.b, 1, t0);
  for (size_t i = 1; i < vb.size(); ++i) EXPECT_EQ(vb[i].at - vb[i - 1].at, kSec);
  // What A sends carries A's fast request and its record of B.
  auto pdu = decode_lacpdu(va.back().frame);
  EXPECT_EQ(pdu.actor.state, kNegotiatedFast);
  EXPECT_EQ(pdu.partner.state, kNegotiatedSlow);
  EXPECT_EQ(pdu.actor.port, 1);
  EXPECT_EQ(pdu.partner.system, test::lacp_mac(0xff, 2));
  EXPECT_EQ(pdu.collector_max_delay, 0);
  EXPECT_EQ(EthernetView::parse(va.back().frame.data(), 124)->src(), LacpNet::port_mac(p.a, 1));
}

// The partner goes quiet (carrier stays): CURRENT for one timeout, EXPIRED for a short one,
// then DEFAULTED with the partner admin values.
void expect_expiry(LacpRate rate, Nanos timeout) {
  Pair p(1, port_cfg(rate), port_cfg(rate));
  p.net.run_for(10 * kSec);
  uint8_t negotiated = rate == LacpRate::kFast ? kNegotiatedFast : kNegotiatedSlow;
  expect_negotiated(p.net, p.a, 1, negotiated, negotiated);
  // The last LACPDU from B arrived at t_last; A's current_while runs from there.
  Nanos t_last = p.net.lacpdus(p.b, 1).back().at;
  p.net.set_silent(p.links[0], true);
  p.net.run_until(t_last + timeout - kMsec);
  EXPECT_EQ(p.net.st(p.a, 1).rx, LacpRxState::kCurrent);
  EXPECT_TRUE(p.net.lacp(p.a).port_distributing(1));

  p.net.run_until(t_last + timeout + kMsec);
  auto s = p.net.st(p.a, 1);
  EXPECT_EQ(s.rx, LacpRxState::kExpired);
  EXPECT_TRUE(s.actor.state & kLacpStateExpired);
  EXPECT_FALSE(s.partner.state & kLacpStateSynchronization);
  EXPECT_TRUE(s.partner.state & kLacpStateTimeout);      // forced to short timeout
  EXPECT_EQ(s.partner.system, test::lacp_mac(0xff, 2));  // still the recorded partner
  EXPECT_EQ(s.mux, LacpMuxState::kAttached);
  EXPECT_FALSE(s.collecting);
  EXPECT_FALSE(s.distributing);
  EXPECT_EQ(p.net.node(p.a).datapath[1], std::make_pair(false, false));

  p.net.run_until(t_last + timeout + kLacpShortTimeout - kMsec);
  EXPECT_EQ(p.net.st(p.a, 1).rx, LacpRxState::kExpired);
  // While expired the periodic rate is fast (the partner's timeout is short now).
  EXPECT_GE(p.net.lacpdus(p.a, 1, t_last + timeout).size(), 2u);

  p.net.run_until(t_last + timeout + kLacpShortTimeout + kMsec);
  s = p.net.st(p.a, 1);
  EXPECT_EQ(s.rx, LacpRxState::kDefaulted);
  EXPECT_FALSE(s.actor.state & kLacpStateExpired);
  EXPECT_TRUE(s.actor.state & kLacpStateDefaulted);
  EXPECT_EQ(s.partner, kLacpLinuxPartnerAdmin);
  EXPECT_EQ(s.periodic, LacpPeriodicState::kSlowPeriodic);
}

TEST(LacpEngine, PartnerExpiresAfterThreeSecondsFast) {
  expect_expiry(LacpRate::kFast, kLacpShortTimeout);
}

TEST(LacpEngine, PartnerExpiresAfterNinetySecondsSlow) {
  expect_expiry(LacpRate::kSlow, kLacpLongTimeout);
}

TEST(LacpEngine, RenegotiatesAfterTheLinkComesBack) {
  Pair p(1, port_cfg(LacpRate::kFast), port_cfg(LacpRate::kFast));
  p.net.run_for(10 * kSec);
  p.net.set_silent(p.links[0], true);
  p.net.run_for(10 * kSec);
  ASSERT_EQ(p.net.st(p.a, 1).rx, LacpRxState::kDefaulted);
  ASSERT_EQ(p.net.st(p.b, 1).rx, LacpRxState::kDefaulted);
  // Defaulted, both sides send every 30 s (the admin partner asks for slow): the next one
  // brings them back.
  p.net.set_silent(p.links[0], false);
  p.net.run_for(35 * kSec);
  expect_negotiated(p.net, p.a, 1, kNegotiatedFast, kNegotiatedFast);
  expect_negotiated(p.net, p.b, 1, kNegotiatedFast, kNegotiatedFast);

  // Carrier loss and return.
  p.net.set_link(p.links[0], false);
  auto s = p.net.st(p.a, 1);
  EXPECT_EQ(s.rx, LacpRxState::kPortDisabled);
  EXPECT_FALSE(s.enabled);
  EXPECT_FALSE(s.collecting);
  EXPECT_FALSE(p.net.lacp(p.a).carrier());
  size_t sent = p.net.node(p.a).sent.size();
  p.net.run_for(60 * kSec);
  EXPECT_EQ(p.net.node(p.a).sent.size(), sent);  // a down port sends nothing
  p.net.set_link(p.links[0], true);
  p.net.run_for(5 * kSec);
  expect_negotiated(p.net, p.a, 1, kNegotiatedFast, kNegotiatedFast);
  expect_negotiated(p.net, p.b, 1, kNegotiatedFast, kNegotiatedFast);
}

TEST(LacpEngine, LosingOnePortOfATwoPortLagKeepsTheOtherDistributing) {
  LacpConfig cfg;
  cfg.min_links = 2;
  Pair p(2, port_cfg(), port_cfg(), cfg);
  p.net.run_for(10 * kSec);
  uint16_t agg = p.net.lacp(p.a).active_aggregator_id();
  ASSERT_NE(agg, 0);
  EXPECT_TRUE(p.net.lacp(p.a).carrier());
  p.net.set_link(p.links[0], false);
  p.net.run_for(100 * kSec);  // past every timeout
  expect_negotiated(p.net, p.a, 2, kNegotiatedSlow, kNegotiatedSlow);
  expect_negotiated(p.net, p.b, 2, kNegotiatedSlow, kNegotiatedSlow);
  EXPECT_FALSE(p.net.lacp(p.a).port_collecting(1));
  EXPECT_EQ(p.net.node(p.a).datapath[1], std::make_pair(false, false));
  EXPECT_EQ(p.net.lacp(p.a).active_aggregator_id(), agg);
  auto act = p.net.lacp(p.a).active_aggregator();
  ASSERT_TRUE(act);
  EXPECT_EQ(act->enabled_ports, 1u);
  EXPECT_EQ(act->bandwidth_mbps, 1000u);
  // min_links 2: no carrier with one port left; min_links 1 gives it back.
  EXPECT_FALSE(p.net.lacp(p.a).carrier());
  EXPECT_FALSE(p.net.node(p.a).carrier);
  cfg.system = p.net.lacp(p.a).config().system;
  cfg.min_links = 1;
  p.net.lacp(p.a).set_config(cfg, p.net.now());
  EXPECT_TRUE(p.net.node(p.a).carrier);
  // The port comes back into the same LAG.
  p.net.set_link(p.links[0], true);
  p.net.run_for(5 * kSec);
  expect_negotiated(p.net, p.a, 1, kNegotiatedSlow, kNegotiatedSlow);
  EXPECT_EQ(p.net.lacp(p.a).port_aggregator_id(1), agg);
}

TEST(LacpEngine, TransmitsAtMostThreePerSecondAndDefersTheRest) {
  Pair p(1, port_cfg(LacpRate::kFast), port_cfg(LacpRate::kFast));
  p.net.run_for(10 * kSec);
  Nanos t0 = p.net.now();
  // Ten changes of what A says within ten microseconds: at most three go out now (fewer when
  // a periodic LACPDU went out in the last second)...
  LacpPortConfig c = port_cfg(LacpRate::kFast);
  for (int i = 0; i < 10; ++i) {
    c.port_priority = uint16_t(100 + i);
    p.net.lacp(p.a).set_port_config(1, c, t0 + i * kUsec);
    p.net.deliver();
  }
  auto sent = p.net.lacpdus(p.a, 1, t0);
  EXPECT_GE(sent.size(), 1u);
  EXPECT_LE(sent.size(), 3u);
  EXPECT_EQ(p.net.max_in_window(p.a, 1), kLacpMaxTxPerInterval);
  EXPECT_TRUE(p.net.st(p.a, 1).ntt);
  EXPECT_NE(p.net.st(p.b, 1).partner.port_priority, 109);
  EXPECT_GT(p.net.lacp(p.a).next_deadline(), t0 + 9 * kUsec);
  EXPECT_LE(p.net.lacp(p.a).next_deadline(), t0 + kSec);
  // ... and the deferred one leaves when the window allows, with the latest state.
  p.net.run_until(t0 + kSec + kMsec);
  auto later = p.net.lacpdus(p.a, 1, t0);
  ASSERT_GT(later.size(), sent.size());
  EXPECT_EQ(decode_lacpdu(later[sent.size()].frame).actor.port_priority, 109);
  EXPECT_FALSE(p.net.st(p.a, 1).ntt);
  EXPECT_EQ(p.net.st(p.b, 1).partner.port_priority, 109);
  p.net.run_for(30 * kSec);
  EXPECT_LE(p.net.max_in_window(p.a, 1), kLacpMaxTxPerInterval);
  expect_negotiated(p.net, p.a, 1, kNegotiatedFast, kNegotiatedFast);
}

TEST(LacpEngine, PassivePassiveNeverTalksButPassiveActiveNegotiates) {
  {
    Pair p(2, port_cfg(LacpRate::kSlow, false), port_cfg(LacpRate::kSlow, false));
    p.net.run_for(200 * kSec);
    EXPECT_TRUE(p.net.node(p.a).sent.empty());
    EXPECT_TRUE(p.net.node(p.b).sent.empty());
    for (int n : {p.a, p.b}) {
      for (int port : {1, 2}) {
        auto s = p.net.st(n, port);
        EXPECT_EQ(s.rx, LacpRxState::kDefaulted);
        EXPECT_EQ(s.periodic, LacpPeriodicState::kNoPeriodic);
        EXPECT_FALSE(s.actor.state & kLacpStateActivity);
        EXPECT_FALSE(s.actor.state & kLacpStateCollecting);
        EXPECT_EQ(s.partner, kLacpLinuxPartnerAdmin);
        EXPECT_EQ(s.counters.lacpdu_rx, 0u);
      }
      // Each port is alone in an individual aggregator.
      EXPECT_NE(p.net.lacp(n).port_aggregator_id(1), p.net.lacp(n).port_aggregator_id(2));
    }
  }
  {
    Pair p(2, port_cfg(LacpRate::kSlow, false), port_cfg(LacpRate::kSlow, true));
    p.net.run_for(10 * kSec);
    for (int port : {1, 2}) {
      expect_negotiated(p.net, p.a, port, kNegotiatedSlow & ~kLacpStateActivity, kNegotiatedSlow);
      expect_negotiated(p.net, p.b, port, kNegotiatedSlow, kNegotiatedSlow & ~kLacpStateActivity);
    }
    // The passive side answered: it did not speak first.
    Nanos first_a = p.net.lacpdus(p.a, 1).front().at;
    Nanos first_b = p.net.lacpdus(p.b, 1).front().at;
    EXPECT_LE(first_b, first_a);
    EXPECT_GT(p.net.node(p.a).sent.size(), 0u);
    // When the active partner goes away the passive side falls silent once defaulted.
    p.net.set_silent(p.links[0], true);
    p.net.set_silent(p.links[1], true);
    p.net.run_for(100 * kSec);
    ASSERT_EQ(p.net.st(p.a, 1).rx, LacpRxState::kDefaulted);
    size_t sent = p.net.node(p.a).sent.size();
    p.net.run_for(100 * kSec);
    EXPECT_EQ(p.net.node(p.a).sent.size(), sent);
  }
}

TEST(LacpEngine, FloodOnOnePortLeavesTheOthersAloneAndTransmitLimited) {
  Pair p(3, port_cfg(LacpRate::kFast), port_cfg(LacpRate::kFast));
  p.net.run_for(10 * kSec);
  for (int port : {1, 2, 3}) expect_negotiated(p.net, p.a, port, kNegotiatedFast, kNegotiatedFast);
  uint16_t agg = p.net.lacp(p.a).active_aggregator_id();
  // Port 1 of A is unplugged from B and flooded with LACPDUs from a stranger whose view of A
  // is wrong (so every one of them asks for an answer), 10,000 a second for 5 seconds.
  p.net.set_silent(p.links[0], true);
  uint64_t rx_before = p.net.st(p.a, 1).counters.lacpdu_rx;
  LacpduRepr flood;
  flood.actor = LacpInfo{0x10, test::lacp_mac(0xee, 1), 77, 1, 5, kNegotiatedFast};
  flood.partner = LacpInfo{1, test::lacp_mac(0xee, 9), 3, 3, 3, 0x3f};
  Nanos t0 = p.net.now();
  for (int i = 0; i < 50'000; ++i) {
    Nanos t = t0 + i * (kSec / 10'000);
    p.net.run_until(t);
    flood.actor.port = uint16_t(i);  // a new port number each time: constant reselection
    auto f = lacpdu_frame(flood, test::lacp_mac(0xee, 1));
    ASSERT_TRUE(p.net.inject(p.a, 1, f));
    if (i % 10'000 == 0) {
      for (int port : {2, 3}) {
        expect_negotiated(p.net, p.a, port, kNegotiatedFast, kNegotiatedFast);
        expect_negotiated(p.net, p.b, port, kNegotiatedFast, kNegotiatedFast);
        EXPECT_EQ(p.net.lacp(p.a).port_aggregator_id(port), agg);
      }
    }
  }
  p.net.run_for(kSec);
  EXPECT_EQ(p.net.st(p.a, 1).counters.lacpdu_rx, rx_before + 50'000u);
  EXPECT_EQ(p.net.st(p.a, 1).partner.system, test::lacp_mac(0xee, 1));
  EXPECT_NE(p.net.lacp(p.a).port_aggregator_id(1), agg);
  for (int port : {2, 3}) {
    expect_negotiated(p.net, p.a, port, kNegotiatedFast, kNegotiatedFast);
    EXPECT_EQ(p.net.lacp(p.a).port_aggregator_id(port), agg);
  }
  EXPECT_EQ(p.net.lacp(p.a).active_aggregator_id(), agg);
  for (int port : {1, 2, 3}) {
    EXPECT_LE(p.net.max_in_window(p.a, port), kLacpMaxTxPerInterval) << port;
    EXPECT_LE(p.net.max_in_window(p.b, port), kLacpMaxTxPerInterval) << port;
  }
  // The flooded port did answer, as often as allowed.
  EXPECT_GE(p.net.lacpdus(p.a, 1, t0, t0 + 5 * kSec).size(), 14u);
  EXPECT_EQ(p.net.lacp(p.a).unsettled_runs(), 0u);
}

TEST(LacpEngine, MalformedFramesAreCountedAndChangeNothing) {
  Pair p(1);
  p.net.run_for(10 * kSec);
  auto before = p.net.st(p.a, 1);
  LacpduRepr r;
  r.actor = LacpInfo{1, test::lacp_mac(0xee, 1), 1, 1, 1, 0x3d};
  auto good = lacpdu_frame(r, test::lacp_mac(0xee, 1));

  auto shorter = good;
  shorter.resize(100);
  EXPECT_TRUE(p.net.inject(p.a, 1, shorter));
  auto bad_len = good;
  bad_len[14 + 3] = 19;
  EXPECT_TRUE(p.net.inject(p.a, 1, bad_len));
  auto subtype0 = good;
  subtype0[14] = 0;
  EXPECT_TRUE(p.net.inject(p.a, 1, subtype0));
  auto oam = good;
  oam[14] = 3;
  EXPECT_FALSE(p.net.inject(p.a, 1, oam));  // another slow protocol: passed on
  auto marker_unknown = good;
  marker_unknown[14] = 2;
  marker_unknown[16] = 5;
  EXPECT_TRUE(p.net.inject(p.a, 1, marker_unknown));
  auto not_slow = good;
  not_slow[12] = 0x08;
  not_slow[13] = 0x00;
  EXPECT_FALSE(p.net.inject(p.a, 1, not_slow));
  auto other_dst = good;
  other_dst[5] = 0x0e;
  EXPECT_FALSE(p.net.inject(p.a, 1, other_dst));
  // Unknown ports: nothing happens.
  EXPECT_FALSE(p.net.lacp(p.a).receive(7, not_slow.data(), not_slow.size(), p.net.now()));

  auto after = p.net.st(p.a, 1);
  EXPECT_EQ(after.counters.lacpdu_illegal_rx, before.counters.lacpdu_illegal_rx + 3);
  EXPECT_EQ(after.counters.lacpdu_unknown_rx, before.counters.lacpdu_unknown_rx + 1);
  EXPECT_EQ(after.counters.marker_unknown_rx, 1u);
  EXPECT_EQ(after.counters.lacpdu_rx, before.counters.lacpdu_rx);
  EXPECT_EQ(after.partner, before.partner);
  EXPECT_EQ(after.actor, before.actor);
  EXPECT_EQ(after.rx, before.rx);
  EXPECT_EQ(after.mux, before.mux);
  EXPECT_EQ(after.aggregator_id, before.aggregator_id);
  // And the LACPDU it was made from is taken (a different partner: the port reselects). B
  // would correct A at once: the link goes quiet first.
  p.net.set_silent(p.links[0], true);
  EXPECT_TRUE(p.net.inject(p.a, 1, good));
  EXPECT_EQ(p.net.st(p.a, 1).counters.lacpdu_rx, before.counters.lacpdu_rx + 1);
  EXPECT_EQ(p.net.st(p.a, 1).partner.system, test::lacp_mac(0xee, 1));
}

TEST(LacpEngine, LoopedBackLacpdusAreIgnored) {
  LacpNet net;
  int a = net.add_node(1);
  net.add_port(a, 1, port_cfg());
  net.add_port(a, 2, port_cfg());
  net.connect(a, 1, a, 2);  // a cable from port 1 to port 2 of the same system
  net.run_for(20 * kSec);
  for (int port : {1, 2}) {
    auto s = net.st(a, port);
    EXPECT_GT(s.counters.lacpdu_rx, 0u);
    EXPECT_EQ(s.rx, LacpRxState::kDefaulted);
    EXPECT_TRUE(s.partner.system.is_zero());
  }
}

TEST(LacpEngine, AnswersMarkerInformation) {
  Pair p(1);
  p.net.run_for(5 * kSec);
  MarkerRepr m;
  m.requester_port = 7;
  m.requester_system = test::lacp_mac(0xee, 1);
  m.requester_transaction_id = 0xdeadbeef;
  std::vector<uint8_t> f(kSlowFrameLen);
  m.emit_frame(test::lacp_mac(0xee, 1), f.data());
  size_t before = p.net.node(p.a).sent.size();
  EXPECT_TRUE(p.net.inject(p.a, 1, f));
  ASSERT_EQ(p.net.node(p.a).sent.size(), before + 1);
  auto& resp = p.net.node(p.a).sent.back();
  EXPECT_EQ(resp.port_no, 1);
  SlowPdu s = classify_slow_frame(resp.frame.data(), resp.frame.size());
  ASSERT_EQ(s.kind, SlowPduKind::kMarkerResponse);
  EXPECT_EQ(MarkerRepr::parse(*MarkerView::parse(s.data, s.len)), m.as_response());
  EXPECT_EQ(EthernetView::parse(resp.frame.data(), resp.frame.size())->src(),
            LacpNet::port_mac(p.a, 1));
  auto c = p.net.st(p.a, 1).counters;
  EXPECT_EQ(c.marker_rx, 1u);
  EXPECT_EQ(c.marker_response_tx, 1u);
  EXPECT_EQ(c.marker_tx, 0u);
  // B got the response (the link carries it): counted, nothing else.
  EXPECT_EQ(p.net.st(p.b, 1).counters.marker_response_rx, 1u);
  // At most ten answers a second.
  for (int i = 0; i < 25; ++i) p.net.inject(p.a, 1, f);
  c = p.net.st(p.a, 1).counters;
  EXPECT_EQ(c.marker_rx, 26u);
  EXPECT_EQ(c.marker_response_tx, 10u);
  EXPECT_EQ(c.marker_response_dropped, 16u);
  p.net.run_for(kSec);
  p.net.inject(p.a, 1, f);
  EXPECT_EQ(p.net.st(p.a, 1).counters.marker_response_tx, 11u);
}

TEST(LacpEngine, DetectsPartnerChurnWithoutAPartner) {
  LacpNet net;
  int a = net.add_node(1);
  int b = net.add_node(2);
  net.add_port(a, 1, port_cfg());
  net.add_port(b, 1, port_cfg());
  int l = net.connect(a, 1, b, 1, true);  // the switch does not speak LACP
  net.run_until(60 * kSec - kMsec);
  auto s = net.st(a, 1);
  EXPECT_EQ(s.partner_churn, LacpChurnState::kMonitor);
  // A lone port in the active aggregator is in sync itself (as Linux): no actor churn.
  EXPECT_EQ(s.actor_churn, LacpChurnState::kNoChurn);
  net.run_until(60 * kSec + kMsec);
  s = net.st(a, 1);
  EXPECT_EQ(s.partner_churn, LacpChurnState::kChurn);
  EXPECT_EQ(s.partner_churn_count, 1u);
  EXPECT_EQ(lacp_churn_state_name(s.partner_churn), "churned");
  EXPECT_EQ(lacp_churn_state_name(s.actor_churn), "none");
  // The partner starts talking: no churn any more; the count stays.
  net.set_silent(l, false);
  net.run_for(40 * kSec);  // both defaulted: the next slow periodic LACPDU starts it
  s = net.st(a, 1);
  EXPECT_EQ(s.partner_churn, LacpChurnState::kNoChurn);
  EXPECT_EQ(s.actor_churn, LacpChurnState::kNoChurn);
  EXPECT_EQ(s.partner_churn_count, 1u);
  EXPECT_EQ(s.actor_churn_count, 0u);
}

TEST(LacpEngine, ANegotiatedPairNeverChurns) {
  Pair p(2);
  p.net.run_for(200 * kSec);
  for (int n : {p.a, p.b}) {
    for (int port : {1, 2}) {
      auto s = p.net.st(n, port);
      EXPECT_EQ(s.actor_churn, LacpChurnState::kNoChurn);
      EXPECT_EQ(s.partner_churn, LacpChurnState::kNoChurn);
      EXPECT_EQ(s.actor_churn_count + s.partner_churn_count, 0u);
    }
  }
}

TEST(LacpEngine, AMovedCableReinitializesTheOldPort) {
  LacpNet net;
  int a = net.add_node(1);
  int b = net.add_node(2);
  net.add_port(a, 1, port_cfg());
  net.add_port(a, 2, port_cfg());
  net.add_port(b, 1, port_cfg());
  int l = net.connect(b, 1, a, 1);
  net.run_for(10 * kSec);
  expect_negotiated(net, a, 1, kNegotiatedSlow, kNegotiatedSlow);
  // The cable moves from A.1 to A.2: A.1 is down but remembers B.1 as its partner...
  net.move_end_b(l, 2);
  EXPECT_EQ(net.st(a, 1).rx, LacpRxState::kPortDisabled);
  net.run_for(10 * kSec);
  // ... until B.1's LACPDU arrives on A.2: A.1 is moved, re-initialized to the defaults.
  auto s1 = net.st(a, 1);
  EXPECT_EQ(s1.rx, LacpRxState::kPortDisabled);
  EXPECT_EQ(s1.partner, kLacpLinuxPartnerAdmin);
  EXPECT_TRUE(s1.actor.state & kLacpStateDefaulted);
  expect_negotiated(net, a, 2, kNegotiatedSlow, kNegotiatedSlow);
  EXPECT_NE(net.lacp(a).port_aggregator_id(1), net.lacp(a).port_aggregator_id(2));
}

TEST(LacpEngine, RemovingAPortSaysGoodbyeAndMovesItsLag) {
  Pair p(2);
  p.net.run_for(10 * kSec);
  Lacp& a = p.net.lacp(p.a);
  ASSERT_EQ(a.port_aggregator_id(1), 1);  // the LAG lives in port 1's slot
  ASSERT_EQ(a.port_aggregator_id(2), 1);
  size_t before = p.net.node(p.a).sent.size();
  a.remove_port(1, p.net.now());
  // The last LACPDU on port 1 says Individual.
  ASSERT_EQ(p.net.node(p.a).sent.size(), before + 1);
  auto bye = decode_lacpdu(p.net.node(p.a).sent.back().frame);
  EXPECT_FALSE(bye.actor.state & kLacpStateAggregation);
  p.net.deliver();
  // Port 2's LAG moved to port 2's own slot: id 2, still active, still distributing.
  EXPECT_EQ(a.port_aggregator_id(2), 2);
  EXPECT_EQ(a.active_aggregator_id(), 2);
  EXPECT_EQ(p.net.node(p.a).agg[2], 2);
  EXPECT_EQ(p.net.node(p.a).active_log.back(), 2);
  EXPECT_TRUE(a.port_distributing(2));
  EXPECT_EQ(a.port_numbers(), std::vector<int>{2});
  EXPECT_FALSE(a.port_status(1));
  p.net.run_for(100 * kSec);
  expect_negotiated(p.net, p.a, 2, kNegotiatedSlow, kNegotiatedSlow);
  // B's port 1 heard the goodbye and left the LAG, then timed out.
  EXPECT_NE(p.net.lacp(p.b).port_aggregator_id(1), p.net.lacp(p.b).port_aggregator_id(2));
}

TEST(LacpEngine, TimersNeverLieInThePast) {
  Pair p(2, port_cfg(LacpRate::kFast), port_cfg());
  for (int i = 0; i < 200; ++i) {
    p.net.run_for(317 * kMsec);
    for (int n : {p.a, p.b}) {
      Nanos d = p.net.lacp(n).next_deadline();
      EXPECT_GT(d, p.net.now());
      EXPECT_LE(d, p.net.now() + kLacpSlowPeriodic + kLacpLongTimeout);
    }
    if (i == 50) p.net.set_link(p.links[1], false);
    if (i == 120) p.net.set_link(p.links[1], true);
  }
  // A long jump in time: everything due fires, nothing breaks.
  p.net.lacp(p.a).tick(p.net.now() + 24 * 3600 * kSec);
  EXPECT_GT(p.net.lacp(p.a).next_deadline(), p.net.now() + 24 * 3600 * kSec);
}

}  // namespace
}  // namespace uvn::proto
