// Issue 5: where a hashing bond (balance-xor, 802.3ad) puts each frame. A bond over three veth
// slaves sends a table of frames; a counting handler on each peer tells which slave carried
// each one, and the slave must be the one Linux's documented formula picks
// (tests/reference/bond-hash-notes.md). The expectation is computed here from the formula
// written out independently (bond_xmit_hash is never called):
//   layer2    (dst[5] ^ src[5] ^ EtherType) % n
//   layer2+3  fold(layer2 ^ saddr ^ daddr) % n
//   layer3+4  (fold(L4 ^ saddr ^ daddr) >> 1) % n, L4 = the port word or the ICMP key
// with fold(h) = h ^= h>>16; h ^= h>>8, 32-bit words loaded little-endian from the raw bytes,
// IPv6 addresses as the XOR of their four words, and the layer2 value for what cannot be
// parsed. Also: a slave losing its carrier (seen by the MII monitor) moves its flows to the
// formula over the remaining slaves, in slave order.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dev/bond/bond.h"
#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn {

namespace {

using Bytes = std::vector<uint8_t>;

// ------------------------------------------------------------------ the formula, by hand

uint32_t le32_at(const Bytes& f, size_t off) {
  return uint32_t(f[off]) | uint32_t(f[off + 1]) << 8 | uint32_t(f[off + 2]) << 16 |
         uint32_t(f[off + 3]) << 24;
}
uint16_t be16_at(const Bytes& f, size_t off) {
  return uint16_t(f[off] << 8 | f[off + 1]);
}
uint32_t fold(uint32_t h) {
  h ^= h >> 16;
  h ^= h >> 8;
  return h;
}

enum class Policy { kL2, kL23, kL34 };

// Linux 6.1's bond_xmit_hash for a frame without VLAN tags, as the notes describe it.
uint32_t expected_hash(Policy p, const Bytes& f) {
  if (f.size() < 14) return 0;
  const uint16_t type = be16_at(f, 12);
  const uint32_t l2 = uint32_t(f[5] ^ f[11]) ^ type;
  if (p == Policy::kL2) return l2;
  uint32_t saddr = 0, daddr = 0;
  int proto = -1;  // unset: no ports (fragments)
  size_t l4 = 0;
  if (type == 0x0800) {
    if (f.size() < 14 + 20) return l2;
    saddr = le32_at(f, 14 + 12);
    daddr = le32_at(f, 14 + 16);
    l4 = 14 + 4 * size_t(f[14] & 0x0f);
    const bool fragment = (be16_at(f, 14 + 6) & 0x3fff) != 0;  // MF or an offset
    if (!fragment) proto = f[14 + 9];
  } else if (type == 0x86dd) {
    if (f.size() < 14 + 40) return l2;
    for (size_t w = 0; w < 4; ++w) {
      saddr ^= le32_at(f, 14 + 8 + 4 * w);
      daddr ^= le32_at(f, 14 + 24 + 4 * w);
    }
    proto = f[14 + 6];  // taken as is: no extension header is walked
    l4 = 14 + 40;
  } else {
    return l2;
  }
  if (p == Policy::kL23) return fold(l2 ^ saddr ^ daddr);
  uint32_t key = 0;
  if (proto == 1 || proto == 58) {
    // ICMP: type | code<<8 | id<<16 for the types with an identifier (id 0 counts as 1);
    // otherwise the key is zero and so is the port word (ICMP has no ports).
    if (f.size() >= l4 + 8) {
      const uint8_t t = f[l4];
      if (t == 0 || t == 8 || t == 13 || t == 14 || t == 128 || t == 129) {
        uint32_t id = be16_at(f, l4 + 4);
        if (id == 0) id = 1;
        key = uint32_t(t) | uint32_t(f[l4 + 1]) << 8 | id << 16;
      }
    }
  } else if (proto >= 0) {
    int off = -1;
    if (proto == 6 || proto == 17 || proto == 33 || proto == 132 || proto == 136 || proto == 50)
      off = 0;
    else if (proto == 51)
      off = 4;
    if (off >= 0 && l4 + size_t(off) + 4 <= f.size()) key = le32_at(f, l4 + size_t(off));
  }
  return fold(key ^ saddr ^ daddr) >> 1;
}

// ------------------------------------------------------------------ frames

struct Rand {
  uint64_t s;
  uint64_t next() {
    s += 0x9e3779b97f4a7c15ull;
    uint64_t z = s;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint8_t byte() { return uint8_t(next()); }
  uint16_t u16() { return uint16_t(next()); }
};

struct Flow {
  std::string what;
  Bytes bytes;
};

void put16(Bytes& f, size_t off, uint16_t v) {
  f[off] = uint8_t(v >> 8);
  f[off + 1] = uint8_t(v);
}

Bytes eth(Rand& r, uint16_t type, size_t len) {
  Bytes f(len, 0);
  // Unicast, locally administered MACs with random low bytes.
  f[0] = 0x02;
  f[6] = 0x06;
  for (size_t k = 1; k < 6; ++k) {
    f[k] = r.byte();
    f[6 + k] = r.byte();
  }
  put16(f, 12, type);
  for (size_t k = 14; k < len; ++k) f[k] = r.byte();  // random payload (headers go over it)
  return f;
}

// IPv4 with `ihl` words of header, protocol `proto` and the fragment field `frag` (flags and
// offset); random addresses in 10/8 and random L4 bytes; cut to `len` bytes.
Bytes ipv4(Rand& r, uint8_t proto, uint16_t frag = 0, int ihl = 5, size_t cut = 74) {
  Bytes f = eth(r, 0x0800, 74);
  f[14] = uint8_t(0x40 | ihl);
  f[15] = 0;
  put16(f, 16, 74 - 14);
  put16(f, 18, r.u16());
  put16(f, 20, frag);
  f[22] = 64;
  f[23] = proto;
  put16(f, 24, 0);
  // 10.x.y.z addresses, random below the first byte.
  f[26] = 10;
  f[30] = 10;
  f.resize(cut);
  return f;
}

// IPv6 from 2001:db8::/32 to fd00::/8 (random below), next header `next_header`, random
// payload; cut to `len` bytes.
Bytes ipv6(Rand& r, uint8_t next_header, size_t cut = 94) {
  Bytes f = eth(r, 0x86dd, 94);
  f[14] = 0x60;
  f[15] = 0;
  f[16] = 0;
  f[17] = 0;
  put16(f, 18, 94 - 54);
  f[20] = next_header;
  f[21] = 64;
  f[22] = 0x20;  // 2001:db8::/32, random below
  f[23] = 0x01;
  f[24] = 0x0d;
  f[25] = 0xb8;
  f[38] = 0xfd;  // fd00::/8
  f.resize(cut);
  return f;
}

// The table: at least 30 flows of every kind the formula distinguishes.
std::vector<Flow> flow_table() {
  Rand r{20240605};
  std::vector<Flow> t;
  for (int i = 0; i < 12; ++i) t.push_back({"ipv4 udp " + std::to_string(i), ipv4(r, 17)});
  for (int i = 0; i < 8; ++i) t.push_back({"ipv4 tcp " + std::to_string(i), ipv4(r, 6)});
  for (int i = 0; i < 6; ++i) t.push_back({"ipv6 udp " + std::to_string(i), ipv6(r, 17)});
  for (int i = 0; i < 4; ++i) t.push_back({"ipv6 tcp " + std::to_string(i), ipv6(r, 6)});
  // Same addresses and MACs, other ports: only layer3+4 can tell these apart.
  {
    Bytes base = ipv4(r, 17);
    for (uint16_t sp : {1000, 1001, 1002, 1003, 40000, 65535}) {
      Bytes f = base;
      put16(f, 34, sp);
      put16(f, 36, 53);
      t.push_back({"ipv4 udp same hosts sport " + std::to_string(sp), f});
    }
  }
  t.push_back({"ipv4 first fragment (MF)", ipv4(r, 17, 0x2000)});
  t.push_back({"ipv4 later fragment (offset)", ipv4(r, 17, 0x00b9)});
  t.push_back({"ipv4 DF is not a fragment", ipv4(r, 17, 0x4000)});
  t.push_back({"ipv6 fragment header", ipv6(r, 44)});
  t.push_back({"ipv6 hop-by-hop not walked", ipv6(r, 0)});
  t.push_back({"ipv4 with options (IHL 6)", ipv4(r, 17, 0, 6)});
  t.push_back({"ipv4 sctp", ipv4(r, 132)});
  t.push_back({"ipv4 esp", ipv4(r, 50)});
  t.push_back({"ipv4 ah (SPI at 4)", ipv4(r, 51)});
  t.push_back({"ipv4 gre (no ports)", ipv4(r, 47)});
  {
    Bytes f = ipv4(r, 1);
    f[34] = 8;  // echo request
    f[35] = 0;
    put16(f, 38, 0x1234);
    t.push_back({"icmp echo", f});
    Bytes g = ipv4(r, 1);
    g[34] = 0;  // echo reply, identifier 0 (hashed as 1)
    g[35] = 0;
    put16(g, 38, 0);
    t.push_back({"icmp echo reply id 0", g});
    Bytes h = ipv4(r, 1);
    h[34] = 9;  // router advertisement: no identifier
    h[35] = 0;
    t.push_back({"icmp without id", h});
    Bytes k = ipv6(r, 58);
    k[54] = 128;
    k[55] = 0;
    put16(k, 58, 0x0102);
    t.push_back({"icmpv6 echo", k});
  }
  t.push_back({"ipv4 udp, port word cut short", ipv4(r, 17, 0, 5, 14 + 20 + 2)});
  t.push_back({"ipv4 header cut short", ipv4(r, 17, 0, 5, 14 + 12)});
  t.push_back({"ipv6 header cut short", ipv6(r, 17, 14 + 30)});
  t.push_back({"arp (non-IP)", eth(r, 0x0806, 60)});
  t.push_back({"local experimental EtherType (non-IP)", eth(r, 0x88b5, 64)});
  t.push_back({"lldp EtherType (non-IP)", eth(r, 0x88cc, 64)});
  return t;
}

// ------------------------------------------------------------------ the rig

// Records what reaches a peer; slow-protocol frames (LACP) go on to the peer's bond.
struct Sink : RxHandler {
  std::vector<Bytes> frames;
  RxResult handle_frame(Device&, Frame& f, Device*&) override {
    frames.emplace_back(f.data(), f.data() + f.size());
    const bool slow = f.size() >= 14 && f.data()[12] == 0x88 && f.data()[13] == 0x09;
    return slow ? RxResult::kPass : RxResult::kConsumed;
  }
};

struct HashRig {
  World w{3};
  Netns& ns = w.init_ns();
  BondDevice* bond = nullptr;
  BondDevice* partner = nullptr;  // 802.3ad: the peers' bond
  std::vector<VethDevice*> slaves, peers;
  std::array<Sink, 3> sinks;

