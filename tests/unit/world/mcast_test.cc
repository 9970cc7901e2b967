// The host stack's multicast membership (world/stack/mcast.cc): IGMP and MLD reports on join
// and leave with Linux's versions, counts and timing, the compatibility modes after older
// queries, answers to queries and suppression, receive filtering, autojoin, `ip maddr` state.
#include <gtest/gtest.h>

#include "base/be.h"
#include "dev/veth/veth.h"
#include "wire/igmp.h"
#include "wire/mcast.h"
#include "wire/mld.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"
#include "world/world.h"

namespace uvn {

namespace {

using Kind = wire::McastMessage::Kind;

IpAddr A(const char* s) {
  return *IpAddr::parse(s);
}

// Records every frame a device sends and receives.
struct Recorder : FrameTap {
  struct Item {
    Nanos t;
    bool out;
    std::vector<uint8_t> bytes;
  };
  Engine& eng;
  std::vector<Item> items;
  explicit Recorder(Engine& e) : eng(e) {}
  void tap(const Device&, const Frame& f, bool outgoing) override {
    items.push_back({eng.now(), outgoing, std::vector<uint8_t>(f.data(), f.data() + f.size())});
  }
};

struct Msg {
  Nanos t;
  MacAddr eth_dst;
  wire::McastMessage m;
};

// n1 (device a, 10.0.0.1/24) and n2 (device b, 10.0.0.2/24) over a veth pair; a's frames are
// recorded. The start-up MLD traffic (link-local DAD) is over before a test begins.
struct McPair {
  World w{3};
  Netns& n1 = w.add_netns("n1");
  Netns& n2 = w.add_netns("n2");
  VethDevice* a;
  VethDevice* b;
  Recorder rec{w.engine()};
  McPair() {
    auto x = std::make_unique<VethDevice>(&n1);
    auto y = std::make_unique<VethDevice>(&n2);
    VethDevice::pair(*x, *y);
    x->set_name("a");
    y->set_name("b");
    x->set_mac(*MacAddr::parse("02:00:00:00:00:01"));
    y->set_mac(*MacAddr::parse("02:00:00:00:00:02"));
    b = static_cast<VethDevice*>(n2.attach(std::move(y)));
    a = static_cast<VethDevice*>(n1.attach(std::move(x)));
    add(n1, a, "10.0.0.1/24");
    add(n2, b, "10.0.0.2/24");
    a->add_tap(&rec);
    a->open();
    b->open();
    run(5 * kSec);
  }
  ~McPair() { a->remove_tap(&rec); }
  static void add(Netns& ns, Device* d, const char* p) {
    IfAddr ia;
    ia.ifindex = d->ifindex();
    ia.local = *IpPrefix::parse(p);
    ASSERT_TRUE(ns.stack().addr_add(ia));
  }
  Nanos now() { return w.engine().now(); }
  void run(Nanos d) { w.engine().advance_to(now() + d); }
  HostStack& st() { return n1.stack(); }
  // The valid IGMP/MLD messages a sent (out) or received since `since`.
  std::vector<Msg> msgs(Nanos since, bool out = true, bool v6 = false) {
    std::vector<Msg> r;
    for (auto& i : rec.items) {
      if (i.t < since || i.out != out || i.bytes.size() < 14) continue;
      uint16_t et = load_be16(i.bytes.data() + 12);
      if (et != (v6 ? 0x86dd : 0x0800)) continue;
      wire::McastMessage m;
      if (wire::parse_mcast_packet(et, i.bytes.data() + 14, i.bytes.size() - 14, m) ==
          wire::McastParse::kOk)
        r.push_back({i.t, MacAddr::from_bytes(i.bytes.data()), m});
    }
    return r;
  }
  // Sends `pkt` (an IP packet) to a from b, as another host or router would.
  void inject(const std::vector<uint8_t>& pkt, bool v6 = false) {
    Frame f = w.engine().pool().alloc(14 + pkt.size());
    IpAddr dst = v6 ? IpAddr{Ipv6Addr::from_bytes(pkt.data() + 24)}
                    : IpAddr{Ipv4Addr::from_bytes(pkt.data() + 16)};
    MacAddr d = wire::multicast_mac(dst);
    std::copy(d.b.begin(), d.b.end(), f.data());
    std::copy(b->mac().b.begin(), b->mac().b.end(), f.data() + 6);
    store_be16(f.data() + 12, v6 ? 0x86dd : 0x0800);
    std::copy(pkt.begin(), pkt.end(), f.data() + 14);
    b->transmit(std::move(f));
    w.engine().settle();
  }
  bool has_mac(Device* d, const char* m) {
    for (auto& h : d->mc_list())
      if (h.mac == *MacAddr::parse(m)) return true;
    return false;
  }
};

std::vector<wire::McastRecord> recs(std::initializer_list<std::pair<uint8_t, const char*>> l) {
  std::vector<wire::McastRecord> r;
  for (auto& [t, g] : l) r.push_back({t, A(g), {}, 0});
  return r;
}

TEST(McastHost, JoinSendsTwoIgmpv3ReportsWithinASecond) {
  McPair p;
  Nanos t0 = p.now();
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.1.1.1")));
  EXPECT_TRUE(p.has_mac(p.a, "01:00:5e:01:01:01"));
  EXPECT_TRUE(p.st().mc_is_member(p.a->ifindex(), A("239.1.1.1")));
  p.run(3 * kSec);
  auto m = p.msgs(t0);
  ASSERT_EQ(m.size(), 2u);
  for (auto& x : m) {
    EXPECT_EQ(x.m.kind, Kind::kReport);
    EXPECT_EQ(x.m.version, 3);
    EXPECT_EQ(x.m.dst, A("224.0.0.22"));
    EXPECT_EQ(x.eth_dst, *MacAddr::parse("01:00:5e:00:00:16"));
    EXPECT_EQ(x.m.src, A("10.0.0.1"));
    EXPECT_EQ(x.m.ttl, 1);
    EXPECT_TRUE(x.m.router_alert);
    EXPECT_EQ(x.m.records, recs({{wire::kChangeToExclude, "239.1.1.1"}}));
  }
  EXPECT_EQ(m[0].t - t0, 8 * kMsec);  // two jiffies
  EXPECT_GT(m[1].t, m[0].t);
  EXPECT_LE(m[1].t - m[0].t, kSec + 8 * kMsec);
  EXPECT_EQ(p.st().igmp_version(p.a->ifindex()), 3);
}

TEST(McastHost, JoinIsCountedAndLeaveSendsToInTwice) {
  McPair p;
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.1.1.1")));
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.1.1.1")));
  p.run(3 * kSec);
  Nanos t0 = p.now();
  ASSERT_TRUE(p.st().mc_leave(p.a->ifindex(), A("239.1.1.1")));  // one user left
  p.run(3 * kSec);
  EXPECT_TRUE(p.msgs(t0).empty());
  EXPECT_TRUE(p.st().mc_is_member(p.a->ifindex(), A("239.1.1.1")));
  ASSERT_TRUE(p.st().mc_leave(p.a->ifindex(), A("239.1.1.1")));
  EXPECT_FALSE(p.has_mac(p.a, "01:00:5e:01:01:01"));
  p.run(3 * kSec);
  auto m = p.msgs(t0);
  ASSERT_EQ(m.size(), 2u);
  for (auto& x : m) EXPECT_EQ(x.m.records, recs({{wire::kChangeToInclude, "239.1.1.1"}}));
  EXPECT_FALSE(p.st().mc_leave(p.a->ifindex(), A("239.1.1.1")));
  EXPECT_EQ(p.st().mc_leave(p.a->ifindex(), A("239.1.1.1")).error().code, EADDRNOTAVAIL);
  EXPECT_EQ(p.st().mc_join(p.a->ifindex(), A("10.0.0.9")).error().code, EINVAL);
}

TEST(McastHost, AllHostsIsJoinedButNeverReported) {
  McPair p;
  auto g = p.st().mc_groups(p.a->ifindex());
  ASSERT_EQ(g.size(), 4u);  // 224.0.0.1, then solicited-node, ff02::1, ff01::1
  EXPECT_EQ(g[0].group, A("224.0.0.1"));
  EXPECT_EQ(g[1].group, A("ff02::1:ff00:1"));
  EXPECT_EQ(g[2].group, A("ff02::1"));
  EXPECT_EQ(g[3].group, A("ff01::1"));
  EXPECT_TRUE(p.msgs(0).empty());  // no IGMP at all at start-up
  EXPECT_TRUE(p.has_mac(p.a, "01:00:5e:00:00:01"));
  EXPECT_TRUE(p.has_mac(p.a, "33:33:00:00:00:01"));
  EXPECT_TRUE(p.has_mac(p.a, "33:33:ff:00:00:01"));
  // A general query is answered with the other groups only: none here.
  Nanos t0 = p.now();
  p.inject(
      wire::build_igmp_v3_query(*Ipv4Addr::parse("10.0.0.2"), Ipv4Addr{}, 1000, false, 2, 125));
  p.run(2 * kSec);
  EXPECT_TRUE(p.msgs(t0).empty());
}

TEST(McastHost, V3GeneralQueryIsAnsweredOnceWithEveryGroup) {
  McPair p;
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.1.1.1")));
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.2.2.2")));
  p.run(3 * kSec);
  Nanos t0 = p.now();
  p.inject(
      wire::build_igmp_v3_query(*Ipv4Addr::parse("10.0.0.2"), Ipv4Addr{}, 1000, false, 2, 125));
  p.run(3 * kSec);
  auto m = p.msgs(t0);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_LE(m[0].t - t0, kSec + 8 * kMsec);
  EXPECT_EQ(m[0].m.records,
            recs({{wire::kModeIsExclude, "239.2.2.2"}, {wire::kModeIsExclude, "239.1.1.1"}}));
  // A group-specific query: that group only.
  t0 = p.now();
  p.inject(wire::build_igmp_v3_query(*Ipv4Addr::parse("10.0.0.2"), *Ipv4Addr::parse("239.1.1.1"),
                                     1000, false, 2, 125));
  p.run(3 * kSec);
  m = p.msgs(t0);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].m.records, recs({{wire::kModeIsExclude, "239.1.1.1"}}));
  EXPECT_EQ(p.st().igmp_version(p.a->ifindex()), 3);
}

