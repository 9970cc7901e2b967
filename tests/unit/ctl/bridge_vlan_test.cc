// Bridge VLAN requests (ctl/bridge_vlan.h): which entry `bridge vlan add|del` reaches (port,
// bridge itself, EOPNOTSUPP), add replacing flags and moving the PVID, del of an absent VID,
// the per-VLAN options of `bridge vlan set` and the global multicast options of
// `bridge vlan global set` with the kernel's errors, and refused requests changing nothing.
#include <gtest/gtest.h>

#include "ctl/bridge.h"
#include "ctl/bridge_vlan.h"
#include "ctl/link.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn::ctl {
namespace {

class BridgeVlanTest : public testing::Test {
 protected:
  void SetUp() override {
    LinkAddRequest br;
    br.kind = "bridge";
    br.link.name = "br0";
    ASSERT_TRUE(link_add(w_, ns(), br));
    add_veth("swp1", true);
    add_veth("swp2", true);
    add_veth("other", false);
  }
  Netns& ns() { return w_.init_ns(); }
  Device& dev(const char* name) { return *ns().find(name); }
  BridgeDevice& br() { return *static_cast<BridgeDevice*>(ns().find("br0")); }
  BridgePort* port(const char* name) { return br().port_of(dev(name)); }
  void add_veth(const std::string& name, bool enslave) {
    LinkAddRequest req;
    req.kind = "veth";
    req.link.name = name;
    req.peer = LinkSpec{};
    req.peer->name = "peer-" + name;
    ASSERT_TRUE(link_add(w_, ns(), req));
    if (!enslave) return;
    LinkSpec m;
    m.master = "br0";
    ASSERT_TRUE(link_set(w_, ns(), dev(name.c_str()), m));
  }
  static VlanModify mod(uint16_t vid, std::optional<uint16_t> end = std::nullopt) {
    VlanModify r;
    r.range.vid = vid;
    r.range.end = end;
    return r;
  }
  // "VID[P][U] ..." for the entries of `p` (nullptr: the bridge's own).
  std::string list(BridgePort* p) {
    std::string s;
    const BrVlanTable& t = br().vlans(p);
    for (auto& v : t.list()) {
      if (!p && !v.brentry) continue;
      s += std::to_string(v.vid) + (t.pvid() == v.vid ? "P" : "") + (v.untagged ? "U" : "") + " ";
    }
    return s;
  }
  static void expect_error(const Status& st, int code, const std::string& msg) {
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, code);
    EXPECT_EQ(st.error().message, msg);
  }

  World w_{3};
};

TEST_F(BridgeVlanTest, DefaultsAndTargetSelection) {
  EXPECT_EQ(list(nullptr), "1PU ");
  EXPECT_EQ(list(port("swp1")), "1PU ");
  // No word (or `master`) on a port: the port's entry, not the bridge's.
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(10), false));
  VlanModify m = mod(11);
  m.master = true;
  ASSERT_TRUE(vlan_modify(dev("swp1"), m, false));
  EXPECT_EQ(list(port("swp1")), "1PU 10 11 ");
  EXPECT_EQ(list(nullptr), "1PU ");
  ASSERT_NE(br().vlans(nullptr).find(10), nullptr);  // kept as port context
  // The bridge itself without `self`, a device that is no port, `self` on a port.
  expect_error(vlan_modify(dev("br0"), mod(10), false), EOPNOTSUPP, "");
  expect_error(vlan_modify(dev("other"), mod(10), false), EOPNOTSUPP, "");
  VlanModify s = mod(12);
  s.self = true;
  expect_error(vlan_modify(dev("other"), s, false), EOPNOTSUPP, "");
  expect_error(vlan_modify(dev("other"), mod(12), true), EOPNOTSUPP, "");
  // `master self` on a port: the port part is done, then `self` fails (as the kernel).
  VlanModify ms = mod(12);
  ms.self = ms.master = true;
  expect_error(vlan_modify(dev("swp1"), ms, false), EOPNOTSUPP, "");
  EXPECT_EQ(list(port("swp1")), "1PU 10 11 12 ");
  // `self` on the bridge: its own entry.
  ASSERT_TRUE(vlan_modify(dev("br0"), s, false));
  EXPECT_EQ(list(nullptr), "1PU 12 ");
}

