// The kernel team device (issue 6, first slice): port add/remove rules and their extack
// texts, MTU and address handling, carrier, each mode's transmit over enabled ports only,
// receive on disabled and inactive ports, activeport, the loadbalance buckets, and the peer
// notification schedule. Modes and options are set directly (teamd and teamnl come later).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dev/bridge/bridge.h"
#include "dev/team/team.h"
#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn {
namespace {

struct Rig {
  World w{21};
  Netns& ns = w.init_ns();
  TeamDevice* team = nullptr;
  std::vector<VethDevice*> s, p;  // ports and their (up) peers

  explicit Rig(int n, TeamMode mode = TeamMode::kNone, bool add = true) {
    auto t = std::make_unique<TeamDevice>(&ns);
    t->set_name("team0");
    t->set_mac(MacAddr{{0x02, 0, 0, 0, 0, 0x10}});
    team = static_cast<TeamDevice*>(ns.attach(std::move(t)));
    if (mode != TeamMode::kNone) {
      EXPECT_TRUE(team->set_mode(mode));
    }
    for (int i = 0; i < n; ++i) {
      auto x = std::make_unique<VethDevice>(&ns);
      auto y = std::make_unique<VethDevice>(&ns);
      VethDevice::pair(*x, *y);
      x->set_name("eth" + std::to_string(i));
      y->set_name("peer" + std::to_string(i));
      x->set_mac(MacAddr{{0x02, 0, 0, 0, 1, uint8_t(i)}});
      y->set_mac(MacAddr{{0x02, 0, 0, 0, 2, uint8_t(i)}});
      s.push_back(static_cast<VethDevice*>(ns.attach(std::move(x))));
      p.push_back(static_cast<VethDevice*>(ns.attach(std::move(y))));
      p.back()->open();
      if (add) {
        EXPECT_TRUE(team->add_slave(*s.back()));
      }
    }
    team->open();
    w.engine().settle();
  }
  TeamPort& port(int i) { return *team->port_of(*s[i]); }
  Frame frame(uint8_t tag, bool link_local = false) {
    uint8_t b[60] = {};
    if (link_local) {
      const uint8_t ll[6] = {0x01, 0x80, 0xc2, 0, 0, 0x0e};
      std::copy(ll, ll + 6, b);
    } else {
      std::fill(b, b + 6, 0xff);
    }
    b[6] = 0x02, b[11] = 0x77;
    b[12] = 0x88, b[13] = 0xb5;  // local experimental ethertype
    b[14] = tag;
    return w.engine().pool().from_bytes(b, sizeof b);
  }
  // Sends `n` frames through the team; returns how many each port sent.
  std::vector<uint64_t> send(int n, uint8_t tag = 0) {
    std::vector<uint64_t> before;
    for (auto* d : s) before.push_back(d->stats().tx_packets);
    for (int i = 0; i < n; ++i) team->transmit(frame(tag));
    w.engine().settle();
    std::vector<uint64_t> out;
    for (size_t i = 0; i < s.size(); ++i) out.push_back(s[i]->stats().tx_packets - before[i]);
    return out;
  }
  // A frame arriving on port i (sent by its peer); returns the team's rx_packets delta.
  uint64_t arrive(int i, bool link_local = false) {
    uint64_t before = team->stats().rx_packets;
    p[i]->transmit(frame(0, link_local));
    w.engine().settle();
    return team->stats().rx_packets - before;
  }
};

TEST(Team, PortAddRefusals) {
  Rig r(2, TeamMode::kNone, false);
  // Up: EBUSY with the kernel's extack.
  r.s[0]->open();
  auto st = r.team->add_slave(*r.s[0]);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EBUSY);
  EXPECT_EQ(st.error().message, "Device is up. Set it down before adding it as a team port");
  EXPECT_EQ(r.s[0]->master(), nullptr);
  // Itself.
  st = r.team->add_slave(*r.team);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EINVAL);
  EXPECT_EQ(st.error().message, "Cannot enslave team device to itself");
  // Loopback.
  st = r.team->add_slave(*r.ns.loopback());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EINVAL);
  EXPECT_EQ(st.error().message, "Loopback device can't be added as a team port");
  // A device above the team (its bridge): a loop.
  auto b = std::make_unique<BridgeDevice>(&r.ns);
  b->set_name("br0");
  auto* br = static_cast<BridgeDevice*>(r.ns.attach(std::move(b)));
  r.team->close();
  ASSERT_TRUE(br->add_slave(*r.team));
  st = r.team->add_slave(*br);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EBUSY);
  EXPECT_EQ(st.error().message, "Device is already an upper device of the team interface");
  // A down device joins, opened and enabled.
  ASSERT_TRUE(r.team->add_slave(*r.s[1]));
  EXPECT_TRUE(r.s[1]->is_up());
  EXPECT_TRUE(r.port(1).enabled());
  EXPECT_EQ(r.s[1]->master(), r.team);
  // No IFF_SLAVE on team ports (IFF_TEAM_PORT is private).
  EXPECT_FALSE(r.s[1]->admin_flags() & kIffSlave);
  r.team->remove_slave(*r.s[1]);
  EXPECT_FALSE(r.s[1]->is_up());
  EXPECT_EQ(r.s[1]->master(), nullptr);
}

