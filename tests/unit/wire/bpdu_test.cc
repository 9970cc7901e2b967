#include "wire/bpdu.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "test_util.h"
#include "wire/ethernet.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

// Golden frames, written by hand from 802.1D-2004 clause 9 and checked with tshark 4.0.17
// (every field decodes as commented). Whole Ethernet frames, no padding, no FCS.

// Config BPDU: flags TC|TCA, root 8000.02:00:00:00:00:01, cost 4, bridge
// 8000.02:00:00:00:00:02, port 0x8001, message age 1 s, max age 20, hello 2, forward delay 15.
constexpr uint8_t kConfigFrame[] = {
    0x01, 0x80, 0xc2, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00,
    0x26, 0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x00, 0x81, 0x80, 0x00, 0x02, 0x00,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x80, 0x00, 0x02, 0x00, 0x00,
    0x00, 0x00, 0x02, 0x80, 0x01, 0x01, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00,
};
// TCN BPDU from 02:00:00:00:00:03.
constexpr uint8_t kTcnFrame[] = {
    0x01, 0x80, 0xc2, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
    0x03, 0x00, 0x07, 0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x80,
};
// RST BPDU: flags 0x7e (agreement, forwarding, learning, role designated, proposal), root
// 1000.02:00:00:00:00:0a, cost 20000, bridge 7000.02:00:00:00:00:0b, port 0x8002, message age
// 0, max age 20, hello 2, forward delay 15, version 1 length 0.
constexpr uint8_t kRstFrame[] = {
    0x01, 0x80, 0xc2, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x27,
    0x42, 0x42, 0x03, 0x00, 0x00, 0x02, 0x02, 0x7e, 0x10, 0x00, 0x02, 0x00, 0x00, 0x00,
    0x00, 0x0a, 0x00, 0x00, 0x4e, 0x20, 0x70, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x0b,
    0x80, 0x02, 0x00, 0x00, 0x14, 0x00, 0x02, 0x00, 0x0f, 0x00, 0x00,
};

constexpr size_t kLlcOff = kEthernetHeaderLen;
constexpr size_t kBpduOff = kEthernetHeaderLen + kLlcHeaderLen;

BpduRepr golden_config() {
  BpduRepr r;
  r.type = BpduType::kConfig;
  r.version = 0;
  r.flags = kBpduFlagTc | kBpduFlagTcAck;
  r.root_id = BridgeId{0x8000, kMac1};
  r.root_path_cost = 4;
  r.bridge_id = BridgeId{0x8000, kMac2};
  r.port_id = 0x8001;
  r.message_age = 256;
  r.max_age = 20 * 256;
  r.hello_time = 2 * 256;
  r.forward_delay = 15 * 256;
  return r;
}

BpduRepr golden_rst() {
  BpduRepr r;
  r.type = BpduType::kRst;
  r.version = 2;
  r.set_role(BpduRole::kDesignated);
  r.set_flag(kBpduFlagProposal, true);
  r.set_flag(kBpduFlagLearning, true);
  r.set_flag(kBpduFlagForwarding, true);
  r.set_flag(kBpduFlagAgreement, true);
  r.root_id = BridgeId{0x1000, mac("02:00:00:00:00:0a")};
  r.root_path_cost = 20000;
  r.bridge_id = BridgeId{0x7000, mac("02:00:00:00:00:0b")};
  r.port_id = 0x8002;
  r.message_age = 0;
  r.max_age = 20 * 256;
  r.hello_time = 2 * 256;
  r.forward_delay = 15 * 256;
  return r;
}

TEST(Bpdu, DecodesGoldenConfig) {
  auto v = BpduView::parse_llc(kConfigFrame + kLlcOff, sizeof(kConfigFrame) - kLlcOff);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->protocol_id(), 0);
  EXPECT_EQ(v->version(), 0);
  EXPECT_EQ(v->type(), 0);
  ASSERT_TRUE(v->has_config_fields());
  EXPECT_EQ(v->flags(), 0x81);
  EXPECT_EQ(v->root_id(), (BridgeId{0x8000, kMac1}));
  EXPECT_EQ(v->root_path_cost(), 4u);
  EXPECT_EQ(v->bridge_id(), (BridgeId{0x8000, kMac2}));
  EXPECT_EQ(v->port_id(), 0x8001);
  EXPECT_EQ(v->message_age(), 256);
  EXPECT_EQ(v->max_age(), 5120);
  EXPECT_EQ(v->hello_time(), 512);
  EXPECT_EQ(v->forward_delay(), 3840);
  auto r = BpduRepr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, golden_config());
  EXPECT_TRUE(r->tc());
  EXPECT_TRUE(r->tc_ack());
  EXPECT_FALSE(r->proposal());
}