TEST(McastHost, V2QuerySwitchesToCompatibilityMode) {
  McPair p;
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.1.1.1")));
  p.run(3 * kSec);
  Nanos t0 = p.now();
  p.inject(wire::build_igmp_v2_query(*Ipv4Addr::parse("10.0.0.2"), Ipv4Addr{}, 2000));
  EXPECT_EQ(p.st().igmp_version(p.a->ifindex()), 2);
  p.run(3 * kSec);
  auto m = p.msgs(t0);
  ASSERT_EQ(m.size(), 1u);  // one v2 report within the 2 s
  EXPECT_EQ(m[0].m.version, 2);
  EXPECT_EQ(m[0].m.group, A("239.1.1.1"));
  EXPECT_EQ(m[0].m.dst, A("239.1.1.1"));
  EXPECT_LE(m[0].t - t0, 2 * kSec + 8 * kMsec);
  // Joining now: two v2 reports, the first after a jiffy or two, the second within 10 s.
  t0 = p.now();
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.3.3.3")));
  p.run(12 * kSec);
  m = p.msgs(t0);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].t - t0, 8 * kMsec);
  EXPECT_LE(m[1].t - m[0].t, 10 * kSec + 8 * kMsec);
  for (auto& x : m) EXPECT_EQ(x.m.version, 2);
  // Leaving as the last reporter: an IGMPv2 leave to 224.0.0.2.
  t0 = p.now();
  ASSERT_TRUE(p.st().mc_leave(p.a->ifindex(), A("239.3.3.3")));
  p.run(3 * kSec);
  m = p.msgs(t0);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].m.kind, Kind::kLeave);
  EXPECT_EQ(m[0].m.dst, A("224.0.0.2"));
  EXPECT_EQ(m[0].eth_dst, *MacAddr::parse("01:00:5e:00:00:02"));
  // Back to IGMPv3 after the Older Version Querier Present Timeout (2 * 125 s + 10 s).
  p.run(255 * kSec);
  EXPECT_EQ(p.st().igmp_version(p.a->ifindex()), 3);
}

