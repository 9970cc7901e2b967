#include "wire/vlan.h"

#include <gtest/gtest.h>

#include <cstring>

#include "golden_frames.h"
#include "test_util.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

TEST(VlanTci, PacksAndUnpacks) {
  VlanTci t = VlanTci::from_u16(0xb064);
  EXPECT_EQ(t, (VlanTci{5, true, 100}));
  EXPECT_EQ(t.to_u16(), 0xb064);
  EXPECT_EQ((VlanTci{3, false, 10}).to_u16(), 0x600a);
  EXPECT_EQ((VlanTci{7, true, 4095}).to_u16(), 0xffff);
  // Out-of-range fields are masked, never spill into their neighbours.
  EXPECT_EQ((VlanTci{8, false, 0x1001}).to_u16(), 0x0001);
}

TEST(Vlan, DecodesGoldenTag) {
  auto e = EthernetView::parse(golden::kVlanArp, sizeof(golden::kVlanArp));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->ethertype(), kEtherTypeVlan);
  auto v = VlanView::parse(e->payload(), e->payload_len());
  ASSERT_TRUE(v);
  EXPECT_EQ(v->tci(), 0x600a);
  EXPECT_EQ(v->pcp(), 3);
  EXPECT_FALSE(v->dei());
  EXPECT_EQ(v->vid(), 10);
  EXPECT_EQ(v->ethertype(), kEtherTypeArp);
  EXPECT_EQ(v->payload_len(), 28u);
  auto r = VlanRepr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (VlanRepr{VlanTci{3, false, 10}, kEtherTypeArp}));
}

TEST(Vlan, EncodesGoldenTag) {
  VlanRepr r{VlanTci{5, true, 100}, kEtherTypeVlan};
  uint8_t out[4];
  r.emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of(golden::kQinQ, 14, 4));
  EXPECT_EQ(r.header_len(), 4u);
  EXPECT_EQ(r.buffer_len(10), 14u);
  EXPECT_FALSE(VlanView::parse(golden::kQinQ + 14, 3));
}

TEST(VlanTags, WalksQinQ) {
  auto t = parse_vlan_tags(golden::kQinQ, sizeof(golden::kQinQ));
  ASSERT_TRUE(t);
  ASSERT_EQ(t->count, 2u);
  EXPECT_EQ(t->tag[0], (VlanTag{kEtherTypeQinQ, 0xb064}));
  EXPECT_EQ(t->tag[0].fields(), (VlanTci{5, true, 100}));
  EXPECT_EQ(t->tag[1], (VlanTag{kEtherTypeVlan, 10}));
  EXPECT_EQ(t->tag[1].vid(), 10);
  EXPECT_EQ(t->ethertype, kEtherTypeIpv4);
  EXPECT_EQ(t->l3_offset, 22u);
  EXPECT_EQ(golden::kQinQ[t->l3_offset], 0x45);
}

TEST(VlanTags, WalksStackedCtagsAndUntagged) {
  auto t = parse_vlan_tags(golden::kDoubleCtag, sizeof(golden::kDoubleCtag));
  ASSERT_TRUE(t);
  ASSERT_EQ(t->count, 2u);
  EXPECT_EQ(t->tag[0].vid(), 4094);
  EXPECT_EQ(t->tag[1].vid(), 1);
  EXPECT_EQ(t->ethertype, kEtherTypeIpv6);
  EXPECT_EQ(t->l3_offset, 22u);

  auto u = parse_vlan_tags(golden::kUdp4, sizeof(golden::kUdp4));
  ASSERT_TRUE(u);
  EXPECT_EQ(u->count, 0u);
  EXPECT_EQ(u->ethertype, kEtherTypeIpv4);
  EXPECT_EQ(u->l3_offset, 14u);
}

TEST(VlanTags, RejectsEveryTruncationThatCutsATag) {
  for (size_t n = 0; n <= sizeof(golden::kQinQ); ++n) {
    auto t = parse_vlan_tags(golden::kQinQ, n);
    EXPECT_EQ(bool(t), n >= 22) << n;
  }
  EXPECT_FALSE(parse_vlan_tags(nullptr, 64));
}

// A frame with `tags` C-TAGs (VID 1..tags) around an IPv4 EtherType.
Bytes frame_with_tags(size_t tags) {
  Bytes f(golden::kUdp4, golden::kUdp4 + 12);
  for (size_t i = 0; i < tags; ++i) {
    uint8_t t[4] = {0x81, 0x00, 0x00, uint8_t(i + 1)};
    f.insert(f.end(), t, t + 4);
  }
  f.insert(f.end(), golden::kUdp4 + 12, golden::kUdp4 + sizeof(golden::kUdp4));
  return f;
}