TEST(Bpdu, DecodesGoldenTcnAndRst) {
  auto t = BpduView::parse_llc(kTcnFrame + kLlcOff, sizeof(kTcnFrame) - kLlcOff);
  ASSERT_TRUE(t);
  EXPECT_FALSE(t->has_config_fields());
  auto tr = BpduRepr::parse(*t);
  ASSERT_TRUE(tr);
  EXPECT_EQ(*tr, BpduRepr::tcn());
  EXPECT_EQ(tr->buffer_len(), 4u);

  auto v = BpduView::parse_llc(kRstFrame + kLlcOff, sizeof(kRstFrame) - kLlcOff);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->version1_length(), 0);
  auto r = BpduRepr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, golden_rst());
  EXPECT_EQ(r->role(), BpduRole::kDesignated);
  EXPECT_TRUE(r->proposal());
  EXPECT_TRUE(r->agreement());
  EXPECT_TRUE(r->learning());
  EXPECT_TRUE(r->forwarding());
  EXPECT_FALSE(r->tc());
  EXPECT_FALSE(r->tc_ack());
}

TEST(Bpdu, EncodesGoldenBytes) {
  uint8_t out[64];
  BpduRepr c = golden_config();
  ASSERT_EQ(c.buffer_len(), kBpduConfigLen);
  ASSERT_EQ(c.llc_len(), 38u);
  c.emit_llc(out);
  EXPECT_EQ(bytes_of({out, c.llc_len()}), bytes_of(kConfigFrame, kLlcOff));
  c.emit(out);
  EXPECT_EQ(bytes_of({out, c.buffer_len()}), bytes_of(kConfigFrame, kBpduOff));

  BpduRepr t = BpduRepr::tcn();
  t.emit_llc(out);
  EXPECT_EQ(bytes_of({out, t.llc_len()}), bytes_of(kTcnFrame, kLlcOff));

  BpduRepr r = golden_rst();
  ASSERT_EQ(r.buffer_len(), kBpduRstLen);
  r.emit_llc(out);
  EXPECT_EQ(bytes_of({out, r.llc_len()}), bytes_of(kRstFrame, kLlcOff));
}

TEST(Bpdu, BuildsWholeFrames) {
  uint8_t llc[kLlcHeaderLen + kBpduConfigLen];
  golden_config().emit_llc(llc);
  uint8_t frame[64];
  size_t n = emit_bpdu_frame(kMac2, llc, sizeof(llc), frame);
  ASSERT_EQ(n, sizeof(kConfigFrame));
  EXPECT_EQ(n, bpdu_frame_len(sizeof(llc)));
  EXPECT_EQ(bytes_of({frame, n}), bytes_of(kConfigFrame));
  // In place: the LLC payload already at out + 14.
  uint8_t inplace[64];
  golden_rst().emit_llc(inplace + kEthernetHeaderLen);
  n = emit_bpdu_frame(mac("02:00:00:00:00:0b"), inplace + kEthernetHeaderLen,
                      golden_rst().llc_len(), inplace);
  EXPECT_EQ(bytes_of({inplace, n}), bytes_of(kRstFrame));
  // Another group address.
  n = emit_bpdu_frame(kMac2, llc, sizeof(llc), frame, mac("01:80:c2:00:00:0e"));
  EXPECT_EQ(frame[5], 0x0e);
}

TEST(Bpdu, ExtractsTheLlcPayloadOfAFrame) {
  auto p = bpdu_llc_payload(kConfigFrame, sizeof(kConfigFrame));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->data, kConfigFrame + kLlcOff);
  EXPECT_EQ(p->len, 38u);
  // Padding to 60 octets is cut off by the length field.
  uint8_t padded[60] = {};
  std::memcpy(padded, kTcnFrame, sizeof(kTcnFrame));
  p = bpdu_llc_payload(padded, sizeof(padded));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->len, 7u);
  EXPECT_TRUE(BpduView::parse_llc(p->data, p->len));
  // A length longer than the frame, an EtherType, a short length, another SAP.
  uint8_t f[sizeof(kConfigFrame)];
  std::memcpy(f, kConfigFrame, sizeof(f));
  f[13] = 39;
  EXPECT_FALSE(bpdu_llc_payload(f, sizeof(f)));
  f[12] = 0x08;
  f[13] = 0x00;
  EXPECT_FALSE(bpdu_llc_payload(f, sizeof(f)));
  f[12] = 0;
  f[13] = 2;
  EXPECT_FALSE(bpdu_llc_payload(f, sizeof(f)));
  std::memcpy(f, kConfigFrame, sizeof(f));
  f[14] = 0xaa;
  EXPECT_FALSE(bpdu_llc_payload(f, sizeof(f)));
  EXPECT_FALSE(bpdu_llc_payload(f, 13));
  EXPECT_FALSE(bpdu_llc_payload(nullptr, 60));
}

