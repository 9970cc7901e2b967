// The VLAN-aware bridge against an oracle written from 802.1Q (and Linux's choices where the
// standard leaves room): the isolation matrix of issue 4. From every port, every frame class
// (untagged, priority-tagged, each configured VID, unconfigured VIDs, 4095, a foreign TPID,
// double-tagged with the outer tag equal to the port's native VLAN; broadcast, multicast,
// unknown and known unicast) is sent, and what arrives at every other host is compared byte
// for byte with what the oracle says must arrive: nothing where 802.1Q forbids it, and
// exactly the configured tag where it may go.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "base/be.h"
#include "dev/bridge/bridge.h"
#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn {

namespace {

using Bytes = std::vector<uint8_t>;

// The configuration under test: per port, its VLANs with the untagged flag, and its PVID.
struct PortCfg {
  std::map<uint16_t, bool> vlans;  // vid -> egress untagged
  uint16_t pvid = 0;
};

// Frames a host receives.
struct Recorder : FrameTap {
  std::vector<Bytes> got;
  void tap(const Device&, const Frame& f, bool outgoing) override {
    if (!outgoing) got.emplace_back(f.data(), f.data() + f.size());
  }
};

struct VlanNet {
  World w{7};
  BridgeDevice* br;
  std::vector<VethDevice*> ports, hosts;
  std::vector<Recorder> rec;
  std::vector<PortCfg> cfg;

  explicit VlanNet(std::vector<PortCfg> c) : rec(c.size()), cfg(std::move(c)) {
    Netns& root = w.init_ns();
    auto b = std::make_unique<BridgeDevice>(&root);
    b->set_name("br0");
    b->set_mac(w.random_mac());
    br = static_cast<BridgeDevice*>(root.attach(std::move(b)));
    br->set_opt(kBrMcastSnooping, 0);
    for (size_t i = 0; i < cfg.size(); ++i) {
      Netns& h = w.add_netns("h" + std::to_string(i));
      auto x = std::make_unique<VethDevice>(&root);
      auto y = std::make_unique<VethDevice>(&h);
      VethDevice::pair(*x, *y);
      x->set_name("p" + std::to_string(i));
      y->set_name("eth0");
      x->set_mac(MacAddr{{0x02, 0, 0, 0, 1, uint8_t(i + 1)}});
      y->set_mac(MacAddr{{0x02, 0, 0, 0, 0, uint8_t(i + 1)}});
      hosts.push_back(static_cast<VethDevice*>(h.attach(std::move(y))));
      ports.push_back(static_cast<VethDevice*>(root.attach(std::move(x))));
      EXPECT_TRUE(br->add_slave(*ports.back()));
      BridgePort* p = br->port_of(*ports.back());
      // Replace the default PVID 1 with the configuration.
      EXPECT_TRUE(br->vlan_del(p, 1));
      for (auto [vid, untagged] : cfg[i].vlans)
        EXPECT_TRUE(br->vlan_add(p, vid, vid == cfg[i].pvid, untagged));
    }
    br->set_opt(kBrVlanFiltering, 1);
    br->open();
    for (size_t i = 0; i < cfg.size(); ++i) {
      ports[i]->open();
      hosts[i]->open();
    }
    w.engine().advance_to(w.engine().now() + 5 * kSec);  // DAD and the like, before taps
    for (size_t i = 0; i < cfg.size(); ++i) hosts[i]->add_tap(&rec[i]);
  }

  void send(size_t from, const Bytes& b) {
    Frame f = w.engine().pool().alloc(b.size());
    std::copy(b.begin(), b.end(), f.data());
    for (auto& r : rec) r.got.clear();
    hosts[from]->transmit(std::move(f));
    w.engine().settle();
  }
};

// A frame: dst, src, optional tags (TPID, TCI), EtherType 0x88b5 (local experimental: no host
// stack answers it) and a payload that names the test case.
Bytes frame(const MacAddr& dst, const MacAddr& src,
            const std::vector<std::pair<uint16_t, uint16_t>>& tags, uint8_t id) {
  Bytes b(dst.b.begin(), dst.b.end());
  b.insert(b.end(), src.b.begin(), src.b.end());
  for (auto [tpid, tci] : tags) {
    b.push_back(uint8_t(tpid >> 8));
    b.push_back(uint8_t(tpid));
    b.push_back(uint8_t(tci >> 8));
    b.push_back(uint8_t(tci));
  }
  b.push_back(0x88);
  b.push_back(0xb5);
  for (int k = 0; k < 46; ++k) b.push_back(uint8_t(id + k));
  return b;
}

MacAddr station(size_t port, uint16_t vid) {
  return MacAddr{{0x02, 0xaa, 0, uint8_t(port), uint8_t(vid >> 8), uint8_t(vid)}};
}

// The oracle: where a frame sent by host `in` must arrive, and as what.
struct Oracle {
  const std::vector<PortCfg>& cfg;
  // Learned stations: (mac, vid) -> port.
  std::map<std::pair<uint64_t, uint16_t>, size_t> fdb;

