// The kernel team device (issue 6): port add/remove rules and their extack texts, MTU and
// address handling, carrier, each mode's transmit over enabled ports only, receive on disabled
// and inactive ports, activeport, the loadbalance buckets, the peer notification schedule,
// and the conformance cases of the kernel selftests (TM-01..07: options, rx/tx enablement and
// failover between two namespaces with pings; TM-13: the lifecycle per mode). Modes and
// options are set on the device directly; ctl/team and teamnl have their own tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "dev/bridge/bridge.h"
#include "dev/team/team.h"
#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"
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
  // Stats: bytes per bucket and per port over the last refresh interval, off by default
  // (lb_init); teamd's balancer sets 50 (5 s). A new interval publishes at once.
  EXPECT_EQ(r.team->lb_stats_refresh_interval(), 0u);
  EXPECT_EQ(r.team->lb_hash_stats(5), 0u);
  r.team->set_lb_stats_refresh_interval(50);
  r.w.engine().advance_to(r.w.engine().now() + 1);
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
  // Disabling a port tells nobody (team_port_disable); enabling it starts both schedules.
  r.team->set_port_enabled(r.port(1), false);
  r.w.engine().advance_to(r.w.engine().now() + 1 * kSec);
  EXPECT_EQ(r.team->peer_notifications, 0u);
  r.team->set_port_enabled(r.port(1), true);
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

// ---------------------------------------------------------------- TM-01..04: options

TEST(TeamConformance, Tm01OptionsRoundTrip) {
  // Team-wide options (the mode only without ports).
  Rig r(0, TeamMode::kActiveBackup);
  ASSERT_TRUE(r.team->set_mode(TeamMode::kLoadBalance));
  EXPECT_EQ(team_mode_name(r.team->mode()), "loadbalance");
  ASSERT_TRUE(r.team->set_mode(TeamMode::kActiveBackup));
  EXPECT_EQ(team_mode_name(r.team->mode()), "activebackup");
  r.team->notify_peers_count = 5;
  r.team->notify_peers_interval = 200;
  r.team->mcast_rejoin_count = 3;
  r.team->mcast_rejoin_interval = 150;
  EXPECT_EQ(r.team->notify_peers_count, 5u);
  EXPECT_EQ(r.team->notify_peers_interval, 200u);
  EXPECT_EQ(r.team->mcast_rejoin_count, 3u);
  EXPECT_EQ(r.team->mcast_rejoin_interval, 150u);
  // Per-port options.
  Rig q(1, TeamMode::kActiveBackup);
  TeamPort& p = q.port(0);
  EXPECT_TRUE(p.enabled() && p.rx_enabled() && p.tx_enabled());
  q.team->set_port_enabled(p, false);
  EXPECT_FALSE(p.enabled());
  q.team->set_port_enabled(p, true);
  EXPECT_TRUE(p.enabled());
  q.team->set_port_rx_enabled(p, false);
  EXPECT_FALSE(p.rx_enabled());
  q.team->set_port_rx_enabled(p, true);
  EXPECT_TRUE(p.rx_enabled());
  q.team->set_port_tx_enabled(p, false);
  EXPECT_FALSE(p.tx_enabled());
  q.team->set_port_tx_enabled(p, true);
  EXPECT_TRUE(p.tx_enabled());
  q.team->set_user_linkup(p, true);
  EXPECT_TRUE(p.user_linkup);
  q.team->set_user_linkup_enabled(p, true);
  EXPECT_TRUE(p.user_linkup_enabled);
  q.team->set_user_linkup(p, false);
  EXPECT_FALSE(p.user_linkup);
  q.team->set_user_linkup_enabled(p, false);
  EXPECT_FALSE(p.user_linkup_enabled);
  p.priority = -10;
  EXPECT_EQ(p.priority, -10);
  ASSERT_TRUE(q.team->set_queue_id(p, 3));
  EXPECT_EQ(p.queue_id, 3u);
}

