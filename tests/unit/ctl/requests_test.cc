// ctl requests: the errno and extack text each rejected request carries (what the cli prints
// as "Error: TEXT." or "RTNETLINK answers: STRERROR"), and that a rejected request changes
// nothing.
#include <gtest/gtest.h>

#include "ctl/addr.h"
#include "ctl/link.h"
#include "ctl/neigh.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"
#include "world/world.h"

namespace uvn::ctl {
namespace {

class CtlTest : public testing::Test {
 protected:
  void SetUp() override {
    LinkAddRequest req;
    req.kind = "veth";
    req.link.name = "veth1";
    req.peer = LinkSpec{};
    req.peer->name = "veth2";
    Status st = link_add(w_, ns(), req);
    ASSERT_TRUE(st) << st.error().code << " " << st.error().message;
    LinkSpec up;
    up.up = true;
    ASSERT_TRUE(link_set(w_, ns(), *ns().find("veth1"), up));
    ASSERT_TRUE(link_set(w_, ns(), *ns().find("veth2"), up));
    w_.engine().advance_to(w_.engine().now() + 3 * kSec);
  }
  Netns& ns() { return w_.init_ns(); }
  int idx(const char* name) { return ns().find(name)->ifindex(); }
  IfAddr addr(const char* prefix, const char* dev) {
    IfAddr a;
    a.ifindex = idx(dev);
    a.local = *IpPrefix::parse(prefix);
    return a;
  }
  static void expect_error(const Status& st, int code, const std::string& msg) {
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, code);
    EXPECT_EQ(st.error().message, msg);
  }

  World w_{1};
};

TEST_F(CtlTest, AddrDuplicateCarriesFamilyText) {
  ASSERT_TRUE(addr_add(ns(), addr("10.1.0.1/24", "veth1"), AddrMode::kAdd));
  ASSERT_TRUE(addr_add(ns(), addr("fd00::1/64", "veth1"), AddrMode::kAdd));
  expect_error(addr_add(ns(), addr("10.1.0.1/24", "veth1"), AddrMode::kAdd), EEXIST,
               "ipv4: Address already assigned");
  expect_error(addr_add(ns(), addr("fd00::1/64", "veth1"), AddrMode::kAdd), EEXIST,
               "ipv6: address already assigned");
  EXPECT_TRUE(addr_add(ns(), addr("10.1.0.1/24", "veth1"), AddrMode::kReplace));
}

TEST_F(CtlTest, AddrLabelLongerThanIfnamsizFailsPolicy) {
  IfAddr a = addr("10.1.0.2/24", "veth1");
  a.label = "veth1:abcdefghij";  // 16 characters
  size_t before = ns().stack().addrs().size();
  expect_error(addr_add(ns(), a, AddrMode::kAdd), EINVAL, "Attribute failed policy validation");
  EXPECT_EQ(ns().stack().addrs().size(), before);
  a.label = "veth1:abcdefghi";  // 15
  EXPECT_TRUE(addr_add(ns(), a, AddrMode::kAdd));
}

TEST_F(CtlTest, AddrDelNeedsTheSameLengthUnlessWildcard) {
  ASSERT_TRUE(addr_add(ns(), addr("10.1.2.3/24", "veth1"), AddrMode::kAdd));
  expect_error(addr_del(ns(), idx("veth1"), *IpPrefix::parse("10.1.2.3/25"), false), EADDRNOTAVAIL,
               "ipv4: Address not found");
  expect_error(addr_del(ns(), idx("veth1"), *IpPrefix::parse("fd00:9::9/64"), false), EADDRNOTAVAIL,
               "ipv6: address not found");
  EXPECT_TRUE(addr_del(ns(), idx("veth1"), *IpPrefix::parse("10.1.2.3"), true));
}

TEST_F(CtlTest, NeighbourChecks) {
  NeighRequest r;
  r.ifindex = idx("veth1");
  r.addr = *IpAddr::parse("10.1.0.50");
  expect_error(neigh_add(ns(), r, NeighMode::kAdd), EINVAL, "No link layer address given");
  r.lladdr = std::vector<uint8_t>{2, 0, 0, 0, 0};
  expect_error(neigh_add(ns(), r, NeighMode::kAdd), EINVAL, "Invalid link address");
  EXPECT_TRUE(ns().stack().neighbours().empty());
  r.lladdr = std::vector<uint8_t>{2, 0, 0, 0, 0, 0x50, 0x99};  // longer: the first 6 bytes
  ASSERT_TRUE(neigh_add(ns(), r, NeighMode::kAdd));
  expect_error(neigh_add(ns(), r, NeighMode::kAdd), EEXIST, "");
  // replace without an address keeps the entry's.
  r.lladdr.reset();
  ASSERT_TRUE(neigh_add(ns(), r, NeighMode::kReplace));
  auto n = neigh_get(ns(), r.ifindex, r.addr);
  ASSERT_TRUE(n);
  ASSERT_TRUE((*n)->lladdr);
  EXPECT_EQ((*n)->lladdr->format(), "02:00:00:00:00:50");
  NeighRequest other = r;
  other.addr = *IpAddr::parse("10.1.0.53");
  other.lladdr = std::vector<uint8_t>{2, 0, 0, 0, 0, 0x53};
  expect_error(neigh_add(ns(), other, NeighMode::kChange), ENOENT, "");
  auto missing = neigh_get(ns(), r.ifindex, *IpAddr::parse("10.1.0.99"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "Neighbour entry not found");
}

TEST_F(CtlTest, LinkNameLengthFailsPolicyBeforeKind) {
  LinkAddRequest req;
  req.kind = "nosuchkind";
  req.link.name = "abcdefghijklmnop";
  expect_error(link_add(w_, ns(), req), EINVAL, "Attribute failed policy validation");
  req.link.name = "abcdefghijklmno";
  expect_error(link_add(w_, ns(), req), EOPNOTSUPP, "Unknown device type");
}

TEST_F(CtlTest, MasterThatIsNoMasterRefusesEvenItself) {
  LinkSpec s;
  s.master = "veth1";
  expect_error(link_set(w_, ns(), *ns().find("veth1"), s), EOPNOTSUPP, "");
  expect_error(link_set(w_, ns(), *ns().find("veth2"), s), EOPNOTSUPP, "");
}

TEST_F(CtlTest, TuntapDelNeedsTheSameFlags) {
  TunOptions mq;
  mq.tap = false;
  mq.multi_queue = true;
  ASSERT_TRUE(tuntap_add(w_, ns(), "tun1", mq));
  TunOptions plain;
  plain.tap = false;
  expect_error(tuntap_del(w_, ns(), "tun1", plain), EINVAL, "");
  ASSERT_NE(ns().find("tun1"), nullptr);
  EXPECT_TRUE(tuntap_del(w_, ns(), "tun1", mq));
  EXPECT_EQ(ns().find("tun1"), nullptr);
}

}  // namespace
}  // namespace uvn::ctl