  std::map<size_t, Bytes> expect(size_t in, const Bytes& b) {
    std::map<size_t, Bytes> out;
    const PortCfg& pc = cfg[in];
    // Ingress classification (802.1Q 6.9, Linux br_allowed_ingress): only 0x8100 is a tag
    // on an 802.1Q bridge; VID 0 and untagged take the PVID.
    bool tagged = load_be16(b.data() + 12) == 0x8100;
    uint16_t tci = tagged ? load_be16(b.data() + 14) : 0;
    uint16_t vid = tci & 0xfff;
    if (!tagged || vid == 0) {
      if (!pc.pvid) return out;
      vid = pc.pvid;
      tci = uint16_t((tci & 0xf000) | vid);
    }
    if (!pc.vlans.count(vid)) return out;  // ingress filtering (4095 is never configured)
    Bytes inner = b;                       // the frame without its bridge tag
    if (tagged) inner.erase(inner.begin() + 12, inner.begin() + 16);
    MacAddr src, dst;
    std::copy(b.begin() + 6, b.begin() + 12, src.b.begin());
    std::copy(b.begin(), b.begin() + 6, dst.b.begin());
    fdb[{src.as_u64(), vid}] = in;
    std::set<size_t> to;
    auto known = fdb.find({dst.as_u64(), vid});
    if (!dst.is_multicast() && known != fdb.end()) {
      if (known->second != in) to.insert(known->second);
    } else {
      for (size_t q = 0; q < cfg.size(); ++q)
        if (q != in && cfg[q].vlans.count(vid)) to.insert(q);
    }
    for (size_t q : to) {
      if (!cfg[q].vlans.count(vid)) continue;  // egress filtering
      Bytes e = inner;
      if (!cfg[q].vlans.at(vid)) {
        uint8_t tag[4] = {0x81, 0x00, uint8_t(tci >> 8), uint8_t(tci)};
        e.insert(e.begin() + 12, tag, tag + 4);
      }
      out[q] = e;
    }
    return out;
  }
};

}  // namespace

TEST(BridgeVlan, IsolationMatrix) {
  // p0 access VLAN 10; p1 access VLAN 20; p2 trunk (native 1 untagged, 10 and 20 tagged);
  // p3 hybrid (PVID 30 untagged, 10 tagged, 20 egress-untagged); p4 no PVID, trunk of 10/30.
  std::vector<PortCfg> cfg = {
      {{{10, true}}, 10},
      {{{20, true}}, 20},
      {{{1, true}, {10, false}, {20, false}}, 1},
      {{{30, true}, {10, false}, {20, true}}, 30},
      {{{10, false}, {30, false}}, 0},
  };
  VlanNet n(cfg);
  Oracle o{cfg, {}};
  const MacAddr bcast = MacAddr::broadcast();
  const MacAddr mcast{{0x01, 0x00, 0x5e, 0x01, 0x02, 0x03}};
  const MacAddr unknown{{0x02, 0xbb, 0, 0, 0, 1}};
  const std::vector<uint16_t> vids = {1, 10, 20, 30, 99, 4095};
  int cases = 0, delivered = 0;
  uint8_t id = 0;
  auto check = [&](size_t in, const Bytes& b, const std::string& what) {
    ++id;
    auto want = o.expect(in, b);
    n.send(in, b);
    for (size_t q = 0; q < cfg.size(); ++q) {
      if (q == in) continue;
      auto it = want.find(q);
      if (it == want.end()) {
        EXPECT_TRUE(n.rec[q].got.empty()) << what << " from p" << in << " leaked to p" << q;
      } else {
        ASSERT_EQ(n.rec[q].got.size(), 1u) << what << " from p" << in << " to p" << q;
        EXPECT_EQ(n.rec[q].got[0], it->second) << what << " from p" << in << " to p" << q;
        ++delivered;
      }
    }
    ++cases;
  };
  // Learning first: a broadcast from a station of each (port, VLAN), as the port sends it.
  std::vector<std::pair<MacAddr, uint16_t>> stations;
  for (size_t p = 0; p < cfg.size(); ++p)
    for (auto [vid, untagged] : cfg[p].vlans) {
      std::vector<std::pair<uint16_t, uint16_t>> tags;
      if (vid != cfg[p].pvid) tags.push_back({0x8100, vid});
      check(p, frame(bcast, station(p, vid), tags, id), "learning bcast vid " + std::to_string(vid));
      stations.push_back({station(p, vid), vid});
    }
  for (size_t in = 0; in < cfg.size(); ++in) {
    const MacAddr src = station(in, 999);
    for (const MacAddr& dst : {bcast, mcast, unknown}) {
      check(in, frame(dst, src, {}, id), "untagged");
      check(in, frame(dst, src, {{0x8100, 0xa000}}, id), "priority-tagged PCP 5");
      check(in, frame(dst, src, {{0x8100, 0x1000}}, id), "priority-tagged DEI");
      for (uint16_t v : vids) check(in, frame(dst, src, {{0x8100, uint16_t(0x6000 | v)}}, id),
                                    "tagged PCP 3 vid " + std::to_string(v));
      check(in, frame(dst, src, {{0x88a8, 10}}, id), "foreign TPID 88a8/10");
      uint16_t native = cfg[in].pvid ? cfg[in].pvid : 1;
      check(in, frame(dst, src, {{0x8100, native}, {0x8100, 20}}, id), "double-tagged");
    }
    // Known unicast to every learned station, tagged as its VLAN needs on this port.
    for (auto& [dst, vid] : stations) {
      check(in, frame(dst, src, {}, id), "known unicast untagged");
      check(in, frame(dst, src, {{0x8100, vid}}, id), "known unicast vid " + std::to_string(vid));
    }
  }
  EXPECT_GT(cases, 150);
  EXPECT_GT(delivered, 100);  // the matrix is not vacuous
}