TEST_F(BridgeVlanTest, AddReplacesFlagsAndMovesThePvid) {
  VlanModify m = mod(20);
  m.pvid = m.untagged = true;
  ASSERT_TRUE(vlan_modify(dev("swp1"), m, false));
  EXPECT_EQ(list(port("swp1")), "1U 20PU ");
  // Re-adding VID 1 without words makes it plain tagged.
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(1), false));
  EXPECT_EQ(list(port("swp1")), "1 20PU ");
  // Re-adding the PVID without `pvid` leaves the port without one.
  VlanModify u = mod(20);
  u.untagged = true;
  ASSERT_TRUE(vlan_modify(dev("swp1"), u, false));
  EXPECT_EQ(list(port("swp1")), "1 20U ");
  EXPECT_EQ(br().vlans(port("swp1")).pvid(), 0);
}

TEST_F(BridgeVlanTest, RangesAndDel) {
  VlanModify r = mod(10, 13);
  r.untagged = true;
  ASSERT_TRUE(vlan_modify(dev("swp2"), r, false));
  EXPECT_EQ(list(port("swp2")), "1PU 10U 11U 12U 13U ");
  ASSERT_TRUE(vlan_modify(dev("swp2"), mod(11, 12), true));
  EXPECT_EQ(list(port("swp2")), "1PU 10U 13U ");
  // Absent VIDs: no error.
  ASSERT_TRUE(vlan_modify(dev("swp2"), mod(100), true));
  ASSERT_TRUE(vlan_modify(dev("swp2"), mod(5, 15), true));
  EXPECT_EQ(list(port("swp2")), "1PU ");
  VlanModify s = mod(300);
  s.self = true;
  ASSERT_TRUE(vlan_modify(dev("br0"), s, true));
}

TEST_F(BridgeVlanTest, KernelVidChecks) {
  expect_error(vlan_modify(dev("swp1"), mod(0), false), EINVAL, "bridge: Vlan id is invalid");
  expect_error(vlan_modify(dev("swp1"), mod(4095), false), EINVAL, "bridge: Vlan id is invalid");
  expect_error(vlan_modify(dev("swp1"), mod(10, 4095), false), EINVAL,
               "bridge: Vlan id is invalid");
  expect_error(vlan_modify(dev("swp1"), mod(0), true), EINVAL, "");  // del: no extack
  VlanModify p = mod(10, 20);
  p.pvid = true;
  expect_error(vlan_modify(dev("swp1"), p, false), EINVAL, "bridge: Pvid isn't allowed in a range");
  expect_error(vlan_modify(dev("swp1"), mod(20, 10), false), EINVAL,
               "bridge: End vlan id is less than or equal to start vlan id");
  // The target is chosen first: a device that is no port fails with EOPNOTSUPP.
  expect_error(vlan_modify(dev("other"), mod(0), false), EOPNOTSUPP, "");
  EXPECT_EQ(list(port("swp1")), "1PU ");
}

TEST_F(BridgeVlanTest, TunnelInfoIsCheckedThenUnsupported) {
  VlanModify t = mod(1);
  t.tunnel = {{100, 0}};
  expect_error(vlan_modify(dev("swp1"), t, false), EOPNOTSUPP, "");
  ASSERT_TRUE(vlan_modify(dev("swp1"), t, true));  // no mapping to remove
  t.range.vid = 10;
  expect_error(vlan_modify(dev("swp1"), t, false), EINVAL, "");  // the port lacks VID 10
  t.self = true;
  expect_error(vlan_modify(dev("br0"), t, false), EINVAL, "");
  VlanModify r = mod(10, 12);
  r.tunnel = {{100, 101}};
  expect_error(vlan_modify(dev("swp1"), r, false), EINVAL, "");  // 3 VIDs, 2 ids
  r.range = {4095, std::nullopt};
  expect_error(vlan_modify(dev("swp1"), r, false), ERANGE, "");
  EXPECT_EQ(list(port("swp1")), "1PU ");
}

