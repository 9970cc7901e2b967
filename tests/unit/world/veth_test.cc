#include <gtest/gtest.h>

#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn {

namespace {

struct Sink : RxHandler {
  int frames = 0;
  RxResult handle_frame(Device&, Frame&, Device*&) override {
    ++frames;
    return RxResult::kConsumed;
  }
};

struct VethPair {
  World w{7};
  VethDevice* a;
  VethDevice* b;
  VethPair() {
    auto x = std::make_unique<VethDevice>(&w.init_ns());
    auto y = std::make_unique<VethDevice>(&w.init_ns());
    VethDevice::pair(*x, *y);
    x->set_name("a");
    y->set_name("b");
    x->set_mac(w.random_mac());
    y->set_mac(w.random_mac());
    b = static_cast<VethDevice*>(w.init_ns().attach(std::move(y)));
    a = static_cast<VethDevice*>(w.init_ns().attach(std::move(x)));
  }
};

}  // namespace

TEST(Veth, CarrierOnlyWhileBothEndsAreUp) {
  VethPair p;
  EXPECT_FALSE(p.a->carrier());
  p.a->open();
  EXPECT_FALSE(p.a->carrier());
  EXPECT_EQ(p.a->operstate(), OperState::kLowerLayerDown);  // peer in the same namespace, down
  p.b->open();
  EXPECT_TRUE(p.a->carrier());
  EXPECT_TRUE(p.b->carrier());
  EXPECT_EQ(p.a->operstate(), OperState::kUp);
  p.b->close();
  EXPECT_FALSE(p.a->carrier());
  EXPECT_EQ(p.b->operstate(), OperState::kDown);
}

TEST(Veth, WhatOneEndSendsTheOtherReceives) {
  VethPair p;
  p.a->open();
  p.b->open();
  Sink sink;
  p.b->add_rx_handler(&sink);
  uint8_t frame[60] = {};
  p.a->transmit(p.w.engine().pool().from_bytes(frame, sizeof frame));
  p.w.engine().run_pending();
  EXPECT_EQ(sink.frames, 1);
  EXPECT_EQ(p.a->stats().tx_packets, 1u);
  EXPECT_EQ(p.b->stats().rx_packets, 1u);
  EXPECT_EQ(p.b->stats().rx_bytes, 60u);
}

TEST(Veth, DropsWhenPeerIsDownOrFrameExceedsItsMtu) {
  VethPair p;
  p.a->open();
  uint8_t frame[60] = {};
  // The peer is down, so `a` has no carrier: the noop qdisc drops the frame before the
  // driver, without counting it in tx_dropped.
  p.a->transmit(p.w.engine().pool().from_bytes(frame, sizeof frame));
  EXPECT_EQ(p.a->stats().tx_dropped, 0u);
  EXPECT_EQ(p.a->stats().tx_packets, 0u);
  EXPECT_EQ(p.a->stats().drops[size_t(DropReason::kNoCarrier)], 1u);
  p.b->open();
  p.b->set_mtu(1000);
  std::vector<uint8_t> big(1100);
  p.a->transmit(p.w.engine().pool().from_bytes(big.data(), big.size()));
  EXPECT_EQ(p.a->stats().tx_dropped, 1u);
  EXPECT_EQ(p.a->stats().drops[size_t(DropReason::kTooBig)], 1u);
}

TEST(Veth, CableCutTakesCarrierFromBothEndsKeepingAdminState) {
  VethPair p;
  p.a->open();
  p.b->open();
  p.a->set_cable_cut(true);
  EXPECT_FALSE(p.a->carrier());
  EXPECT_FALSE(p.b->carrier());
  EXPECT_TRUE(p.a->is_up());
  p.a->set_cable_cut(false);
  EXPECT_TRUE(p.b->carrier());
}

TEST(Veth, DeletingOneEndDeletesBoth) {
  VethPair p;
  p.w.destroy_device(*p.a);
  EXPECT_EQ(p.w.init_ns().find("a"), nullptr);
  EXPECT_EQ(p.w.init_ns().find("b"), nullptr);
}

}  // namespace uvn
