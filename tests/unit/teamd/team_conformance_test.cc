// Team conformance cases of the Linux kernel selftests (drivers/net/team/, see
// /work/shared/reference/conformance-cases.md section 1.3) that need more than one device
// kind or teamd: TM-09 address-list cleanup with teamd's lacp runner (dev_addr_lists.sh,
// lag_lib.sh test_LAG_cleanup; BD-15 for the bond), TM-10 no reference left by a port that
// changes namespace (refleak.sh), TM-11 promisc/allmulti propagation to ports enslaved
// later (propagation.sh), TM-12 non-Ethernet lowers and stacked masters with IPv6 multicast
// traffic (non_ether_header_ops.sh). The expectations are Linux 6.1's team driver
// (drivers/net/team/team.c): team_port_add syncs the team's uc/mc lists to the new port
// (dev_uc_sync_multiple / dev_mc_sync_multiple while the team is up) and gives it one
// promiscuity / allmulti reference when the team has IFF_PROMISC / IFF_ALLMULTI;
// team_set_rx_mode syncs the lists to every port; team_change_rx_flags passes promisc and
// allmulti changes to every port; team_port_del and team_close take all of it back. TM-16
// (lacp runner options) is in tests/scenarios/team-tm16-*.uvn.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ctl/link.h"
#include "dev/team/team.h"
#include "teamd/config.h"
#include "teamd/teamd.h"
#include "world/stack/host_stack.h"

namespace uvn::teamd {
namespace {

MacAddr mac(const char* s) { return *MacAddr::parse(s); }

bool listed(const std::vector<Device::HwAddr>& l, const MacAddr& m) {
  return std::any_of(l.begin(), l.end(), [&](const Device::HwAddr& a) { return a.mac == m; });
}

// Counts the frames a device sends, by destination MAC.
struct TxCounter : FrameTap {
  std::vector<MacAddr> dst, src;
  std::vector<uint16_t> type;
  void tap(const Device&, const Frame& f, bool outgoing) override {
    if (!outgoing || f.size() < 14) return;
    dst.push_back(MacAddr::from_bytes(f.data()));
    src.push_back(MacAddr::from_bytes(f.data() + 6));
    type.push_back(uint16_t(f.data()[12] << 8 | f.data()[13]));
  }
  size_t count(const MacAddr& d, uint16_t t) const {
    size_t n = 0;
    for (size_t i = 0; i < dst.size(); ++i) n += dst[i] == d && type[i] == t;
    return n;
  }
};

struct Rig {
  World w{11};
  Netns& ns = w.init_ns();
  std::string log;

