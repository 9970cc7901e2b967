// Issue 5: 802.3ad between two uvn bonds under virtual time. Bond A (bondA over a0, a1) and
// bond B (bondB over b0, b1) are cabled back to back by two veth pairs (a0-b0, a1-b1); a
// handler in front of each slave's bond records the slow-protocol frames (EtherType 0x8809)
// that arrive there, with their time. Checked against 802.1AX-2008 clause 5 and Linux:
// * negotiation reaches actor and partner state 0x3f (lacp_rate fast) / 0x3d (slow) on both
//   ports of both bonds;
// * a partner that stops speaking while the carrier stays (B set down: Linux's bond_close stops
//   the 802.3ad machines but leaves the slaves up, so the veth carrier and A's MII monitor stay
//   up) expires one timeout (3 s fast / 90 s slow) after its last LACPDU, not before, and is
//   defaulted one short timeout (3 s) later; both sides negotiate again when B comes back;
// * 10,000 LACPDUs a second from a stranger on one of A's ports for 3 s leave A's other port
//   alone and A's own LACPDUs within 3 per second per port;
// * malformed LACPDUs are counted as illegal and change nothing;
// * the bond-level 802.3ad counters (ip -s link xstats type bond 802.3ad) follow the LACPDUs on
//   the wire.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "dev/bond/bond.h"
#include "dev/veth/veth.h"
#include "wire/lacp.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn {

namespace {

using Bytes = std::vector<uint8_t>;
using proto::LacpRxState;

constexpr uint8_t kNegotiatedFast = 0x3f;  // activity, timeout, aggregation, sync, coll, dist
constexpr uint8_t kNegotiatedSlow = 0x3d;  // the same with long timeout

// Records the slow-protocol frames a device receives (before its bond sees them).
struct SlowTap : RxHandler {
  Engine* engine = nullptr;
  struct Rx {
    Nanos at;
    Bytes frame;
  };
  std::vector<Rx> got;
  RxResult handle_frame(Device&, Frame& f, Device*&) override {
    if (f.size() >= 14 && f.data()[12] == 0x88 && f.data()[13] == 0x09)
      got.push_back({engine->now(), Bytes(f.data(), f.data() + f.size())});
    return RxResult::kPass;
  }
  // Times of the LACPDUs (subtype 1) received in [from, to).
  std::vector<Nanos> lacpdus(Nanos from = 0, Nanos to = kForever) const {
    std::vector<Nanos> v;
    for (auto& r : got)
      if (r.frame.size() > 14 && r.frame[14] == wire::kSlowSubtypeLacp && r.at >= from && r.at < to)
        v.push_back(r.at);
    return v;
  }
};

// The most LACPDUs in any window [t, t + 1 s).
int max_per_second(const std::vector<Nanos>& v) {
  int best = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    int c = 0;
    for (size_t j = i; j < v.size() && v[j] < v[i] + kSec; ++j) ++c;
    best = std::max(best, c);
  }
  return best;
}

struct LacpRig {
  World w{7};
  Netns& ns = w.init_ns();
  BondDevice* a = nullptr;
  BondDevice* b = nullptr;
  std::array<VethDevice*, 2> as{}, bs{};
  std::array<SlowTap, 2> at_a, at_b;  // at_a[i] on a_i: what B sends; at_b[i]: what A sends

  BondDevice* make_bond(const std::string& name, bool fast) {
    auto d = std::make_unique<BondDevice>(&ns);
    d->set_name(name);
    d->set_random_mac(w.random_mac());
    auto* bond = static_cast<BondDevice*>(ns.attach(std::move(d)));
    bond->set_opt(kBondMode, uint64_t(BondMode::k8023ad));
    bond->set_opt(kBondMiimon, 100);
    bond->set_opt(kBondLacpRate, fast ? 1 : 0);
    return bond;
  }

