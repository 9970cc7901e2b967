#include "wire/ipv6.h"

#include <gtest/gtest.h>

#include <cstring>

#include "golden_frames.h"
#include "test_util.h"
#include "wire/ip_proto.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

constexpr const uint8_t* kUdp6Ip = golden::kUdp6 + 14;
constexpr size_t kUdp6IpLen = sizeof(golden::kUdp6) - 14;

Ipv6Repr golden_repr() {
  return Ipv6Repr{ip6("fe80::1"), ip6("ff02::fb"), kIpProtoUdp, 255, 0x28, 0x12345, 11};
}

TEST(Ipv6, DecodesGoldenHeader) {
  auto v = Ipv6View::parse(kUdp6Ip, kUdp6IpLen);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->version(), 6);
  EXPECT_EQ(v->traffic_class(), 0x28);
  EXPECT_EQ(v->flow_label(), 0x12345u);
  EXPECT_EQ(v->payload_len(), 11);
  EXPECT_EQ(v->next_header(), kIpProtoUdp);
  EXPECT_EQ(v->hop_limit(), 255);
  EXPECT_EQ(v->src(), ip6("fe80::1"));
  EXPECT_EQ(v->dst(), ip6("ff02::fb"));
  EXPECT_EQ(v->payload(), kUdp6Ip + 40);
  auto r = Ipv6Repr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, golden_repr());
  EXPECT_EQ(r->header_len(), 40u);
  EXPECT_EQ(r->buffer_len(), 51u);
}

TEST(Ipv6, EncodesGoldenHeader) {
  uint8_t out[40];
  golden_repr().emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of({kUdp6Ip, 40}));
}

TEST(Ipv6, RoundTripsGoldenPackets) {
  for (std::span<const uint8_t> ip : {std::span<const uint8_t>(golden::kIcmpv6Echo).subspan(14),
                                      std::span<const uint8_t>(golden::kNdpNs).subspan(14),
                                      std::span<const uint8_t>(golden::kNdpNsDad).subspan(14),
                                      std::span<const uint8_t>(golden::kNdpNa).subspan(14),
                                      std::span<const uint8_t>(golden::kDoubleCtag).subspan(22)}) {
    auto v = Ipv6View::parse(ip.data(), ip.size());
    ASSERT_TRUE(v);
    auto r = Ipv6Repr::parse(*v);
    ASSERT_TRUE(r);
    uint8_t out[40];
    r->emit(out);
    EXPECT_EQ(bytes_of(out), bytes_of(ip, 0, 40));
  }
}

TEST(Ipv6, EmptyPayload) {
  auto v = Ipv6View::parse(golden::kDoubleCtag + 22, 40);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->payload_len(), 0);
  EXPECT_EQ(v->next_header(), kIpProtoIpv6NoNext);
}

TEST(Ipv6, RejectsEveryTruncation) {
  for (size_t n = 0; n < kUdp6IpLen; ++n) EXPECT_FALSE(Ipv6View::parse(kUdp6Ip, n)) << n;
  EXPECT_FALSE(Ipv6View::parse(nullptr, 100));
}

TEST(Ipv6, IgnoresPaddingAndRejectsOtherVersions) {
  uint8_t buf[80] = {};
  std::memcpy(buf, kUdp6Ip, kUdp6IpLen);
  auto v = Ipv6View::parse(buf, sizeof(buf));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->payload_len(), 11);
  buf[0] = 0x42;
  v = Ipv6View::parse(buf, sizeof(buf));
  ASSERT_TRUE(v);
  EXPECT_FALSE(Ipv6Repr::parse(*v));
}

TEST(Ipv6, FlowLabelIsTwentyBits) {
  Ipv6Repr r = golden_repr();
  r.flow_label = 0xfffff;
  r.traffic_class = 0xff;
  uint8_t out[40];
  r.emit(out);
  EXPECT_EQ(bytes_of(out, 0, 4), (Bytes{0x6f, 0xff, 0xff, 0xff}));
  // payload_len 11 with a 40-byte buffer: the view refuses.
  EXPECT_FALSE(Ipv6View::parse(out, 40));
  r.payload_len = 0;
  r.emit(out);
  auto v = Ipv6View::parse(out, 40);
  ASSERT_TRUE(v);
  EXPECT_EQ(Ipv6Repr::parse(*v), r);
}

}  // namespace
}  // namespace uvn::wire