TEST(TeamConformance, Tm02EnabledDrivesRxAndTx) {
  Rig r(2, TeamMode::kRoundRobin);
  TeamPort& p = r.port(1);
  r.team->set_port_enabled(p, false);
  EXPECT_FALSE(p.rx_enabled());
  EXPECT_FALSE(p.tx_enabled());
  EXPECT_EQ(r.team->enabled_count(), 1);
  EXPECT_EQ(r.team->rx_enabled_count(), 1);
  r.team->set_port_enabled(p, true);
  EXPECT_TRUE(p.rx_enabled());
  EXPECT_TRUE(p.tx_enabled());
  EXPECT_EQ(r.team->enabled_count(), 2);
  EXPECT_EQ(r.team->rx_enabled_count(), 2);
}

TEST(TeamConformance, Tm03RxEnabledFeedsEnabled) {
  Rig r(1, TeamMode::kRoundRobin);
  TeamPort& p = r.port(0);
  r.team->set_port_rx_enabled(p, false);
  EXPECT_FALSE(p.enabled());
  EXPECT_TRUE(p.tx_enabled());  // untouched
  EXPECT_EQ(r.team->enabled_count(), 1);
  r.team->set_port_rx_enabled(p, true);
  EXPECT_TRUE(p.enabled());
}

TEST(TeamConformance, Tm04TxEnabledFeedsEnabled) {
  Rig r(1, TeamMode::kRoundRobin);
  TeamPort& p = r.port(0);
  r.team->set_port_tx_enabled(p, false);
  EXPECT_FALSE(p.enabled());
  EXPECT_TRUE(p.rx_enabled());  // untouched
  EXPECT_EQ(r.team->enabled_count(), 0);
  r.team->set_port_tx_enabled(p, true);
  EXPECT_TRUE(p.enabled());
  EXPECT_EQ(r.team->enabled_count(), 1);
}

TEST(Team, RxOnlyAndTxOnlyPorts) {
  Rig r(2, TeamMode::kRoundRobin);
  // tx off: out of the transmit set, still receiving.
  r.team->set_port_tx_enabled(r.port(0), false);
  EXPECT_EQ(r.send(4), (std::vector<uint64_t>{0, 4}));
  EXPECT_EQ(r.arrive(0), 1u);
  // rx off: frames kept (exact delivery), link-local ones passed to the port's stack; still
  // transmitting.
  r.team->set_port_tx_enabled(r.port(0), true);
  r.team->set_port_rx_enabled(r.port(1), false);
  EXPECT_EQ(r.send(4), (std::vector<uint64_t>{2, 2}));
  uint64_t nh = r.team->stats().rx_nohandler;
  EXPECT_EQ(r.arrive(1), 0u);
  EXPECT_EQ(r.team->stats().rx_nohandler - nh, 1u);
  EXPECT_EQ(r.arrive(1, true), 0u);
  EXPECT_EQ(r.team->stats().rx_nohandler - nh, 1u);
  // No port rx-enabled: the carrier still follows the ports' links.
  r.team->set_port_rx_enabled(r.port(0), false);
  EXPECT_EQ(r.team->rx_enabled_count(), 0);
  EXPECT_TRUE(r.team->carrier());
}

TEST(Team, TxDisableEmptiesLoadBalanceBuckets) {
  Rig r(2, TeamMode::kLoadBalance);
  r.team->set_lb_tx_method(TeamLbTxMethod::kHashToPortMapping);
  ASSERT_TRUE(r.team->set_lb_mapping(7, r.s[1]->ifindex()));
  // rx off leaves the mapping; tx off empties it and refuses new ones.
  r.team->set_port_rx_enabled(r.port(1), false);
  EXPECT_EQ(r.team->lb_mapping(7), r.s[1]->ifindex());
  ASSERT_TRUE(r.team->set_lb_mapping(8, r.s[1]->ifindex()));
  r.team->set_port_tx_enabled(r.port(1), false);
  EXPECT_EQ(r.team->lb_mapping(7), 0);
  EXPECT_EQ(r.team->lb_mapping(8), 0);
  auto st = r.team->set_lb_mapping(7, r.s[1]->ifindex());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, ENODEV);
}