TEST(Team, MtuFollowsAndIsRestored) {
  Rig r(1, TeamMode::kNone, false);
  r.team->set_mtu(9000);
  ASSERT_TRUE(r.team->add_slave(*r.s[0]));
  EXPECT_EQ(r.s[0]->mtu(), 9000u);
  r.team->set_mtu(4000);
  EXPECT_EQ(r.s[0]->mtu(), 4000u);
  r.team->remove_slave(*r.s[0]);
  EXPECT_EQ(r.s[0]->mtu(), 1500u);
}

TEST(Team, AddressesByMode) {
  // The team never takes a port's address; activebackup and loadbalance leave ports alone.
  for (TeamMode m : {TeamMode::kNone, TeamMode::kActiveBackup, TeamMode::kLoadBalance}) {
    Rig r(1, m);
    EXPECT_EQ(r.team->mac(), (MacAddr{{0x02, 0, 0, 0, 0, 0x10}}));
    EXPECT_EQ(r.s[0]->mac(), (MacAddr{{0x02, 0, 0, 0, 1, 0}}));
  }
  // roundrobin, broadcast, random: ports take the team's, and follow it.
  for (TeamMode m : {TeamMode::kRoundRobin, TeamMode::kBroadcast, TeamMode::kRandom}) {
    Rig r(2, m);
    EXPECT_EQ(r.s[0]->mac(), r.team->mac());
    EXPECT_EQ(r.s[1]->mac(), r.team->mac());
    const MacAddr n{{0x02, 0, 0, 0, 0, 0x20}};
    r.team->set_mac(n);
    EXPECT_EQ(r.s[1]->mac(), n);
    // Removal gives the original back.
    r.team->remove_slave(*r.s[1]);
    EXPECT_EQ(r.s[1]->mac(), (MacAddr{{0x02, 0, 0, 0, 1, 1}}));
  }
}

TEST(Team, ModeChangeRules) {
  Rig r(1, TeamMode::kRoundRobin);
  EXPECT_EQ(team_mode_name(r.team->mode()), "roundrobin");
  auto st = r.team->set_mode(TeamMode::kBroadcast);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EBUSY);
  r.team->remove_slave(*r.s[0]);
  st = r.team->set_mode(TeamMode::kRoundRobin);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, EINVAL);
  EXPECT_TRUE(r.team->set_mode(TeamMode::kBroadcast));
  EXPECT_EQ(team_mode_from_name("loadbalance"), TeamMode::kLoadBalance);
  EXPECT_EQ(team_mode_from_name("lacp"), std::nullopt);
  EXPECT_EQ(team_mode_name(TeamMode::kNone), "*NOMODE*");
}

TEST(Team, CarrierFromPortLinks) {
  Rig r(2, TeamMode::kBroadcast);
  EXPECT_TRUE(r.team->carrier());
  r.p[0]->close();
  EXPECT_TRUE(r.team->carrier());
  r.p[1]->close();
  EXPECT_FALSE(r.team->carrier());
  // user_linkup_enabled: teamd's view wins.
  r.team->set_user_linkup(r.port(0), true);
  EXPECT_FALSE(r.team->carrier());
  r.team->set_user_linkup_enabled(r.port(0), true);
  EXPECT_TRUE(r.team->carrier());
  // A disabled port with link still counts (port->linkup, enabled or not).
  r.team->set_port_enabled(r.port(0), false);
  EXPECT_TRUE(r.team->carrier());
  // The user's carrier, once set, is the user's alone.
  r.team->change_carrier(false);
  EXPECT_FALSE(r.team->carrier());
  r.p[1]->open();
  EXPECT_FALSE(r.team->carrier());
  // The last port leaving: no carrier (without a user setting).
  Rig q(1, TeamMode::kBroadcast);
  EXPECT_TRUE(q.team->carrier());
  q.team->remove_slave(*q.s[0]);
  EXPECT_FALSE(q.team->carrier());
}