TEST_F(BridgeVlanTest, SetStateAndMcastRouter) {
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(10, 12), false));
  VlanSet s;
  s.range = {10, 12};
  s.state = kBrStateBlocking;
  s.mcast_router = 3;  // temp: ports only
  ASSERT_TRUE(vlan_set(dev("swp1"), s));
  for (uint16_t v = 10; v <= 12; ++v) {
    EXPECT_EQ(br().vlans(port("swp1")).find(v)->state, kBrStateBlocking);
    EXPECT_EQ(br().vlans(port("swp1")).find(v)->mcast_router, 3);
  }
  VlanSet b;
  b.range = {1, std::nullopt};
  b.mcast_router = 3;
  expect_error(vlan_set(dev("br0"), b), EINVAL, "");
  b.mcast_router = 2;
  ASSERT_TRUE(vlan_set(dev("br0"), b));
  EXPECT_EQ(br().vlans(nullptr).find(1)->mcast_router, 2);
  VlanSet bad;
  bad.range = {10, std::nullopt};
  bad.state = 5;
  expect_error(vlan_set(dev("swp1"), bad), EINVAL, "bridge: Invalid vlan state");
  // Kernel STP owns the states (user STP does not).
  ASSERT_TRUE(bridge_set(br(), {{kBrStpState, 1}}));
  VlanSet st;
  st.range = {10, std::nullopt};
  st.state = kBrStateForwarding;
  expect_error(vlan_set(dev("swp1"), st), EBUSY,
               "bridge: Can't modify vlan state when using kernel STP");
  bad.range = {10, std::nullopt};
  expect_error(vlan_set(dev("swp1"), bad), EINVAL, "bridge: Invalid vlan state");
}

TEST_F(BridgeVlanTest, SetNeedsEveryVidAndRefusesWhole) {
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(10), false));
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(12), false));
  VlanSet s;
  s.state = kBrStateLearning;
  s.range = {9, 10};
  expect_error(vlan_set(dev("swp1"), s), ENOENT,
               "bridge: Vlan range start doesn't exist, can't process options");
  s.range = {10, 11};
  expect_error(vlan_set(dev("swp1"), s), ENOENT,
               "bridge: Vlan range end doesn't exist, can't process options");
  s.range = {10, 12};
  expect_error(vlan_set(dev("swp1"), s), ENOENT,
               "bridge: Vlan in range doesn't exist, can't process options");
  EXPECT_EQ(br().vlans(port("swp1")).find(10)->state, kBrStateForwarding);  // nothing applied
  // The bridge's context entries are not its own VLANs.
  s.range = {10, std::nullopt};
  expect_error(vlan_set(dev("br0"), s), ENOENT,
               "bridge: Vlan range start doesn't exist, can't process options");
  expect_error(vlan_set(dev("other"), s), EINVAL,
               "bridge: The device is not a valid bridge or bridge port");
  s.range = {0, std::nullopt};
  expect_error(vlan_set(dev("swp1"), s), EINVAL, "bridge: Vlan id is invalid");
}