TEST(BridgeVlan, UnfilteredBridgeIgnoresTheTables) {
  std::vector<PortCfg> cfg = {{{{10, true}}, 10}, {{{20, true}}, 20}};
  VlanNet n(cfg);
  n.br->set_opt(kBrVlanFiltering, 0);
  Bytes b = frame(MacAddr::broadcast(), station(0, 1), {{0x8100, 77}}, 1);
  n.send(0, b);
  ASSERT_EQ(n.rec[1].got.size(), 1u);
  EXPECT_EQ(n.rec[1].got[0], b);  // unchanged, whatever the VLAN tables say
}

TEST(BridgeVlan, PerVlanStateAndCounters) {
  std::vector<PortCfg> cfg = {{{{10, false}}, 0}, {{{10, false}}, 0}};
  VlanNet n(cfg);
  n.br->set_opt(kBrVlanStatsEnabled, 1);
  BridgePort* p1 = n.br->port_of(*n.ports[1]);
  Bytes b = frame(MacAddr::broadcast(), station(0, 10), {{0x8100, 10}}, 1);
  n.send(0, b);
  EXPECT_EQ(n.rec[1].got.size(), 1u);
  // Shared bridge-wide counters: rx on p0 and tx on p1, bytes without header and tag.
  BrVlanStats s = n.br->vlan_stats(p1, 10);
  EXPECT_EQ(s.rx_packets, 1u);
  EXPECT_EQ(s.tx_packets, 1u);
  EXPECT_EQ(s.rx_bytes, b.size() - 18);
  // Blocking on p1: nothing leaves there; learning on p0: learned, not forwarded.
  ASSERT_TRUE(n.br->vlan_set_state(p1, 10, kBrStateBlocking));
  n.send(0, b);
  EXPECT_TRUE(n.rec[1].got.empty());
  ASSERT_TRUE(n.br->vlan_set_state(p1, 10, kBrStateForwarding));
  BridgePort* p0 = n.br->port_of(*n.ports[0]);
  ASSERT_TRUE(n.br->vlan_set_state(p0, 10, kBrStateLearning));
  Bytes c = frame(MacAddr::broadcast(), station(0, 11), {{0x8100, 10}}, 2);
  n.send(0, c);
  EXPECT_TRUE(n.rec[1].got.empty());
  EXPECT_NE(n.br->fdb().find(station(0, 11), 10), nullptr);
  // Kernel STP refuses per-VLAN states.
  n.br->set_opt(kBrStpState, 1);
  EXPECT_FALSE(n.br->vlan_set_state(p0, 10, kBrStateForwarding));
}

