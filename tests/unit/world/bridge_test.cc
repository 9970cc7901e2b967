#include <gtest/gtest.h>

#include "dev/bridge/bridge.h"
#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"
#include "world/world.h"

namespace uvn {

namespace {

// A bridge br0 in the initial namespace with N ports; port i is a veth whose peer lives in
// namespace h<i> with address 10.0.0.<i+1>/24 and MAC 02:00:00:00:00:<i+1>.
struct BridgeNet {
  World w{5};
  BridgeDevice* br;
  std::vector<VethDevice*> ports, hosts;

  explicit BridgeNet(int n) {
    Netns& root = w.init_ns();
    auto b = std::make_unique<BridgeDevice>(&root);
    b->set_name("br0");
    b->set_mac(w.random_mac());
    br = static_cast<BridgeDevice*>(root.attach(std::move(b)));
    for (int i = 0; i < n; ++i) {
      Netns& h = w.add_netns("h" + std::to_string(i));
      auto x = std::make_unique<VethDevice>(&root);
      auto y = std::make_unique<VethDevice>(&h);
      VethDevice::pair(*x, *y);
      x->set_name("p" + std::to_string(i));
      y->set_name("eth0");
      x->set_mac(*MacAddr::parse("02:00:00:00:01:0" + std::to_string(i + 1)));
      y->set_mac(*MacAddr::parse("02:00:00:00:00:0" + std::to_string(i + 1)));
      hosts.push_back(static_cast<VethDevice*>(h.attach(std::move(y))));
      ports.push_back(static_cast<VethDevice*>(root.attach(std::move(x))));
      IfAddr a;
      a.ifindex = hosts.back()->ifindex();
      a.local = *IpPrefix::parse("10.0.0." + std::to_string(i + 1) + "/24");
      EXPECT_TRUE(h.stack().addr_add(a));
      EXPECT_TRUE(br->add_slave(*ports.back()));
    }
    br->open();
    for (int i = 0; i < n; ++i) {
      ports[size_t(i)]->open();
      hosts[size_t(i)]->open();
    }
    w.engine().settle();
  }
  Netns& host(int i) { return *w.find_netns("h" + std::to_string(i)); }
  // Lets the hosts' start-up traffic end: link-local DAD and its MLD reports (multicast,
  // flooded) are over within about 3 s of the link coming up.
  void quiet() { w.engine().advance_to(w.engine().now() + 4 * kSec); }
  bool ping(int from, const char* to) {
    bool got = false;
    HostStack& st = host(from).stack();
    int id = st.open_icmp([&](const IcmpEvent& ev) { got |= !ev.is_error; });
    uint8_t payload[56] = {};
    st.send_echo(*IpAddr::parse(to), uint16_t(id), 1, payload, sizeof payload);
    w.engine().advance_to(w.engine().now() + kSec);
    st.close_icmp(id);
    return got;
  }
  const FdbEntry* fdb(const char* mac) { return br->fdb().find(*MacAddr::parse(mac), 0); }
};

}  // namespace

TEST(Bridge, MacIsTheLowestPortMacAndZeroWithoutPorts) {
  BridgeNet n(3);
  EXPECT_EQ(n.br->mac(), *MacAddr::parse("02:00:00:00:01:01"));
  EXPECT_EQ(n.br->bridge_id(), 0x8000ull << 48 | MacAddr::parse("02:00:00:00:01:01")->as_u64());
  n.br->remove_slave(*n.ports[0]);
  EXPECT_EQ(n.br->mac(), *MacAddr::parse("02:00:00:00:01:02"));
  n.br->remove_slave(*n.ports[1]);
  n.br->remove_slave(*n.ports[2]);
  EXPECT_TRUE(n.br->mac().is_zero());
  EXPECT_FALSE(n.br->carrier());
}

TEST(Bridge, HostsReachEachOtherAndTheBridgeLearns) {
  BridgeNet n(3);
  EXPECT_TRUE(n.br->carrier());
  EXPECT_TRUE(n.ping(0, "10.0.0.2"));
  EXPECT_TRUE(n.ping(2, "10.0.0.1"));
  const FdbEntry* a = n.fdb("02:00:00:00:00:01");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->port, n.br->port_of(*n.ports[0]));
  EXPECT_FALSE(a->is_local());
  const FdbEntry* local = n.fdb("02:00:00:00:01:02");
  ASSERT_NE(local, nullptr);
  EXPECT_TRUE(local->is_local());
  EXPECT_EQ(n.br->fdb().n_learned(), 3u);
}

TEST(Bridge, KnownUnicastGoesToOnePortOnly) {
  BridgeNet n(3);
  ASSERT_TRUE(n.ping(0, "10.0.0.2"));  // all three learned (ARP broadcasts flood)
  n.quiet();
  uint64_t before = n.hosts[2]->stats().rx_packets;
  ASSERT_TRUE(n.ping(0, "10.0.0.2"));
  EXPECT_EQ(n.hosts[2]->stats().rx_packets, before);  // host 2 saw none of the unicast
}