TEST(Team, BpfHashFuncKeptNotRun) {
  Rig r(2, TeamMode::kLoadBalance);
  r.team->set_lb_hash([](const Frame&) { return 1u; });
  // Whole instructions, the last a return (BPF_RET | BPF_K: code 0x06).
  std::vector<uint8_t> prog = {0x06, 0, 0, 0, 0xff, 0xff, 0, 0};
  ASSERT_TRUE(r.team->set_lb_bpf_func(prog));
  EXPECT_EQ(r.team->lb_bpf_func(), prog);
  EXPECT_TRUE(r.team->has_lb_hash());  // the C++ function stays what hashes
  EXPECT_EQ(r.team->set_lb_bpf_func({1, 2, 3}).error().code, EINVAL);
  EXPECT_EQ(r.team->set_lb_bpf_func({0x15, 0, 0, 0, 0, 0, 0, 0}).error().code, EINVAL);
  EXPECT_EQ(r.team->lb_bpf_func(), prog);
  // Empty: no function at all (hash 0).
  ASSERT_TRUE(r.team->set_lb_bpf_func({}));
  EXPECT_FALSE(r.team->has_lb_hash());
  EXPECT_TRUE(r.team->lb_bpf_func().empty());
}

TEST(Team, PortSpeedAsTeamnlShowsIt) {
  Rig r(1, TeamMode::kBroadcast);
  EXPECT_EQ(r.port(0).speed(), 10000u);  // veth: 10000Mb/s full duplex
  EXPECT_TRUE(r.port(0).full_duplex());
  r.p[0]->close();
  EXPECT_EQ(r.port(0).speed(), 0u);
  EXPECT_FALSE(r.port(0).full_duplex());
}

// ---------------------------------------------------------------- TM-05..07: traffic

// Counts ICMPv4 echo requests a device receives.
struct EchoRequestTap : FrameTap {
  uint64_t n = 0;
  void tap(const Device&, const Frame& f, bool outgoing) override {
    const uint8_t* d = f.data();
    if (outgoing || f.size() < 14 + 20 + 8 || d[12] != 0x08 || d[13] != 0x00) return;
    size_t ihl = size_t(d[14] & 0x0f) * 4;
    if (d[14 + 9] == 1 && f.size() > 14 + ihl && d[14 + ihl] == 8) ++n;
  }
};

// Two namespaces, a sender team (ns1, 192.0.2.1/24) and a receiver team in roundrobin (ns2,
// 192.0.2.2/24), joined by `links` veth pairs a<i> (ns1) - b<i> (ns2), as the selftests'
// transmit_failover.sh and decoupled_enablement.sh build them.
struct TwoTeams {
  World w{31};
  Netns& n1 = w.add_netns("ns1");
  Netns& n2 = w.add_netns("ns2");
  TeamDevice *t1 = nullptr, *t2 = nullptr;
  std::vector<VethDevice*> a, b;
  EchoRequestTap tap;

  TwoTeams(TeamMode sender, int links) {
    t1 = make_team(n1, "team1", sender);
    t2 = make_team(n2, "team2", TeamMode::kRoundRobin);
    for (int i = 0; i < links; ++i) {
      auto x = std::make_unique<VethDevice>(&n1);
      auto y = std::make_unique<VethDevice>(&n2);
      VethDevice::pair(*x, *y);
      x->set_name("a" + std::to_string(i));
      y->set_name("b" + std::to_string(i));
      x->set_mac(w.random_mac());
      y->set_mac(w.random_mac());
      a.push_back(static_cast<VethDevice*>(n1.attach(std::move(x))));
      b.push_back(static_cast<VethDevice*>(n2.attach(std::move(y))));
      EXPECT_TRUE(t1->add_slave(*a.back()));
      EXPECT_TRUE(t2->add_slave(*b.back()));
    }
    b[0]->add_tap(&tap);
    add_addr(n1, *t1, "192.0.2.1/24");
    add_addr(n2, *t2, "192.0.2.2/24");
    t1->open();
    t2->open();
    w.engine().advance_to(w.engine().now() + 3 * kSec);  // DAD and the rest settle
  }
  ~TwoTeams() { b[0]->remove_tap(&tap); }