  Device& dev(const std::string& name, Netns* in = nullptr) {
    Device* d = (in ? *in : ns).find(name);
    EXPECT_NE(d, nullptr) << name;
    return *d;
  }
  TeamDevice* team(const std::string& name, Netns* in = nullptr) {
    return dynamic_cast<TeamDevice*>((in ? *in : ns).find(name));
  }
  void add(const std::string& kind, const std::string& name, Netns* in = nullptr,
           std::optional<MacAddr> address = std::nullopt, std::optional<int64_t> mtu = {}) {
    ctl::LinkAddRequest req;
    req.kind = kind;
    req.link.name = name;
    req.link.address = address;
    req.link.mtu = mtu;
    auto st = ctl::link_add(w, in ? *in : ns, req);
    ASSERT_TRUE(st) << name << ": " << st.error().message;
  }
  Status set(const std::string& name, const ctl::LinkSpec& s, Netns* in = nullptr) {
    Status st = ctl::link_set(w, in ? *in : ns, dev(name, in), s);
    settle();
    return st;
  }
  Status master(const std::string& name, const std::string& m, Netns* in = nullptr) {
    ctl::LinkSpec s;
    s.master = m;
    return set(name, s, in);
  }
  void up(const std::string& name, bool on = true, Netns* in = nullptr) {
    ctl::LinkSpec s;
    s.up = on;
    EXPECT_TRUE(set(name, s, in)) << name;
  }
  void flag(const std::string& name, bool promisc, bool on) {
    ctl::LinkSpec s;
    (promisc ? s.promisc : s.allmulti) = on;
    EXPECT_TRUE(set(name, s)) << name;
  }
  Status del(const std::string& name, Netns* in = nullptr) {
    Status st = ctl::link_del(w, in ? *in : ns, dev(name, in));
    settle();
    return st;
  }
  void settle() { w.engine().advance_to(w.engine().now() + 10 * kMsec); }
  void run(Nanos d) { w.engine().advance_to(w.engine().now() + d); }
  Result<Teamd*> teamd(const std::string& json) {
    auto j = parse_json_text(json);
    EXPECT_TRUE(j);
    auto c = config_from_json(*j);
    EXPECT_TRUE(c) << c.error().message;
    TeamdOptions o;
    o.device = "team0";
    auto r = Teamd::start(w, ns, *c, o, &log);
    w.engine().settle();
    return r;
  }
  void addr(const std::string& name, const char* prefix, bool nodad = false) {
    IfAddr ia;
    ia.ifindex = dev(name).ifindex();
    ia.local = *IpPrefix::parse(prefix);
    if (nodad) ia.flags |= kIfaNodad;
    ASSERT_TRUE(ns.stack().addr_add(ia)) << prefix;
  }
};

// ---------------------------------------------------------------- TM-09

// lag_lib.sh test_LAG_cleanup "team" "lacp": teamd's lacp runner over dummy1 and dummy2, the
// team up; a unicast address on the team's list (the selftest's macvlan on the team; uvn has
// no macvlan, so the address goes on the list as a macvlan's open does: dev_uc_add, which is
// also `bridge fdb add ADDR dev team0 self`), and the solicited-node group of an IPv6
// address on the team. Both reach the ports (team_set_rx_mode: every port, enabled or not;
// the dummies have no LACP partner, so neither is enabled). Taking the team down and
// deleting it removes both from the ports.
TEST(TeamConformance, Tm09AddressListsReachThePortsAndLeaveWithTheTeam) {
  Rig r;
  const MacAddr uc = mac("02:00:00:12:34:56"), mc = mac("33:33:ff:78:9a:bc");
  r.add("dummy", "dummy1", nullptr, mac("02:00:00:00:00:21"));
  r.add("dummy", "dummy2", nullptr, mac("02:00:00:00:00:22"));
  auto td = r.teamd(R"({"runner": {"name": "lacp"}, "ports": {"dummy1": {}, "dummy2": {}}})");
  ASSERT_TRUE(td) << td.error().message;
  ASSERT_EQ((*td)->ports().size(), 2u);
  r.up("team0");
  TeamDevice* t = r.team("team0");
  ASSERT_NE(t, nullptr);
  t->uc_add(uc);
  r.addr("team0", "fe80::78:9abc/64");
  r.run(3 * kSec);
  // The premise: both are on the team's own lists.
  ASSERT_TRUE(listed(t->uc_list(), uc));
  ASSERT_TRUE(listed(t->mc_list(), mc));
  for (const char* p : {"dummy1", "dummy2"}) {
    EXPECT_TRUE(listed(r.dev(p).uc_list(), uc)) << p << ": unicast address not on the port";
    EXPECT_TRUE(listed(r.dev(p).mc_list(), mc)) << p << ": solicited-node group not on the port";
  }
  r.up("team0", false);
  ASSERT_TRUE(r.del("team0"));
  EXPECT_EQ(find_teamd(r.w, "team0"), nullptr);
  for (const char* p : {"dummy1", "dummy2"}) {
    EXPECT_EQ(r.dev(p).master(), nullptr);
    EXPECT_FALSE(listed(r.dev(p).uc_list(), uc)) << p;
    EXPECT_FALSE(listed(r.dev(p).mc_list(), mc)) << p;
  }
}

// The same lists reach a port that joins later, and leave a port that is released while the
// team stays (team_port_add / team_port_del with the team up); a port also loses them when
// the team goes down (team_close: dev_uc_unsync / dev_mc_unsync) and gets them back on up.
TEST(TeamConformance, Tm09ListsFollowPortsJoiningLeavingAndTeamUpDown) {
  Rig r;
  const MacAddr uc = mac("02:00:00:12:34:56"), mc = mac("33:33:ff:78:9a:bc");
  r.add("dummy", "dummy1");
  r.add("dummy", "dummy2");
  auto td = r.teamd(R"({"runner": {"name": "lacp"}, "ports": {"dummy1": {}}})");
  ASSERT_TRUE(td) << td.error().message;
  r.up("team0");
  TeamDevice* t = r.team("team0");
  t->uc_add(uc);
  r.addr("team0", "fe80::78:9abc/64");
  r.run(3 * kSec);
  ASSERT_TRUE((*td)->port_add("dummy2"));
  r.settle();
  EXPECT_TRUE(listed(r.dev("dummy2").uc_list(), uc));
  EXPECT_TRUE(listed(r.dev("dummy2").mc_list(), mc));
  ASSERT_TRUE((*td)->port_remove("dummy2"));
  r.settle();
  EXPECT_FALSE(listed(r.dev("dummy2").uc_list(), uc));
  EXPECT_FALSE(listed(r.dev("dummy2").mc_list(), mc));
  EXPECT_TRUE(listed(r.dev("dummy1").uc_list(), uc));
  r.up("team0", false);
  EXPECT_FALSE(listed(r.dev("dummy1").uc_list(), uc));
  EXPECT_FALSE(listed(r.dev("dummy1").mc_list(), mc));
  r.up("team0");
  EXPECT_TRUE(listed(r.dev("dummy1").uc_list(), uc));
  t->uc_del(uc);
  r.settle();
  EXPECT_FALSE(listed(r.dev("dummy1").uc_list(), uc));
}

// teamd's lacp runner joins the Slow Protocols group on each port (lacp_port_added:
// slow_addr_add, SIOCADDMULTI 01:80:c2:00:00:02) and leaves it when the port goes
// (lacp_port_removed: slow_addr_del); deleting the team leaves nothing behind.
TEST(TeamConformance, Tm09LacpRunnerJoinsTheSlowProtocolsGroupOnItsPorts) {
  Rig r;
  const MacAddr slow = mac("01:80:c2:00:00:02");
  r.add("dummy", "dummy1");
  r.add("dummy", "dummy2");
  auto td = r.teamd(R"({"runner": {"name": "lacp"}, "ports": {"dummy1": {}, "dummy2": {}}})");
  ASSERT_TRUE(td) << td.error().message;
  EXPECT_TRUE(listed(r.dev("dummy1").mc_list(), slow));
  EXPECT_TRUE(listed(r.dev("dummy2").mc_list(), slow));
  ASSERT_TRUE((*td)->port_remove("dummy2"));
  r.settle();
  EXPECT_FALSE(listed(r.dev("dummy2").mc_list(), slow));
  ASSERT_TRUE(r.del("team0"));
  EXPECT_FALSE(listed(r.dev("dummy1").mc_list(), slow));
}

// ---------------------------------------------------------------- TM-10

// refleak.sh: team1 and dummy1 (MTU 1499) in ns1, dummy1 a port of team1, dummy1 moved to
// ns2 and deleted there. Moving it releases it (its MTU back to 1499), the team no longer
// lists it, and the delete succeeds.
TEST(TeamConformance, Tm10PortMovedToAnotherNamespaceCanBeDeletedThere) {
  Rig r;
  Netns& ns1 = r.w.add_netns("ns1");
  Netns& ns2 = r.w.add_netns("ns2");
  r.add("team", "team1", &ns1);
  r.add("dummy", "dummy1", &ns1, std::nullopt, 1499);
  ASSERT_TRUE(r.master("dummy1", "team1", &ns1));
  TeamDevice* t = r.team("team1", &ns1);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->ports().size(), 1u);
  EXPECT_EQ(r.dev("dummy1", &ns1).mtu(), 1500u);  // a port takes the team's MTU
  ctl::LinkSpec move;
  move.netns = "ns2";
  ASSERT_TRUE(r.set("dummy1", move, &ns1));
  EXPECT_EQ(ns1.find("dummy1"), nullptr);
  Device* d = ns2.find("dummy1");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->master(), nullptr);
  EXPECT_EQ(d->mtu(), 1499u);
  EXPECT_TRUE(t->ports().empty());
  EXPECT_EQ(t->enabled_count(), 0);
  ASSERT_TRUE(r.del("dummy1", &ns2));
  EXPECT_EQ(ns2.find("dummy1"), nullptr);
  EXPECT_TRUE(t->ports().empty());
  // The team goes on without it.
  ASSERT_TRUE(r.del("team1", &ns1));
}

