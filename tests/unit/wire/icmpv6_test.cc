#include "wire/icmpv6.h"

#include <gtest/gtest.h>

#include <cstring>

#include "golden_frames.h"
#include "test_util.h"
#include "wire/ip_proto.h"

namespace uvn::wire {
namespace {

using namespace test;  // NOLINT

// The IPv6 header and ICMPv6 message of a golden frame.
struct Packet {
  Ipv6Repr ip;
  Bytes icmp;
};

Packet packet_of(std::span<const uint8_t> frame) {
  auto v = Ipv6View::parse(frame.data() + 14, frame.size() - 14);
  EXPECT_TRUE(v);
  auto r = Ipv6Repr::parse(*v);
  EXPECT_TRUE(r);
  return Packet{*r, bytes_of({v->payload(), v->payload_len()})};
}

std::optional<Icmpv6Repr> parse(const Bytes& m, const Ipv6Repr& ip,
                                ChecksumCheck check = ChecksumCheck::kVerify) {
  auto v = Icmpv6View::parse(m.data(), m.size());
  if (!v) return std::nullopt;
  return Icmpv6Repr::parse(*v, ip, check);
}

// Recomputes the checksum of a message edited by a test.
void fix_checksum(Bytes& m, const Ipv6Repr& ip) {
  m[2] = m[3] = 0;
  InternetChecksum c;
  add_pseudo_header_v6(c, ip.src, ip.dst, kIpProtoIcmpv6, uint32_t(m.size()));
  c.add(m.data(), m.size());
  m[2] = uint8_t(c.checksum() >> 8);
  m[3] = uint8_t(c.checksum());
}

Bytes emit(const Icmpv6Repr& r, const Ipv6Repr& ip) {
  Bytes out(r.buffer_len());
  r.emit(out.data(), ip.src, ip.dst);
  return out;
}

TEST(Icmpv6, DecodesAndEncodesGoldenEcho) {
  Packet p = packet_of(golden::kIcmpv6Echo);
  auto v = Icmpv6View::parse(p.icmp.data(), p.icmp.size());
  ASSERT_TRUE(v);
  EXPECT_EQ(v->type(), kIcmpv6EchoRequest);
  EXPECT_EQ(v->ident(), 0x1234);
  EXPECT_EQ(v->seq(), 7);
  EXPECT_TRUE(v->verify_checksum(p.ip.src, p.ip.dst));
  EXPECT_FALSE(v->verify_checksum(p.ip.dst, ip6("2001:db8::3")));
  auto r = Icmpv6Repr::parse(*v, p.ip);
  ASSERT_TRUE(r);
  Icmpv6Repr want{Icmpv6Echo{true, 0x1234, 7, bytes_span("0123456789", 10)}};
  EXPECT_EQ(*r, want);
  EXPECT_EQ(r->type(), kIcmpv6EchoRequest);
  EXPECT_EQ(r->header_len(), 8u);
  EXPECT_EQ(emit(want, p.ip), p.icmp);

  Packet q = packet_of(golden::kIcmpv6EchoReply);
  Icmpv6Repr reply{Icmpv6Echo{false, 0x1234, 7, bytes_span("0123456789", 10)}};
  EXPECT_EQ(parse(q.icmp, q.ip), reply);
  EXPECT_EQ(emit(reply, q.ip), q.icmp);
}

TEST(Icmpv6, DecodesAndEncodesGoldenNeighborSolicit) {
  Packet p = packet_of(golden::kNdpNs);
  ASSERT_EQ(p.icmp.size(), 32u);
  auto v = Icmpv6View::parse(p.icmp.data(), p.icmp.size());
  ASSERT_TRUE(v);
  EXPECT_EQ(v->target(), ip6("fe80::2"));
  auto r = Icmpv6Repr::parse(*v, p.ip);
  ASSERT_TRUE(r);
  Icmpv6Repr want{NdpNeighborSolicit{ip6("fe80::2"), kMac1}};
  EXPECT_EQ(*r, want);
  EXPECT_EQ(r->header_len(), 24u);
  EXPECT_EQ(r->buffer_len(), 32u);
  EXPECT_EQ(emit(want, p.ip), p.icmp);
}

TEST(Icmpv6, DecodesAndEncodesGoldenDadSolicit) {
  Packet p = packet_of(golden::kNdpNsDad);
  EXPECT_TRUE(p.ip.src.is_zero());
  Icmpv6Repr want{NdpNeighborSolicit{ip6("fe80::2"), std::nullopt}};
  EXPECT_EQ(parse(p.icmp, p.ip), want);
  EXPECT_EQ(emit(want, p.ip), p.icmp);
}

TEST(Icmpv6, DecodesAndEncodesGoldenNeighborAdvert) {
  Packet p = packet_of(golden::kNdpNa);
  auto v = Icmpv6View::parse(p.icmp.data(), p.icmp.size());
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->router_flag());
  EXPECT_TRUE(v->solicited_flag());
  EXPECT_TRUE(v->override_flag());
  Icmpv6Repr want{NdpNeighborAdvert{false, true, true, ip6("fe80::2"), kMac2}};
  EXPECT_EQ(Icmpv6Repr::parse(*v, p.ip), want);
  EXPECT_EQ(emit(want, p.ip), p.icmp);
}

TEST(Icmpv6, DecodesAndEncodesGoldenRouterSolicit) {
  Packet p = packet_of(golden::kNdpRs);
  Icmpv6Repr want{NdpRouterSolicit{kMac1}};
  EXPECT_EQ(parse(p.icmp, p.ip), want);
  EXPECT_EQ(want.type(), kNdpRouterSolicit);
  EXPECT_EQ(emit(want, p.ip), p.icmp);
}

TEST(Icmpv6, OtherTypesParseGenerically) {
  Packet p = packet_of(golden::kNdpRa);
  auto r = parse(p.icmp, p.ip);
  ASSERT_TRUE(r);
  auto* o = std::get_if<Icmpv6Other>(&r->msg);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->type, kNdpRouterAdvert);
  EXPECT_EQ(o->code, 0);
  EXPECT_EQ(o->rest & 0xffff, 1800u);  // router lifetime
  EXPECT_EQ(o->body.size(), p.icmp.size() - 8);
  EXPECT_EQ(emit(*r, p.ip), p.icmp);