TEST(Team, NoModeDropsEverything) {
  Rig r(2);
  uint64_t d = r.team->stats().tx_dropped;
  EXPECT_EQ(r.send(3), (std::vector<uint64_t>{0, 0}));
  EXPECT_EQ(r.team->stats().tx_dropped - d, 3u);
}

TEST(Team, BroadcastOverTxablePorts) {
  Rig r(3, TeamMode::kBroadcast);
  EXPECT_EQ(r.send(2), (std::vector<uint64_t>{2, 2, 2}));
  r.team->set_port_enabled(r.port(1), false);
  r.p[2]->close();  // eth2 loses link
  EXPECT_EQ(r.send(2), (std::vector<uint64_t>{2, 0, 0}));
  r.team->set_port_enabled(r.port(0), false);
  uint64_t d = r.team->stats().tx_dropped;
  EXPECT_EQ(r.send(1), (std::vector<uint64_t>{0, 0, 0}));
  EXPECT_EQ(r.team->stats().tx_dropped - d, 1u);
}

TEST(Team, RoundRobinOverEnabledPorts) {
  Rig r(3, TeamMode::kRoundRobin);
  EXPECT_EQ(r.send(6), (std::vector<uint64_t>{2, 2, 2}));
  r.team->set_port_enabled(r.port(0), false);
  EXPECT_EQ(r.port(1).index, 0);  // indexes close up
  EXPECT_EQ(r.port(2).index, 1);
  EXPECT_EQ(r.send(6), (std::vector<uint64_t>{0, 3, 3}));
  // A port without link gives its turn to the next txable one.
  r.p[2]->close();
  EXPECT_EQ(r.send(4), (std::vector<uint64_t>{0, 4, 0}));
}

TEST(Team, RandomOverEnabledPorts) {
  Rig r(3, TeamMode::kRandom);
  r.team->set_port_enabled(r.port(1), false);
  auto n = r.send(100);
  EXPECT_EQ(n[1], 0u);
  EXPECT_EQ(n[0] + n[2], 100u);
  EXPECT_GT(n[0], 10u);
  EXPECT_GT(n[2], 10u);
}

TEST(Team, ActiveBackup) {
  Rig r(2, TeamMode::kActiveBackup);
  EXPECT_EQ(r.team->active_port(), nullptr);
  uint64_t d = r.team->stats().tx_dropped;
  EXPECT_EQ(r.send(1), (std::vector<uint64_t>{0, 0}));
  EXPECT_EQ(r.team->stats().tx_dropped - d, 1u);
  auto st = r.team->set_active_port(9999);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ENOENT);
  ASSERT_TRUE(r.team->set_active_port(r.s[1]->ifindex()));
  EXPECT_EQ(r.send(3), (std::vector<uint64_t>{0, 3}));
  // Receive: only the active port's frames reach the team; the other's are kept (exact).
  uint64_t nh = r.team->stats().rx_nohandler;
  EXPECT_EQ(r.arrive(0), 0u);
  EXPECT_EQ(r.team->stats().rx_nohandler - nh, 1u);
  EXPECT_EQ(r.arrive(1), 1u);
  // The active port leaving clears activeport.
  r.team->remove_slave(*r.s[1]);
  EXPECT_EQ(r.team->active_port(), nullptr);
}

TEST(Team, DisabledPortReceiveDropped) {
  Rig r(2, TeamMode::kBroadcast);
  EXPECT_EQ(r.arrive(0), 1u);
  r.team->set_port_enabled(r.port(0), false);
  uint64_t nh = r.team->stats().rx_nohandler;
  EXPECT_EQ(r.arrive(0), 0u);
  EXPECT_EQ(r.team->stats().rx_nohandler - nh, 1u);
  // Link-local frames stay with the port's own stack, not counted by the team.
  EXPECT_EQ(r.arrive(0, true), 0u);
  EXPECT_EQ(r.team->stats().rx_nohandler - nh, 1u);
  EXPECT_EQ(r.arrive(1), 1u);
}

