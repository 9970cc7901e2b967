// Bond transmit cost per frame (issue 5): 64-byte UDP/IPv4 frames sent on a balance-xor bond
// with xmit_hash_policy layer3+4 over 4 slaves (veth pairs, each peer consuming what arrives).
// The frames cycle through 1,024 flows (source port 1024..2047), so every slave gets a share.
// Run: build/bench/bond_bench
//
// * BM_BondXorL34/batch:B: frames built from the engine's pool, sent on bond0 in batches of B,
//   engine.run_pending(), consumed at the four peers. Counters: frames_per_s (one core: the
//   engine is single-threaded), ns_per_frame, allocs_per_frame (heap allocations inside the
//   timed loop per frame), and min_share (the smallest slave's fraction of the frames: 0.25
//   would be a perfect spread).
// * BM_BondVethBaseline/batch:B: the same frames sent on a plain veth, for the cost the bond
//   adds (bond xmit = BM_BondXorL34 - BM_BondVethBaseline).
// * BM_XmitHashL34: bond_xmit_hash alone (layer3+4) over the same frames.
#include <benchmark/benchmark.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "base/be.h"
#include "ctl/link.h"
#include "packet/flow_hash.h"
#include "world/netns.h"
#include "world/world.h"

namespace {
std::atomic<uint64_t> g_allocs{0};
}  // namespace