  // An error message keeps its 4 bytes (here the MTU of Packet Too Big) and its quote.
  Icmpv6Repr ptb{Icmpv6Other{kIcmpv6PacketTooBig, 0, 1280, bytes_span("quoted", 6)}};
  Bytes m = emit(ptb, p.ip);
  EXPECT_EQ(parse(m, p.ip), ptb);
}

TEST(Icmpv6, RejectsBadChecksums) {
  Packet p = packet_of(golden::kNdpNs);
  p.icmp[10] ^= 0x40;
  EXPECT_FALSE(parse(p.icmp, p.ip));
  EXPECT_TRUE(parse(p.icmp, p.ip, ChecksumCheck::kSkip));
  Ipv6Repr other = p.ip;
  other.src = ip6("fe80::99");
  Packet q = packet_of(golden::kNdpNs);
  EXPECT_FALSE(parse(q.icmp, other));
}

TEST(Icmpv6, EveryTruncationOfAnNsIsRejected) {
  Packet p = packet_of(golden::kNdpNs);
  for (size_t n = 0; n < p.icmp.size(); ++n) {
    Bytes m(p.icmp.begin(), p.icmp.begin() + ptrdiff_t(n));
    Ipv6Repr ip = p.ip;
    ip.payload_len = uint16_t(n);
    EXPECT_FALSE(parse(m, ip)) << n;
    // Without the checksum, only the NS cut just before its option is whole.
    auto r = parse(m, ip, ChecksumCheck::kSkip);
    EXPECT_EQ(bool(r), n == 24) << n;
  }
}

TEST(Icmpv6, EveryTruncationOfAnEchoIsSafe) {
  Packet p = packet_of(golden::kIcmpv6Echo);
  for (size_t n = 0; n < p.icmp.size(); ++n) {
    Bytes m(p.icmp.begin(), p.icmp.begin() + ptrdiff_t(n));
    EXPECT_FALSE(parse(m, p.ip)) << n;
    auto r = parse(m, p.ip, ChecksumCheck::kSkip);
    ASSERT_EQ(bool(r), n >= 8) << n;
    if (r) {
      EXPECT_EQ(std::get<Icmpv6Echo>(r->msg).data.size(), n - 8);
    }
  }
}

TEST(Icmpv6, EnforcesNeighborDiscoveryRules) {
  Packet ns = packet_of(golden::kNdpNs);
  Ipv6Repr ip = ns.ip;
  ip.hop_limit = 254;  // RFC 4861 7.1.1: a forwarded ND message is invalid
  EXPECT_FALSE(parse(ns.icmp, ip));

  Bytes code1 = ns.icmp;
  code1[1] = 1;
  fix_checksum(code1, ns.ip);
  EXPECT_FALSE(parse(code1, ns.ip));

  Bytes mcast_target = ns.icmp;
  mcast_target[8] = 0xff;
  fix_checksum(mcast_target, ns.ip);
  EXPECT_FALSE(parse(mcast_target, ns.ip));

  // DAD with a source link-layer address option, or not to a solicited-node group.
  Ipv6Repr dad = ns.ip;
  dad.src = Ipv6Addr{};
  Bytes with_slla = emit(Icmpv6Repr{NdpNeighborSolicit{ip6("fe80::2"), kMac1}}, dad);
  EXPECT_FALSE(parse(with_slla, dad));
  Icmpv6Repr dad_ns{NdpNeighborSolicit{ip6("fe80::2"), std::nullopt}};
  EXPECT_TRUE(parse(emit(dad_ns, dad), dad));
  dad.dst = ip6("fe80::2");
  EXPECT_FALSE(parse(emit(dad_ns, dad), dad));

  // NA with the Solicited flag to a multicast group.
  Packet na = packet_of(golden::kNdpNa);
  Ipv6Repr to_all = na.ip;
  to_all.dst = ip6("ff02::1");
  Icmpv6Repr sol{NdpNeighborAdvert{false, true, true, ip6("fe80::2"), kMac2}};
  EXPECT_FALSE(parse(emit(sol, to_all), to_all));
  Icmpv6Repr unsol{NdpNeighborAdvert{false, false, true, ip6("fe80::2"), kMac2}};
  EXPECT_EQ(parse(emit(unsol, to_all), to_all), unsol);

  // RS from the unspecified address must not carry a source link-layer address.
  Packet rs = packet_of(golden::kNdpRs);
  Ipv6Repr rs_ip = rs.ip;
  rs_ip.src = Ipv6Addr{};
  EXPECT_FALSE(parse(emit(Icmpv6Repr{NdpRouterSolicit{kMac1}}, rs_ip), rs_ip));
  EXPECT_TRUE(parse(emit(Icmpv6Repr{NdpRouterSolicit{}}, rs_ip), rs_ip));
}