  TeamDevice* make_team(Netns& ns, const std::string& name, TeamMode m) {
    auto t = std::make_unique<TeamDevice>(&ns);
    t->set_name(name);
    t->set_mac(w.random_mac());
    auto* team = static_cast<TeamDevice*>(ns.attach(std::move(t)));
    EXPECT_TRUE(team->set_mode(m));
    return team;
  }
  static void add_addr(Netns& ns, Device& d, const char* p) {
    IfAddr ia;
    ia.ifindex = d.ifindex();
    ia.local = *IpPrefix::parse(p);
    ASSERT_TRUE(ns.stack().addr_add(ia));
  }
  // Sends `n` echo requests 192.0.2.1 -> 192.0.2.2, 100 ms apart; returns the replies.
  int ping(int n) {
    std::vector<bool> got(size_t(n) + 1);
    int id = n1.stack().open_icmp([&](const IcmpEvent& ev) {
      if (!ev.is_error && ev.seq >= 1 && ev.seq <= n) got[ev.seq] = true;
    });
    uint8_t payload[56] = {};
    for (int s = 1; s <= n; ++s) {
      n1.stack().send_echo(*IpAddr::parse("192.0.2.2"), uint16_t(id), uint16_t(s), payload,
                           sizeof payload);
      w.engine().advance_to(w.engine().now() + 100 * kMsec);
    }
    w.engine().advance_to(w.engine().now() + kSec);
    n1.stack().close_icmp(id);
    return int(std::count(got.begin(), got.end(), true));
  }
  // Frames each sender link carried out while `f` ran.
  template <typename F>
  std::vector<uint64_t> sent_during(F&& f) {
    std::vector<uint64_t> before;
    for (auto* d : a) before.push_back(d->stats().tx_packets);
    f();
    std::vector<uint64_t> out;
    for (size_t i = 0; i < a.size(); ++i) out.push_back(a[i]->stats().tx_packets - before[i]);
    return out;
  }
};

class TeamFailover : public testing::TestWithParam<TeamMode> {};

TEST_P(TeamFailover, Tm05TransmitFailover) {
  TwoTeams r(GetParam(), 2);
  int replies = 0;
  auto n = r.sent_during([&] { replies = r.ping(20); });
  EXPECT_EQ(replies, 20);
  EXPECT_GT(n[0], 0u);
  EXPECT_GT(n[1], 0u);
  // eth1 (a1) disabled: it carries nothing; the requests pass over a0. The receiver's
  // roundrobin still sends every other reply to a1, which (rx disabled too) does not take it.
  r.t1->set_port_enabled(*r.t1->port_of(*r.a[1]), false);
  n = r.sent_during([&] { replies = r.ping(20); });
  EXPECT_GT(replies, 0);
  EXPECT_LT(replies, 20);
  EXPECT_GT(n[0], 0u);
  EXPECT_EQ(n[1], 0u);
  // Enabled again: both links carry traffic.
  r.t1->set_port_enabled(*r.t1->port_of(*r.a[1]), true);
  n = r.sent_during([&] { replies = r.ping(20); });
  EXPECT_EQ(replies, 20);
  EXPECT_GT(n[0], 0u);
  EXPECT_GT(n[1], 0u);
}

TEST_P(TeamFailover, Tm06TxOnlyDisable) {
  TwoTeams r(GetParam(), 1);
  TeamPort& p = *r.t1->port_of(*r.a[0]);
  EXPECT_EQ(r.ping(3), 3);
  r.t1->set_port_tx_enabled(p, false);
  uint64_t seen = r.tap.n;
  EXPECT_EQ(r.ping(3), 0);
  EXPECT_EQ(r.tap.n - seen, 0u);  // no request reached the peer
  EXPECT_FALSE(p.enabled());
  r.t1->set_port_tx_enabled(p, true);
  EXPECT_EQ(r.ping(3), 3);
}

TEST_P(TeamFailover, Tm07RxOnlyDisable) {
  TwoTeams r(GetParam(), 1);
  TeamPort& p = *r.t1->port_of(*r.a[0]);
  EXPECT_EQ(r.ping(3), 3);
  r.t1->set_port_rx_enabled(p, false);
  uint64_t seen = r.tap.n;
  EXPECT_EQ(r.ping(3), 0);
  EXPECT_GT(r.tap.n - seen, 0u);  // the requests still leave; the replies are not taken
  EXPECT_FALSE(p.enabled());
  r.t1->set_port_rx_enabled(p, true);
  EXPECT_EQ(r.ping(3), 3);
}

