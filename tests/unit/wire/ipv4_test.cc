#include "wire/ipv4.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "golden_frames.h"
#include "test_util.h"
#include "wire/ip_proto.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

constexpr const uint8_t* kEchoIp = golden::kIcmpEcho + 14;
constexpr size_t kEchoIpLen = sizeof(golden::kIcmpEcho) - 14;

TEST(Ipv4, DecodesGoldenHeader) {
  auto v = Ipv4View::parse(kEchoIp, kEchoIpLen);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->version(), 4);
  EXPECT_EQ(v->header_len(), 20u);
  EXPECT_EQ(v->tos(), 0);
  EXPECT_EQ(v->total_len(), 45);
  EXPECT_EQ(v->ident(), 0x1234);
  EXPECT_TRUE(v->dont_frag());
  EXPECT_FALSE(v->more_frags());
  EXPECT_FALSE(v->reserved_flag());
  EXPECT_EQ(v->frag_offset(), 0);
  EXPECT_FALSE(v->is_fragment());
  EXPECT_EQ(v->ttl(), 64);
  EXPECT_EQ(v->protocol(), kIpProtoIcmp);
  EXPECT_EQ(v->checksum(), 0x149a);
  EXPECT_TRUE(v->verify_checksum());
  EXPECT_EQ(v->src(), ip4("10.0.0.1"));
  EXPECT_EQ(v->dst(), ip4("10.0.0.2"));
  EXPECT_EQ(v->options_len(), 0u);
  EXPECT_EQ(v->payload(), kEchoIp + 20);
  EXPECT_EQ(v->payload_len(), 25u);

  auto r = Ipv4Repr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->src, ip4("10.0.0.1"));
  EXPECT_EQ(r->dst, ip4("10.0.0.2"));
  EXPECT_EQ(r->protocol, kIpProtoIcmp);
  EXPECT_EQ(r->ttl, 64);
  EXPECT_EQ(r->ident, 0x1234);
  EXPECT_TRUE(r->dont_frag);
  EXPECT_EQ(r->payload_len, 25);
  EXPECT_EQ(r->header_len(), 20u);
  EXPECT_EQ(r->buffer_len(), 45u);
}

TEST(Ipv4, EncodesGoldenHeader) {
  Ipv4Repr r;
  r.src = ip4("10.0.0.1");
  r.dst = ip4("10.0.0.2");
  r.protocol = kIpProtoIcmp;
  r.ttl = 64;
  r.ident = 0x1234;
  r.dont_frag = true;
  r.payload_len = 25;
  uint8_t out[20];
  r.emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of({kEchoIp, 20}));
}

TEST(Ipv4, DecodesAndEncodesOptions) {
  const uint8_t* p = golden::kIpv4Options + 14;
  auto v = Ipv4View::parse(p, sizeof(golden::kIpv4Options) - 14);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->header_len(), 24u);
  EXPECT_EQ(v->dscp(), 48);
  EXPECT_EQ(v->ecn(), 0);
  EXPECT_EQ(v->protocol(), kIpProtoIgmp);
  EXPECT_EQ(bytes_of({v->options(), v->options_len()}), (Bytes{0x94, 0x04, 0x00, 0x00}));
  EXPECT_EQ(v->payload_len(), 16u);
  auto r = Ipv4Repr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->options_len, 4);
  EXPECT_EQ(r->header_len(), 24u);

  Ipv4Repr e;
  e.src = ip4("10.0.0.1");
  e.dst = ip4("224.0.0.22");
  e.protocol = kIpProtoIgmp;
  e.ttl = 1;
  e.tos = 0xc0;
  e.payload_len = 16;
  e.options_len = 4;
  e.options[0] = 0x94;
  e.options[1] = 0x04;
  EXPECT_EQ(e, *r);
  uint8_t out[24];
  e.emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of({p, 24}));
}

TEST(Ipv4, ExposesFragments) {
  auto v = Ipv4View::parse(golden::kIpv4Fragment + 14, sizeof(golden::kIpv4Fragment) - 14);
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->more_frags());
  EXPECT_FALSE(v->dont_frag());
  EXPECT_EQ(v->frag_offset(), 1480);
  EXPECT_TRUE(v->is_fragment());
  auto r = Ipv4Repr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->is_fragment());
  EXPECT_EQ(r->frag_offset, 1480);
  uint8_t out[20];
  r->emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of(golden::kIpv4Fragment, 14, 20));
}

