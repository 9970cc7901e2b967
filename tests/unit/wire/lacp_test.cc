#include "wire/lacp.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "golden_frames.h"
#include "test_util.h"
#include "wire/ethernet.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT
using golden::kLacpdu;
using golden::kMarkerInfo;
using golden::kMarkerResponse;

// The golden frames come from scapy.contrib.lacp (golden_frames.py) and decode in tshark 4.0 as
// commented there.
constexpr size_t kPduOff = kEthernetHeaderLen;

LacpduRepr golden_lacpdu() {
  LacpduRepr r;
  r.version = 1;
  r.actor = LacpInfo{0x8000, kMac1, 9, 0xff, 1, 0x3d};
  r.partner = LacpInfo{0xffff, kMac2, 17, 0x80, 2, 0x3f};
  r.collector_max_delay = 5;
  return r;
}

MarkerRepr golden_marker() {
  MarkerRepr m;
  m.requester_port = 3;
  m.requester_system = kMac2;
  m.requester_transaction_id = 0x12345678;
  return m;
}

std::vector<uint8_t> copy_of(const uint8_t* p, size_t n) {
  return std::vector<uint8_t>(p, p + n);
}

TEST(Lacp, DecodesGoldenLacpdu) {
  ASSERT_EQ(sizeof(kLacpdu), kSlowFrameLen);
  auto v = LacpduView::parse(kLacpdu + kPduOff, sizeof(kLacpdu) - kPduOff);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->subtype(), 1);
  EXPECT_EQ(v->version(), 1);
  EXPECT_EQ(v->actor_tlv_type(), 1);
  EXPECT_EQ(v->partner_tlv_type(), 2);
  EXPECT_EQ(v->collector_tlv_type(), 3);
  EXPECT_EQ(v->terminator_tlv_type(), 0);
  EXPECT_EQ(v->terminator_len(), 0);
  LacpInfo a = v->actor();
  EXPECT_EQ(a.system_priority, 0x8000);
  EXPECT_EQ(a.system, kMac1);
  EXPECT_EQ(a.key, 9);
  EXPECT_EQ(a.port_priority, 255);
  EXPECT_EQ(a.port, 1);
  EXPECT_EQ(a.state, kLacpStateActivity | kLacpStateAggregation | kLacpStateSynchronization |
                         kLacpStateCollecting | kLacpStateDistributing);
  EXPECT_EQ(v->partner().state, 0x3f);
  EXPECT_EQ(v->partner().system, kMac2);
  EXPECT_EQ(v->collector_max_delay(), 5);
  EXPECT_EQ(LacpduRepr::parse(*v), golden_lacpdu());
}

TEST(Lacp, EncodesGoldenLacpdu) {
  uint8_t out[kSlowFrameLen + 8];
  std::memset(out, 0xee, sizeof(out));
  size_t n = golden_lacpdu().emit_frame(kMac1, out);
  ASSERT_EQ(n, kSlowFrameLen);
  EXPECT_EQ(bytes_of({out, n}), bytes_of(kLacpdu));
  EXPECT_EQ(out[n], 0xee);  // nothing written past the frame
  uint8_t pdu[kLacpduLen];
  golden_lacpdu().emit(pdu);
  EXPECT_EQ(bytes_of(pdu), bytes_of(kLacpdu, kPduOff));
}

TEST(Lacp, DecodesAndEncodesGoldenMarkers) {
  auto v = MarkerView::parse(kMarkerInfo + kPduOff, sizeof(kMarkerInfo) - kPduOff);
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->is_response());
  EXPECT_EQ(v->tlv_type(), kMarkerTlvInformation);
  EXPECT_EQ(v->requester_port(), 3);
  EXPECT_EQ(v->requester_system(), kMac2);
  EXPECT_EQ(v->requester_transaction_id(), 0x12345678u);
  MarkerRepr info = MarkerRepr::parse(*v);
  EXPECT_EQ(info, golden_marker());

  auto rv = MarkerView::parse(kMarkerResponse + kPduOff, sizeof(kMarkerResponse) - kPduOff);
  ASSERT_TRUE(rv);
  EXPECT_TRUE(rv->is_response());
  EXPECT_EQ(MarkerRepr::parse(*rv), info.as_response());

  uint8_t out[kSlowFrameLen];
  ASSERT_EQ(info.emit_frame(kMac2, out), kSlowFrameLen);
  EXPECT_EQ(bytes_of(out), bytes_of(kMarkerInfo));
  // The responder's answer to the golden Marker Information, from the other end.
  ASSERT_EQ(info.as_response().emit_frame(kMac1, out), kSlowFrameLen);
  EXPECT_EQ(bytes_of(out), bytes_of(kMarkerResponse));
}

