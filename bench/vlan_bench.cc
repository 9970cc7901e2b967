// Cost per frame of 802.1Q/802.1ad tag push and pop, for 64-byte frames (64 bytes untagged:
// 68 on the wire with one tag, 72 with two). Run: build/bench/vlan_bench
//
// Wire level (wire::vlan_push / wire::vlan_pop, in place, on 256 buffers laid out as pool
// buffers with 128 bytes of headroom):
// * BM_WireVlanPush/tags:N, BM_WireVlanPop/tags:N: N tags (2: QinQ) pushed on, or popped
//   from, the frame at `start`. The buffer is the tag's 4 bytes repeated (81 00 00 0a: a
//   multicast destination, TPID 0x8100, VID 10, and C-TAGs all the way), so pushing that tag or
//   popping it leaves the bytes as they were: the same operation repeats on the same buffer
//   with no re-arming (checked after the loop). With tags:2 both tags are C-TAGs (C in C, as
//   Linux allows); the work is the same as for an S-TAG over a C-TAG.
// * BM_WireVlanPushPop/tags:N: N tags pushed (C-TAG VID 10, then S-TAG VID 100 outside it)
//   and popped again at once on an ordinary IPv4 frame: a round trip, which restores the frame
//   (and checks that push and pop agree). Each pop reads the bytes the push just moved, so
//   this costs more than push and pop measured apart.
//
// Device level, measured as bridge_bench does (a batch of frames built from the engine's pool,
// sent, engine.run_pending(), consumed by a counting handler that checks each frame's length
// and the 8 bytes after the MACs):
// * BM_DevVlanPush/batch:B/tags:N: frames sent on the VLAN device leave tagged on the veth
//   (eth0) and arrive at its peer: tags:1 sends on eth0.10 (802.1Q VID 10), tags:2 on
//   eth0.100.10 (802.1Q VID 10 on eth0.100, 802.1ad VID 100: QinQ), tags:0 on eth0 itself
//   (the same path with no VLAN: the baseline, as veth_bench).
// * BM_DevVlanPop/batch:B/tags:N: tagged frames sent by the peer arrive on eth0, are demuxed
//   by the VLAN group (tag popped, re-injected as received on the VLAN device) and consumed on
//   eth0.10 (tags:1) or eth0.100.10 (tags:2); tags:0 is consumed on eth0 (baseline).
// The VLAN cost per frame is the difference from tags:0 in the same run.
//
// Heap: operator new is counted in this program; allocs_per_frame is the number of heap
// allocations made inside the timed loop divided by the frames (the harness itself makes
// none; what shows is the engine's).
#include <benchmark/benchmark.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "ctl/link.h"
#include "packet/pool.h"
#include "wire/ethernet.h"
#include "wire/vlan.h"
#include "world/netns.h"
#include "world/world.h"

namespace {
std::atomic<uint64_t> g_allocs{0};
}  // namespace

