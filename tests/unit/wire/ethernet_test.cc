#include "wire/ethernet.h"

#include <gtest/gtest.h>

#include <span>

#include "golden_frames.h"
#include "test_util.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

const std::span<const uint8_t> kAllFrames[] = {
    golden::kArpRequest,  golden::kArpReply,     golden::kIcmpEcho, golden::kIcmpEchoReply,
    golden::kIpv4Options, golden::kIpv4Fragment, golden::kUdp4,     golden::kUdp6,
    golden::kIcmpv6Echo,  golden::kNdpNs,        golden::kNdpNa,    golden::kVlanArp,
    golden::kQinQ,        golden::kDoubleCtag,
};

TEST(Ethernet, DecodesGoldenHeader) {
  auto v = EthernetView::parse(golden::kArpRequest, sizeof(golden::kArpRequest));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->dst(), MacAddr::broadcast());
  EXPECT_EQ(v->src(), kMac1);
  EXPECT_EQ(v->ethertype(), kEtherTypeArp);
  EXPECT_EQ(v->payload(), golden::kArpRequest + 14);
  EXPECT_EQ(v->payload_len(), 28u);
  EXPECT_EQ(v->len(), sizeof(golden::kArpRequest));
  auto r = EthernetRepr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (EthernetRepr{MacAddr::broadcast(), kMac1, kEtherTypeArp}));
}

TEST(Ethernet, EncodesGoldenHeader) {
  EthernetRepr r{kMac2, kMac1, kEtherTypeIpv6};
  uint8_t out[kEthernetHeaderLen];
  r.emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of(golden::kIcmpv6Echo, 0, 14));
  EXPECT_EQ(r.header_len(), 14u);
  EXPECT_EQ(r.buffer_len(58), 72u);
}

TEST(Ethernet, RoundTripsEveryGoldenFrame) {
  for (auto f : kAllFrames) {
    auto v = EthernetView::parse(f.data(), f.size());
    ASSERT_TRUE(v);
    auto r = EthernetRepr::parse(*v);
    ASSERT_TRUE(r);
    uint8_t out[kEthernetHeaderLen];
    r->emit(out);
    EXPECT_EQ(bytes_of(out), bytes_of(f, 0, 14));
  }
}

TEST(Ethernet, RejectsEveryTruncationBelowTheHeader) {
  for (size_t n = 0; n < sizeof(golden::kUdp4); ++n) {
    auto v = EthernetView::parse(golden::kUdp4, n);
    EXPECT_EQ(bool(v), n >= kEthernetHeaderLen) << n;
    if (v) {
      EXPECT_EQ(v->payload_len(), n - 14);
    }
  }
  EXPECT_FALSE(EthernetView::parse(nullptr, 100));
}

TEST(Ethernet, TellsLengthFromType) {
  EXPECT_TRUE(ethertype_is_length(0x0026));  // an STP BPDU's 802.3 length
  EXPECT_TRUE(ethertype_is_length(1500));
  EXPECT_FALSE(ethertype_is_length(kEtherTypeMin));
  EXPECT_FALSE(ethertype_is_length(kEtherTypeIpv4));
}

}  // namespace
}  // namespace uvn::wire