// The same with teamd driving the team: the daemon drops the port that left (as it does on
// teamd's port-removed netlink event) and the moved device is deleted in its new namespace.
TEST(TeamConformance, Tm10PortMovedAwayLeavesTeamdToo) {
  Rig r;
  Netns& ns2 = r.w.add_netns("ns2");
  r.add("dummy", "dummy1", nullptr, std::nullopt, 1499);
  r.add("dummy", "dummy2");
  auto td = r.teamd(R"({"runner": {"name": "lacp"}, "ports": {"dummy1": {}, "dummy2": {}}})");
  ASSERT_TRUE(td) << td.error().message;
  ctl::LinkSpec move;
  move.netns = "ns2";
  ASSERT_TRUE(r.set("dummy1", move));
  r.w.engine().settle();
  ASSERT_EQ((*td)->ports().size(), 1u);
  EXPECT_EQ((*td)->ports()[0]->name, "dummy2");
  EXPECT_EQ(r.team("team0")->ports().size(), 1u);
  EXPECT_EQ(ns2.find("dummy1")->mtu(), 1499u);
  ASSERT_TRUE(r.del("dummy1", &ns2));
  EXPECT_EQ((*td)->item_get("ports.dummy1.ifinfo.ifname").error().message, "PathDoesNotExist");
}

