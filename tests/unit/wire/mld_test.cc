// MLD: golden packets (scapy, mcast_golden_frames.h), round trips, the extension-header walk,
// and every malformed case of ipv6_mc_check_mld's rules.
#include "wire/mld.h"

#include <gtest/gtest.h>

#include "mcast_golden_frames.h"
#include "test_util.h"
#include "wire/checksum.h"
#include "wire/icmpv6.h"
#include "wire/ip_proto.h"

namespace uvn::wire {
namespace {

using test::Bytes;
using test::ip6;

template <size_t N>
Bytes B(const uint8_t (&a)[N]) {
  return Bytes(a, a + N);
}

McastParse parse(const Bytes& b, McastMessage& m, ChecksumCheck c = ChecksumCheck::kVerify) {
  return parse_mld_packet(b.data(), b.size(), m, c);
}

IpAddr A(const char* s) {
  return IpAddr{ip6(s)};
}

constexpr size_t kIcmp = 48;  // IPv6 header + the 8-byte Hop-by-Hop header

size_t plen(const Bytes& b) {
  return size_t(b[4]) << 8 | b[5];
}
void set_plen(Bytes& b, size_t n) {
  b[4] = uint8_t(n >> 8);
  b[5] = uint8_t(n);
}

// Recomputes the ICMPv6 checksum of a packet whose ICMPv6 message starts at `at`.
void fix_sum(Bytes& b, size_t at = kIcmp) {
  size_t end = 40 + plen(b);
  if (end > b.size() || at + 4 > end) return;
  b[at + 2] = b[at + 3] = 0;
  InternetChecksum c;
  add_pseudo_header_v6(c, Ipv6Addr::from_bytes(b.data() + 8), Ipv6Addr::from_bytes(b.data() + 24),
                       kIpProtoIcmpv6, uint32_t(end - at));
  c.add(b.data() + at, end - at);
  uint16_t s = c.checksum();
  b[at + 2] = uint8_t(s >> 8);
  b[at + 3] = uint8_t(s);
}

void set_addr(Bytes& b, size_t at, const char* a) {
  Ipv6Addr x = ip6(a);
  std::copy(x.b.begin(), x.b.end(), b.begin() + long(at));
}

McastError error_of(const Bytes& b) {
  McastMessage m;
  EXPECT_EQ(parse(b, m), McastParse::kMalformed);
  return m.error;
}

TEST(Mld, GoldenV1ReportAndDone) {
  McastMessage m;
  ASSERT_EQ(parse(B(golden::kMldV1Report), m), McastParse::kOk);
  EXPECT_TRUE(m.ipv6);
  EXPECT_EQ(m.kind, McastMessage::Kind::kReport);
  EXPECT_EQ(m.version, 1);
  EXPECT_EQ(m.type, kMldReport);
  EXPECT_EQ(m.group, A("ff0e::5"));
  EXPECT_EQ(m.src, A("fe80::1"));
  EXPECT_EQ(m.dst, A("ff0e::5"));
  EXPECT_EQ(m.ttl, 1);
  EXPECT_TRUE(m.router_alert);
  EXPECT_EQ(m.ip_proto, kIpProtoIcmpv6);
  EXPECT_EQ(build_mld_v1_report(ip6("fe80::1"), ip6("ff0e::5")), B(golden::kMldV1Report));
  ASSERT_EQ(parse(B(golden::kMldDone), m), McastParse::kOk);
  EXPECT_EQ(m.kind, McastMessage::Kind::kLeave);
  EXPECT_EQ(m.version, 1);
  EXPECT_EQ(m.dst, A("ff02::2"));
  EXPECT_EQ(build_mld_done(ip6("fe80::1"), ip6("ff0e::5")), B(golden::kMldDone));
}

TEST(Mld, GoldenQueries) {
  McastMessage m;
  ASSERT_EQ(parse(B(golden::kMldV1GeneralQuery), m), McastParse::kOk);
  EXPECT_EQ(m.kind, McastMessage::Kind::kQuery);
  EXPECT_EQ(m.version, 1);
  EXPECT_EQ(m.max_resp_ms, 10000u);
  EXPECT_TRUE(m.is_general_query());
  EXPECT_EQ(build_mld_v1_query(ip6("fe80::fe"), ip6("::"), 10000), B(golden::kMldV1GeneralQuery));
  ASSERT_EQ(parse(B(golden::kMldV1GroupQuery), m), McastParse::kOk);
  EXPECT_EQ(m.group, A("ff0e::5"));
  EXPECT_EQ(m.max_resp_ms, 1000u);
  EXPECT_EQ(build_mld_v1_query(ip6("fe80::fe"), ip6("ff0e::5"), 1000), B(golden::kMldV1GroupQuery));

  ASSERT_EQ(parse(B(golden::kMldV2GeneralQuery), m), McastParse::kOk);
  EXPECT_EQ(m.version, 2);
  EXPECT_EQ(m.max_resp_ms, 10000u);
  EXPECT_EQ(m.qrv, 2);
  EXPECT_EQ(m.qqi_s, 125u);
  EXPECT_TRUE(m.is_general_query());
  EXPECT_EQ(build_mld_v2_query(ip6("fe80::fe"), ip6("::"), 10000, false, 2, 125),
            B(golden::kMldV2GeneralQuery));

  ASSERT_EQ(parse(B(golden::kMldV2GsQuery), m), McastParse::kOk);
  EXPECT_TRUE(m.suppress);
  EXPECT_EQ(m.query_sources, (std::vector<IpAddr>{A("2001:db8::9"), A("2001:db8::a")}));
  EXPECT_EQ(build_mld_v2_query(ip6("fe80::fe"), ip6("ff0e::5"), 1000, true, 2, 125,
                               {ip6("2001:db8::9"), ip6("2001:db8::a")}),
            B(golden::kMldV2GsQuery));

  ASSERT_EQ(parse(B(golden::kMldV2QueryExp), m), McastParse::kOk);
  EXPECT_EQ(m.max_resp_ms, 34816u);
  EXPECT_EQ(m.qqi_s, 256u);
  EXPECT_EQ(m.qrv, 3);
}

TEST(Mld, GoldenV2Reports) {
  McastMessage m;
  ASSERT_EQ(parse(B(golden::kMldV2Report), m), McastParse::kOk);
  EXPECT_EQ(m.kind, McastMessage::Kind::kReport);
  EXPECT_EQ(m.version, 2);
  EXPECT_EQ(m.dst, A("ff02::16"));
  std::vector<McastRecord> want = {
      {kChangeToExclude, A("ff02::1:ff00:1"), {}, 0},
      {kModeIsInclude, A("ff0e::5"), {A("2001:db8::9"), A("2001:db8::a")}, 0},
      {kAllowNewSources, A("ff0e::6"), {A("2001:db8::b")}, 0},
  };
  EXPECT_EQ(m.records, want);
  EXPECT_EQ(build_mld_v2_report(ip6("fe80::1"), want), B(golden::kMldV2Report));
  ASSERT_EQ(parse(B(golden::kMldV2ReportUnspecified), m), McastParse::kOk);
  EXPECT_EQ(m.src, A("::"));
  EXPECT_EQ(build_mld_v2_report(ip6("::"), {{kChangeToExclude, A("ff02::1:ff00:1"), {}, 0}}),
            B(golden::kMldV2ReportUnspecified));
}

TEST(Mld, RoundTripsEveryGolden) {
  for (const Bytes& g :
       {B(golden::kMldV1Report), B(golden::kMldDone), B(golden::kMldV1GeneralQuery),
        B(golden::kMldV1GroupQuery), B(golden::kMldV2GeneralQuery), B(golden::kMldV2GsQuery),
        B(golden::kMldV2QueryExp), B(golden::kMldV2Report), B(golden::kMldV2ReportUnspecified)}) {
    McastMessage m, m2;
    ASSERT_EQ(parse(g, m), McastParse::kOk);
    Bytes out = build_mcast_packet(m);
    EXPECT_EQ(out, g);
    EXPECT_EQ(mcast_packet_len(m), g.size());
    ASSERT_EQ(parse_mcast_packet(0x86dd, out.data(), out.size(), m2), McastParse::kOk);
    EXPECT_EQ(m, m2);
  }
}

TEST(Mld, AuxDataRoundTrip) {
  std::vector<McastRecord> recs = {{kModeIsExclude, A("ff0e::1"), {A("2001:db8::1")}, 3},
                                   {kModeIsExclude, A("ff0e::2"), {}, 0}};
  Bytes b = build_mld_v2_report(ip6("fe80::1"), recs);
  McastMessage m;
  ASSERT_EQ(parse(b, m), McastParse::kOk);
  EXPECT_EQ(m.records, recs);
}

TEST(Mld, NoRouterAlertOrOtherHopLimitIsNotAnError) {
  McastMessage m;
  ASSERT_EQ(parse(B(golden::kMldV2GeneralQuery), m), McastParse::kOk);
  m.router_alert = false;
  m.ttl = 255;
  Bytes b = build_mcast_packet(m);  // Hop-by-Hop header with PadN only
  McastMessage p;
  ASSERT_EQ(parse(b, p), McastParse::kOk);
  EXPECT_FALSE(p.router_alert);
  EXPECT_EQ(p.ttl, 255);
  // A Router Alert with another value (1: RSVP) is not MLD's.
  b = B(golden::kMldV1Report);
  b[45] = 1;
  ASSERT_EQ(parse(b, p), McastParse::kOk);
  EXPECT_FALSE(p.router_alert);
}

TEST(Mld, NotMldAtAll) {
  // No Hop-by-Hop header: plain ICMPv6 (or anything) is not MLD to snooping.
  Bytes b = B(golden::kMldV1Report);
  Bytes nohbh(b.begin(), b.begin() + 40);
  nohbh.insert(nohbh.end(), b.begin() + 48, b.end());
  nohbh[6] = kIpProtoIcmpv6;
  set_plen(nohbh, nohbh.size() - 40);
  fix_sum(nohbh, 40);
  McastMessage m;
  EXPECT_EQ(parse(nohbh, m), McastParse::kNotMcastControl);
  EXPECT_EQ(m.ip_proto, kIpProtoIcmpv6);
  EXPECT_EQ(m.dst, A("ff0e::5"));
  // Hop-by-Hop then UDP.
  b[40] = kIpProtoUdp;
  EXPECT_EQ(parse(b, m), McastParse::kNotMcastControl);
  EXPECT_EQ(m.ip_proto, kIpProtoUdp);
}

TEST(Mld, IgnoredIcmpv6) {
  // An MRD advertisement (8 bytes), an echo request behind Hop-by-Hop, an unknown type: kIgnored.
  Bytes b = B(golden::kMldV1Report);
  b.resize(kIcmp + 8);
  set_plen(b, b.size() - 40);
  b[kIcmp] = kIcmpv6MrdAdvert;
  fix_sum(b);
  McastMessage m;
  EXPECT_EQ(parse(b, m), McastParse::kIgnored);
  EXPECT_EQ(m.type, kIcmpv6MrdAdvert);
  b = B(golden::kMldV1Report);
  b[kIcmp] = kIcmpv6EchoRequest;
  fix_sum(b);
  EXPECT_EQ(parse(b, m), McastParse::kIgnored);
  // An MLD type shorter than the 24-byte MLD header (an MLDv2 report without records) is
  // ignored too (Linux -ENODATA), not an error.
  Bytes r = build_mld_v2_report(ip6("fe80::1"), {});
  EXPECT_EQ(r.size(), kIcmp + 8);
  EXPECT_EQ(parse(r, m), McastParse::kIgnored);
  EXPECT_EQ(m.type, kMldv2Report);
}

TEST(Mld, ExtensionHeaderWalk) {
  // Hop-by-Hop, then Destination Options (8 bytes), then ICMPv6.
  Bytes b = B(golden::kMldV1Report);
  b[40] = kIpProtoIpv6DestOpts;
  uint8_t dst_opts[8] = {kIpProtoIcmpv6, 0, kIpv6OptPadN, 4, 0, 0, 0, 0};
  b.insert(b.begin() + kIcmp, dst_opts, dst_opts + 8);
  set_plen(b, b.size() - 40);
  fix_sum(b, kIcmp + 8);
  McastMessage m;
  ASSERT_EQ(parse(b, m), McastParse::kOk);
  EXPECT_TRUE(m.router_alert);
  EXPECT_EQ(m.group, A("ff0e::5"));
  // A later fragment stops the walk: not MLD.
  Bytes f = B(golden::kMldV1Report);
  f[40] = kIpProtoIpv6Fragment;
  uint8_t frag[8] = {kIpProtoIcmpv6, 0, 0x00, 0x08, 0, 0, 0, 1};  // offset 1 (8 bytes)
  f.insert(f.begin() + kIcmp, frag, frag + 8);
  set_plen(f, f.size() - 40);
  EXPECT_EQ(parse(f, m), McastParse::kNotMcastControl);
  // A first fragment is walked through.
  f[kIcmp + 3] = 0x01;  // offset 0, M set
  fix_sum(f, kIcmp + 8);
  EXPECT_EQ(parse(f, m), McastParse::kOk);
}

TEST(Mld, MalformedIpv6Header) {
  Bytes b = B(golden::kMldV1Report);
  EXPECT_EQ(error_of(Bytes(b.begin(), b.begin() + 39)), McastError::kBadIpHeader);
  Bytes v = b;
  v[0] = 0x40;
  EXPECT_EQ(error_of(v), McastError::kBadIpHeader);
  v = b;
  set_plen(v, plen(b) + 1);  // past the buffer
  EXPECT_EQ(error_of(v), McastError::kBadIpHeader);
  v = b;
  set_plen(v, 0);  // empty payload: Linux rejects it
  EXPECT_EQ(error_of(v), McastError::kBadIpHeader);
  // Any IPv6 packet with a broken header is an error, MLD or not.
  v = b;
  v[6] = kIpProtoUdp;
  set_plen(v, 0);
  EXPECT_EQ(error_of(v), McastError::kBadIpHeader);
}

TEST(Mld, MalformedExtensionHeaders) {
  Bytes b = B(golden::kMldV1Report);
  // Hop-by-Hop says 16 bytes: the ICMPv6 header lands past the payload.
  Bytes v = b;
  v[41] = 4;  // (4 + 1) * 8 = 40 bytes, but only 32 follow the IPv6 header
  EXPECT_EQ(error_of(v), McastError::kBadExtHeader);
  // No Next Header after Hop-by-Hop.
  v = b;
  v[40] = kIpProtoIpv6NoNext;
  EXPECT_EQ(error_of(v), McastError::kBadExtHeader);
  // Cut inside the Hop-by-Hop header.
  v = Bytes(b.begin(), b.begin() + 41);
  set_plen(v, 1);
  EXPECT_EQ(error_of(v), McastError::kBadExtHeader);
}

TEST(Mld, MalformedIcmpv6) {
  Bytes b = B(golden::kMldV1Report);
  Bytes t(b.begin(), b.begin() + kIcmp + 6);
  set_plen(t, t.size() - 40);
  EXPECT_EQ(error_of(t), McastError::kTruncated);
  Bytes c = b;
  c[kIcmp + 2] ^= 0x10;
  EXPECT_EQ(error_of(c), McastError::kBadChecksum);
  McastMessage m;
  EXPECT_EQ(parse(c, m, ChecksumCheck::kSkip), McastParse::kOk);
  // The pseudo header counts: another destination breaks the checksum.
  c = b;
  c[39] ^= 1;
  EXPECT_EQ(error_of(c), McastError::kBadChecksum);
}

TEST(Mld, MalformedQueries) {
  // 25 to 27 bytes: neither MLDv1 nor MLDv2.
  for (size_t extra : {1, 2, 3}) {
    Bytes b = B(golden::kMldV1GeneralQuery);
    b.resize(b.size() + extra, 0);
    set_plen(b, b.size() - 40);
    fix_sum(b);
    EXPECT_EQ(error_of(b), McastError::kBadQueryLength) << extra;
  }
  // The source must be link-local (v1 and v2).
  for (const Bytes& g : {B(golden::kMldV1GeneralQuery), B(golden::kMldV2GeneralQuery)}) {
    Bytes b = g;
    set_addr(b, 8, "2001:db8::fe");
    fix_sum(b);
    EXPECT_EQ(error_of(b), McastError::kQuerySourceNotLinkLocal);
    b = g;
    set_addr(b, 8, "::");
    fix_sum(b);
    EXPECT_EQ(error_of(b), McastError::kQuerySourceNotLinkLocal);
  }
  // General queries go to ff02::1.
  for (const Bytes& g : {B(golden::kMldV1GeneralQuery), B(golden::kMldV2GeneralQuery)}) {
    Bytes b = g;
    set_addr(b, 24, "ff02::2");
    fix_sum(b);
    EXPECT_EQ(error_of(b), McastError::kGeneralQueryDst);
  }
  // Reports need no link-local source (snooping does not check it).
  Bytes r = B(golden::kMldV1Report);
  set_addr(r, 8, "2001:db8::1");
  fix_sum(r);
  McastMessage m;
  EXPECT_EQ(parse(r, m), McastParse::kOk);
}

TEST(Mld, QuerySourcesBeyondThePayload) {
  Bytes b = B(golden::kMldV2GsQuery);
  b[kIcmp + 27] = 5;
  fix_sum(b);
  McastMessage m;
  ASSERT_EQ(parse(b, m), McastParse::kOk);
  EXPECT_TRUE(m.sources_truncated);
  EXPECT_EQ(m.query_nsrcs, 5);
  EXPECT_TRUE(m.query_sources.empty());
}

TEST(Mld, MalformedV2Reports) {
  const Bytes g = B(golden::kMldV2Report);
  Bytes b = g;
  b[kIcmp + 7] = 4;  // 4 records announced, 3 present
  fix_sum(b);
  EXPECT_EQ(error_of(b), McastError::kRecordTruncated);
  b = g;
  b.resize(128 + 10);  // the third record's header cut
  set_plen(b, b.size() - 40);
  fix_sum(b);
  EXPECT_EQ(error_of(b), McastError::kRecordTruncated);
  b = g;
  b.resize(b.size() - 16);  // the third record's source cut
  set_plen(b, b.size() - 40);
  fix_sum(b);
  EXPECT_EQ(error_of(b), McastError::kSourcesTruncated);
  b = g;
  b[79] = 7;  // the second record announces 7 sources
  fix_sum(b);
  EXPECT_EQ(error_of(b), McastError::kSourcesTruncated);
  b = g;
  b[129] = 1;  // the third record announces an aux word
  fix_sum(b);
  EXPECT_EQ(error_of(b), McastError::kAuxTruncated);
}

}  // namespace
}  // namespace uvn::wire