// Not inlined: g++ 12 at -O3 would see free() on a pointer from operator new at the call
// sites and warn (-Wmismatched-new-delete).
__attribute__((noinline)) void* operator new(size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
__attribute__((noinline)) void operator delete(void* p) noexcept {
  std::free(p);
}
__attribute__((noinline)) void operator delete(void* p, size_t) noexcept {
  std::free(p);
}

namespace {

constexpr size_t kFrameLen = 64;
constexpr uint16_t kCVid = 10;
constexpr uint16_t kSVid = 100;
constexpr uvn::wire::VlanTag kCTag{uvn::wire::kEtherTypeVlan, kCVid};
constexpr uvn::wire::VlanTag kSTag{uvn::wire::kEtherTypeQinQ, kSVid};

// An untagged 64-byte IPv4 frame (the payload is zeros; nothing looks at it).
std::array<uint8_t, kFrameLen> plain_frame() {
  std::array<uint8_t, kFrameLen> f{};
  const uint8_t hdr[14] = {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00};
  std::memcpy(f.data(), hdr, sizeof hdr);
  return f;
}

// `f` with `tags` tags (C-TAG, then an S-TAG outside it) inserted after the MACs.
std::vector<uint8_t> tagged(const std::array<uint8_t, kFrameLen>& f, int tags) {
  std::vector<uint8_t> out(f.begin(), f.begin() + 12);
  auto put_tag = [&](uvn::wire::VlanTag t) {
    out.insert(out.end(),
               {uint8_t(t.tpid >> 8), uint8_t(t.tpid), uint8_t(t.tci >> 8), uint8_t(t.tci)});
  };
  if (tags >= 2) put_tag(kSTag);
  if (tags >= 1) put_tag(kCTag);
  out.insert(out.end(), f.begin() + 12, f.end());
  return out;
}

// ---- Wire level -------------------------------------------------------------------------

constexpr size_t kBufs = 256;
constexpr size_t kHeadroom = uvn::kFrameHeadroom;
constexpr size_t kBufLen = kHeadroom + 128;

struct alignas(64) Buf {
  uint8_t b[kBufLen];
  uint8_t* start() { return b + kHeadroom; }
};

// The whole buffer is the C-TAG repeated: see the comment at the top.
constexpr uint8_t kPattern[4] = {0x81, 0x00, 0x00, uint8_t(kCVid)};

void fill_periodic(Buf& buf) {
  for (size_t i = 0; i < kBufLen; ++i) buf.b[i] = kPattern[i % 4];
}

// Whether the bytes around `start` that N pushes or pops touch still hold the pattern.
bool periodic_ok(Buf& buf, int tags) {
  const size_t from = kHeadroom - uvn::wire::kVlanTagLen * size_t(tags);
  const size_t to = kHeadroom + 16 + uvn::wire::kVlanTagLen * size_t(tags);
  for (size_t i = from; i < to; ++i)
    if (buf.b[i] != kPattern[i % 4]) return false;
  return true;
}

void set_wire_counters(benchmark::State& state, uint64_t allocs) {
  const double frames = double(state.iterations()) * kBufs;
  state.SetItemsProcessed(int64_t(frames));
  state.counters["ns_per_frame"] =
      benchmark::Counter(frames, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["allocs_per_frame"] = double(allocs) / frames;
}

// tags:1 pushes one tag at `start`; tags:2 pushes a second one in front of it (QinQ).
void BM_WireVlanPush(benchmark::State& state) {
  const int tags = int(state.range(0));
  std::vector<Buf> bufs(kBufs);
  for (auto& b : bufs) fill_periodic(b);
  uint64_t failed = 0;
  const uint64_t a0 = g_allocs.load(std::memory_order_relaxed);
  for (auto _ : state) {
    for (auto& b : bufs) {
      uint8_t* s = b.start();
      size_t len = kFrameLen;
      for (int i = 0; i < tags && s; ++i, len += uvn::wire::kVlanTagLen)
        s = uvn::wire::vlan_push(s, len, size_t(s - b.b), kCTag);
      failed += s == nullptr;
      benchmark::DoNotOptimize(s);
    }
    benchmark::ClobberMemory();
  }
  const uint64_t allocs = g_allocs.load(std::memory_order_relaxed) - a0;
  for (auto& b : bufs)
    if (!periodic_ok(b, tags)) ++failed;
  if (failed) state.SkipWithError("push failed");
  set_wire_counters(state, allocs);
}
BENCHMARK(BM_WireVlanPush)->ArgName("tags")->Arg(1)->Arg(2);

// tags:1 pops the outer tag of a frame at `start`; tags:2 pops the next one too.
void BM_WireVlanPop(benchmark::State& state) {
  const int tags = int(state.range(0));
  std::vector<Buf> bufs(kBufs);
  for (auto& b : bufs) fill_periodic(b);
  uint64_t failed = 0;
  const uint64_t a0 = g_allocs.load(std::memory_order_relaxed);
  for (auto _ : state) {
    for (auto& b : bufs) {
      uint8_t* s = b.start();
      size_t len = kFrameLen + uvn::wire::kVlanTagLen * size_t(tags);
      for (int i = 0; i < tags && s; ++i, len -= uvn::wire::kVlanTagLen)
        s = uvn::wire::vlan_pop(s, len);
      failed += s == nullptr;
      benchmark::DoNotOptimize(s);
    }
    benchmark::ClobberMemory();
  }
  const uint64_t allocs = g_allocs.load(std::memory_order_relaxed) - a0;
  for (auto& b : bufs)
    if (!periodic_ok(b, tags)) ++failed;
  if (failed) state.SkipWithError("pop failed");
  set_wire_counters(state, allocs);
}
BENCHMARK(BM_WireVlanPop)->ArgName("tags")->Arg(1)->Arg(2);

void BM_WireVlanPushPop(benchmark::State& state) {
  const int tags = int(state.range(0));
  const auto frame = plain_frame();
  std::vector<Buf> bufs(kBufs);
  for (auto& b : bufs) {
    std::memset(b.b, 0, kBufLen);
    std::memcpy(b.start(), frame.data(), kFrameLen);
  }
  uint64_t failed = 0;
  const uint64_t a0 = g_allocs.load(std::memory_order_relaxed);
  for (auto _ : state) {
    for (auto& b : bufs) {
      uint8_t* s = b.start();
      size_t len = kFrameLen;
      // C-TAG first, then the S-TAG outside it; popped outermost first.
      for (int i = 0; i < tags; ++i) {
        s = uvn::wire::vlan_push(s, len, size_t(s - b.b), i == 0 ? kCTag : kSTag);
        if (s == nullptr) break;
        len += uvn::wire::kVlanTagLen;
      }
      if (s == nullptr) {
        ++failed;
        continue;
      }
      for (int i = 0; i < tags; ++i) {
        s = uvn::wire::vlan_pop(s, len);
        if (s == nullptr) break;
        len -= uvn::wire::kVlanTagLen;
      }
      failed += s != b.start();
      benchmark::DoNotOptimize(s);
    }
    benchmark::ClobberMemory();
  }
  const uint64_t allocs = g_allocs.load(std::memory_order_relaxed) - a0;
  for (auto& b : bufs)
    if (std::memcmp(b.start(), frame.data(), kFrameLen) != 0) ++failed;
  if (failed) state.SkipWithError("push/pop round trip failed");
  set_wire_counters(state, allocs);
}
BENCHMARK(BM_WireVlanPushPop)->ArgName("tags")->Arg(1)->Arg(2);

// ---- Device level -----------------------------------------------------------------------

// Consumes frames, counting those whose length and the 8 bytes after the MACs are as expected.
struct CheckingSink : uvn::RxHandler {
  size_t len = 0;
  uint8_t want[8] = {};
  uint64_t frames = 0, bad = 0;

  void expect(const std::vector<uint8_t>& f) {
    len = f.size();
    std::memcpy(want, f.data() + 12, sizeof want);
  }
  uvn::RxResult handle_frame(uvn::Device&, uvn::Frame& f, uvn::Device*&) override {
    ++frames;
    if (f.size() != len || std::memcmp(f.data() + 12, want, sizeof want) != 0) ++bad;
    return uvn::RxResult::kConsumed;
  }
};

// eth0 and its peer (veth, both up), and with tags >= 1 the VLAN stack on eth0: eth0.10, or
// eth0.100 (802.1ad) with eth0.100.10 on it. `vlan` is the top of that stack.
struct VlanRig {
  uvn::World w{1};
  uvn::Netns& ns = w.init_ns();
  uvn::Device* eth0 = nullptr;
  uvn::Device* peer = nullptr;
  uvn::Device* vlan = nullptr;  // eth0.10 or eth0.100.10; eth0 for tags 0
  std::string error;

  bool add_vlan(const std::string& name, const std::string& lower, uint16_t tpid, uint16_t id) {
    uvn::ctl::LinkAddRequest req;
    req.kind = "vlan";
    req.link.name = name;
    req.link.up = true;
    req.lower = lower;
    req.vlan.protocol = tpid;
    req.vlan.id = id;
    if (!uvn::ctl::link_add(w, ns, req)) {
      error = "vlan add failed: " + name;
      return false;
    }
    return true;
  }

  bool build(int tags) {
    uvn::ctl::LinkAddRequest req;
    req.kind = "veth";
    req.link.name = "eth0";
    req.link.up = true;
    req.peer = uvn::ctl::LinkSpec{};
    req.peer->name = "peer";
    req.peer->up = true;
    if (!uvn::ctl::link_add(w, ns, req)) {
      error = "veth add failed";
      return false;
    }
    std::string top = "eth0";
    if (tags == 1) {
      if (!add_vlan("eth0.10", "eth0", uvn::wire::kEtherTypeVlan, kCVid)) return false;
      top = "eth0.10";
    } else if (tags == 2) {
      if (!add_vlan("eth0.100", "eth0", uvn::wire::kEtherTypeQinQ, kSVid)) return false;
      if (!add_vlan("eth0.100.10", "eth0.100", uvn::wire::kEtherTypeVlan, kCVid)) return false;
      top = "eth0.100.10";
    }
    eth0 = ns.find("eth0");
    peer = ns.find("peer");
    vlan = ns.find(top);
    if (!eth0 || !peer || !vlan || !vlan->is_up()) {
      error = "devices missing or down";
      return false;
    }
    return true;
  }
};

// One batch: built from the pool, sent, processed. Not inlined, so that an instruction count
// can be taken of it and of nothing else (valgrind --tool=callgrind
// --toggle-collect='*send_batch*'; see bench/instr_per_frame.sh).
__attribute__((noinline)) void send_batch(uvn::Engine& engine, uvn::Device* from,
                                          const std::vector<uint8_t>& frame, size_t batch_size,
                                          uvn::Batch& batch) {
  uvn::Pool& pool = engine.pool();
  for (size_t i = 0; i < batch_size; ++i) batch.push(pool.from_bytes(frame.data(), frame.size()));
  from->transmit(batch);
  engine.run_pending();
}

// Sends batches of `frame` from `from` and runs the engine; `sink` (on the receiving device)
// consumes them.
void run_batches(benchmark::State& state, VlanRig& rig, uvn::Device* from,
                 const std::vector<uint8_t>& frame, CheckingSink& sink) {
  const size_t batch_size = size_t(state.range(0));
  uvn::Batch batch;
  uvn::Pool& pool = rig.w.engine().pool();
  // One batch before timing, so that the pool and the backlog ring are at their size (not
  // through send_batch, so that instruction counts leave it out).
  for (size_t i = 0; i < batch_size; ++i) batch.push(pool.from_bytes(frame.data(), frame.size()));
  from->transmit(batch);
  rig.w.engine().run_pending();
  sink.frames = 0;
  const uint64_t a0 = g_allocs.load(std::memory_order_relaxed);
  const uint64_t pool_allocs0 = pool.stats().allocs, oversize0 = pool.stats().oversize;
  for (auto _ : state) send_batch(rig.w.engine(), from, frame, batch_size, batch);
  const uint64_t allocs = g_allocs.load(std::memory_order_relaxed) - a0;
  if (sink.frames != uint64_t(state.iterations()) * batch_size) {
    state.SkipWithError("lost frames");
    return;
  }
  if (sink.bad) {
    state.SkipWithError("frames arrived with the wrong tags or length");
    return;
  }
  if (pool.stats().oversize != oversize0 || pool.stats().allocs - pool_allocs0 != sink.frames) {
    state.SkipWithError("unexpected pool use");
    return;
  }
  const double frames = double(sink.frames);
  state.SetItemsProcessed(int64_t(sink.frames));
  state.counters["frames_per_s"] = benchmark::Counter(frames, benchmark::Counter::kIsRate);
  state.counters["ns_per_frame"] =
      benchmark::Counter(frames, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["allocs_per_frame"] = double(allocs) / frames;
}

void BM_DevVlanPush(benchmark::State& state) {
  const int tags = int(state.range(1));
  VlanRig rig;
  if (!rig.build(tags)) {
    state.SkipWithError(rig.error.c_str());
    return;
  }
  const auto plain = plain_frame();
  CheckingSink sink;
  sink.expect(tagged(plain, tags));
  rig.peer->add_rx_handler(&sink);
  run_batches(state, rig, rig.vlan, tagged(plain, 0), sink);
}
BENCHMARK(BM_DevVlanPush)->ArgNames({"batch", "tags"})->ArgsProduct({{1, 256}, {0, 1, 2}});

void BM_DevVlanPop(benchmark::State& state) {
  const int tags = int(state.range(1));
  VlanRig rig;
  if (!rig.build(tags)) {
    state.SkipWithError(rig.error.c_str());
    return;
  }
  const auto plain = plain_frame();
  CheckingSink sink;
  sink.expect(tagged(plain, 0));
  rig.vlan->add_rx_handler(&sink);
  run_batches(state, rig, rig.peer, tagged(plain, tags), sink);
}
BENCHMARK(BM_DevVlanPop)->ArgNames({"batch", "tags"})->ArgsProduct({{1, 256}, {0, 1, 2}});

}  // namespace
