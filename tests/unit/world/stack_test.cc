#include <gtest/gtest.h>

#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"
#include "world/world.h"

namespace uvn {

namespace {

// Two namespaces joined by a veth pair with 10.0.0.1/24 and 10.0.0.2/24.
struct Pair {
  World w{3};
  Netns& n1 = w.add_netns("n1");
  Netns& n2 = w.add_netns("n2");
  VethDevice* a;
  VethDevice* b;
  Pair() {
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
    a->open();
    b->open();
    w.engine().settle();
  }
  static void add(Netns& ns, Device* d, const char* p) {
    IfAddr ia;
    ia.ifindex = d->ifindex();
    ia.local = *IpPrefix::parse(p);
    ASSERT_TRUE(ns.stack().addr_add(ia));
  }
  // Pings once; returns whether the reply came back within a second.
  bool ping(Netns& from, const char* to, uint16_t seq = 1) {
    bool got = false;
    int id = from.stack().open_icmp([&](const IcmpEvent& ev) { got |= !ev.is_error && ev.seq == seq; });
    uint8_t payload[56] = {};
    from.stack().send_echo(*IpAddr::parse(to), uint16_t(id), seq, payload, sizeof payload);
    w.engine().advance_to(w.engine().now() + kSec);
    from.stack().close_icmp(id);
    return got;
  }
};

const Neighbour* neigh(Netns& ns, const char* addr) {
  for (auto& [k, n] : ns.stack().neighbours())
    if (n.addr == *IpAddr::parse(addr)) return &n;
  return nullptr;
}

}  // namespace

TEST(Stack, ConnectedRouteAndLinkLocalAppearOnUp) {
  Pair p;
  const Route* r = p.n1.stack().route_lookup(*IpAddr::parse("10.0.0.9"));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->proto, kProtoKernel);
  EXPECT_EQ(r->prefsrc, IpAddr::parse("10.0.0.1"));
  const IfAddr* ll = p.n1.stack().find_addr(*IpAddr::parse("fe80::ff:fe00:1"));
  ASSERT_NE(ll, nullptr);
  EXPECT_TRUE(ll->flags & kIfaTentative);
  p.w.engine().advance_to(p.w.engine().now() + 3 * kSec);
  EXPECT_FALSE(p.n1.stack().find_addr(*IpAddr::parse("fe80::ff:fe00:1"))->flags & kIfaTentative);
}

TEST(Stack, PingResolvesArpAndLeavesReachableEntriesOnBothSides) {
  Pair p;
  EXPECT_TRUE(p.ping(p.n1, "10.0.0.2"));
  const Neighbour* n = neigh(p.n1, "10.0.0.2");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->state, kNudReachable);
  EXPECT_EQ(n->lladdr, MacAddr::parse("02:00:00:00:00:02"));
  // The answering side learnt the asker from its request: STALE, then DELAY once used.
  const Neighbour* back = neigh(p.n2, "10.0.0.1");
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->state, kNudDelay);
}

TEST(Stack, ReachableAgesToStale) {
  Pair p;
  ASSERT_TRUE(p.ping(p.n1, "10.0.0.2"));
  p.w.engine().advance_to(p.w.engine().now() + 60 * kSec);
  EXPECT_EQ(neigh(p.n1, "10.0.0.2")->state, kNudStale);
}

TEST(Stack, UnansweredArpFailsAfterThreeProbesAndReportsUnreachable) {
  Pair p;
  int errors = 0;
  int id = p.n1.stack().open_icmp([&](const IcmpEvent& ev) { errors += ev.is_error; });
  uint8_t payload[8] = {};
  p.n1.stack().send_echo(*IpAddr::parse("10.0.0.99"), uint16_t(id), 1, payload, 8);
  p.w.engine().advance_to(p.w.engine().now() + 2 * kSec);
  EXPECT_EQ(neigh(p.n1, "10.0.0.99")->state, kNudIncomplete);
  p.w.engine().advance_to(p.w.engine().now() + 2 * kSec);
  EXPECT_EQ(neigh(p.n1, "10.0.0.99")->state, kNudFailed);
  EXPECT_EQ(errors, 1);
}

TEST(Stack, Ipv4AddressesAreOrderedAsLinuxListsThem) {
  Pair p;
  Pair::add(p.n1, p.a, "10.0.0.10/24");  // same subnet: secondary, at the end
  IfAddr link;
  link.ifindex = p.a->ifindex();
  link.local = *IpPrefix::parse("10.5.0.1/24");
  link.scope = kScopeLink;
  ASSERT_TRUE(p.n1.stack().addr_add(link));  // scope link: before the global primaries
  std::vector<std::string> v4;
  for (auto& x : p.n1.stack().addrs())
    if (x.ifindex == p.a->ifindex() && x.local.addr.is_v4()) v4.push_back(x.local.format());
  EXPECT_EQ(v4, (std::vector<std::string>{"10.5.0.1/24", "10.0.0.1/24", "10.0.0.10/24"}));
  EXPECT_FALSE(p.n1.stack().addr_add([&] {
    IfAddr dup;
    dup.ifindex = p.a->ifindex();
    dup.local = *IpPrefix::parse("10.0.0.1/24");
    return dup;
  }()));
}

TEST(Stack, Ipv6PingAfterDad) {
  Pair p;
  IfAddr a6, b6;
  a6.ifindex = p.a->ifindex();
  a6.local = *IpPrefix::parse("fd00::1/64");
  b6.ifindex = p.b->ifindex();
  b6.local = *IpPrefix::parse("fd00::2/64");
  ASSERT_TRUE(p.n1.stack().addr_add(a6));
  ASSERT_TRUE(p.n2.stack().addr_add(b6));
  p.w.engine().advance_to(p.w.engine().now() + 3 * kSec);
  EXPECT_TRUE(p.ping(p.n1, "fd00::2"));
  EXPECT_EQ(neigh(p.n1, "fd00::2")->state, kNudReachable);
}

TEST(Stack, DuplicateAddressDetectionMarksTheLoserDadfailed) {
  Pair p;
  IfAddr a6, b6;
  a6.ifindex = p.a->ifindex();
  a6.local = *IpPrefix::parse("fd00::7/64");
  ASSERT_TRUE(p.n1.stack().addr_add(a6));
  p.w.engine().advance_to(p.w.engine().now() + 3 * kSec);
  b6.ifindex = p.b->ifindex();
  b6.local = *IpPrefix::parse("fd00::7/64");
  ASSERT_TRUE(p.n2.stack().addr_add(b6));
  p.w.engine().advance_to(p.w.engine().now() + 3 * kSec);
  EXPECT_TRUE(p.n2.stack().find_addr(*IpAddr::parse("fd00::7"))->flags & kIfaDadfailed);
  EXPECT_FALSE(p.n1.stack().find_addr(*IpAddr::parse("fd00::7"))->flags & kIfaDadfailed);
}

TEST(Stack, LinkDownRemovesRoutesAndIpv6Addresses) {
  Pair p;
  p.a->close();
  EXPECT_EQ(p.n1.stack().route_lookup(*IpAddr::parse("10.0.0.2")), nullptr);
  EXPECT_EQ(p.n1.stack().find_addr(*IpAddr::parse("fe80::ff:fe00:1")), nullptr);
  EXPECT_NE(p.n1.stack().find_addr(*IpAddr::parse("10.0.0.1")), nullptr);
  p.a->open();
  EXPECT_NE(p.n1.stack().route_lookup(*IpAddr::parse("10.0.0.2")), nullptr);
}

}  // namespace uvn