// ---------------------------------------------------------------- TM-11

// propagation.sh team_promisc: `promisc on` on a team that is down and has no ports, then a
// port enslaved, then the team up: the port holds one promiscuity reference from the team
// (team_port_add: dev->flags & IFF_PROMISC). Deleting the team gives it back.
TEST(TeamConformance, Tm11PromiscReachesAPortEnslavedLater) {
  Rig r;
  r.add("dummy", "dummyteam");
  r.add("team", "team0");
  r.flag("team0", true, true);
  ASSERT_TRUE(r.master("dummyteam", "team0"));
  EXPECT_EQ(r.dev("dummyteam").promiscuity(), 1) << "enslaved to a promisc team (team down)";
  r.up("team0");
  EXPECT_EQ(r.dev("dummyteam").promiscuity(), 1);
  ASSERT_TRUE(r.del("team0"));
  EXPECT_EQ(r.dev("dummyteam").promiscuity(), 0);
  // The same with the team up before the port joins.
  r.add("team", "team0");
  r.up("team0");
  r.flag("team0", true, true);
  ASSERT_TRUE(r.master("dummyteam", "team0"));
  EXPECT_EQ(r.dev("dummyteam").promiscuity(), 1) << "enslaved to a promisc team (team up)";
  // Released (nomaster): the reference goes with it.
  ASSERT_TRUE(r.master("dummyteam", ""));
  EXPECT_EQ(r.dev("dummyteam").promiscuity(), 0);
}

// propagation.sh team_change_flags: port enslaved, team up, then `promisc on`: the change
// reaches the port (team_change_rx_flags); a secondary unicast address (the selftest's
// macvlan on the promisc team) can still be added and reaches the port; `promisc off` and
// deleting the team give the reference back.
TEST(TeamConformance, Tm11PromiscChangeReachesThePorts) {
  Rig r;
  r.add("dummy", "dummyteam");
  r.add("team", "team0");
  ASSERT_TRUE(r.master("dummyteam", "team0"));
  r.up("team0");
  EXPECT_EQ(r.dev("dummyteam").promiscuity(), 0);
  r.flag("team0", true, true);
  EXPECT_EQ(r.dev("dummyteam").promiscuity(), 1);
  r.team("team0")->uc_add(mac("00:00:00:00:00:01"));
  r.settle();
  EXPECT_TRUE(listed(r.dev("dummyteam").uc_list(), mac("00:00:00:00:00:01")));
  r.team("team0")->uc_del(mac("00:00:00:00:00:01"));
  r.flag("team0", true, false);
  EXPECT_EQ(r.dev("dummyteam").promiscuity(), 0);
  r.flag("team0", true, true);
  ASSERT_TRUE(r.del("team0"));
  EXPECT_EQ(r.dev("dummyteam").promiscuity(), 0);
  EXPECT_FALSE(listed(r.dev("dummyteam").uc_list(), mac("00:00:00:00:00:01")));
}

