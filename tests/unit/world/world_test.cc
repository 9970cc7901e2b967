#include <gtest/gtest.h>

#include "dev/dummy/dummy.h"
#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn {

namespace {

Device* add_dummy(World& w, Netns& ns, const std::string& name) {
  auto d = std::make_unique<DummyDevice>(&ns);
  d->set_name(name);
  d->set_mac(w.random_mac());
  return ns.attach(std::move(d));
}

std::pair<VethDevice*, VethDevice*> add_veth(World&, Netns& na, const std::string& a,
                                             Netns& nb, const std::string& b) {
  auto x = std::make_unique<VethDevice>(&na);
  auto y = std::make_unique<VethDevice>(&nb);
  VethDevice::pair(*x, *y);
  x->set_name(a);
  y->set_name(b);
  auto* pb = static_cast<VethDevice*>(nb.attach(std::move(y)));
  auto* pa = static_cast<VethDevice*>(na.attach(std::move(x)));
  if (&na != &nb) {
    na.nsid_of(&nb, true);
    nb.nsid_of(&na, true);
  }
  return {pa, pb};
}

}  // namespace

TEST(Netns, EachNamespaceHasItsOwnLoopbackAndIfindexes) {
  World w;
  Netns& n1 = w.add_netns("n1");
  Netns& n2 = w.add_netns("n2");
  ASSERT_NE(n1.loopback(), nullptr);
  EXPECT_EQ(n1.loopback()->name(), "lo");
  EXPECT_FALSE(n1.loopback()->is_up());
  EXPECT_EQ(add_dummy(w, n1, "d0")->ifindex(), 2);
  EXPECT_EQ(add_dummy(w, n2, "d0")->ifindex(), 2);  // same name and index in two namespaces
  EXPECT_EQ(w.find_netns("n1"), &n1);
  EXPECT_EQ(w.find_netns("nope"), nullptr);
}

TEST(Netns, IfindexAllocationIsCyclic) {
  World w;
  Netns& ns = w.init_ns();
  Device* a = add_dummy(w, ns, "a");
  EXPECT_EQ(a->ifindex(), 2);
  w.destroy_device(*a);
  EXPECT_EQ(add_dummy(w, ns, "b")->ifindex(), 3);  // not reused at once, as the kernel does
}

TEST(Netns, MovingKeepsTheIfindexWhenFreeAndAssignsNsids) {
  World w;
  Netns& n1 = w.add_netns("n1");
  Netns& n2 = w.add_netns("n2");
  auto [a, b] = add_veth(w, n1, "va", n1, "vb");
  int idx = b->ifindex();
  w.move_device(*b, n2, "renamed");
  EXPECT_EQ(n1.find("vb"), nullptr);
  ASSERT_EQ(n2.find("renamed"), b);
  EXPECT_EQ(b->ifindex(), idx);
  EXPECT_EQ(n1.nsid_of(&n2, false), 0);
  EXPECT_EQ(n2.nsid_of(&n1, false), 0);
  EXPECT_EQ(a->peer(), b);
}

TEST(Netns, DeletingANamespaceDestroysItsVethEndsAndTheirPeers) {
  World w;
  Netns& n1 = w.add_netns("n1");
  Netns& n2 = w.add_netns("n2");
  add_veth(w, n1, "x", n2, "y");
  add_dummy(w, n2, "d");
  w.del_netns(n2);
  EXPECT_EQ(w.find_netns("n2"), nullptr);
  EXPECT_EQ(n1.find("x"), nullptr);
  EXPECT_EQ(n1.nsid_of(reinterpret_cast<Netns*>(&n1), false), -1);
  EXPECT_EQ(n1.devices().size(), 1u);  // lo
}

TEST(Netns, NsidsAreTheLowestFree) {
  World w;
  Netns& a = w.add_netns("a");
  Netns& b = w.add_netns("b");
  Netns& c = w.add_netns("c");
  Netns& root = w.init_ns();
  root.set_nsid(&a, 0);
  EXPECT_EQ(root.nsid_of(&b, true), 1);
  root.forget_nsid(&a);
  EXPECT_EQ(root.nsid_of(&c, true), 0);
  EXPECT_EQ(root.netns_by_nsid(1), &b);
}

}  // namespace uvn