TEST(McastHost, V1QueryMeansV1ReportsAndNoLeave) {
  McPair p;
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.1.1.1")));
  p.run(3 * kSec);
  Nanos t0 = p.now();
  p.inject(wire::build_igmp_v2_query(*Ipv4Addr::parse("10.0.0.2"), Ipv4Addr{}, 0));
  EXPECT_EQ(p.st().igmp_version(p.a->ifindex()), 1);
  p.run(11 * kSec);
  auto m = p.msgs(t0);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].m.version, 1);
  EXPECT_LE(m[0].t - t0, 10 * kSec + 8 * kMsec);
  t0 = p.now();
  ASSERT_TRUE(p.st().mc_leave(p.a->ifindex(), A("239.1.1.1")));
  p.run(3 * kSec);
  EXPECT_TRUE(p.msgs(t0).empty());
}

TEST(McastHost, AnotherHostsV2ReportSuppressesOurs) {
  McPair p;
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.1.1.1")));
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.2.2.2")));
  p.run(3 * kSec);
  Nanos t0 = p.now();
  p.inject(wire::build_igmp_v2_query(*Ipv4Addr::parse("10.0.0.2"), Ipv4Addr{}, 5000));
  // Another member reports 239.1.1.1 at once: ours is cancelled, 239.2.2.2's is not.
  p.inject(wire::build_igmp_v2_report(*Ipv4Addr::parse("10.0.0.3"), *Ipv4Addr::parse("239.1.1.1")));
  p.run(6 * kSec);
  auto m = p.msgs(t0);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].m.group, A("239.2.2.2"));
  // Not the last reporter of 239.1.1.1: leaving it sends nothing.
  t0 = p.now();
  ASSERT_TRUE(p.st().mc_leave(p.a->ifindex(), A("239.1.1.1")));
  p.run(kSec);
  EXPECT_TRUE(p.msgs(t0).empty());
}