TEST(Lacp, ClassifiesFrames) {
  auto kind = [](const std::vector<uint8_t>& f) {
    return classify_slow_frame(f.data(), f.size()).kind;
  };
  auto lacpdu = copy_of(kLacpdu, sizeof(kLacpdu));
  SlowPdu s = classify_slow_frame(lacpdu.data(), lacpdu.size());
  EXPECT_EQ(s.kind, SlowPduKind::kLacpdu);
  EXPECT_EQ(s.data, lacpdu.data() + kPduOff);
  EXPECT_EQ(s.len, kLacpduLen);
  EXPECT_EQ(kind(copy_of(kMarkerInfo, sizeof(kMarkerInfo))), SlowPduKind::kMarkerInformation);
  EXPECT_EQ(kind(copy_of(kMarkerResponse, sizeof(kMarkerResponse))), SlowPduKind::kMarkerResponse);

  // Not ours: another EtherType, another destination, a runt, nullptr.
  auto f = lacpdu;
  f[12] = 0x08;
  f[13] = 0x00;
  EXPECT_EQ(kind(f), SlowPduKind::kNotSlow);
  f = lacpdu;
  f[5] = 0x03;
  EXPECT_EQ(kind(f), SlowPduKind::kNotSlow);
  EXPECT_EQ(classify_slow_frame(lacpdu.data(), 13).kind, SlowPduKind::kNotSlow);
  EXPECT_EQ(classify_slow_frame(nullptr, 124).kind, SlowPduKind::kNotSlow);

  // Truncated anywhere: illegal (the header alone too).
  for (size_t n = kEthernetHeaderLen; n < kSlowFrameLen; ++n)
    EXPECT_EQ(classify_slow_frame(lacpdu.data(), n).kind, SlowPduKind::kIllegal) << n;
  auto marker = copy_of(kMarkerInfo, sizeof(kMarkerInfo));
  for (size_t n = kEthernetHeaderLen; n < kSlowFrameLen; ++n)
    EXPECT_EQ(classify_slow_frame(marker.data(), n).kind, SlowPduKind::kIllegal) << n;

  // Bad Information Length fields.
  for (size_t off : {kPduOff + 3, kPduOff + 23, kPduOff + 43}) {
    f = lacpdu;
    f[off] ^= 1;
    EXPECT_EQ(kind(f), SlowPduKind::kIllegal) << off;
  }
  f = marker;
  f[kPduOff + 3] = 15;
  EXPECT_EQ(kind(f), SlowPduKind::kIllegal);
  // A marker TLV type it does not know.
  f = marker;
  f[kPduOff + 2] = 7;
  EXPECT_EQ(kind(f), SlowPduKind::kMarkerUnknown);
  // Other slow protocols (OAM is 3, OSSP 10) and the illegal subtype values.
  f = lacpdu;
  f[kPduOff] = 3;
  EXPECT_EQ(kind(f), SlowPduKind::kUnknownSubtype);
  f[kPduOff] = 10;
  EXPECT_EQ(kind(f), SlowPduKind::kUnknownSubtype);
  f[kPduOff] = 0;
  EXPECT_EQ(kind(f), SlowPduKind::kIllegal);
  f[kPduOff] = 11;
  EXPECT_EQ(kind(f), SlowPduKind::kIllegal);
}