  BondDevice* make_bond(const std::string& name, BondMode mode, XmitHashPolicy policy) {
    auto b = std::make_unique<BondDevice>(&ns);
    b->set_name(name);
    b->set_random_mac(w.random_mac());
    auto* d = static_cast<BondDevice*>(ns.attach(std::move(b)));
    d->set_opt(kBondMode, uint64_t(mode));
    d->set_opt(kBondXmitHashPolicy, uint64_t(policy));
    d->set_opt(kBondMiimon, 100);
    if (mode == BondMode::k8023ad) d->set_opt(kBondLacpRate, 1);
    return d;
  }

  HashRig(BondMode mode, XmitHashPolicy policy) {
    bond = make_bond("bond0", mode, policy);
    if (mode == BondMode::k8023ad) partner = make_bond("bond1", mode, policy);
    for (int i = 0; i < 3; ++i) {
      auto x = std::make_unique<VethDevice>(&ns);
      auto y = std::make_unique<VethDevice>(&ns);
      VethDevice::pair(*x, *y);
      x->set_name("eth" + std::to_string(i));
      y->set_name("peer" + std::to_string(i));
      x->set_mac(w.random_mac());
      y->set_mac(w.random_mac());
      slaves.push_back(static_cast<VethDevice*>(ns.attach(std::move(x))));
      peers.push_back(static_cast<VethDevice*>(ns.attach(std::move(y))));
      EXPECT_TRUE(bond->add_slave(*slaves.back()));
      if (partner) {
        EXPECT_TRUE(partner->add_slave(*peers.back()));
      }
      peers.back()->open();
      // In front of the partner bond's handler, which takes data frames.
      peers.back()->add_rx_handler(&sinks[size_t(i)], true);
    }
    bond->open();
    if (partner) partner->open();
    w.engine().settle();
    w.engine().advance_to(w.engine().now() + (partner ? 10 : 1) * kSec);
  }