TEST(Bpdu, RoundTripsThroughEmit) {
  for (BpduRepr r : {golden_config(), golden_rst(), BpduRepr::tcn(), BpduRepr::tcn(2)}) {
    r.flags |= (r.type == BpduType::kTcn ? 0 : 0x0c);
    std::vector<uint8_t> buf(r.llc_len());
    r.emit_llc(buf.data());
    auto v = BpduView::parse_llc(buf.data(), buf.size());
    ASSERT_TRUE(v);
    auto back = BpduRepr::parse(*v);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, r);
  }
}

TEST(Bpdu, RejectsEveryTruncation) {
  const uint8_t* config = kConfigFrame + kLlcOff;
  for (size_t n = 0; n < 38; ++n) EXPECT_FALSE(BpduView::parse_llc(config, n)) << n;
  const uint8_t* rst = kRstFrame + kLlcOff;
  for (size_t n = 0; n < 39; ++n) EXPECT_FALSE(BpduView::parse_llc(rst, n)) << n;
  const uint8_t* tcn = kTcnFrame + kLlcOff;
  for (size_t n = 0; n < 7; ++n) EXPECT_FALSE(BpduView::parse_llc(tcn, n)) << n;
  EXPECT_FALSE(BpduView::parse(nullptr, 35));
  EXPECT_FALSE(BpduView::parse_llc(nullptr, 38));
}

// Changes one octet of the golden Config BPDU (LLC included) and parses it.
std::optional<BpduRepr> parse_with(size_t off, uint8_t value, size_t len = 38) {
  uint8_t p[64] = {};
  std::memcpy(p, kConfigFrame + kLlcOff, 38);
  p[off] = value;
  auto v = BpduView::parse_llc(p, len);
  if (!v) return std::nullopt;
  return BpduRepr::parse(*v);
}

TEST(Bpdu, RejectsForeignLlcProtocolAndType) {
  EXPECT_TRUE(parse_with(5, 2));         // version 2 Config BPDU: decoded, engines decide
  EXPECT_FALSE(parse_with(0, 0x43));     // DSAP
  EXPECT_FALSE(parse_with(1, 0xaa));     // SSAP (SNAP)
  EXPECT_FALSE(parse_with(2, 0x13));     // control
  EXPECT_FALSE(parse_with(3, 0x01));     // protocol id 0x0100
  EXPECT_FALSE(parse_with(4, 0x01));     // protocol id 0x0001
  EXPECT_FALSE(parse_with(6, 0x01));     // type 1
  EXPECT_FALSE(parse_with(6, 0x02));     // type 2 needs 36 octets
  EXPECT_TRUE(parse_with(6, 0x02, 39));  // ... and has them
  auto v = BpduView::parse_llc(kConfigFrame + kLlcOff, 7);  // the header alone
  EXPECT_FALSE(v);
  uint8_t unknown[] = {0x42, 0x42, 0x03, 0x00, 0x00, 0x00, 0x55};
  auto u = BpduView::parse_llc(unknown, sizeof(unknown));
  ASSERT_TRUE(u);  // the view takes any type with a header...
  EXPECT_FALSE(u->has_config_fields());
  EXPECT_FALSE(BpduRepr::parse(*u));  // ...the repr only the three it knows
}

TEST(Bpdu, AcceptsAnMstBpduAsItsRstPart) {
  std::vector<uint8_t> mst(kRstFrame + kLlcOff, kRstFrame + sizeof(kRstFrame));
  mst[5] = 3;  // version 3
  mst.resize(mst.size() + 66, 0x5a);
  auto v = BpduView::parse_llc(mst.data(), mst.size());
  ASSERT_TRUE(v);
  auto r = BpduRepr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->version, 3);
  EXPECT_EQ(r->root_id, golden_rst().root_id);
}

TEST(Bpdu, BridgeIdOrderAndFormat) {
  BridgeId a{0x8000, mac("02:42:ac:11:00:02")};
  EXPECT_EQ(a.format(), "8000.2:42:ac:11:0:2");
  EXPECT_EQ((BridgeId{0x0001, mac("00:00:00:00:00:01")}).format(), "0001.0:0:0:0:0:1");
  // Priority first, then the MAC, as the 8 octets compare.
  EXPECT_LT((BridgeId{0x7000, mac("ff:ff:ff:ff:ff:ff")}), (BridgeId{0x8000, kMac1}));
  EXPECT_LT((BridgeId{0x8000, kMac1}), (BridgeId{0x8000, kMac2}));
  uint8_t b[8];
  a.to_bytes(b);
  EXPECT_EQ(BridgeId::from_bytes(b), a);
  EXPECT_EQ(a.as_u64(), 0x80000242ac110002ull);
}

}  // namespace
}  // namespace uvn::wire