TEST(Ipv4, RoundTripsGoldenPackets) {
  for (std::span<const uint8_t> f :
       {std::span<const uint8_t>(golden::kIcmpEcho),
        std::span<const uint8_t>(golden::kIcmpEchoReply),
        std::span<const uint8_t>(golden::kIcmpPortUnreach),
        std::span<const uint8_t>(golden::kIpv4Options), std::span<const uint8_t>(golden::kUdp4),
        std::span<const uint8_t>(golden::kUdp4ZeroSum)}) {
    auto v = Ipv4View::parse(f.data() + 14, f.size() - 14);
    ASSERT_TRUE(v);
    auto r = Ipv4Repr::parse(*v);
    ASSERT_TRUE(r);
    Bytes out(r->header_len());
    r->emit(out.data());
    EXPECT_EQ(out, bytes_of(f, 14, r->header_len()));
  }
}

TEST(Ipv4, IgnoresLinkLayerPadding) {
  uint8_t frame[60] = {};
  std::memcpy(frame, golden::kUdp4, sizeof(golden::kUdp4));
  auto v = Ipv4View::parse(frame + 14, sizeof(frame) - 14);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->payload_len(), 13u);
  EXPECT_EQ(v->len(), 46u);
}

TEST(Ipv4, RejectsEveryTruncation) {
  for (size_t n = 0; n < kEchoIpLen; ++n) EXPECT_FALSE(Ipv4View::parse(kEchoIp, n)) << n;
  EXPECT_TRUE(Ipv4View::parse(kEchoIp, kEchoIpLen));
  EXPECT_FALSE(Ipv4View::parse(nullptr, 60));
}

// The golden echo request with byte `off` set to `value` and the checksum fixed up.
Bytes mutated(size_t off, uint8_t value) {
  Bytes p = bytes_of({kEchoIp, kEchoIpLen});
  p[off] = value;
  p[10] = p[11] = 0;
  size_t hl = std::min<size_t>(size_t(p[0] & 15) * 4, p.size());
  uint16_t c = internet_checksum(p.data(), hl);
  p[10] = uint8_t(c >> 8);
  p[11] = uint8_t(c);
  return p;
}

TEST(Ipv4, RejectsMalformedHeaders) {
  Bytes v6 = mutated(0, 0x65);
  auto v = Ipv4View::parse(v6.data(), v6.size());
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->verify_checksum());
  EXPECT_FALSE(Ipv4Repr::parse(*v));  // version 6

  Bytes ihl4 = mutated(0, 0x44);
  EXPECT_FALSE(Ipv4View::parse(ihl4.data(), ihl4.size()));
  Bytes ihl15 = mutated(0, 0x4f);  // 60-byte header in 45 bytes
  EXPECT_FALSE(Ipv4View::parse(ihl15.data(), ihl15.size()));
  Bytes short_total = mutated(3, 19);  // total length 19 < IHL
  EXPECT_FALSE(Ipv4View::parse(short_total.data(), short_total.size()));
  Bytes long_total = mutated(3, 46);  // one byte past the buffer
  EXPECT_FALSE(Ipv4View::parse(long_total.data(), long_total.size()));
  Bytes header_only = mutated(3, 20);
  auto h = Ipv4View::parse(header_only.data(), header_only.size());
  ASSERT_TRUE(h);
  EXPECT_EQ(h->payload_len(), 0u);
}

TEST(Ipv4, ChecksIntegrityUnlessToldToSkip) {
  Bytes p = bytes_of({kEchoIp, kEchoIpLen});
  p[8] = 63;  // TTL changed, checksum not
  auto v = Ipv4View::parse(p.data(), p.size());
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->verify_checksum());
  EXPECT_FALSE(Ipv4Repr::parse(*v));
  auto r = Ipv4Repr::parse(*v, ChecksumCheck::kSkip);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ttl, 63);
}

TEST(Ipv4, ReservedFlagIsReadButNotKept) {
  Bytes p = mutated(6, 0xc0);  // reserved + DF
  auto v = Ipv4View::parse(p.data(), p.size());
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->reserved_flag());
  auto r = Ipv4Repr::parse(*v);
  ASSERT_TRUE(r);
  uint8_t out[20];
  r->emit(out);
  EXPECT_EQ(out[6], 0x40);
}

}  // namespace
}  // namespace uvn::wire