  explicit LacpRig(bool fast) {
    a = make_bond("bondA", fast);
    b = make_bond("bondB", fast);
    for (size_t i = 0; i < 2; ++i) {
      auto x = std::make_unique<VethDevice>(&ns);
      auto y = std::make_unique<VethDevice>(&ns);
      VethDevice::pair(*x, *y);
      x->set_name("a" + std::to_string(i));
      y->set_name("b" + std::to_string(i));
      x->set_mac(w.random_mac());
      y->set_mac(w.random_mac());
      as[i] = static_cast<VethDevice*>(ns.attach(std::move(x)));
      bs[i] = static_cast<VethDevice*>(ns.attach(std::move(y)));
      EXPECT_TRUE(a->add_slave(*as[i]));
      EXPECT_TRUE(b->add_slave(*bs[i]));
      at_a[i].engine = at_b[i].engine = &w.engine();
      as[i]->add_rx_handler(&at_a[i], true);
      bs[i]->add_rx_handler(&at_b[i], true);
    }
    a->open();
    b->open();
    w.engine().settle();
  }
  Nanos now() { return w.engine().now(); }
  void run_until(Nanos t) { w.engine().advance_to(t); }
  void run_for(Nanos d) { w.engine().advance_to(now() + d); }

  static int port_no(const BondDevice* bond, const VethDevice* d) {
    const BondSlave* s = bond->slave_of(*d);
    return s ? s->ad_port_no : -1;
  }
  static proto::LacpPortStatus st(const BondDevice* bond, const VethDevice* d) {
    auto s = bond->lacp() ? bond->lacp()->port_status(port_no(bond, d)) : std::nullopt;
    return s ? *s : proto::LacpPortStatus{};
  }
  // Sends a frame from the device (as a packet socket on it would).
  void send_from(VethDevice* d, const Bytes& f) {
    d->transmit(w.engine().pool().from_bytes(f.data(), f.size()));
    w.engine().settle();
  }
};

// Both ports of `bond` negotiated with `other`: actor and partner state `state`, CURRENT,
// distributing, in one aggregator of two ports with `other` as its partner.
void expect_negotiated(const BondDevice* bond, const std::array<VethDevice*, 2>& devs,
                       const BondDevice* other, uint8_t state) {
  ASSERT_NE(bond->lacp(), nullptr) << bond->name();
  uint16_t agg = 0;
  for (const VethDevice* d : devs) {
    SCOPED_TRACE(bond->name() + " port " + d->name());
    const BondSlave* s = bond->slave_of(*d);
    ASSERT_NE(s, nullptr);
    auto p = bond->ad_port(*s);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->actor_state, state);
    EXPECT_EQ(p->partner_state, state);
    EXPECT_EQ(p->partner_system, other->ad_system());
    if (agg == 0) agg = p->aggregator_id;
    EXPECT_EQ(p->aggregator_id, agg);
    auto ps = bond->lacp()->port_status(s->ad_port_no);
    ASSERT_TRUE(ps.has_value());
    EXPECT_EQ(ps->rx, LacpRxState::kCurrent);
    EXPECT_TRUE(ps->distributing);
    EXPECT_TRUE(s->can_tx());
  }
  auto info = bond->ad_info();
  ASSERT_TRUE(info.has_value()) << bond->name();
  EXPECT_EQ(info->aggregator, agg);
  EXPECT_EQ(info->num_ports, 2u);
  EXPECT_EQ(info->partner_mac, other->ad_system());
  EXPECT_TRUE(bond->carrier()) << bond->name();
}

void negotiates(bool fast) {
  LacpRig r(fast);
  EXPECT_NE(r.a->ad_system(), r.b->ad_system());
  r.run_for(10 * kSec);
  const uint8_t want = fast ? kNegotiatedFast : kNegotiatedSlow;
  expect_negotiated(r.a, r.as, r.b, want);
  expect_negotiated(r.b, r.bs, r.a, want);
}

