// Active-backup failover at the device level (issue 5): the IGMP rejoin schedule (resend_igmp:
// one NETDEV_RESEND_IGMP a jiffy after the change, then one every 200 ms until resend_igmp
// were raised), the peer notification schedule (num_grat_arp notifications, one per
// peer_notify_delay), and failover timing against miimon and downdelay.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "dev/bond/bond.h"
#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn {
namespace {

struct AbRig {
  World w{11};
  Netns& ns = w.init_ns();
  BondDevice* bond = nullptr;
  VethDevice *s0 = nullptr, *s1 = nullptr, *p0 = nullptr, *p1 = nullptr;

  AbRig(uint64_t resend_igmp, uint64_t num_grat, uint64_t notify_delay_ms, uint64_t downdelay) {
    auto d = std::make_unique<BondDevice>(&ns);
    d->set_name("bond0");
    d->set_random_mac(w.random_mac());
    bond = static_cast<BondDevice*>(ns.attach(std::move(d)));
    bond->set_opt(kBondMode, uint64_t(BondMode::kActiveBackup));
    bond->set_opt(kBondMiimon, 100);
    bond->set_opt(kBondResendIgmp, resend_igmp);
    bond->set_opt(kBondNumPeerNotif, num_grat);
    bond->set_opt(kBondPeerNotifyDelay, notify_delay_ms);
    bond->set_opt(kBondDowndelay, downdelay);
    auto pair = [&](const std::string& n, VethDevice*& s, VethDevice*& p) {
      auto x = std::make_unique<VethDevice>(&ns);
      auto y = std::make_unique<VethDevice>(&ns);
      VethDevice::pair(*x, *y);
      x->set_name(n);
      y->set_name("p" + n);
      x->set_mac(w.random_mac());
      y->set_mac(w.random_mac());
      s = static_cast<VethDevice*>(ns.attach(std::move(x)));
      p = static_cast<VethDevice*>(ns.attach(std::move(y)));
      p->open();
    };
    pair("s0", s0, p0);
    pair("s1", s1, p1);
    EXPECT_TRUE(bond->add_slave(*s0));
    EXPECT_TRUE(bond->add_slave(*s1));
    bond->open();
    w.engine().settle();
  }
  void run_for(Nanos d) { w.engine().advance_to(w.engine().now() + d); }
};

TEST(BondFailover, ResendIgmpSchedule) {
  AbRig r(/*resend_igmp=*/3, /*num_grat=*/1, 0, 0);
  r.run_for(1 * kSec);
  ASSERT_EQ(r.bond->curr_active(), r.bond->slave_of(*r.s0));
  const uint64_t before = r.bond->igmp_resends;
  r.p0->close();  // s0 loses carrier
  // The MII monitor sees it within one interval and fails over.
  r.run_for(100 * kMsec);
  ASSERT_EQ(r.bond->curr_active(), r.bond->slave_of(*r.s1));
  // First rejoin a jiffy after the change, then every 200 ms: 1 at once, 2 by +200 ms, 3 by
  // +400 ms, and no more.
  r.run_for(10 * kMsec);
  EXPECT_EQ(r.bond->igmp_resends - before, 1u);
  r.run_for(200 * kMsec);
  EXPECT_EQ(r.bond->igmp_resends - before, 2u);
  r.run_for(200 * kMsec);
  EXPECT_EQ(r.bond->igmp_resends - before, 3u);
  r.run_for(2 * kSec);
  EXPECT_EQ(r.bond->igmp_resends - before, 3u);
}

TEST(BondFailover, NoIgmpResendWhenZero) {
  AbRig r(/*resend_igmp=*/0, 1, 0, 0);
  r.run_for(1 * kSec);
  const uint64_t before = r.bond->igmp_resends;
  r.p0->close();
  r.run_for(2 * kSec);
  EXPECT_EQ(r.bond->curr_active(), r.bond->slave_of(*r.s1));
  EXPECT_EQ(r.bond->igmp_resends, before);
}

TEST(BondFailover, PeerNotificationsSpacedByDelay) {
  // num_grat_arp 4 every 300 ms (3 miimon ticks): at the failover, then +300, +600, +900.
  AbRig r(1, /*num_grat=*/4, /*notify_delay_ms=*/300, 0);
  r.run_for(1 * kSec);
  const uint64_t before = r.bond->peer_notifications;
  r.p0->close();
  r.run_for(100 * kMsec);
  ASSERT_EQ(r.bond->curr_active(), r.bond->slave_of(*r.s1));
  EXPECT_EQ(r.bond->peer_notifications - before, 1u);
  r.run_for(250 * kMsec);  // failover + 250 ms: not yet
  EXPECT_EQ(r.bond->peer_notifications - before, 1u);
  r.run_for(100 * kMsec);  // + 350 ms: the second (at + 300 ms)
  EXPECT_EQ(r.bond->peer_notifications - before, 2u);
  r.run_for(600 * kMsec);  // + 950 ms: the third and fourth (+ 600, + 900)
  EXPECT_EQ(r.bond->peer_notifications - before, 4u);
  r.run_for(3 * kSec);
  EXPECT_EQ(r.bond->peer_notifications - before, 4u);
  EXPECT_EQ(r.bond->failovers, 1u);
}

TEST(BondFailover, DowndelayPostponesFailover) {
  // downdelay 300 ms: the slave is GOING_DOWN for 3 ticks, then DOWN and the bond fails over.
  AbRig r(1, 1, 0, /*downdelay=*/300);
  r.run_for(1 * kSec);
  r.p0->close();
  r.run_for(150 * kMsec);
  const BondSlave* s0 = r.bond->slave_of(*r.s0);
  EXPECT_EQ(s0->link, BondLink::kFail);
  EXPECT_EQ(r.bond->curr_active(), s0);
  r.run_for(300 * kMsec);
  EXPECT_EQ(s0->link, BondLink::kDown);
  EXPECT_EQ(r.bond->curr_active(), r.bond->slave_of(*r.s1));
  EXPECT_EQ(s0->link_failure_count, 1u);
}

}  // namespace
}  // namespace uvn