TEST(McastHost, MulticastIsDeliveredOnlyForJoinedGroups) {
  McPair p;
  int got = 0;
  ASSERT_TRUE(p.st().bind_udp(5001, [&](const UdpDatagram& d) {
    got += d.dst == A("239.1.1.1") || d.dst == A("ff0e::5");
  }));
  uint8_t data[16] = {};
  auto send = [&](const char* g) {
    EXPECT_EQ(p.n2.stack().send_udp(A(g), 40000, 5001, data, sizeof data, p.b->ifindex()),
              SendError::kOk);
    p.w.engine().settle();
  };
  uint64_t not_joined = p.st().counters().mc_not_joined;
  send("239.1.1.1");
  send("ff0e::5");
  EXPECT_EQ(got, 0);
  EXPECT_EQ(p.st().counters().mc_not_joined, not_joined + 2);
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.1.1.1")));
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("ff0e::5")));
  send("239.1.1.1");
  send("ff0e::5");
  EXPECT_EQ(got, 2);
  // The datagrams went out with TTL / hop limit 1 to the group's MAC.
  const auto& last = p.rec.items.back();
  EXPECT_FALSE(last.out);
  EXPECT_EQ(MacAddr::from_bytes(last.bytes.data()), *MacAddr::parse("33:33:00:00:00:05"));
  EXPECT_EQ(last.bytes[14 + 7], 1);
  ASSERT_TRUE(p.st().mc_leave(p.a->ifindex(), A("239.1.1.1")));
  send("239.1.1.1");
  EXPECT_EQ(got, 2);
}

TEST(McastHost, MulticastSendNeedsADeviceOrARoute) {
  McPair p;
  uint8_t data[4] = {};
  EXPECT_EQ(p.st().send_udp(A("239.1.1.1"), 1, 2, data, 4), SendError::kNoRoute);
  Route r;
  r.dst = *IpPrefix::parse("0.0.0.0/0");
  r.gateway = A("10.0.0.2");
  r.ifindex = p.a->ifindex();
  ASSERT_TRUE(p.st().route_add(r, false, false));
  EXPECT_EQ(p.st().send_udp(A("239.1.1.1"), 1, 2, data, 4), SendError::kOk);
}

TEST(McastHost, OwnMulticastLoopsBackToAJoinedSocket) {
  McPair p;
  int got = 0;
  ASSERT_TRUE(p.st().bind_udp(5001, [&](const UdpDatagram&) { ++got; }));
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.1.1.1")));
  uint8_t data[4] = {};
  EXPECT_EQ(p.st().send_udp(A("239.1.1.1"), 1, 5001, data, 4, p.a->ifindex()), SendError::kOk);
  EXPECT_EQ(got, 1);
}