__attribute__((noinline)) void* operator new(size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
__attribute__((noinline)) void operator delete(void* p) noexcept { std::free(p); }
__attribute__((noinline)) void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace {

constexpr size_t kFrameLen = 64;
constexpr int kFlows = 1024;
constexpr int kSlaves = 4;

// UDP/IPv4 64-byte frame of flow `i` (source port 1024 + i).
std::array<uint8_t, kFrameLen> udp_frame(int i) {
  std::array<uint8_t, kFrameLen> f{};
  const uint8_t eth[14] = {0x02, 0, 0, 0, 0, 0x99, 0x02, 0, 0, 0, 0, 0x10, 0x08, 0x00};
  std::memcpy(f.data(), eth, sizeof eth);
  uint8_t* ip = f.data() + 14;
  ip[0] = 0x45;
  uvn::store_be16(ip + 2, kFrameLen - 14);
  ip[8] = 64;
  ip[9] = 17;  // UDP
  const uint8_t src[4] = {10, 0, 0, 1}, dst[4] = {10, 0, 1, 2};
  std::memcpy(ip + 12, src, 4);
  std::memcpy(ip + 16, dst, 4);
  uint8_t* udp = ip + 20;
  uvn::store_be16(udp, uint16_t(1024 + i));
  uvn::store_be16(udp + 2, 5201);
  uvn::store_be16(udp + 4, kFrameLen - 34);
  return f;
}

struct CountingSink : uvn::RxHandler {
  uint64_t frames = 0;
  uvn::RxResult handle_frame(uvn::Device&, uvn::Frame&, uvn::Device*&) override {
    ++frames;
    return uvn::RxResult::kConsumed;
  }
};

struct BondRig {
  uvn::World w{1};
  uvn::Netns& ns = w.init_ns();
  std::array<CountingSink, kSlaves> sinks;
  uvn::Device* tx = nullptr;
  std::string error;

  bool veth(const std::string& a, const std::string& b, bool up_a) {
    uvn::ctl::LinkAddRequest req;
    req.kind = "veth";
    req.link.name = a;
    req.link.up = up_a;
    req.peer = uvn::ctl::LinkSpec{};
    req.peer->name = b;
    req.peer->up = true;
    return bool(uvn::ctl::link_add(w, ns, req));
  }

  bool build(bool bonded) {
    if (!bonded) {
      if (!veth("eth0", "peer0", true)) return fail("veth");
      ns.find("peer0")->add_rx_handler(&sinks[0]);
      tx = ns.find("eth0");
      return true;
    }
    uvn::ctl::LinkAddRequest b;
    b.kind = "bond";
    b.link.name = "bond0";
    uvn::ctl::BondArgs args;
    args.opts = {{uvn::kBondMode, uint64_t(uvn::BondMode::kXor)},
                 {uvn::kBondXmitHashPolicy, uint64_t(uvn::XmitHashPolicy::kLayer34)}};
    b.link.bond = args;
    if (!uvn::ctl::link_add(w, ns, b)) return fail("bond");
    for (int i = 0; i < kSlaves; ++i) {
      std::string s = "eth" + std::to_string(i), p = "peer" + std::to_string(i);
      if (!veth(s, p, false)) return fail("veth");
      uvn::ctl::LinkSpec set;
      set.master = "bond0";
      if (!uvn::ctl::link_set(w, ns, *ns.find(s), set)) return fail("enslave");
      ns.find(p)->add_rx_handler(&sinks[size_t(i)]);
    }
    tx = ns.find("bond0");
    tx->open();
    w.engine().settle();
    return tx->carrier() || fail("bond has no carrier");
  }
  bool fail(const char* what) {
    error = what;
    return false;
  }
  uint64_t received() const {
    uint64_t n = 0;
    for (auto& s : sinks) n += s.frames;
    return n;
  }
};

__attribute__((noinline)) void send_batch(uvn::Engine& engine, uvn::Device* from,
                                          const std::vector<std::array<uint8_t, kFrameLen>>& frames,
                                          size_t& next, size_t batch_size, uvn::Batch& batch) {
  uvn::Pool& pool = engine.pool();
  for (size_t i = 0; i < batch_size; ++i) {
    batch.push(pool.from_bytes(frames[next].data(), kFrameLen));
    next = (next + 1) % frames.size();
  }
  from->transmit(batch);
  engine.run_pending();
}

void run(benchmark::State& state, bool bonded) {
  BondRig rig;
  if (!rig.build(bonded)) {
    state.SkipWithError(rig.error.c_str());
    return;
  }
  std::vector<std::array<uint8_t, kFrameLen>> frames;
  for (int i = 0; i < kFlows; ++i) frames.push_back(udp_frame(i));
  const size_t batch_size = size_t(state.range(0));
  uvn::Batch batch;
  size_t next = 0;
  send_batch(rig.w.engine(), rig.tx, frames, next, batch_size, batch);  // warm up
  for (auto& s : rig.sinks) s.frames = 0;
  const uint64_t a0 = g_allocs.load(std::memory_order_relaxed);
  for (auto _ : state) send_batch(rig.w.engine(), rig.tx, frames, next, batch_size, batch);
  const uint64_t allocs = g_allocs.load(std::memory_order_relaxed) - a0;
  const uint64_t sent = uint64_t(state.iterations()) * batch_size;
  if (rig.received() != sent) {
    state.SkipWithError("lost frames");
    return;
  }
  const double n = double(sent);
  state.SetItemsProcessed(int64_t(sent));
  state.counters["frames_per_s"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
  state.counters["ns_per_frame"] =
      benchmark::Counter(n, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["allocs_per_frame"] = double(allocs) / n;
  if (bonded) {
    uint64_t least = sent;
    for (auto& s : rig.sinks) least = std::min(least, s.frames);
    state.counters["min_share"] = double(least) / n;
  }
}

void BM_BondXorL34(benchmark::State& state) { run(state, true); }
BENCHMARK(BM_BondXorL34)->ArgName("batch")->Arg(1)->Arg(256);

void BM_BondVethBaseline(benchmark::State& state) { run(state, false); }
BENCHMARK(BM_BondVethBaseline)->ArgName("batch")->Arg(1)->Arg(256);

void BM_XmitHashL34(benchmark::State& state) {
  std::vector<std::array<uint8_t, kFrameLen>> frames;
  for (int i = 0; i < kFlows; ++i) frames.push_back(udp_frame(i));
  uint32_t acc = 0;
  for (auto _ : state)
    for (auto& f : frames)
      acc += uvn::bond_xmit_hash(uvn::FlowHashPolicy::kLayer34, f.data(), f.size());
  benchmark::DoNotOptimize(acc);
  const double n = double(state.iterations()) * kFlows;
  state.SetItemsProcessed(int64_t(n));
  state.counters["ns_per_frame"] =
      benchmark::Counter(n, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_XmitHashL34);

}  // namespace
