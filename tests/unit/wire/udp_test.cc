#include "wire/udp.h"

#include <gtest/gtest.h>

#include <cstring>

#include "golden_frames.h"
#include "test_util.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

constexpr const uint8_t* kUdp4 = golden::kUdp4 + 34;
constexpr size_t kUdp4Len = sizeof(golden::kUdp4) - 34;
constexpr const uint8_t* kUdp6 = golden::kUdp6 + 54;
constexpr size_t kUdp6Len = sizeof(golden::kUdp6) - 54;
const Ipv4Addr kSrc4 = ip4("10.0.0.1");
const Ipv4Addr kDst4 = ip4("10.0.0.2");
const Ipv6Addr kSrc6 = ip6("fe80::1");
const Ipv6Addr kDst6 = ip6("ff02::fb");

TEST(Udp, DecodesGoldenOverIpv4) {
  auto v = UdpView::parse(kUdp4, kUdp4Len);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->src_port(), 5000);
  EXPECT_EQ(v->dst_port(), 53);
  EXPECT_EQ(v->length(), 13);
  EXPECT_EQ(v->checksum(), 0x9442);
  EXPECT_EQ(bytes_of({v->payload(), v->payload_len()}), bytes_of(bytes_span("hello", 5)));
  EXPECT_TRUE(v->verify_checksum(kSrc4, kDst4));
  EXPECT_FALSE(v->verify_checksum(kSrc4, ip4("10.0.0.3")));
  auto r = UdpRepr::parse(*v, kSrc4, kDst4);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (UdpRepr{5000, 53, 5}));
  EXPECT_EQ(r->header_len(), 8u);
  EXPECT_EQ(r->buffer_len(), 13u);
  EXPECT_FALSE(UdpRepr::parse(*v, kSrc4, ip4("1.2.3.4")));
}

TEST(Udp, EncodesGoldenOverIpv4) {
  uint8_t out[13];
  std::memcpy(out + 8, "hello", 5);
  UdpRepr{5000, 53, 5}.emit(out, kSrc4, kDst4);
  EXPECT_EQ(bytes_of(out), bytes_of({kUdp4, kUdp4Len}));
}

TEST(Udp, ComputedZeroIsSentAsAllOnes) {
  const uint8_t* g = golden::kUdp4ZeroSum + 34;
  ASSERT_EQ(g[6] << 8 | g[7], 0xffff);
  uint8_t out[10];
  std::memcpy(out + 8, g + 8, 2);
  UdpRepr{5000, 53, 2}.emit(out, kSrc4, kDst4);
  EXPECT_EQ(bytes_of(out), bytes_of({g, 10}));
  auto v = UdpView::parse(out, sizeof(out));
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->verify_checksum(kSrc4, kDst4));
}

TEST(Udp, ZeroChecksumMeansNoneOnlyOverIpv4) {
  uint8_t out[13];
  std::memcpy(out + 8, "hello", 5);
  UdpRepr{5000, 53, 5}.emit(out);
  EXPECT_EQ(out[6] | out[7], 0);
  auto v = UdpView::parse(out, sizeof(out));
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->verify_checksum(kSrc4, kDst4));
  EXPECT_TRUE(UdpRepr::parse(*v, kSrc4, kDst4));
  EXPECT_FALSE(v->verify_checksum(kSrc6, kDst6));
  EXPECT_FALSE(UdpRepr::parse(*v, kSrc6, kDst6));
  EXPECT_TRUE(UdpRepr::parse(*v, kSrc6, kDst6, ChecksumCheck::kSkip));
}

TEST(Udp, DecodesAndEncodesGoldenOverIpv6) {
  auto v = UdpView::parse(kUdp6, kUdp6Len);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->checksum(), 0xf40f);
  EXPECT_TRUE(v->verify_checksum(kSrc6, kDst6));
  auto r = UdpRepr::parse(*v, kSrc6, kDst6);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (UdpRepr{5353, 5353, 3}));
  uint8_t out[11];
  std::memcpy(out + 8, "uvn", 3);
  r->emit(out, kSrc6, kDst6);
  EXPECT_EQ(bytes_of(out), bytes_of({kUdp6, kUdp6Len}));
}

TEST(Udp, RejectsBadChecksum) {
  uint8_t p[13];
  std::memcpy(p, kUdp4, sizeof(p));
  p[9] ^= 0x20;
  auto v = UdpView::parse(p, sizeof(p));
  ASSERT_TRUE(v);
  EXPECT_FALSE(UdpRepr::parse(*v, kSrc4, kDst4));
  EXPECT_TRUE(UdpRepr::parse(*v, kSrc4, kDst4, ChecksumCheck::kSkip));
}

TEST(Udp, RejectsEveryTruncationAndBadLengths) {
  for (size_t n = 0; n < kUdp4Len; ++n) EXPECT_FALSE(UdpView::parse(kUdp4, n)) << n;
  EXPECT_FALSE(UdpView::parse(nullptr, 8));
  uint8_t p[16] = {};
  std::memcpy(p, kUdp4, kUdp4Len);
  for (int len = 0; len < 8; ++len) {
    p[5] = uint8_t(len);
    EXPECT_FALSE(UdpView::parse(p, sizeof(p))) << len;
  }
  p[5] = 17;
  EXPECT_FALSE(UdpView::parse(p, sizeof(p)));
  p[5] = 8;
  auto v = UdpView::parse(p, sizeof(p));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->payload_len(), 0u);
  // Bytes past the length field are not payload (and not summed).
  p[5] = 13;
  v = UdpView::parse(p, sizeof(p));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->payload_len(), 5u);
  EXPECT_TRUE(v->verify_checksum(kSrc4, kDst4));
}

}  // namespace
}  // namespace uvn::wire