TEST(McastHost, MldJoinSendsTwoMldv2ReportsFromTheLinkLocal) {
  McPair p;
  Nanos t0 = p.now();
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("ff0e::5")));
  EXPECT_TRUE(p.has_mac(p.a, "33:33:00:00:00:05"));
  p.run(3 * kSec);
  auto m = p.msgs(t0, true, true);
  ASSERT_EQ(m.size(), 2u);
  for (auto& x : m) {
    EXPECT_EQ(x.m.version, 2);
    EXPECT_EQ(x.m.dst, A("ff02::16"));
    EXPECT_EQ(x.m.src, A("fe80::ff:fe00:1"));
    EXPECT_EQ(x.m.ttl, 1);
    EXPECT_TRUE(x.m.router_alert);
    EXPECT_EQ(x.m.records, recs({{wire::kChangeToExclude, "ff0e::5"}}));
  }
  EXPECT_EQ(m[0].t - t0, 8 * kMsec);
  EXPECT_LE(m[1].t - m[0].t, kSec + 8 * kMsec);
}

TEST(McastHost, LinkUpReportsTheSolicitedNodeGroupBeforeAndAfterDad) {
  World w{5};
  Netns& n1 = w.add_netns("n1");
  Netns& n2 = w.add_netns("n2");
  auto x = std::make_unique<VethDevice>(&n1);
  auto y = std::make_unique<VethDevice>(&n2);
  VethDevice::pair(*x, *y);
  x->set_name("a");
  y->set_name("b");
  x->set_mac(*MacAddr::parse("02:00:00:00:00:01"));
  Device* b = n2.attach(std::move(y));
  Device* a = n1.attach(std::move(x));
  Recorder rec{w.engine()};
  a->add_tap(&rec);
  b->open();
  a->open();
  w.engine().advance_to(w.engine().now() + 5 * kSec);
  a->remove_tap(&rec);
  std::vector<wire::McastMessage> mld;
  for (auto& i : rec.items) {
    wire::McastMessage m;
    if (i.out && load_be16(i.bytes.data() + 12) == 0x86dd &&
        wire::parse_mld_packet(i.bytes.data() + 14, i.bytes.size() - 14, m) ==
            wire::McastParse::kOk)
      mld.push_back(m);
  }
  // As Linux: two from :: while the link-local is tentative, two from it after DAD.
  ASSERT_EQ(mld.size(), 4u);
  EXPECT_EQ(mld[0].src, A("::"));
  EXPECT_EQ(mld[1].src, A("::"));
  EXPECT_EQ(mld[2].src, A("fe80::ff:fe00:1"));
  EXPECT_EQ(mld[3].src, A("fe80::ff:fe00:1"));
  for (auto& m : mld) EXPECT_EQ(m.records, recs({{wire::kChangeToExclude, "ff02::1:ff00:1"}}));
}

TEST(McastHost, Mldv1QuerySwitchesToMldv1) {
  McPair p;
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("ff0e::5")));
  p.run(3 * kSec);
  Nanos t0 = p.now();
  p.inject(wire::build_mld_v1_query(*Ipv6Addr::parse("fe80::ff:fe00:2"), Ipv6Addr{}, 1000), true);
  EXPECT_EQ(p.st().mld_version(p.a->ifindex()), 1);
  p.run(2 * kSec);
  auto m = p.msgs(t0, true, true);
  ASSERT_EQ(m.size(), 2u);  // ff0e::5 and the solicited-node group, each an MLDv1 report
  for (auto& x : m) {
    EXPECT_EQ(x.m.version, 1);
    EXPECT_EQ(x.m.dst, x.m.group);
  }
  t0 = p.now();
  ASSERT_TRUE(p.st().mc_leave(p.a->ifindex(), A("ff0e::5")));
  p.run(kSec);
  m = p.msgs(t0, true, true);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].m.kind, Kind::kLeave);
  EXPECT_EQ(m[0].m.dst, A("ff02::2"));
}

TEST(McastHost, MldQueryWithoutHopLimitOneOrRouterAlertIsDropped) {
  McPair p;
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("ff0e::5")));
  p.run(3 * kSec);
  wire::McastMessage q;
  q.ipv6 = true;
  q.kind = Kind::kQuery;
  q.version = 2;
  q.src = A("fe80::ff:fe00:2");
  q.dst = A("::");
  q.group = A("::");
  q.max_resp_ms = 1000;
  q.qrv = 2;
  q.qqi_s = 125;
  Nanos t0 = p.now();
  q.ttl = 64;
  p.inject(wire::build_mcast_packet(q), true);
  q.ttl = 1;
  q.router_alert = false;
  p.inject(wire::build_mcast_packet(q), true);
  p.run(2 * kSec);
  EXPECT_TRUE(p.msgs(t0, true, true).empty());
  q.router_alert = true;
  p.inject(wire::build_mcast_packet(q), true);
  p.run(2 * kSec);
  auto m = p.msgs(t0, true, true);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].m.records,
            recs({{wire::kModeIsExclude, "ff0e::5"}, {wire::kModeIsExclude, "ff02::1:ff00:1"}}));
}