// B stops speaking (bondB down, its slaves and so the carrier stay up): each of A's ports
// stays CURRENT until `timeout` after B's last LACPDU on it, is EXPIRED from then for a short
// timeout, then DEFAULTED; B back up: both negotiate again.
void expires_and_renegotiates(bool fast) {
  const Nanos timeout = fast ? 3 * kSec : 90 * kSec;
  const uint8_t want = fast ? kNegotiatedFast : kNegotiatedSlow;
  LacpRig r(fast);
  r.run_for(10 * kSec);
  expect_negotiated(r.a, r.as, r.b, want);
  expect_negotiated(r.b, r.bs, r.a, want);
  // Let B's LACPDUs fall at some other moment than the bond going down.
  r.run_for(fast ? 1234 * kMsec : 17 * kSec);

  r.b->close();  // ip link set bondB down
  r.w.engine().settle();
  EXPECT_EQ(r.b->lacp(), nullptr);
  std::array<Nanos, 2> t_last{};
  std::array<size_t, 2> heard{};
  for (size_t i = 0; i < 2; ++i) {
    auto v = r.at_a[i].lacpdus();
    ASSERT_FALSE(v.empty());
    t_last[i] = v.back();
    heard[i] = v.size();
    EXPECT_TRUE(r.bs[i]->is_up());
    EXPECT_TRUE(r.as[i]->carrier());  // nothing for the MII monitor to see
  }

  enum Want { kCurrent, kExpired, kDefaulted };
  std::vector<std::tuple<Nanos, size_t, Want>> checks;
  for (size_t i = 0; i < 2; ++i) {
    checks.emplace_back(t_last[i] + timeout - 5 * kMsec, i, kCurrent);
    checks.emplace_back(t_last[i] + timeout + 5 * kMsec, i, kExpired);
    checks.emplace_back(t_last[i] + timeout + 3 * kSec - 5 * kMsec, i, kExpired);
    checks.emplace_back(t_last[i] + timeout + 3 * kSec + 5 * kMsec, i, kDefaulted);
  }
  std::sort(checks.begin(), checks.end());
  for (auto& [t, i, what] : checks) {
    ASSERT_GE(t, r.now());
    r.run_until(t);
    const VethDevice* d = r.as[i];
    auto s = LacpRig::st(r.a, d);
    const uint8_t actor = s.actor.state;
    SCOPED_TRACE("port " + d->name() + " at +" + std::to_string((t - t_last[i]) / kMsec) +
                 " ms after B's last LACPDU");
    switch (what) {
      case kCurrent:
        EXPECT_EQ(s.rx, LacpRxState::kCurrent);
        EXPECT_FALSE(actor & wire::kLacpStateExpired);
        EXPECT_EQ(actor, want);
        EXPECT_TRUE(s.distributing);
        break;
      case kExpired:
        EXPECT_EQ(s.rx, LacpRxState::kExpired);
        EXPECT_TRUE(actor & wire::kLacpStateExpired);
        EXPECT_FALSE(actor & wire::kLacpStateDefaulted);
        EXPECT_FALSE(s.partner.state & wire::kLacpStateSynchronization);
        EXPECT_TRUE(s.partner.state & wire::kLacpStateTimeout);  // forced to short timeout
        EXPECT_FALSE(s.distributing);
        EXPECT_EQ(s.partner.system, r.b->ad_system());  // still the recorded partner
        break;
      case kDefaulted:
        EXPECT_EQ(s.rx, LacpRxState::kDefaulted);
        EXPECT_TRUE(actor & wire::kLacpStateDefaulted);
        EXPECT_FALSE(actor & wire::kLacpStateExpired);
        EXPECT_TRUE(s.partner.system.is_zero());  // Linux's partner admin defaults
        break;
    }
    // The MII monitor never saw a link go down.
    EXPECT_EQ(r.a->slave_of(*d)->link, BondLink::kUp);
  }
  for (size_t i = 0; i < 2; ++i) EXPECT_EQ(r.at_a[i].lacpdus().size(), heard[i]);

  r.b->open();  // ip link set bondB up
  r.run_for(10 * kSec);
  expect_negotiated(r.a, r.as, r.b, want);
  expect_negotiated(r.b, r.bs, r.a, want);
}

}  // namespace