TEST_F(BridgeVlanTest, NewerPerVlanOptions) {
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(10), false));
  VlanSet n;
  n.range = {10, std::nullopt};
  n.neigh_suppress = true;
  ASSERT_TRUE(vlan_set(dev("swp1"), n));
  EXPECT_TRUE(br().vlans(port("swp1")).find(10)->neigh_suppress);
  n.range = {1, std::nullopt};
  expect_error(vlan_set(dev("br0"), n), EINVAL,
               "bridge: Can't set neigh_suppress for non-port vlans");
  VlanSet g;
  g.range = {10, std::nullopt};
  g.mcast_max_groups = 5;
  expect_error(vlan_set(dev("swp1"), g), EINVAL,
               "bridge: Multicast snooping disabled on this VLAN");
  g.range = {1, std::nullopt};
  expect_error(vlan_set(dev("br0"), g), EINVAL,
               "bridge: Can't set mcast_max_groups for non-port vlans");
  // With per-VLAN snooping on (it needs VLAN filtering) and the VLAN's global snooping on.
  ASSERT_TRUE(bridge_set(br(), {{kBrVlanFiltering, 1}, {kBrMcastVlanSnooping, 1}}));
  g.range = {10, std::nullopt};
  ASSERT_TRUE(vlan_set(dev("swp1"), g));
  EXPECT_EQ(br().vlans(port("swp1")).find(10)->mcast_max_groups, 5u);
  VlanGlobalSet off;
  off.range = {10, std::nullopt};
  off.mcast_snooping = 0;
  ASSERT_TRUE(vlan_global_set(dev("br0"), off));
  expect_error(vlan_set(dev("swp1"), g), EINVAL,
               "bridge: Multicast snooping disabled on this VLAN");
}

TEST_F(BridgeVlanTest, GlobalOptions) {
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(10, 11), false));  // context entries on br0
  VlanGlobalSet g;
  g.range = {10, 11};
  g.mcast_querier = 7;
  g.mcast_igmp_version = 3;
  g.mcast_query_interval = 5;                // clamped to 1 s
  g.mcast_startup_query_interval = 9000000;  // clamped to 24 h
  g.mcast_membership_interval = 1;           // not clamped
  ASSERT_TRUE(vlan_global_set(dev("br0"), g));
  const BrVlanMcastCtx& m = br().vlans(nullptr).find(11)->mcast;
  EXPECT_EQ(m.querier, 1);
  EXPECT_EQ(m.igmp_version, 3);
  EXPECT_EQ(m.query_interval, 100u);
  EXPECT_EQ(m.startup_query_interval, 8640000u);
  EXPECT_EQ(m.membership_interval, 1u);
  EXPECT_EQ(br().vlans(nullptr).find(1)->mcast, BrVlanMcastCtx{});
  expect_error(vlan_global_set(dev("swp1"), g), EINVAL,
               "bridge: Global vlan options can only be set on bridge device");
  expect_error(vlan_global_set(dev("other"), g), EINVAL,
               "bridge: The device is not a valid bridge or bridge port");
  VlanGlobalSet v;
  v.range = {10, std::nullopt};
  v.mcast_mld_version = 3;
  expect_error(vlan_global_set(dev("br0"), v), EINVAL, "");
  v.mcast_mld_version.reset();
  v.mcast_igmp_version = 1;
  expect_error(vlan_global_set(dev("br0"), v), EINVAL, "");
  v.range = {9, 10};
  v.mcast_igmp_version.reset();
  expect_error(vlan_global_set(dev("br0"), v), ENOENT,
               "bridge: Vlan in range doesn't exist, can't process global options");
  v.range = {11, 10};
  expect_error(vlan_global_set(dev("br0"), v), EINVAL,
               "bridge: End vlan id is less than or equal to start vlan id");
  v.range = {4095, std::nullopt};
  expect_error(vlan_global_set(dev("br0"), v), EINVAL, "bridge: Vlan id is invalid");
}

TEST_F(BridgeVlanTest, PortAnnouncedOnlyWhenItsVlansChange) {
  BridgePort* p = port("swp1");
  uint64_t before = p->notified;
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(10), false));
  EXPECT_EQ(p->notified, before + 1);
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(10), false));  // same flags
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(99), true));   // absent
  EXPECT_EQ(p->notified, before + 1);
  ASSERT_TRUE(vlan_modify(dev("swp1"), mod(10), true));
  EXPECT_EQ(p->notified, before + 2);
}

}  // namespace
}  // namespace uvn::ctl