// allmulti likewise, both orders.
TEST(TeamConformance, Tm11AllmultiReachesThePorts) {
  Rig r;
  r.add("dummy", "d1");
  r.add("dummy", "d2");
  r.add("team", "team0");
  ASSERT_TRUE(r.master("d1", "team0"));
  r.up("team0");
  r.flag("team0", false, true);
  EXPECT_EQ(r.dev("d1").allmulti(), 1) << "allmulti on after the port joined";
  ASSERT_TRUE(r.master("d2", "team0"));
  EXPECT_EQ(r.dev("d2").allmulti(), 1) << "port joined an allmulti team";
  ASSERT_TRUE(r.master("d2", ""));
  EXPECT_EQ(r.dev("d2").allmulti(), 0);
  r.flag("team0", false, false);
  EXPECT_EQ(r.dev("d1").allmulti(), 0);
  r.flag("team0", false, true);
  ASSERT_TRUE(r.del("team0"));
  EXPECT_EQ(r.dev("d1").allmulti(), 0);
}

// The user's flags stay the user's: the port's own PROMISC flag (what `ip link` shows) is
// not set by the team's reference, and a port the user made promisc keeps its own reference
// when the team lets go.
TEST(TeamConformance, Tm11UserFlagsOfThePortStayApart) {
  Rig r;
  r.add("dummy", "d1");
  r.add("team", "team0");
  r.flag("d1", true, true);
  ASSERT_TRUE(r.master("d1", "team0"));
  r.up("team0");
  r.flag("team0", true, true);
  EXPECT_EQ(r.dev("d1").promiscuity(), 2);
  EXPECT_TRUE(r.dev("d1").visible_flags() & kIffPromisc);
  ASSERT_TRUE(r.del("team0"));
  EXPECT_EQ(r.dev("d1").promiscuity(), 1);
  EXPECT_TRUE(r.dev("d1").visible_flags() & kIffPromisc);
}

// ---------------------------------------------------------------- TM-12

// Non-Ethernet lowers: a loopback is refused first (team_port_add, EINVAL with its extack);
// a tun device (ARPHRD_NONE) is refused too: Linux would turn an empty team into the port's
// type (team_dev_type_check_change), uvn's teams stay Ethernet (team.h), as the conformance
// catalogue expects; with a port already in the team it is "of different type" (EBUSY). An
// Ethernet tap is taken. Nothing changes on a refusal.
TEST(TeamConformance, Tm12NonEthernetLowersAreRefused) {
  Rig r;
  r.add("team", "team0");
  auto st = r.master("lo", "team0");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EINVAL);
  EXPECT_EQ(st.error().message, "Loopback device can't be added as a team port");
  TunOptions tun;
  tun.tap = false;
  ASSERT_TRUE(ctl::tuntap_add(r.w, r.ns, "tun0", tun));
  st = r.master("tun0", "team0");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EOPNOTSUPP);
  EXPECT_EQ(st.error().message, "uvn teams take Ethernet devices only");
  EXPECT_EQ(r.dev("tun0").master(), nullptr);
  EXPECT_TRUE(r.team("team0")->ports().empty());
  EXPECT_EQ(r.team("team0")->info().link_type, "ether");
  ASSERT_TRUE(ctl::tuntap_add(r.w, r.ns, "tap0", TunOptions{}));
  ASSERT_TRUE(r.master("tap0", "team0"));
  st = r.master("tun0", "team0");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EBUSY);
  EXPECT_EQ(r.team("team0")->ports().size(), 1u);
  EXPECT_EQ(r.dev("lo").master(), nullptr);
}