TEST(BondLacp, FastNegotiatesActorAndPartner0x3f) {
  negotiates(true);
}

TEST(BondLacp, SlowNegotiatesActorAndPartner0x3d) {
  negotiates(false);
}

TEST(BondLacp, FastPartnerSilentExpiresAfter3sDefaultsAfter6sAndComesBack) {
  expires_and_renegotiates(true);
}

TEST(BondLacp, SlowPartnerSilentExpiresAfter90sDefaultsAfter93sAndComesBack) {
  expires_and_renegotiates(false);
}

// 10,000 LACPDUs a second for 3 s at a0, from b0, sent by a stranger system whose view of A is
// wrong (each one asks for an answer) and with a new port number each time. A's port a1 keeps
// its state and aggregator throughout, and A sends at most 3 LACPDUs in any second on either
// port.
TEST(BondLacp, FloodOnOnePortLeavesTheOtherAloneAndTransmitStaysLimited) {
  LacpRig r(true);
  r.run_for(10 * kSec);
  expect_negotiated(r.a, r.as, r.b, kNegotiatedFast);
  const BondSlave* a1 = r.a->slave_of(*r.as[1]);
  ASSERT_NE(a1, nullptr);
  const uint16_t agg = r.a->ad_port(*a1)->aggregator_id;
  const uint16_t active = r.a->ad_info()->aggregator;
  const uint64_t rx_before = r.a->ad_stats(r.a->slave_of(*r.as[0])).lacpdu_rx;

  wire::LacpduRepr flood;
  const MacAddr stranger{{0x02, 0xee, 0, 0, 0, 1}};
  flood.actor = wire::LacpInfo{0x10, stranger, 77, 1, 5, kNegotiatedFast};
  flood.partner = wire::LacpInfo{1, MacAddr{{0x02, 0xee, 0, 0, 0, 9}}, 3, 3, 3, 0x3f};
  Bytes frame(wire::kSlowFrameLen);
  const Nanos t0 = r.now();
  bool partner_was_stranger = false;
  constexpr int kFrames = 30'000;
  for (int i = 0; i < kFrames; ++i) {
    r.run_until(t0 + Nanos(i) * (kSec / 10'000));
    flood.actor.port = uint16_t(i + 100);
    ASSERT_EQ(flood.emit_frame(stranger, frame.data()), frame.size());
    r.send_from(r.bs[0], frame);
    if (i % 1000 == 0) {
      SCOPED_TRACE("flood frame " + std::to_string(i));
      auto p = r.a->ad_port(*a1);
      ASSERT_TRUE(p.has_value());
      EXPECT_EQ(p->actor_state, kNegotiatedFast);
      EXPECT_EQ(p->partner_state, kNegotiatedFast);
      EXPECT_EQ(p->partner_system, r.b->ad_system());
      EXPECT_EQ(p->aggregator_id, agg);
      EXPECT_TRUE(a1->can_tx());
      EXPECT_EQ(r.a->ad_info()->aggregator, active);
      EXPECT_TRUE(r.a->carrier());
    }
    if (LacpRig::st(r.a, r.as[0]).partner.system == stranger) partner_was_stranger = true;
  }
  r.run_for(kSec);
  const Nanos t1 = r.now();
  // The flood did reach A's port and was taken as LACPDUs.
  EXPECT_GE(r.a->ad_stats(r.a->slave_of(*r.as[0])).lacpdu_rx, rx_before + kFrames);
  EXPECT_TRUE(partner_was_stranger);
  auto p = r.a->ad_port(*a1);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->actor_state, kNegotiatedFast);
  EXPECT_EQ(p->partner_state, kNegotiatedFast);
  EXPECT_EQ(p->aggregator_id, agg);
  EXPECT_EQ(r.a->ad_info()->aggregator, active);
  for (size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE("A's port " + r.as[i]->name());
    auto sent = r.at_b[i].lacpdus(t0, t1);
    EXPECT_LE(max_per_second(sent), 3);
    // Over the whole run, negotiation included.
    EXPECT_LE(max_per_second(r.at_b[i].lacpdus()), 3);
  }
  // The flooded port did answer, as often as allowed (so the limit above was tested).
  EXPECT_GE(r.at_b[0].lacpdus(t0, t0 + 3 * kSec).size(), 6u);
}

// Truncated LACPDUs and LACPDUs with a wrong Information Length are counted as illegal (per
// port and for the bond) and change nothing; the same LACPDU intact is taken.
TEST(BondLacp, MalformedLacpdusAreCountedAndChangeNothing) {
  LacpRig r(true);
  r.run_for(10 * kSec);
  expect_negotiated(r.a, r.as, r.b, kNegotiatedFast);
  const BondSlave* a0 = r.a->slave_of(*r.as[0]);
  ASSERT_NE(a0, nullptr);
  const auto before = LacpRig::st(r.a, r.as[0]);
  const auto before1 = LacpRig::st(r.a, r.as[1]);
  const BondAdStats port_before = r.a->ad_stats(a0);
  const BondAdStats bond_before = r.a->ad_stats(nullptr);

  wire::LacpduRepr repr;
  const MacAddr stranger{{0x02, 0xee, 0, 0, 0, 1}};
  repr.actor = wire::LacpInfo{1, stranger, 1, 1, 1, kNegotiatedSlow};
  Bytes good(wire::kSlowFrameLen);
  ASSERT_EQ(repr.emit_frame(stranger, good.data()), good.size());

  std::vector<Bytes> bad;
  bad.push_back(Bytes(good.begin(), good.begin() + 100));  // truncated in the padding
  bad.push_back(Bytes(good.begin(), good.begin() + 60));   // truncated in the Partner TLV
  bad.push_back(Bytes(good.begin(), good.begin() + 16));   // subtype and version only
  Bytes b = good;
  b[14 + 3] = 19;  // Actor Information Length
  bad.push_back(b);
  b = good;
  b[14 + 23] = 0;  // Partner Information Length
  bad.push_back(b);
  b = good;
  b[14 + 43] = 15;  // Collector Information Length
  bad.push_back(b);
  for (auto& f : bad) r.send_from(r.bs[0], f);

  const auto after = LacpRig::st(r.a, r.as[0]);
  const BondAdStats port_after = r.a->ad_stats(a0);
  const BondAdStats bond_after = r.a->ad_stats(nullptr);
  EXPECT_EQ(port_after.lacpdu_illegal_rx, port_before.lacpdu_illegal_rx + bad.size());
  EXPECT_EQ(bond_after.lacpdu_illegal_rx, bond_before.lacpdu_illegal_rx + bad.size());
  EXPECT_EQ(port_after.lacpdu_rx, port_before.lacpdu_rx);
  EXPECT_EQ(after.actor, before.actor);
  EXPECT_EQ(after.partner, before.partner);
  EXPECT_EQ(after.rx, before.rx);
  EXPECT_EQ(after.mux, before.mux);
  EXPECT_EQ(after.aggregator_id, before.aggregator_id);
  EXPECT_EQ(after.distributing, before.distributing);
  const auto after1 = LacpRig::st(r.a, r.as[1]);
  EXPECT_EQ(after1.actor, before1.actor);
  EXPECT_EQ(after1.partner, before1.partner);
  EXPECT_EQ(after1.aggregator_id, before1.aggregator_id);
  const size_t seen = r.at_a[0].lacpdus().size();  // B's and the malformed ones so far
  r.run_for(2 * kSec);
  expect_negotiated(r.a, r.as, r.b, kNegotiatedFast);

  // The intact LACPDU they were made from is taken: A's answer on a0 names the stranger as
  // its partner (B corrects A at once, so the state itself does not last).
  const size_t answers = r.at_b[0].got.size();
  r.send_from(r.bs[0], good);
  const size_t legal_since = r.at_a[0].lacpdus().size() - seen;  // B's, then `good`, then B's
  EXPECT_EQ(r.a->ad_stats(a0).lacpdu_rx, port_after.lacpdu_rx + legal_since);
  EXPECT_EQ(r.a->ad_stats(a0).lacpdu_illegal_rx, port_after.lacpdu_illegal_rx);
  bool named = false;
  for (size_t k = answers; k < r.at_b[0].got.size(); ++k) {
    const Bytes& f = r.at_b[0].got[k].frame;
    auto v = wire::LacpduView::parse(f.data() + 14, f.size() - 14);
    if (v && v->partner().system == stranger) named = true;
  }
  EXPECT_TRUE(named);
}

// The bond's 802.3ad counters (`ip -s link xstats type bond 802.3ad`): the bond's lacpdu_tx
// moves by the LACPDUs its partner received on the wire, the partner's lacpdu_rx by the same,
// and the bond's figures are the sum of its ports'.
TEST(BondLacp, BondLevelCountersFollowTheWire) {
  LacpRig r(true);
  r.run_for(10 * kSec);
  expect_negotiated(r.a, r.as, r.b, kNegotiatedFast);
  const BondAdStats a0 = r.a->ad_stats(nullptr), b0 = r.b->ad_stats(nullptr);
  const Nanos t0 = r.now();
  r.run_for(10 * kSec);
  const BondAdStats a1 = r.a->ad_stats(nullptr), b1 = r.b->ad_stats(nullptr);
  size_t wire_a_to_b = 0, wire_b_to_a = 0;
  for (size_t i = 0; i < 2; ++i) {  // after t0: those at t0 are in the first snapshot
    wire_a_to_b += r.at_b[i].lacpdus(t0 + 1).size();
    wire_b_to_a += r.at_a[i].lacpdus(t0 + 1).size();
  }
  EXPECT_GE(wire_a_to_b, 2u * 9u);  // fast: one a second per port at least
  EXPECT_EQ(a1.lacpdu_tx - a0.lacpdu_tx, wire_a_to_b);
  EXPECT_EQ(b1.lacpdu_rx - b0.lacpdu_rx, wire_a_to_b);
  EXPECT_EQ(b1.lacpdu_tx - b0.lacpdu_tx, wire_b_to_a);
  EXPECT_EQ(a1.lacpdu_rx - a0.lacpdu_rx, wire_b_to_a);
  for (const BondDevice* bond : {r.a, r.b}) {
    BondAdStats sum;
    for (auto& s : bond->slaves()) {
      BondAdStats p = bond->ad_stats(s.get());
      sum.lacpdu_rx += p.lacpdu_rx;
      sum.lacpdu_tx += p.lacpdu_tx;
      sum.lacpdu_illegal_rx += p.lacpdu_illegal_rx;
    }
    BondAdStats total = bond->ad_stats(nullptr);
    EXPECT_EQ(total.lacpdu_rx, sum.lacpdu_rx) << bond->name();
    EXPECT_EQ(total.lacpdu_tx, sum.lacpdu_tx) << bond->name();
    EXPECT_EQ(total.lacpdu_illegal_rx, sum.lacpdu_illegal_rx) << bond->name();
  }
  // A bond down has no 802.3ad machine and reports nothing.
  r.b->close();
  EXPECT_EQ(r.b->ad_stats(nullptr).lacpdu_rx, 0u);
}

}  // namespace uvn