// An NS for fe80::2 followed by `opts`, with a correct checksum.
Bytes ns_with_options(const Packet& ns, const Bytes& opts) {
  Bytes m(ns.icmp.begin(), ns.icmp.begin() + 24);
  m.insert(m.end(), opts.begin(), opts.end());
  fix_checksum(m, ns.ip);
  return m;
}

TEST(Icmpv6, ParsesOptionsSafely) {
  Packet ns = packet_of(golden::kNdpNs);
  const Bytes slla1 = {1, 1, 2, 0, 0, 0, 0, 0x11};
  const Bytes slla2 = {1, 1, 2, 0, 0, 0, 0, 0x22};
  const Bytes nonce = {14, 1, 1, 2, 3, 4, 5, 6};
  // nullopt when the NS is rejected; else its source link-layer address (maybe none).
  auto parse_ns = [&](const Bytes& opts) -> std::optional<NdpNeighborSolicit> {
    auto r = parse(ns_with_options(ns, opts), ns.ip);
    if (!r) return std::nullopt;
    return std::get<NdpNeighborSolicit>(r->msg);
  };
  // Unknown options are skipped; the first link-layer address counts.
  Bytes a = nonce;
  a.insert(a.end(), slla1.begin(), slla1.end());
  a.insert(a.end(), slla2.begin(), slla2.end());
  auto r = parse_ns(a);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->source_lladdr, mac("02:00:00:00:00:11"));
  // A link-layer address option of another length is ignored.
  r = parse_ns({1, 2, 2, 0, 0, 0, 0, 0x33, 0, 0, 0, 0, 0, 0, 0, 0});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->source_lladdr);
  // Length 0, a length running past the end, and a lone type byte are malformed.
  EXPECT_FALSE(parse_ns({1, 0, 2, 0, 0, 0, 0, 0x11}));
  EXPECT_FALSE(parse_ns({1, 2, 2, 0, 0, 0, 0, 0x11}));
  EXPECT_FALSE(parse_ns({1}));
  Bytes then_zero = slla1;
  then_zero.insert(then_zero.end(), {14, 0, 0, 0, 0, 0, 0, 0});
  EXPECT_FALSE(parse_ns(then_zero));
}

TEST(NdpOptionReader, WalksAndStops) {
  const uint8_t opts[] = {1, 1, 2, 0, 0, 0, 0, 1, 5, 1, 0, 0, 0, 0, 5, 0xdc, 3, 0};
  NdpOptionReader r(opts, sizeof(opts));
  auto a = r.next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->type, kNdpOptSourceLinkAddr);
  EXPECT_EQ(a->len, 8u);
  auto b = r.next();
  ASSERT_TRUE(b);
  EXPECT_EQ(b->type, kNdpOptMtu);
  EXPECT_EQ(b->data, opts + 8);
  EXPECT_FALSE(r.next());  // {3, 0}: length zero
  EXPECT_TRUE(r.malformed());
  EXPECT_FALSE(r.next());

  NdpOptionReader empty(opts, 0);
  EXPECT_FALSE(empty.next());
  EXPECT_FALSE(empty.malformed());
}

TEST(Icmpv6, ViewRequiresTheNdMinimum) {
  Packet na = packet_of(golden::kNdpNa);
  EXPECT_FALSE(Icmpv6View::parse(na.icmp.data(), 23));
  EXPECT_TRUE(Icmpv6View::parse(na.icmp.data(), 24));
  Packet echo = packet_of(golden::kIcmpv6Echo);
  EXPECT_FALSE(Icmpv6View::parse(echo.icmp.data(), 7));
  EXPECT_TRUE(Icmpv6View::parse(echo.icmp.data(), 8));
  EXPECT_FALSE(Icmpv6View::parse(nullptr, 64));
}

}  // namespace
}  // namespace uvn::wire