TEST(Lacp, HigherVersionsAndReservedOctetsAreNotChecked) {
  // Version 2 (802.1AX-2014), other TLV types, a longer PDU and junk in reserved octets and the
  // terminator: still a LACPDU, read as its version 1 part.
  auto f = copy_of(kLacpdu, sizeof(kLacpdu));
  f[kPduOff + 1] = 2;
  f[kPduOff + 2] = 0x41;
  f[kPduOff + 19] = 0xaa;  // actor reserved
  f[kPduOff + 58] = 0x04;  // a TLV where version 1 has the terminator
  f.insert(f.end(), {0x04, 0x06, 0, 0, 0, 0, 0, 0});
  SlowPdu s = classify_slow_frame(f.data(), f.size());
  ASSERT_EQ(s.kind, SlowPduKind::kLacpdu);
  auto v = LacpduView::parse(s.data, s.len);
  ASSERT_TRUE(v);
  LacpduRepr r = LacpduRepr::parse(*v);
  EXPECT_EQ(r.version, 2);
  EXPECT_EQ(r.actor, golden_lacpdu().actor);
  EXPECT_EQ(r.partner, golden_lacpdu().partner);
  // Version 0 too.
  f[kPduOff + 1] = 0;
  EXPECT_EQ(classify_slow_frame(f.data(), f.size()).kind, SlowPduKind::kLacpdu);
}

TEST(Lacp, ViewsRejectWrongSubtypesAndShortInput) {
  const uint8_t* pdu = kLacpdu + kPduOff;
  EXPECT_FALSE(LacpduView::parse(pdu, kLacpduLen - 1));
  EXPECT_FALSE(LacpduView::parse(nullptr, kLacpduLen));
  EXPECT_FALSE(MarkerView::parse(pdu, kLacpduLen));  // a LACPDU is not a marker
  const uint8_t* marker = kMarkerInfo + kPduOff;
  EXPECT_FALSE(LacpduView::parse(marker, kMarkerPduLen));
  EXPECT_FALSE(MarkerView::parse(marker, kMarkerPduLen - 1));
  EXPECT_FALSE(MarkerView::parse(nullptr, kMarkerPduLen));
}

TEST(Lacp, RoundTripsThroughEmit) {
  LacpduRepr r = golden_lacpdu();
  r.version = 3;
  r.actor.state = 0xff;
  r.partner = LacpInfo{1, mac("00:11:22:33:44:55"), 0xffff, 0, 0xffff, 0x80};
  uint8_t buf[kSlowFrameLen];
  size_t n = r.emit_frame(kMac1, buf);
  SlowPdu s = classify_slow_frame(buf, n);
  ASSERT_EQ(s.kind, SlowPduKind::kLacpdu);
  EXPECT_EQ(LacpduRepr::parse(*LacpduView::parse(s.data, s.len)), r);
  EthernetView eth = *EthernetView::parse(buf, n);
  EXPECT_EQ(eth.dst(), kSlowProtocolsMac);
  EXPECT_EQ(eth.src(), kMac1);
  EXPECT_EQ(eth.ethertype(), kEtherTypeSlow);

  MarkerRepr m = golden_marker().as_response();
  m.version = 9;
  n = m.emit_frame(kMac2, buf);
  s = classify_slow_frame(buf, n);
  ASSERT_EQ(s.kind, SlowPduKind::kMarkerResponse);
  EXPECT_EQ(MarkerRepr::parse(*MarkerView::parse(s.data, s.len)), m);
}

TEST(Lacp, PadsShortSlowFramesToTheMinimum) {
  uint8_t buf[64];
  std::memset(buf, 0xee, sizeof(buf));
  buf[kEthernetHeaderLen] = 3;  // a 10-octet OAM-like PDU
  size_t n = emit_slow_frame_header(kMac1, 10, buf);
  EXPECT_EQ(n, kEthernetMinFrameLen);
  EXPECT_EQ(buf[kEthernetHeaderLen], 3);
  EXPECT_EQ(buf[kEthernetHeaderLen + 10], 0);
  EXPECT_EQ(buf[59], 0);
  EXPECT_EQ(buf[60], 0xee);
  EXPECT_EQ(classify_slow_frame(buf, n).kind, SlowPduKind::kUnknownSubtype);
}

}  // namespace
}  // namespace uvn::wire