TEST(VlanTags, BoundsTheDepth) {
  Bytes eight = frame_with_tags(kMaxVlanTags);
  auto t = parse_vlan_tags(eight.data(), eight.size());
  ASSERT_TRUE(t);
  EXPECT_EQ(t->count, kMaxVlanTags);
  EXPECT_EQ(t->tag[7].vid(), 8);
  EXPECT_EQ(t->l3_offset, 14 + 4 * kMaxVlanTags);
  Bytes nine = frame_with_tags(kMaxVlanTags + 1);
  EXPECT_FALSE(parse_vlan_tags(nine.data(), nine.size()));
}

TEST(VlanPushPop, PopsAndPushesBackQinQ) {
  uint8_t buf[64 + sizeof(golden::kQinQ)];
  uint8_t* start = buf + 64;
  std::memcpy(start, golden::kQinQ, sizeof(golden::kQinQ));
  size_t len = sizeof(golden::kQinQ);

  VlanTag outer, inner;
  uint8_t* s1 = vlan_pop(start, len, &outer);
  ASSERT_EQ(s1, start + 4);
  EXPECT_EQ(outer, (VlanTag{kEtherTypeQinQ, 0xb064}));
  uint8_t* s2 = vlan_pop(s1, len - 4, &inner);
  ASSERT_EQ(s2, start + 8);
  EXPECT_EQ(inner, (VlanTag{kEtherTypeVlan, 10}));
  // Untagged now: MACs, then the IPv4 EtherType and packet.
  Bytes expect = bytes_of(golden::kQinQ, 0, 12);
  Bytes rest = bytes_of(golden::kQinQ, 20);
  expect.insert(expect.end(), rest.begin(), rest.end());
  EXPECT_EQ(bytes_of({s2, len - 8}), expect);
  EXPECT_FALSE(vlan_pop(s2, len - 8));

  uint8_t* p1 = vlan_push(s2, len - 8, size_t(s2 - buf), inner);
  ASSERT_EQ(p1, s1);
  uint8_t* p2 = vlan_push(p1, len - 4, size_t(p1 - buf), outer);
  ASSERT_EQ(p2, start);
  EXPECT_EQ(bytes_of({p2, len}), bytes_of(golden::kQinQ));
}

TEST(VlanPushPop, PushTagsAnArpRequest) {
  uint8_t buf[4 + sizeof(golden::kArpRequest)];
  std::memcpy(buf + 4, golden::kArpRequest, sizeof(golden::kArpRequest));
  uint8_t* s = vlan_push(buf + 4, sizeof(golden::kArpRequest), 4, VlanTag{kEtherTypeVlan, 0x600a});
  ASSERT_EQ(s, buf);
  Bytes expect = bytes_of(golden::kArpRequest, 0, 12);
  const uint8_t tag[] = {0x81, 0x00, 0x60, 0x0a};
  expect.insert(expect.end(), tag, tag + 4);
  Bytes rest = bytes_of(golden::kArpRequest, 12);
  expect.insert(expect.end(), rest.begin(), rest.end());
  EXPECT_EQ(bytes_of({s, sizeof(buf)}), expect);
}

TEST(VlanPushPop, RefusesWithoutRoomOrTag) {
  uint8_t buf[3 + sizeof(golden::kVlanArp)];
  std::memcpy(buf + 3, golden::kVlanArp, sizeof(golden::kVlanArp));
  Bytes before = bytes_of(buf);
  EXPECT_FALSE(vlan_push(buf + 3, sizeof(golden::kVlanArp), 3, VlanTag{}));
  EXPECT_FALSE(vlan_push(buf + 3, 13, 3 + 4, VlanTag{}));
  EXPECT_FALSE(vlan_push(nullptr, 60, 4, VlanTag{}));
  EXPECT_FALSE(vlan_pop(buf + 3, 17));
  EXPECT_FALSE(vlan_pop(nullptr, 60));
  EXPECT_EQ(bytes_of(buf), before);
  EXPECT_TRUE(vlan_pop(buf + 3, 18));
}

TEST(Vlan, TpidPredicate) {
  EXPECT_TRUE(is_vlan_tpid(0x8100));
  EXPECT_TRUE(is_vlan_tpid(0x88a8));
  EXPECT_FALSE(is_vlan_tpid(0x9100));
  EXPECT_FALSE(is_vlan_tpid(kEtherTypeIpv4));
}

}  // namespace
}  // namespace uvn::wire
