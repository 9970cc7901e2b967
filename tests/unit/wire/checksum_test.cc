#include "wire/checksum.h"

#include <gtest/gtest.h>

#include <cstring>

#include "golden_frames.h"
#include "test_util.h"
#include "wire/ip_proto.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

TEST(Checksum, Rfc1071NumericalExample) {
  // RFC 1071 3: the bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2.
  const uint8_t d[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  InternetChecksum c;
  c.add(d, sizeof(d));
  EXPECT_EQ(c.sum(), 0xddf2);
  EXPECT_EQ(c.checksum(), 0x220d);
  EXPECT_EQ(internet_checksum(d, sizeof(d)), 0x220d);
}

TEST(Checksum, EmptyAndOddLengths) {
  EXPECT_EQ(internet_checksum(nullptr, 0), 0xffff);
  const uint8_t one[] = {0xab};
  EXPECT_EQ(internet_checksum(one, 1), uint16_t(~0xab00));
  const uint8_t three[] = {0x12, 0x34, 0x56};
  EXPECT_EQ(internet_checksum(three, 3), uint16_t(~(0x1234 + 0x5600)));
}

TEST(Checksum, SplittingAnywhereGivesTheSameSum) {
  const uint8_t* p = golden::kIcmpEcho;
  size_t n = sizeof(golden::kIcmpEcho);
  uint16_t whole = internet_checksum(p, n);
  for (size_t a = 0; a <= n; ++a) {
    for (size_t b = a; b <= n; b += 3) {
      InternetChecksum c;
      c.add(p, a);
      c.add(p + a, b - a);
      c.add(p + b, n - b);
      ASSERT_EQ(c.checksum(), whole) << a << " " << b;
    }
  }
}

TEST(Checksum, Add16AfterAnOddPieceKeepsAlignment) {
  const uint8_t d[] = {0x11, 0x22, 0x33, 0x44, 0x55};
  InternetChecksum a;
  a.add(d, 3);
  a.add16(0x4455);
  InternetChecksum b;
  b.add(d, 5);
  EXPECT_EQ(a.sum(), b.sum());
  InternetChecksum c;
  c.add32(0x11223344);
  c.add(d + 4, 1);
  EXPECT_EQ(c.sum(), b.sum());
}

TEST(Checksum, GoldenIpv4HeaderVerifiesAndRecomputes) {
  const uint8_t* hdr = golden::kIcmpEcho + 14;
  EXPECT_EQ(internet_checksum(hdr, 20), 0);
  uint8_t copy[20];
  std::memcpy(copy, hdr, 20);
  copy[10] = copy[11] = 0;
  EXPECT_EQ(internet_checksum(copy, 20), 0x149a);
}

TEST(Checksum, GoldenUdpOverIpv4PseudoHeader) {
  // kUdp4: 10.0.0.1 -> 10.0.0.2, UDP length 13, checksum 0x9442.
  uint8_t udp[13];
  std::memcpy(udp, golden::kUdp4 + 34, sizeof(udp));
  udp[6] = udp[7] = 0;
  InternetChecksum c;
  add_pseudo_header_v4(c, ip4("10.0.0.1"), ip4("10.0.0.2"), kIpProtoUdp, 13);
  c.add(udp, sizeof(udp));
  EXPECT_EQ(c.checksum(), 0x9442);
}

TEST(Checksum, GoldenUdpOverIpv6PseudoHeader) {
  // kUdp6: fe80::1 -> ff02::fb, UDP length 11, checksum 0xf40f.
  InternetChecksum c;
  add_pseudo_header_v6(c, ip6("fe80::1"), ip6("ff02::fb"), kIpProtoUdp, 11);
  c.add(golden::kUdp6 + 54, 11);
  EXPECT_EQ(c.checksum(), 0);
  EXPECT_EQ(golden::kUdp6[60] << 8 | golden::kUdp6[61], 0xf40f);
}

TEST(Checksum, Rfc1624IncrementalUpdate) {
  // RFC 1624 4: checksum 0xdd2f, a field changes 0x5555 -> 0x3285; eqn. 3 gives 0x0000.
  EXPECT_EQ(checksum_update16(0xdd2f, 0x5555, 0x3285), 0x0000);
  // Decrementing the TTL of the golden header matches a full recomputation.
  uint8_t hdr[20];
  std::memcpy(hdr, golden::kIcmpEcho + 14, 20);
  uint16_t old_word = uint16_t(hdr[8] << 8 | hdr[9]);
  uint16_t old_sum = uint16_t(hdr[10] << 8 | hdr[11]);
  hdr[8] -= 1;
  uint16_t updated = checksum_update16(old_sum, old_word, uint16_t(hdr[8] << 8 | hdr[9]));
  hdr[10] = hdr[11] = 0;
  EXPECT_EQ(updated, internet_checksum(hdr, 20));
}

}  // namespace
}  // namespace uvn::wire