TEST(Team, LoadBalanceBuckets) {
  Rig r(3, TeamMode::kLoadBalance);
  // No hash function: every frame hashes to 0, bucket 0 -> enabled port 0.
  EXPECT_FALSE(r.team->has_lb_hash());
  EXPECT_EQ(r.send(3, 7), (std::vector<uint64_t>{3, 0, 0}));
  // The runner's hash: the 32-bit value folds to a byte by XOR.
  r.team->set_lb_hash([](const Frame& f) { return uint32_t(f.data()[14]) * 0x01010101u ^ 0x04030201u; });
  // tag 0 -> 0x04030201 -> 1^2^3^4 = 4.
  EXPECT_EQ(r.team->lb_bucket(r.frame(0)), 4);
  r.team->set_lb_hash([](const Frame& f) { return uint32_t(f.data()[14]); });
  // hash method: bucket % enabled ports.
  EXPECT_EQ(r.send(1, 4), (std::vector<uint64_t>{0, 1, 0}));
  EXPECT_EQ(r.send(1, 5), (std::vector<uint64_t>{0, 0, 1}));
  // hash_to_port_mapping: the bucket's port; an empty bucket falls back to the hash method.
  r.team->set_lb_tx_method(TeamLbTxMethod::kHashToPortMapping);
  ASSERT_TRUE(r.team->set_lb_mapping(5, r.s[0]->ifindex()));
  EXPECT_EQ(r.team->lb_mapping(5), r.s[0]->ifindex());
  EXPECT_EQ(r.send(2, 5), (std::vector<uint64_t>{2, 0, 0}));
  EXPECT_EQ(r.send(1, 6), (std::vector<uint64_t>{1, 0, 0}));  // 6 % 3 = 0
  // Only enabled ports can be mapped; disabling a port empties its buckets.
  r.team->set_port_enabled(r.port(2), false);
  auto st = r.team->set_lb_mapping(9, r.s[2]->ifindex());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ENODEV);
  r.team->set_port_enabled(r.port(0), false);
  EXPECT_EQ(r.team->lb_mapping(5), 0);
  EXPECT_EQ(r.send(1, 5), (std::vector<uint64_t>{0, 1, 0}));
  // Stats: bytes per bucket and per port over the last refresh interval (5 s by default).
  EXPECT_EQ(r.team->lb_stats_refresh_interval(), 50u);
  r.w.engine().advance_to(r.w.engine().now() + 5 * kSec);
  EXPECT_GT(r.team->lb_hash_stats(5), 0u);
  EXPECT_GT(r.port(1).lb_stats, 0u);
  // LACPDUs on an enabled port stay with the port.
  uint64_t nh = r.team->stats().rx_nohandler;
  uint8_t b[60] = {0x01, 0x80, 0xc2, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x77, 0x88, 0x09};
  r.p[1]->transmit(r.w.engine().pool().from_bytes(b, sizeof b));
  r.w.engine().settle();
  EXPECT_EQ(r.team->stats().rx_nohandler - nh, 1u);
}

TEST(Team, PortOptions) {
  Rig r(1, TeamMode::kBroadcast);
  EXPECT_FALSE(r.team->set_queue_id(r.port(0), 16));
  EXPECT_TRUE(r.team->set_queue_id(r.port(0), 15));
  EXPECT_EQ(r.port(0).queue_id, 15u);
}

TEST(Team, NotifyPeersSchedule) {
  Rig r(2, TeamMode::kActiveBackup);
  r.team->notify_peers_count = 3;
  r.team->notify_peers_interval = 100;
  r.team->mcast_rejoin_count = 2;
  r.team->mcast_rejoin_interval = 100;
  r.team->set_port_enabled(r.port(1), false);
  r.w.engine().advance_to(r.w.engine().now() + 1);
  EXPECT_EQ(r.team->peer_notifications, 1u);
  EXPECT_EQ(r.team->mcast_rejoins, 1u);
  r.w.engine().advance_to(r.w.engine().now() + 100 * kMsec);
  EXPECT_EQ(r.team->peer_notifications, 2u);
  EXPECT_EQ(r.team->mcast_rejoins, 2u);
  r.w.engine().advance_to(r.w.engine().now() + 1 * kSec);
  EXPECT_EQ(r.team->peer_notifications, 3u);
  EXPECT_EQ(r.team->mcast_rejoins, 2u);
}

}  // namespace
}  // namespace uvn
