// No heap allocation per frame (issue 9): this binary counts every operator new, and each
// test forwards frames through a data path after a warm-up (pools grown, FDB filled) and
// expects the count over the next 10,000 frames to be zero. Paths: veth to veth; a bridge
// with learning (VLAN filtering off, and on with the tag kept, pushed and popped); a bond
// in balance-xor layer3+4 over 4 slaves (built with commands); a VLAN device pushing its
// tag and its peer popping it.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include "base/be.h"
#include "ctl/link.h"
#include "dev/bridge/bridge.h"
#include "dev/veth/veth.h"
#include "sim/runner.h"
#include "world/netns.h"
#include "world/world.h"

namespace {
std::atomic<uint64_t> g_allocs{0};
}  // namespace

void* operator new(size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace uvn {
namespace {

struct Sink : RxHandler {
  uint64_t frames = 0;
  RxResult handle_frame(Device&, Frame&, Device*&) override {
    ++frames;
    return RxResult::kConsumed;
  }
};

// Runs `send` (one frame each call) `n` times with the engine polled after each batch of 32;
// returns the allocations made meanwhile.
template <typename Fn>
uint64_t allocations(World& w, int n, Fn send) {
  uint64_t before = g_allocs.load();
  for (int i = 0; i < n; ++i) {
    send(i);
    if (i % 32 == 31) w.engine().run_pending();
  }
  w.engine().run_pending();
  return g_allocs.load() - before;
}

// A 64-byte UDP frame from 10.0.0.1 to 10.0.1.2, ports varying with i (for the bond's hash).
void udp_frame(uint8_t* f, const MacAddr& dst, int i) {
  std::memset(f, 0, 64);
  std::memcpy(f, dst.b.data(), 6);
  const uint8_t src[6] = {0x02, 0x20, 0, 0, 0, 1};
  std::memcpy(f + 6, src, 6);
  f[12] = 0x08;
  uint8_t* ip = f + 14;
  ip[0] = 0x45;
  store_be16(ip + 2, 50);
  ip[8] = 64;
  ip[9] = 17;
  ip[12] = 10, ip[15] = 1, ip[16] = 10, ip[18] = 1, ip[19] = 2;
  store_be16(ip + 20, uint16_t(1024 + (i & 1023)));
  store_be16(ip + 22, 5000);
}

struct Fixture {
  World w{1};
  Netns& ns = w.init_ns();
  std::string out, err;
  Device& dev(const char* name) { return *ns.find(name); }
  void add(const char* a, const char* b) {
    ctl::LinkAddRequest r;
    r.kind = "veth";
    r.link.name = a;
    r.peer = ctl::LinkSpec{};
    r.peer->name = b;
    ASSERT_TRUE(ctl::link_add(w, ns, r).ok());
  }
  void up(const char* name) {
    ctl::LinkSpec s;
    s.up = true;
    ASSERT_TRUE(ctl::link_set(w, ns, dev(name), s).ok());
  }
};

TEST(NoAllocPerFrame, VethToVeth) {
  Fixture f;
  f.add("a", "b");
  f.up("a");
  f.up("b");
  Sink sink;
  f.dev("b").add_rx_handler(&sink);
  uint8_t fr[64];
  auto send = [&](int i) {
    udp_frame(fr, f.dev("b").mac(), i);
    f.dev("a").transmit(f.w.engine().pool().from_bytes(fr, 64));
  };
  allocations(f.w, 2000, send);
  EXPECT_EQ(allocations(f.w, 10000, send), 0u);
  EXPECT_EQ(sink.frames, 12000u);
}

enum class Vlan { kOff, kTagged, kPush, kPop };

void bridge_path(Vlan mode) {
  Fixture f;
  ctl::LinkAddRequest br;
  br.kind = "bridge";
  br.link.name = "br0";
  ASSERT_TRUE(ctl::link_add(f.w, f.ns, br).ok());
  f.add("p0", "h0");
  f.add("p1", "h1");
  auto& b = static_cast<BridgeDevice&>(f.dev("br0"));
  ASSERT_TRUE(b.add_slave(f.dev("p0")).ok());
  ASSERT_TRUE(b.add_slave(f.dev("p1")).ok());
  if (mode != Vlan::kOff) {
    (void)b.vlan_add(b.port_of(f.dev("p0")), 10, mode == Vlan::kPush, mode == Vlan::kPush);
    (void)b.vlan_add(b.port_of(f.dev("p1")), 10, mode == Vlan::kPop, mode == Vlan::kPop);
    b.set_opt(kBrVlanFiltering, 1);
  }
  for (const char* d : {"br0", "p0", "p1", "h0", "h1"}) f.up(d);
  Sink sink;
  f.dev("h1").add_rx_handler(&sink);
  // 256 stations behind p1, learned from frames they send.
  uint8_t fr[68];
  const bool tag_in = mode == Vlan::kTagged || mode == Vlan::kPop;
  auto frame = [&](const MacAddr& dst, const MacAddr& src, int i) {
    udp_frame(fr, dst, i);
    std::memcpy(fr + 6, src.b.data(), 6);
    if (!tag_in) return size_t(64);
    std::memmove(fr + 16, fr + 12, 52);
    fr[12] = 0x81, fr[13] = 0, fr[14] = 0, fr[15] = 10;
    return size_t(68);
  };
  auto station = [](int i) { return MacAddr{{0x02, 0x10, 0, 0, uint8_t(i), 0x01}}; };
  const MacAddr host0{{0x02, 0x20, 0, 0, 0, 1}};
  for (int i = 0; i < 256; ++i) {
    // Learned behind p1: a frame from the station, sent by h1 (tagged as the path needs).
    size_t n = frame(host0, station(i), i);
    if (mode == Vlan::kPush && n == 64) {
      std::memmove(fr + 16, fr + 12, 52);
      fr[12] = 0x81, fr[13] = 0, fr[14] = 0, fr[15] = 10;
      n = 68;
    }
    if (mode == Vlan::kPop && n == 68) {
      std::memmove(fr + 12, fr + 16, 52);
      n = 64;
    }
    f.dev("h1").transmit(f.w.engine().pool().from_bytes(fr, n));
  }
  f.w.engine().run_pending();
  uint64_t seen = sink.frames;
  auto send = [&](int i) {
    size_t n = frame(station(i & 255), host0, i);
    f.dev("h0").transmit(f.w.engine().pool().from_bytes(fr, n));
  };
  allocations(f.w, 2000, send);
  EXPECT_EQ(allocations(f.w, 10000, send), 0u);
  EXPECT_EQ(sink.frames - seen, 12000u);
}

TEST(NoAllocPerFrame, BridgeLearning) { bridge_path(Vlan::kOff); }
TEST(NoAllocPerFrame, BridgeVlanTagged) { bridge_path(Vlan::kTagged); }
TEST(NoAllocPerFrame, BridgeVlanPush) { bridge_path(Vlan::kPush); }
TEST(NoAllocPerFrame, BridgeVlanPop) { bridge_path(Vlan::kPop); }

// Builds a topology with commands, then sends from `from` to the MAC of `to`'s far side.
struct Scripted {
  sim::Runner r{sim::RunOptions{}};
  void run(const char* line) {
    std::string out, err;
    ASSERT_EQ(r.run_line(line, out, err), 0) << line << ": " << err;
  }
  Device& dev(const char* ns, const char* name) {
    Netns* n = *ns ? r.world().find_netns(ns) : &r.world().init_ns();
    return *n->find(name);
  }
};

TEST(NoAllocPerFrame, BondBalanceXorLayer34) {
  Scripted s;
  s.run("ip netns add far");
  s.run("ip link add bond0 type bond mode balance-xor xmit_hash_policy layer3+4");
  for (int i = 0; i < 4; ++i) {
    std::string l = "ip link add s" + std::to_string(i) + " type veth peer name e" +
                    std::to_string(i) + " netns far";
    s.run(l.c_str());
    l = "ip link set s" + std::to_string(i) + " master bond0";
    s.run(l.c_str());
    l = "ip -n far link set e" + std::to_string(i) + " up";
    s.run(l.c_str());
  }
  s.run("ip link set bond0 up");
  Sink sinks[4];
  const char* ends[] = {"e0", "e1", "e2", "e3"};
  for (int i = 0; i < 4; ++i) s.dev("far", ends[i]).add_rx_handler(&sinks[i]);
  uint8_t fr[64];
  const MacAddr dst{{0x02, 0x30, 0, 0, 0, 2}};
  auto send = [&](int i) {
    udp_frame(fr, dst, i);
    s.dev("", "bond0").transmit(s.r.world().engine().pool().from_bytes(fr, 64));
  };
  allocations(s.r.world(), 2000, send);
  EXPECT_EQ(allocations(s.r.world(), 10000, send), 0u);
  uint64_t total = 0;
  int used = 0;
  for (auto& k : sinks) total += k.frames, used += k.frames > 0;
  EXPECT_EQ(total, 12000u);
  EXPECT_EQ(used, 4);  // the flows were spread over every slave
}

TEST(NoAllocPerFrame, VlanDevicePushAndPop) {
  Scripted s;
  s.run("ip netns add far");
  s.run("ip link add eth0 type veth peer name eth0 netns far");
  s.run("ip link add link eth0 name eth0.5 type vlan id 5");
  s.run("ip -n far link add link eth0 name eth0.5 type vlan id 5");
  for (const char* l : {"ip link set eth0 up", "ip link set eth0.5 up", "ip -n far link set eth0 up",
                        "ip -n far link set eth0.5 up"})
    s.run(l);
  Sink sink;
  s.dev("far", "eth0.5").add_rx_handler(&sink);
  uint8_t fr[64];
  auto send = [&](int i) {
    udp_frame(fr, s.dev("far", "eth0.5").mac(), i);
    s.dev("", "eth0.5").transmit(s.r.world().engine().pool().from_bytes(fr, 64));
  };
  allocations(s.r.world(), 2000, send);
  EXPECT_EQ(allocations(s.r.world(), 10000, send), 0u);
  EXPECT_EQ(sink.frames, 12000u);
}

}  // namespace
}  // namespace uvn
