// Frames per second and ns per frame for 64-byte frames sent from one veth end to the other,
// in batches of 256, through the engine's receive backlog and the receiving device's rx
// handler chain (a counting handler consumes them). Run: build/bench/veth_bench
#include <benchmark/benchmark.h>

#include <cstring>

#include "ctl/link.h"
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

void BM_VethToVeth64(benchmark::State& state) {
  const size_t batch_size = size_t(state.range(0));
  uvn::World w(1);
  uvn::Netns& ns = w.init_ns();
  uvn::ctl::LinkAddRequest req;
  req.kind = "veth";
  req.link.name = "a";
  req.link.up = true;
  req.peer = uvn::ctl::LinkSpec{};
  req.peer->name = "b";
  req.peer->up = true;
  if (!uvn::ctl::link_add(w, ns, req)) {
    state.SkipWithError("link add failed");
    return;
  }
  uvn::Device* a = ns.find("a");
  uvn::Device* b = ns.find("b");
  CountingHandler sink;
  b->add_rx_handler(&sink);
  uint8_t frame[64] = {0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00};
  uvn::Batch batch;
  uvn::Pool& pool = w.engine().pool();
  for (auto _ : state) {
    for (size_t i = 0; i < batch_size; ++i) batch.push(pool.from_bytes(frame, sizeof frame));
    a->transmit(batch);
    w.engine().run_pending();
  }
  if (sink.frames != uint64_t(state.iterations()) * batch_size) state.SkipWithError("lost frames");
  state.SetItemsProcessed(int64_t(sink.frames));
  state.counters["ns_per_frame"] = benchmark::Counter(
      double(sink.frames), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["frames_per_s"] = benchmark::Counter(double(sink.frames), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VethToVeth64)->Arg(1)->Arg(32)->Arg(256);

}  // namespace