  // Sends one frame on the bond; returns the index of the peer it reached, -1 if none, -2
  // if more than one, -3 if a peer got it more than once.
  int send(const Bytes& frame) {
    std::array<size_t, 3> before{};
    for (size_t i = 0; i < 3; ++i) before[i] = sinks[i].frames.size();
    bond->transmit(w.engine().pool().from_bytes(frame.data(), frame.size()));
    w.engine().settle();
    int where = -1;
    for (size_t i = 0; i < 3; ++i) {
      size_t hits = 0;
      for (size_t k = before[i]; k < sinks[i].frames.size(); ++k)
        if (sinks[i].frames[k] == frame) ++hits;
      if (hits > 1) return -3;
      if (hits == 1) {
        if (where != -1) return -2;
        where = int(i);
      }
    }
    return where;
  }
};

// Every flow of the table lands on usable[expected_hash % usable.size()]; every usable slave
// gets some (the table spreads, so a bond sending everything on one slave cannot pass).
void check_placement(HashRig& rig, Policy p, const std::vector<int>& usable) {
  const auto table = flow_table();
  ASSERT_GE(table.size(), 30u);
  std::array<int, 3> per_slave{};
  for (const Flow& fl : table) {
    const uint32_t h = expected_hash(p, fl.bytes);
    const int want = usable[h % usable.size()];
    const int got = rig.send(fl.bytes);
    EXPECT_EQ(got, want) << fl.what << " (hash " << h << ")";
    if (got >= 0) ++per_slave[size_t(got)];
  }
  for (int i : usable) EXPECT_GT(per_slave[size_t(i)], 0) << "slave " << i << " got nothing";
  for (int i = 0; i < 3; ++i)
    if (std::find(usable.begin(), usable.end(), i) == usable.end()) {
      EXPECT_EQ(per_slave[size_t(i)], 0) << "slave " << i << " is not usable";
    }
}

void xor_placement(XmitHashPolicy policy, Policy p) {
  HashRig rig(BondMode::kXor, policy);
  ASSERT_TRUE(rig.bond->carrier());
  check_placement(rig, p, {0, 1, 2});
}

// A slave whose peer goes down: after a MII monitor tick its flows follow the formula over the
// two slaves left (in slave order), and come back to all three once it is up again.
void xor_slave_down(XmitHashPolicy policy, Policy p) {
  HashRig rig(BondMode::kXor, policy);
  for (int down : {0, 1, 2}) {
    SCOPED_TRACE("slave " + std::to_string(down) + " down");
    rig.peers[size_t(down)]->close();
    EXPECT_FALSE(rig.slaves[size_t(down)]->carrier());
    rig.w.engine().advance_to(rig.w.engine().now() + 150 * kMsec);
    const BondSlave* s = rig.bond->slave_of(*rig.slaves[size_t(down)]);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->link, BondLink::kDown);
    std::vector<int> left;
    for (int i = 0; i < 3; ++i)
      if (i != down) left.push_back(i);
    check_placement(rig, p, left);
    rig.peers[size_t(down)]->open();
    rig.w.engine().advance_to(rig.w.engine().now() + 150 * kMsec);
    EXPECT_EQ(s->link, BondLink::kUp);
    check_placement(rig, p, {0, 1, 2});
  }
}

}  // namespace