INSTANTIATE_TEST_SUITE_P(Modes, TeamFailover,
                         testing::Values(TeamMode::kBroadcast, TeamMode::kRoundRobin,
                                         TeamMode::kRandom),
                         [](const testing::TestParamInfo<TeamMode>& i) {
                           return std::string(team_mode_name(i.param));
                         });

// ---------------------------------------------------------------- TM-13: lifecycle

class TeamLifecycle : public testing::TestWithParam<TeamMode> {};

TEST_P(TeamLifecycle, Tm13PerMode) {
  World w{41};
  Netns& ns = w.add_netns("n1");
  auto t = std::make_unique<TeamDevice>(&ns);
  t->set_name("team0");
  t->set_mac(w.random_mac());
  auto* team = static_cast<TeamDevice*>(ns.attach(std::move(t)));
  EXPECT_EQ(team_mode_name(team->mode()), "*NOMODE*");
  ASSERT_TRUE(team->set_mode(GetParam()));
  EXPECT_EQ(team_mode_name(team->mode()), team_mode_name(GetParam()));
  std::vector<VethDevice*> s, p;
  std::vector<MacAddr> macs;
  for (int i = 0; i < 2; ++i) {
    auto x = std::make_unique<VethDevice>(&ns);
    auto y = std::make_unique<VethDevice>(&ns);
    VethDevice::pair(*x, *y);
    x->set_name("eth" + std::to_string(i));
    y->set_name("peer" + std::to_string(i));
    x->set_mac(w.random_mac());
    y->set_mac(w.random_mac());
    macs.push_back(x->mac());
    s.push_back(static_cast<VethDevice*>(ns.attach(std::move(x))));
    p.push_back(static_cast<VethDevice*>(ns.attach(std::move(y))));
    p.back()->open();
    // Ports go down first: an up device is refused.
    s.back()->open();
    EXPECT_EQ(team->add_slave(*s.back()).error().code, EBUSY);
    s.back()->close();
    ASSERT_TRUE(team->add_slave(*s.back()));
  }
  team->open();
  IfAddr ia;
  ia.ifindex = team->ifindex();
  ia.local = *IpPrefix::parse("192.0.2.1/24");
  ASSERT_TRUE(ns.stack().addr_add(ia));
  w.engine().advance_to(w.engine().now() + 2 * kSec);
  EXPECT_TRUE(team->carrier());
  team->close();
  ASSERT_TRUE(ns.stack().addr_del(team->ifindex(), *IpPrefix::parse("192.0.2.1/24"), true));
  // Ports: both, in the order they joined, enabled with link.
  ASSERT_EQ(team->ports().size(), 2u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(team->ports()[size_t(i)]->dev().name(), "eth" + std::to_string(i));
    EXPECT_TRUE(team->ports()[size_t(i)]->enabled());
    EXPECT_TRUE(team->ports()[size_t(i)]->state_linkup);
  }
  // The mode cannot change while ports are there.
  EXPECT_EQ(team->set_mode(TeamMode::kBroadcast == GetParam() ? TeamMode::kRoundRobin
                                                               : TeamMode::kBroadcast)
                .error()
                .code,
            EBUSY);
  // Release: each port closed, its own address back.
  for (int i = 0; i < 2; ++i) {
    team->remove_slave(*s[size_t(i)]);
    EXPECT_EQ(s[size_t(i)]->master(), nullptr);
    EXPECT_FALSE(s[size_t(i)]->is_up());
    EXPECT_EQ(s[size_t(i)]->mac(), macs[size_t(i)]);
  }
  EXPECT_TRUE(team->ports().empty());
  EXPECT_FALSE(team->carrier());
  // Delete.
  auto gone = ns.detach(team);
  ASSERT_TRUE(gone);
  gone.reset();
  EXPECT_EQ(ns.find("team0"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Modes, TeamLifecycle,
                         testing::Values(TeamMode::kBroadcast, TeamMode::kRoundRobin,
                                         TeamMode::kActiveBackup, TeamMode::kLoadBalance),
                         [](const testing::TestParamInfo<TeamMode>& i) {
                           return std::string(team_mode_name(i.param));
                         });

}  // namespace
}  // namespace uvn