TEST(McastHost, AutojoinJoinsOnceAndDeletingTheAddressLeaves) {
  McPair p;
  IfAddr ia;
  ia.ifindex = p.a->ifindex();
  ia.local = *IpPrefix::parse("239.1.1.1/32");
  ia.flags |= kIfaMcAutojoin;
  ASSERT_TRUE(p.st().addr_add(ia));
  EXPECT_TRUE(p.st().mc_is_member(p.a->ifindex(), A("239.1.1.1")));
  ia.local = *IpPrefix::parse("239.1.1.1/24");
  auto again = p.st().addr_add(ia);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, EADDRINUSE);
  EXPECT_EQ(again.error().message, "ipv4: Multicast auto join failed");
  ASSERT_TRUE(p.st().addr_del(p.a->ifindex(), *IpPrefix::parse("239.1.1.1/32"), true));
  EXPECT_FALSE(p.st().mc_is_member(p.a->ifindex(), A("239.1.1.1")));
  // Without the flag nothing is joined; IPv6 the same way.
  IfAddr six;
  six.ifindex = p.a->ifindex();
  six.local = *IpPrefix::parse("ff0e::5/128");
  six.flags |= kIfaMcAutojoin;
  ASSERT_TRUE(p.st().addr_add(six));
  EXPECT_TRUE(p.st().mc_is_member(p.a->ifindex(), A("ff0e::5")));
  EXPECT_TRUE(p.st().mc_is_member(p.a->ifindex(), A("ff02::1:ff00:5")));
  ASSERT_TRUE(p.st().addr_del(p.a->ifindex(), *IpPrefix::parse("ff0e::5/128"), true));
  EXPECT_FALSE(p.st().mc_is_member(p.a->ifindex(), A("ff0e::5")));
}

TEST(McastHost, DownUpReportsTheGroupsAgain) {
  McPair p;
  ASSERT_TRUE(p.st().mc_join(p.a->ifindex(), A("239.1.1.1")));
  p.run(3 * kSec);
  p.a->close();
  EXPECT_FALSE(p.st().mc_is_member(p.a->ifindex(), A("224.0.0.1")));
  EXPECT_TRUE(p.st().mc_is_member(p.a->ifindex(), A("239.1.1.1")));
  Nanos t0 = p.now();
  p.a->open();
  EXPECT_TRUE(p.st().mc_is_member(p.a->ifindex(), A("224.0.0.1")));
  p.run(3 * kSec);
  auto m = p.msgs(t0);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].m.records, recs({{wire::kChangeToExclude, "239.1.1.1"}}));
}

TEST(McastHost, StaticLinkEntries) {
  McPair p;
  MacAddr m = *MacAddr::parse("01:00:5e:0a:0b:0c");
  ASSERT_TRUE(p.st().mc_static_add(p.a->ifindex(), m));
  ASSERT_TRUE(p.st().mc_static_add(p.a->ifindex(), m));  // no second reference
  EXPECT_TRUE(p.st().mc_is_static(p.a->ifindex(), m));
  int refs = 0;
  for (auto& h : p.a->mc_list())
    if (h.mac == m) refs = h.refs;
  EXPECT_EQ(refs, 1);
  ASSERT_TRUE(p.st().mc_static_del(p.a->ifindex(), m));
  EXPECT_FALSE(p.has_mac(p.a, "01:00:5e:0a:0b:0c"));
  EXPECT_EQ(p.st().mc_static_del(p.a->ifindex(), m).error().code, ENOENT);
  // Not a static entry of its own: ENOENT too.
  EXPECT_EQ(p.st().mc_static_del(p.a->ifindex(), *MacAddr::parse("01:00:5e:00:00:01")).error().code,
            ENOENT);
}

}  // namespace

}  // namespace uvn