// non_ether_header_ops.sh without gre (uvn has none, and its bonds refuse non-Ethernet
// slaves as well): d0 -> b0 (bond, active-backup) -> t0 (team), all up, an IPv6 address on
// t0, then IPv6 multicast from t0 (`ping -6 -I t0 ff02::1` 20 times). Linux also sends MLD
// reports for the address's groups here; uvn's stack sends none (docs/architecture.md,
// "no multicast group membership reports"), so the echo requests are the multicast traffic.
// Nothing crashes, and with a mode set on t0 every request leaves d0 as a well-formed
// Ethernet frame to 33:33:00:00:00:01 from t0's address. Without a mode (*NOMODE*, as in
// the selftest, where no teamd runs) t0 drops what it sends.
TEST(TeamConformance, Tm12BondUnderTeamCarriesIpv6Multicast) {
  for (bool with_mode : {false, true}) {
    SCOPED_TRACE(with_mode ? "roundrobin" : "*NOMODE*");
    Rig r;
    ctl::LinkAddRequest veth;
    veth.kind = "veth";
    veth.link.name = "d0";
    veth.peer = ctl::LinkSpec{};
    veth.peer->name = "d0peer";
    ASSERT_TRUE(ctl::link_add(r.w, r.ns, veth));
    ctl::LinkAddRequest bond;
    bond.kind = "bond";
    bond.link.name = "b0";
    bond.link.bond = ctl::BondArgs{};
    bond.link.bond->opts.push_back({kBondMode, uint64_t(BondMode::kActiveBackup)});
    ASSERT_TRUE(ctl::link_add(r.w, r.ns, bond));
    r.add("team", "t0");
    if (with_mode) {
      ASSERT_TRUE(r.team("t0")->set_mode(TeamMode::kRoundRobin));
    }
    ASSERT_TRUE(r.master("d0", "b0"));
    ASSERT_TRUE(r.master("b0", "t0"));
    r.up("d0peer");
    r.up("d0");
    r.up("b0");
    r.up("t0");
    EXPECT_EQ(r.dev("b0").master(), &r.dev("t0"));
    EXPECT_EQ(r.dev("d0").master(), &r.dev("b0"));
    r.addr("t0", "2001:db8:1::1/64", true);
    r.run(3 * kSec);
    TxCounter out;
    r.dev("d0").add_tap(&out);
    uint64_t t0_dropped = r.dev("t0").stats().tx_dropped;
    int id = r.ns.stack().open_icmp([](const IcmpEvent&) {});
    uint8_t payload[56] = {};
    for (int i = 1; i <= 20; ++i) {
      r.ns.stack().send_echo(*IpAddr::parse("ff02::1"), uint16_t(id), uint16_t(i), payload,
                             sizeof payload, r.dev("t0").ifindex());
      r.run(100 * kMsec);
    }
    r.ns.stack().close_icmp(id);
    r.dev("d0").remove_tap(&out);
    const MacAddr all_nodes = mac("33:33:00:00:00:01");
    if (with_mode) {
      EXPECT_EQ(out.count(all_nodes, 0x86dd), 20u);
      for (size_t i = 0; i < out.dst.size(); ++i)
        if (out.dst[i] == all_nodes) {
          EXPECT_EQ(out.src[i], r.dev("t0").mac());
        }
    } else {
      EXPECT_EQ(out.count(all_nodes, 0x86dd), 0u);
      EXPECT_GE(r.dev("t0").stats().tx_dropped - t0_dropped, 20u);
    }
    ASSERT_TRUE(r.del("t0"));
    ASSERT_TRUE(r.del("b0"));
    EXPECT_EQ(r.dev("d0").master(), nullptr);
  }
}

// The other stacking order, team -> bond (a team enslaved to a bond, which Linux allows: a
// team device has no rx handler of its own), and the loops both ways are refused (EBUSY:
// netdev_upper_dev_link's "already an upper device" and the team's own check).
TEST(TeamConformance, Tm12TeamUnderBondAndNoLoops) {
  Rig r;
  r.add("dummy", "d0");
  r.add("team", "t0");
  r.add("bond", "b1");
  ASSERT_TRUE(r.master("d0", "t0"));
  ASSERT_TRUE(r.master("t0", "b1"));
  EXPECT_EQ(r.dev("t0").master(), &r.dev("b1"));
  r.up("b1");
  EXPECT_TRUE(r.dev("t0").is_up());
  // b1 is above t0: b1 cannot become t0's port, nor t0's port's master.
  r.up("b1", false);
  auto st = r.master("b1", "t0");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EBUSY);
  EXPECT_EQ(st.error().message, "Device is already an upper device of the team interface");
  EXPECT_EQ(r.dev("b1").master(), nullptr);
  ASSERT_TRUE(r.master("t0", ""));
  // Now a bond under the team, and the team refused under that bond.
  ASSERT_TRUE(r.master("b1", "t0"));
  st = r.master("t0", "b1");
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EBUSY);
  EXPECT_EQ(r.dev("t0").master(), nullptr);
  EXPECT_EQ(r.dev("b1").master(), &r.dev("t0"));
}

}  // namespace
}  // namespace uvn::teamd
