// The pipeline veth -> bond -> VLAN -> VLAN-aware bridge -> veth with 64-byte frames (68 on
// the wire, tagged): frames tagged 10 leave host veth h0, arrive on s0, a slave of bond0
// (active-backup, one slave), are claimed by the bond, popped by bond0.10, which is a port
// of br0 (vlan_filtering 1, VLAN 10 untagged on both ports, 4,096 stations learned behind
// p1), forwarded, and consumed behind p1's peer h1. Built with the same commands a user
// types (sim::Runner). One core. Run: build/bench/pipeline_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "dev/bridge/bridge.h"
#include "sim/runner.h"
#include "world/netns.h"

namespace {

struct CountingHandler : uvn::RxHandler {
  uint64_t frames = 0;
  uvn::RxResult handle_frame(uvn::Device&, uvn::Frame&, uvn::Device*&) override {
    ++frames;
    return uvn::RxResult::kConsumed;
  }
};

void BM_Pipeline64(benchmark::State& state) {
  const size_t batch_size = size_t(state.range(0));
  uvn::sim::Runner r(uvn::sim::RunOptions{});
  for (const char* line : {
           "ip link add h0 type veth peer name s0",
           "ip link add bond0 type bond mode active-backup",
           "ip link set s0 master bond0",
           "ip link add link bond0 name bond0.10 type vlan id 10",
           "ip link add br0 type bridge vlan_filtering 1",
           "ip link add p1 type veth peer name h1",
           "ip link set bond0.10 master br0",
           "ip link set p1 master br0",
           "bridge vlan add dev bond0.10 vid 10 pvid untagged",
           "bridge vlan add dev p1 vid 10 pvid untagged",
           "ip link set h0 up", "ip link set s0 up", "ip link set bond0 up",
           "ip link set bond0.10 up", "ip link set br0 up", "ip link set p1 up",
           "ip link set h1 up"}) {
    std::string out, err;
    if (r.run_line(line, out, err) != 0) {
      state.SkipWithError((std::string(line) + ": " + err).c_str());
      return;
    }
  }
  uvn::World& w = r.world();
  uvn::Netns& ns = w.init_ns();
  auto* br = static_cast<uvn::BridgeDevice*>(ns.find("br0"));
  uvn::BridgePort* out = br->port_of(*ns.find("p1"));
  std::vector<uvn::MacAddr> macs;
  for (uint32_t i = 0; i < 4096; ++i) {
    uvn::FdbEntry e;
    e.mac = uvn::MacAddr{{0x02, 0x10, uint8_t(i >> 16), uint8_t(i >> 8), uint8_t(i), 0x01}};
    e.vid = 10;
    e.port = out;
    e.updated = e.used = 0;
    br->fdb().put(e);
    macs.push_back(e.mac);
  }
  CountingHandler sink;
  uvn::Device* h0 = ns.find("h0");
  ns.find("h1")->add_rx_handler(&sink);
  uint8_t frame[68] = {0, 0, 0, 0, 0, 0, 0x02, 0x20, 0, 0, 0, 1, 0x81, 0x00, 0x00, 0x0a, 0x08};
  uvn::Batch batch;
  uvn::Pool& pool = w.engine().pool();
  size_t k = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < batch_size; ++i) {
      const uvn::MacAddr& d = macs[k++ & 4095];
      std::copy(d.b.begin(), d.b.end(), frame);
      batch.push(pool.from_bytes(frame, 68));
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
BENCHMARK(BM_Pipeline64)->Arg(1)->Arg(256);

}  // namespace