TEST(BridgeVlan, LocalEntriesFollowVlansAndDefaultPvid) {
  std::vector<PortCfg> cfg = {{{{1, true}}, 1}};
  VlanNet n(cfg);
  BridgePort* p0 = n.br->port_of(*n.ports[0]);
  const MacAddr m = n.ports[0]->mac();
  EXPECT_NE(n.br->fdb().find(m, 0), nullptr);
  EXPECT_NE(n.br->fdb().find(m, 1), nullptr);
  ASSERT_TRUE(n.br->vlan_add(p0, 7, false, false));
  EXPECT_NE(n.br->fdb().find(m, 7), nullptr);
  EXPECT_TRUE(n.br->vlan_del(p0, 7));
  EXPECT_EQ(n.br->fdb().find(m, 7), nullptr);
  EXPECT_FALSE(n.br->vlan_del(p0, 7));
  // A new default PVID replaces 1 where it is still in its default form.
  n.br->set_opt(kBrVlanDefaultPvid, 5);
  EXPECT_EQ(n.br->vlans(p0).pvid(), 5);
  EXPECT_EQ(n.br->vlans(p0).find(1), nullptr);
  EXPECT_EQ(n.br->vlans(nullptr).pvid(), 5);
  // fdb_local_vlan_0: per-VLAN copies go, and come back.
  n.br->set_opt(kBrFdbLocalVlan0, 1);
  EXPECT_EQ(n.br->fdb().find(m, 5), nullptr);
  EXPECT_NE(n.br->fdb().find(m, 0), nullptr);
  n.br->set_opt(kBrFdbLocalVlan0, 0);
  ASSERT_NE(n.br->fdb().find(m, 5), nullptr);
  // The bridge shares the port's address (its lowest port MAC): the port keeps the entry.
  EXPECT_EQ(n.br->mac(), m);
  EXPECT_EQ(n.br->fdb().find(m, 5)->port, p0);
}

TEST(BridgeVlan, PortLeavingDeletesItsEntriesNewestFirst) {
  // del_nbp: the VLANs go without FDB work, then every entry of the port, newest first
  // (each user entry and the port's local one on VID 0 and on VLAN 1).
  std::vector<PortCfg> cfg = {{{{1, true}}, 1}, {{{1, true}}, 1}};
  VlanNet n(cfg);
  BridgePort* p1 = n.br->port_of(*n.ports[1]);
  const MacAddr user{{0x02, 0xcc, 0, 0, 0, 1}};
  for (uint16_t vid : {0, 1}) ASSERT_TRUE(n.br->fdb_add(p1, user, vid, {}, true, true));
  std::vector<std::string> gone;
  n.br->fdb().on_change = [&](const FdbEntry& e, bool added) {
    if (!added) gone.push_back(e.mac.format() + "/" + std::to_string(e.vid));
  };
  n.br->remove_slave(*n.ports[1]);
  n.br->fdb().on_change = nullptr;  // `gone` dies before the world
  // First the learned host address (disabling the port flushes dynamic entries), then the rest.
  EXPECT_EQ(gone, (std::vector<std::string>{"02:00:00:00:00:02/1", "02:cc:00:00:00:01/1",
                                            "02:cc:00:00:00:01/0",
                                            "02:00:00:00:01:02/1", "02:00:00:00:01:02/0"}));
}

}  // namespace uvn

namespace uvn {

TEST(BridgeVlan, ProviderBridgeCarriesCustomerTagsAndBpdus) {
  // 802.1ad: p0 is a customer port (S-VLAN 100 untagged), p1 the provider trunk.
  std::vector<PortCfg> cfg = {{{{100, true}}, 100}, {{{100, false}}, 0}};
  VlanNet n(cfg);
  n.br->set_opt(kBrVlanProtocol, 1);
  EXPECT_EQ(n.br->opt(kBrGroupAddress), 0x0180c2000008u);
  n.br->set_opt(kBrStpState, 1);
  EXPECT_EQ(int(n.br->port_of(*n.ports[1])->state()), int(kBrStateForwarding));
  // A customer's 802.1Q frame is untagged traffic here: it gets the S-tag around its C-tag.
  Bytes c = frame(MacAddr::broadcast(), station(0, 5), {{0x8100, 5}}, 1);
  n.send(0, c);
  Bytes want = frame(MacAddr::broadcast(), station(0, 5), {{0x88a8, 100}, {0x8100, 5}}, 1);
  ASSERT_EQ(n.rec[1].got.size(), 1u);
  EXPECT_EQ(n.rec[1].got[0], want);
  // A customer BPDU crosses the provider bridge although its STP runs.
  Bytes bpdu = frame(MacAddr{{0x01, 0x80, 0xc2, 0, 0, 0}}, station(0, 6), {}, 2);
  n.send(0, bpdu);
  ASSERT_EQ(n.rec[1].got.size(), 1u);
  // Back to 802.1Q: the group address returns, customer BPDUs stay local again.
  n.br->set_opt(kBrVlanProtocol, 0);
  EXPECT_EQ(n.br->opt(kBrGroupAddress), 0x0180c2000000u);
  n.send(0, bpdu);
  EXPECT_TRUE(n.rec[1].got.empty());
}

}  // namespace uvn