// The hand-written formula itself, on values worked out on paper, so that a mistake in it
// cannot hide behind agreement with the bond.
TEST(BondHash, FormulaMatchesWorkedExamples) {
  Bytes f(64, 0);
  f[5] = 0x0b;   // dst[5]
  f[11] = 0x0a;  // src[5]
  f[12] = 0x08;
  f[13] = 0x00;
  f[14] = 0x45;
  f[23] = 17;
  f[26] = 10, f[27] = 0, f[28] = 0, f[29] = 1;             // 10.0.0.1 -> le32 0x0100000a
  f[30] = 10, f[31] = 0, f[32] = 0, f[33] = 2;             // 10.0.0.2 -> le32 0x0200000a
  f[34] = 0x04, f[35] = 0x00, f[36] = 0x00, f[37] = 0x35;  // 1024 -> 53: le32 0x35000004
  // layer2: 0x0b ^ 0x0a ^ 0x0800 = 0x0801.
  EXPECT_EQ(expected_hash(Policy::kL2, f), 0x0801u);
  // layer2+3: 0x0801 ^ 0x0100000a ^ 0x0200000a = 0x03000801; ^>>16 -> 0x03000b01;
  // ^>>8 -> 0x03030b0a.
  EXPECT_EQ(expected_hash(Policy::kL23, f), 0x03030b0au);
  // layer3+4: 0x35000004 ^ 0x03000000 = 0x36000004; ^>>16 -> 0x36003604;
  // ^>>8 -> 0x36363632; >> 1 = 0x1b1b1b19.
  EXPECT_EQ(expected_hash(Policy::kL34, f), 0x1b1b1b19u);
  f[12] = 0x88;
  f[13] = 0xb5;
  EXPECT_EQ(expected_hash(Policy::kL34, f), 0x88b5u ^ 0x01u);  // non-IP: layer2, no shift
}

