// Bridge forwarding of 64-byte frames: 2 ports, 4,096 learned MACs behind the egress port.
// Frames enter through a veth whose peer is a bridge port, are learned/looked up/forwarded
// by the bridge, leave through the other port's veth and are consumed by a counting handler.
// The VLAN variants run the same with vlan_filtering 1 (see VlanMode). Single-threaded (one
// core). Run: build/bench/bridge_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "dev/bridge/bridge.h"
#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/world.h"

namespace {

struct CountingHandler : uvn::RxHandler {
  uint64_t frames = 0;
  uvn::RxResult handle_frame(uvn::Device&, uvn::Frame&, uvn::Device*&) override {
    ++frames;
    return uvn::RxResult::kConsumed;
  }
};

uvn::VethDevice* add_veth(uvn::Netns& ns, const std::string& a, const std::string& b,
                          uvn::VethDevice** peer, uint64_t mac) {
  auto x = std::make_unique<uvn::VethDevice>(&ns);
  auto y = std::make_unique<uvn::VethDevice>(&ns);
  uvn::VethDevice::pair(*x, *y);
  x->set_name(a);
  y->set_name(b);
  x->set_mac(uvn::random_mac(mac));
  y->set_mac(uvn::random_mac(mac + 1));
  *peer = static_cast<uvn::VethDevice*>(ns.attach(std::move(y)));
  return static_cast<uvn::VethDevice*>(ns.attach(std::move(x)));
}

// How the frames cross the bridge: without VLAN filtering, or with vlan_filtering 1 and
// VLAN 10 tagged on both ports (the tag stays), untagged in and tagged out (push), or tagged
// in and untagged out (pop).
enum class VlanMode { kOff, kTagged, kPush, kPop };

void run_bridge(benchmark::State& state, VlanMode mode, uint32_t fdb_size = 4096) {
  const size_t batch_size = size_t(state.range(0));
  uvn::World w(1);
  uvn::Netns& ns = w.init_ns();
  auto b = std::make_unique<uvn::BridgeDevice>(&ns);
  b->set_name("br0");
  auto* br = static_cast<uvn::BridgeDevice*>(ns.attach(std::move(b)));
  uvn::VethDevice *h0, *h1;
  uvn::VethDevice* p0 = add_veth(ns, "p0", "h0", &h0, 100);
  uvn::VethDevice* p1 = add_veth(ns, "p1", "h1", &h1, 200);
  (void)br->add_slave(*p0);
  (void)br->add_slave(*p1);
  uvn::BridgePort* in = br->port_of(*p0);
  uvn::BridgePort* out = br->port_of(*p1);
  const uint16_t vid = mode == VlanMode::kOff ? 0 : 10;
  if (mode != VlanMode::kOff) {
    (void)br->vlan_add(in, 10, mode == VlanMode::kPush, mode == VlanMode::kPush);
    (void)br->vlan_add(out, 10, mode == VlanMode::kPop, mode == VlanMode::kPop);
    br->set_opt(uvn::kBrVlanFiltering, 1);
  }
  for (uvn::Device* d : {static_cast<uvn::Device*>(br), static_cast<uvn::Device*>(p0),
                         static_cast<uvn::Device*>(p1), static_cast<uvn::Device*>(h0),
                         static_cast<uvn::Device*>(h1)})
    d->open();
  CountingHandler sink;
  h1->add_rx_handler(&sink);
  // fdb_size stations learned behind p1 (4,096 unless the case says).
  std::vector<uvn::MacAddr> macs;
  for (uint32_t i = 0; i < fdb_size; ++i) {
    uvn::FdbEntry e;
    e.mac = uvn::MacAddr{{0x02, 0x10, uint8_t(i >> 16), uint8_t(i >> 8), uint8_t(i), 0x01}};
    e.vid = vid;
    e.port = out;
    e.updated = e.used = 0;
    br->fdb().put(e);
    macs.push_back(e.mac);
  }
  // 64 bytes as sent (68 with the tag when the sender tags).
  const bool tag_in = mode == VlanMode::kTagged || mode == VlanMode::kPop;
  uint8_t frame[68] = {0, 0, 0, 0, 0, 0, 0x02, 0x20, 0, 0, 0, 1, 0x08, 0x00};
  size_t len = 64;
  if (tag_in) {
    const uint8_t tag[6] = {0x81, 0x00, 0x00, 0x0a, 0x08, 0x00};
    std::copy(tag, tag + 6, frame + 12);
    len = 68;
  }
  uvn::Batch batch;
  uvn::Pool& pool = w.engine().pool();
  size_t k = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < batch_size; ++i) {
      const uvn::MacAddr& d = macs[k++ % fdb_size];
      std::copy(d.b.begin(), d.b.end(), frame);
      batch.push(pool.from_bytes(frame, len));
    }
    h0->transmit(batch);
    w.engine().run_pending();
  }
  if (sink.frames != uint64_t(state.iterations()) * batch_size) state.SkipWithError("lost frames");
  state.SetItemsProcessed(int64_t(sink.frames));
  state.counters["frames_per_s"] =
      benchmark::Counter(double(sink.frames), benchmark::Counter::kIsRate);
  state.counters["ns_per_frame"] = benchmark::Counter(
      double(sink.frames), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_BridgeForward64(benchmark::State& state) { run_bridge(state, VlanMode::kOff); }
void BM_BridgeForward64VlanTagged(benchmark::State& state) {
  run_bridge(state, VlanMode::kTagged);
}
void BM_BridgeForward64VlanPush(benchmark::State& state) { run_bridge(state, VlanMode::kPush); }
void BM_BridgeForward64VlanPop(benchmark::State& state) { run_bridge(state, VlanMode::kPop); }
BENCHMARK(BM_BridgeForward64)->Arg(1)->Arg(256);
// The same path with a large table: 1,000,000 stations behind the egress port.
void BM_BridgeForward64Fdb1M(benchmark::State& state) {
  run_bridge(state, VlanMode::kOff, 1000000);
}
BENCHMARK(BM_BridgeForward64Fdb1M)->Arg(256);
BENCHMARK(BM_BridgeForward64VlanTagged)->Arg(1)->Arg(256);
BENCHMARK(BM_BridgeForward64VlanPush)->Arg(1)->Arg(256);
BENCHMARK(BM_BridgeForward64VlanPop)->Arg(1)->Arg(256);

// Flooding: a bridge with 64 ports; frames to a destination nobody has learned go out of
// the 63 other ports (one clone each). Items are frames received, so "per frame" is one
// flooded copy delivered.
void BM_BridgeFlood64Ports(benchmark::State& state) {
  const size_t batch_size = size_t(state.range(0));
  uvn::World w(1);
  uvn::Netns& ns = w.init_ns();
  auto b = std::make_unique<uvn::BridgeDevice>(&ns);
  b->set_name("br0");
  auto* br = static_cast<uvn::BridgeDevice*>(ns.attach(std::move(b)));
  br->open();
  std::vector<uvn::VethDevice*> hosts;
  CountingHandler sink;
  for (int i = 0; i < 64; ++i) {
    uvn::VethDevice* h;
    uvn::VethDevice* p = add_veth(ns, "p" + std::to_string(i), "h" + std::to_string(i), &h,
                                  1000 + 2 * uint64_t(i));
    (void)br->add_slave(*p);
    p->open();
    h->open();
    if (i) h->add_rx_handler(&sink);
    hosts.push_back(h);
  }
  const uint8_t frame[64] = {0x02, 0x99, 0, 0, 0, 1, 0x02, 0x20, 0, 0, 0, 1, 0x08, 0x00};
  uvn::Batch batch;
  uvn::Pool& pool = w.engine().pool();
  for (auto _ : state) {
    for (size_t i = 0; i < batch_size; ++i) batch.push(pool.from_bytes(frame, 64));
    hosts[0]->transmit(batch);
    w.engine().run_pending();
  }
  if (sink.frames != uint64_t(state.iterations()) * batch_size * 63)
    state.SkipWithError("lost frames");
  state.SetItemsProcessed(int64_t(sink.frames));
  state.counters["frames_per_s"] =
      benchmark::Counter(double(sink.frames), benchmark::Counter::kIsRate);
  state.counters["ns_per_frame"] = benchmark::Counter(
      double(sink.frames), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_BridgeFlood64Ports)->Arg(1)->Arg(32);

}  // namespace
