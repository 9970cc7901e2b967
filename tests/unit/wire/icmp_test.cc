#include "wire/icmp.h"

#include <gtest/gtest.h>

#include <cstring>

#include "golden_frames.h"
#include "test_util.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

constexpr const uint8_t* kEcho = golden::kIcmpEcho + 34;
constexpr size_t kEchoLen = sizeof(golden::kIcmpEcho) - 34;
constexpr char kPayload[] = "uvn-ping-payload!";
const std::span<const uint8_t> kPayloadSpan = bytes_span(kPayload, 17);

TEST(Icmp, DecodesGoldenEchoRequest) {
  auto v = IcmpView::parse(kEcho, kEchoLen);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->type(), kIcmpEchoRequest);
  EXPECT_EQ(v->code(), 0);
  EXPECT_EQ(v->checksum(), 0xacc0);
  EXPECT_EQ(v->ident(), 0x0b0c);
  EXPECT_EQ(v->seq(), 1);
  EXPECT_EQ(v->rest_of_header(), 0x0b0c0001u);
  EXPECT_EQ(bytes_of({v->payload(), v->payload_len()}), bytes_of(kPayloadSpan));
  EXPECT_TRUE(v->verify_checksum());
  auto r = IcmpRepr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, IcmpRepr::echo_request(0x0b0c, 1, kPayloadSpan));
  EXPECT_TRUE(r->is_echo());
  EXPECT_EQ(r->ident(), 0x0b0c);
  EXPECT_EQ(r->seq(), 1);
  EXPECT_EQ(r->payload.data(), kEcho + 8);  // borrowed, not copied
}

TEST(Icmp, EncodesGoldenEchoRequestAndReply) {
  uint8_t out[8 + 17];
  auto req = IcmpRepr::echo_request(0x0b0c, 1, kPayloadSpan);
  ASSERT_EQ(req.buffer_len(), sizeof(out));
  EXPECT_EQ(req.header_len(), 8u);
  req.emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of({kEcho, kEchoLen}));
  IcmpRepr::echo_reply(0x0b0c, 1, kPayloadSpan).emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of(golden::kIcmpEchoReply, 34));
}

TEST(Icmp, EchoReplyInPlace) {
  // The stack may turn a request into a reply in the same buffer.
  uint8_t buf[8 + 17];
  std::memcpy(buf, kEcho, kEchoLen);
  auto req = IcmpRepr::parse(*IcmpView::parse(buf, sizeof(buf)));
  ASSERT_TRUE(req);
  IcmpRepr::echo_reply(req->ident(), req->seq(), req->payload).emit(buf);
  EXPECT_EQ(bytes_of(buf), bytes_of(golden::kIcmpEchoReply, 34));
}

TEST(Icmp, DecodesAndEncodesPortUnreachable) {
  const uint8_t* p = golden::kIcmpPortUnreach + 34;
  size_t n = sizeof(golden::kIcmpPortUnreach) - 34;
  auto v = IcmpView::parse(p, n);
  ASSERT_TRUE(v);
  auto r = IcmpRepr::parse(*v);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, kIcmpDestUnreachable);
  EXPECT_EQ(r->code, kIcmpPortUnreachable);
  EXPECT_EQ(r->rest, 0u);
  ASSERT_EQ(r->payload.size(), 32u);  // quoted IPv4 header + UDP header + 4 bytes
  EXPECT_EQ(r->payload[0], 0x45);

  Bytes original = bytes_of({p + 8, 32});
  auto e = IcmpRepr::dest_unreachable(kIcmpPortUnreachable, original);
  EXPECT_EQ(e, *r);
  Bytes out(e.buffer_len());
  e.emit(out.data());
  EXPECT_EQ(out, bytes_of({p, n}));
}

TEST(Icmp, CarriesNextHopMtuAndTimeExceeded) {
  const uint8_t quote[28] = {0x45};
  auto fn = IcmpRepr::dest_unreachable(kIcmpFragNeeded, quote, 1400);
  uint8_t out[36];
  fn.emit(out);
  EXPECT_EQ(out[6] << 8 | out[7], 1400);
  auto v = IcmpView::parse(out, sizeof(out));
  ASSERT_TRUE(v);
  EXPECT_EQ(IcmpRepr::parse(*v), fn);

  auto te = IcmpRepr::time_exceeded(kIcmpTtlExceeded, quote);
  te.emit(out);
  EXPECT_EQ(out[0], kIcmpTimeExceeded);
  EXPECT_EQ(IcmpRepr::parse(*IcmpView::parse(out, sizeof(out))), te);
}

TEST(Icmp, RejectsBadChecksumUnlessSkipped) {
  uint8_t buf[8 + 17];
  std::memcpy(buf, kEcho, kEchoLen);
  buf[20] ^= 1;
  auto v = IcmpView::parse(buf, sizeof(buf));
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->verify_checksum());
  EXPECT_FALSE(IcmpRepr::parse(*v));
  EXPECT_TRUE(IcmpRepr::parse(*v, ChecksumCheck::kSkip));
}

TEST(Icmp, EveryTruncationIsRejected) {
  for (size_t n = 0; n < kEchoLen; ++n) {
    auto v = IcmpView::parse(kEcho, n);
    EXPECT_EQ(bool(v), n >= 8) << n;
    if (!v) continue;
    EXPECT_FALSE(IcmpRepr::parse(*v)) << n;  // the checksum no longer matches
    auto r = IcmpRepr::parse(*v, ChecksumCheck::kSkip);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->payload.size(), n - 8);
  }
  EXPECT_FALSE(IcmpView::parse(nullptr, 8));
}

TEST(Icmp, GenericTypesParse) {
  uint8_t msg[8] = {42, 7, 0, 0, 1, 2, 3, 4};
  uint16_t c = internet_checksum(msg, sizeof(msg));
  msg[2] = uint8_t(c >> 8);
  msg[3] = uint8_t(c);
  auto r = IcmpRepr::parse(*IcmpView::parse(msg, sizeof(msg)));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->type, 42);
  EXPECT_EQ(r->code, 7);
  EXPECT_EQ(r->rest, 0x01020304u);
  EXPECT_TRUE(r->payload.empty());
  EXPECT_FALSE(r->is_echo());
  uint8_t out[8];
  r->emit(out);
  EXPECT_EQ(bytes_of(out), bytes_of(msg));
}

}  // namespace
}  // namespace uvn::wire