TEST(BondHash, XorLayer2PlacesEachFlowByTheFormula) {
  xor_placement(XmitHashPolicy::kLayer2, Policy::kL2);
}

TEST(BondHash, XorLayer23PlacesEachFlowByTheFormula) {
  xor_placement(XmitHashPolicy::kLayer23, Policy::kL23);
}

TEST(BondHash, XorLayer34PlacesEachFlowByTheFormula) {
  xor_placement(XmitHashPolicy::kLayer34, Policy::kL34);
}

TEST(BondHash, Lacp8023adLayer34PlacesEachFlowByTheFormulaOnceTheLagIsUp) {
  HashRig rig(BondMode::k8023ad, XmitHashPolicy::kLayer34);
  ASSERT_NE(rig.bond->lacp(), nullptr);
  for (VethDevice* s : rig.slaves) {
    const BondSlave* bs = rig.bond->slave_of(*s);
    ASSERT_NE(bs, nullptr);
    EXPECT_TRUE(rig.bond->lacp()->port_distributing(bs->ad_port_no)) << s->name();
  }
  auto info = rig.bond->ad_info();
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->num_ports, 3u);
  ASSERT_TRUE(rig.bond->carrier());
  check_placement(rig, Policy::kL34, {0, 1, 2});
}

TEST(BondHash, XorLayer2SlaveDownMovesItsFlowsByTheFormula) {
  xor_slave_down(XmitHashPolicy::kLayer2, Policy::kL2);
}

TEST(BondHash, XorLayer23SlaveDownMovesItsFlowsByTheFormula) {
  xor_slave_down(XmitHashPolicy::kLayer23, Policy::kL23);
}

TEST(BondHash, XorLayer34SlaveDownMovesItsFlowsByTheFormula) {
  xor_slave_down(XmitHashPolicy::kLayer34, Policy::kL34);
}

}  // namespace uvn