TEST(Bridge, EntriesAgeOutAndAgeingZeroMakesAHub) {
  BridgeNet n(2);
  ASSERT_TRUE(n.ping(0, "10.0.0.2"));
  ASSERT_NE(n.fdb("02:00:00:00:00:01"), nullptr);
  // Hosts keep talking while neighbours revalidate; silence both, then wait out the ageing.
  n.hosts[0]->close();
  n.hosts[1]->close();
  n.w.engine().advance_to(n.w.engine().now() + 301 * kSec);
  EXPECT_EQ(n.fdb("02:00:00:00:00:01"), nullptr);
  EXPECT_NE(n.fdb("02:00:00:00:01:01"), nullptr);  // local entries stay
  n.hosts[0]->open();
  n.hosts[1]->open();
  n.br->set_opt(kBrAgeingTime, 0);
  EXPECT_TRUE(n.ping(0, "10.0.0.2"));  // still works, by flooding
  EXPECT_EQ(n.fdb("02:00:00:00:00:01"), nullptr);  // entries expire at once
}

TEST(Bridge, StationMovesBetweenPorts) {
  BridgeNet n(3);
  ASSERT_TRUE(n.ping(0, "10.0.0.2"));
  n.quiet();  // host 0 has nothing more to say
  // Host 2 takes host 0's MAC and speaks: the entry roams to port 2.
  n.hosts[2]->set_mac(*MacAddr::parse("02:00:00:00:00:01"));
  ASSERT_TRUE(n.ping(2, "10.0.0.2"));
  EXPECT_EQ(n.fdb("02:00:00:00:00:01")->port, n.br->port_of(*n.ports[2]));
}

TEST(Bridge, PortDownFlushesItsEntriesAndStopsForwarding) {
  BridgeNet n(2);
  ASSERT_TRUE(n.ping(0, "10.0.0.2"));
  n.ports[1]->close();
  EXPECT_EQ(n.br->port_of(*n.ports[1])->state(), kBrStateDisabled);
  EXPECT_EQ(n.fdb("02:00:00:00:00:02"), nullptr);
  EXPECT_FALSE(n.ping(0, "10.0.0.2"));
  n.ports[1]->open();
  EXPECT_TRUE(n.ping(0, "10.0.0.2"));
}

TEST(Bridge, IsolatedPortsTalkOnlyToNonIsolatedOnes) {
  BridgeNet n(3);
  n.br->port_of(*n.ports[0])->set_opt(kBpIsolated, 1);
  n.br->port_of(*n.ports[1])->set_opt(kBpIsolated, 1);
  EXPECT_FALSE(n.ping(0, "10.0.0.2"));
  EXPECT_TRUE(n.ping(0, "10.0.0.3"));
}

TEST(Bridge, FdbMaxLearnedCapsDynamicEntries) {
  BridgeNet n(3);
  n.br->set_opt(kBrFdbMaxLearned, 1);
  ASSERT_TRUE(n.ping(0, "10.0.0.2"));  // learns host 0, then cannot learn host 1
  EXPECT_EQ(n.br->fdb().n_learned(), 1u);
}

TEST(Bridge, LinkLocalFramesAreNotForwarded) {
  BridgeNet n(2);
  uint8_t lldp[60] = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e, 0x02, 0, 0, 0, 0, 1, 0x88, 0xcc};
  uint64_t before = n.hosts[1]->stats().rx_packets;
  n.hosts[0]->transmit(n.w.engine().pool().from_bytes(lldp, sizeof lldp));
  n.w.engine().settle();
  EXPECT_EQ(n.hosts[1]->stats().rx_packets, before);
  n.br->set_opt(kBrGroupFwdMask, 0x4000);  // LLDP
  n.hosts[0]->transmit(n.w.engine().pool().from_bytes(lldp, sizeof lldp));
  n.w.engine().settle();
  EXPECT_EQ(n.hosts[1]->stats().rx_packets, before + 1);
}

}  // namespace uvn

namespace uvn {

TEST(Bridge, MillionRandomSourceMacsStayCappedAndKnownHostsKeepForwarding) {
  BridgeNet n(3);
  n.br->set_opt(kBrFdbMaxLearned, 1000);
  ASSERT_TRUE(n.ping(0, "10.0.0.2"));  // the known hosts are learned first
  Rng rng(99);
  uint8_t frame[60] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};  // to host 1
  frame[12] = 0x08;
  for (int batch = 0; batch < 1000; ++batch) {
    for (int i = 0; i < 1000; ++i) {
      MacAddr src = random_mac(rng.next());
      std::copy(src.b.begin(), src.b.end(), frame + 6);
      n.hosts[2]->transmit(n.w.engine().pool().from_bytes(frame, sizeof frame));
    }
    n.w.engine().run_pending();
  }
  EXPECT_EQ(n.br->fdb().n_learned(), 1000u);
  EXPECT_TRUE(n.ping(0, "10.0.0.2"));
  EXPECT_TRUE(n.ping(1, "10.0.0.1"));
}

