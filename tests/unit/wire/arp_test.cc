#include "wire/arp.h"

#include <gtest/gtest.h>

#include <cstring>

#include "golden_frames.h"
#include "test_util.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

constexpr const uint8_t* kRequest = golden::kArpRequest + 14;
constexpr const uint8_t* kReply = golden::kArpReply + 14;

TEST(Arp, DecodesGoldenRequest) {
  auto v = ArpView::parse(kRequest, 28);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->htype(), 1);
  EXPECT_EQ(v->ptype(), 0x0800);
  EXPECT_EQ(v->hlen(), 6);
  EXPECT_EQ(v->plen(), 4);
  EXPECT_EQ(v->op(), 1);
  EXPECT_EQ(v->packet_len(), 28u);
  auto r = ArpRepr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r,
            (ArpRepr{ArpOp::kRequest, kMac1, ip4("10.0.0.1"), MacAddr::zero(), ip4("10.0.0.2")}));
}

TEST(Arp, DecodesGoldenReply) {
  auto v = ArpView::parse(kReply, 28);
  ASSERT_TRUE(v);
  auto r = ArpRepr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->op, ArpOp::kReply);
  EXPECT_EQ(r->sender_mac, kMac2);
  EXPECT_EQ(r->sender_ip, ip4("10.0.0.2"));
  EXPECT_EQ(r->target_mac, kMac1);
  EXPECT_EQ(r->target_ip, ip4("10.0.0.1"));
}

TEST(Arp, EncodesGoldenBytes) {
  ArpRepr req{ArpOp::kRequest, kMac1, ip4("10.0.0.1"), MacAddr::zero(), ip4("10.0.0.2")};
  ArpRepr rep{ArpOp::kReply, kMac2, ip4("10.0.0.2"), kMac1, ip4("10.0.0.1")};
  uint8_t out[kArpEthIpv4Len];
  ASSERT_EQ(req.buffer_len(), sizeof(out));
  req.emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of({kRequest, 28}));
  rep.emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of({kReply, 28}));
}

TEST(Arp, RoundTripsThroughEmit) {
  ArpRepr r{ArpOp::kReply, mac("aa:bb:cc:dd:ee:ff"), ip4("192.168.1.254"), kMac1,
            ip4("192.168.1.1")};
  uint8_t out[28];
  r.emit(out);
  auto v = ArpView::parse(out, sizeof(out));
  ASSERT_TRUE(v);
  EXPECT_EQ(ArpRepr::parse(*v), r);
}

TEST(Arp, RejectsEveryTruncation) {
  for (size_t n = 0; n < 28; ++n) EXPECT_FALSE(ArpView::parse(kRequest, n)) << n;
  EXPECT_FALSE(ArpView::parse(nullptr, 28));
}

TEST(Arp, AcceptsLinkLayerPadding) {
  uint8_t frame[46] = {};
  std::memcpy(frame, kRequest, 28);
  auto v = ArpView::parse(frame, sizeof(frame));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->packet_len(), 28u);
  EXPECT_TRUE(ArpRepr::parse(*v));
}

// Changes one byte of the golden request and parses it.
std::optional<ArpRepr> parse_with(size_t off, uint8_t value) {
  uint8_t p[64] = {};
  std::memcpy(p, kRequest, 28);
  p[off] = value;
  auto v = ArpView::parse(p, sizeof(p));
  if (!v) return std::nullopt;
  return ArpRepr::parse(*v);
}

TEST(Arp, RejectsOtherMediaAndOperations) {
  EXPECT_TRUE(parse_with(7, 2));      // op reply
  EXPECT_FALSE(parse_with(1, 6));     // htype IEEE 802
  EXPECT_FALSE(parse_with(2, 0x86));  // ptype 0x8600
  EXPECT_FALSE(parse_with(4, 8));     // hlen 8
  EXPECT_FALSE(parse_with(5, 16));    // plen 16
  EXPECT_FALSE(parse_with(7, 3));     // RARP request
  EXPECT_FALSE(parse_with(7, 0));
  EXPECT_FALSE(parse_with(6, 1));  // op 0x0101
}

TEST(Arp, ViewBoundsOtherAddressSizes) {
  // hlen 20 and plen 16 (an InfiniBand/IPv6 shape): 8 + 2 * 36 = 80 bytes needed.
  uint8_t p[80] = {0, 32, 0x86, 0xdd, 20, 16, 0, 1};
  EXPECT_FALSE(ArpView::parse(p, 79));
  auto v = ArpView::parse(p, 80);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->tpa(), p + 64);
  EXPECT_FALSE(ArpRepr::parse(*v));
  // hlen 255 and plen 255 need 1028 bytes.
  uint8_t big[8] = {0, 1, 8, 0, 255, 255, 0, 1};
  EXPECT_FALSE(ArpView::parse(big, sizeof(big)));
}

}  // namespace
}  // namespace uvn::wire