// A BPDU frame as a neighbour bridge would send it: 802.3 length, LLC 42 42 03, then `bpdu`.
Frame bpdu_frame(World& w, const MacAddr& src, std::vector<uint8_t> bpdu) {
  std::vector<uint8_t> f = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x00};
  f.insert(f.end(), src.b.begin(), src.b.end());
  size_t len = 3 + bpdu.size();
  f.push_back(uint8_t(len >> 8));
  f.push_back(uint8_t(len));
  f.insert(f.end(), {0x42, 0x42, 0x03});
  f.insert(f.end(), bpdu.begin(), bpdu.end());
  while (f.size() < 60) f.push_back(0);
  return w.engine().pool().from_bytes(f.data(), f.size());
}

// A Config BPDU claiming root 0000.02:00:00:00:00:aa, with message age `age` and max age
// `max_age` (in seconds).
std::vector<uint8_t> config_bpdu(uint8_t age, uint8_t max_age) {
  return {0x00, 0x00, 0x00, 0x00, 0x00,                    // protocol, version, type, flags
          0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0xaa,  // root id
          0x00, 0x00, 0x00, 0x00,                          // root path cost
          0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0xaa,  // bridge id
          0x80, 0x01,                                      // port id
          age, 0x00, max_age, 0x00, 0x02, 0x00, 0x0f, 0x00};
}

TEST(Bridge, MalformedBpdusChangeNothingAndAreNotForwarded) {
  BridgeNet n(3);
  n.br->set_opt(kBrStpState, 1);
  n.w.engine().advance_to(n.w.engine().now() + 40 * kSec);  // alone: root, all forwarding
  const auto own = n.br->stp().status(n.w.engine().now()).designated_root;
  ASSERT_EQ(own.mac, n.br->mac());
  ASSERT_TRUE(n.ports[0]->master());
  uint64_t rx_other = n.hosts[1]->stats().rx_packets + n.hosts[2]->stats().rx_packets;

  std::vector<std::vector<uint8_t>> bad = {
      {},                                             // nothing after the LLC header
      {0x00, 0x00},                                   // truncated protocol id + version
      {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00},      // Config BPDU cut short
      {0x00, 0x01, 0x00, 0x00},                       // wrong protocol identifier
      {0x00, 0x00, 0x00, 0x42},                       // unknown BPDU type
      config_bpdu(21, 20),                            // message age beyond max age
  };
  auto bad_cut = config_bpdu(0, 20);
  bad_cut.resize(30);  // a Config BPDU without its timers
  bad.push_back(bad_cut);
  for (auto& b : bad) n.hosts[0]->transmit(bpdu_frame(n.w, n.hosts[0]->mac(), b));
  // Random garbage after the LLC header too.
  Rng rng(7);
  for (int i = 0; i < 1000; ++i) {
    std::vector<uint8_t> g(rng.below(40));
    for (auto& x : g) x = uint8_t(rng.next());
    if (g.size() >= 4) g[3] = uint8_t(0x42 + rng.below(8));  // never a valid type
    n.hosts[0]->transmit(bpdu_frame(n.w, n.hosts[0]->mac(), g));
  }
  n.w.engine().advance_to(n.w.engine().now() + 5 * kSec);
  auto st = n.br->stp().status(n.w.engine().now());
  EXPECT_EQ(st.designated_root, own);
  EXPECT_EQ(st.root_port, 0);
  for (auto& p : n.br->ports()) EXPECT_EQ(p->state(), kBrStateForwarding);
  // BPDUs are for the bridge: none reached the other hosts (only their hello BPDUs did).
  uint64_t hellos = 2 * 3;  // 5 s of 2 s hellos to two hosts
  EXPECT_LE(n.hosts[1]->stats().rx_packets + n.hosts[2]->stats().rx_packets, rx_other + hellos);
  EXPECT_TRUE(n.ping(0, "10.0.0.2"));

  // The same path takes a valid superior BPDU: the root moves to the neighbour.
  n.hosts[0]->transmit(bpdu_frame(n.w, n.hosts[0]->mac(), config_bpdu(0, 20)));
  n.w.engine().settle();
  st = n.br->stp().status(n.w.engine().now());
  EXPECT_EQ(st.designated_root.mac, *MacAddr::parse("02:00:00:00:00:aa"));
  EXPECT_EQ(st.root_port, n.br->port_of(*n.ports[0])->port_no());
}

}  // namespace uvn
