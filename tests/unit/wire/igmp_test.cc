// IGMP: golden packets (scapy, mcast_golden_frames.h), round trips, the exponential codes, the
// group MAC, and every malformed case of ip_mc_check_igmp's rules.
#include "wire/igmp.h"

#include <gtest/gtest.h>

#include "mcast_golden_frames.h"
#include "test_util.h"
#include "wire/checksum.h"

namespace uvn::wire {
namespace {

using test::Bytes;
using test::ip4;

template <size_t N>
Bytes B(const uint8_t (&a)[N]) {
  return Bytes(a, a + N);
}

McastParse parse(const Bytes& b, McastMessage& m, ChecksumCheck c = ChecksumCheck::kVerify) {
  return parse_igmp_packet(b.data(), b.size(), m, c);
}

// Recomputes the IPv4 header checksum and the IGMP checksum (IHL 6: IGMP at 24) after an edit.
void fix_sums(Bytes& b) {
  size_t hl = size_t(b[0] & 15) * 4;
  size_t total = size_t(b[2]) << 8 | b[3];
  b[10] = b[11] = 0;
  uint16_t s = internet_checksum(b.data(), hl);
  b[10] = uint8_t(s >> 8);
  b[11] = uint8_t(s);
  if (total > b.size() || total < hl + 4) return;
  b[hl + 2] = b[hl + 3] = 0;
  s = internet_checksum(b.data() + hl, total - hl);
  b[hl + 2] = uint8_t(s >> 8);
  b[hl + 3] = uint8_t(s);
}

void set_total(Bytes& b, size_t total) {
  b[2] = uint8_t(total >> 8);
  b[3] = uint8_t(total);
}

IpAddr A(const char* s) {
  return IpAddr{ip4(s)};
}

TEST(Igmp, GoldenV2Report) {
  McastMessage m;
  ASSERT_EQ(parse(B(golden::kIgmpV2Report), m), McastParse::kOk);
  EXPECT_EQ(m.kind, McastMessage::Kind::kReport);
  EXPECT_FALSE(m.ipv6);
  EXPECT_EQ(m.version, 2);
  EXPECT_EQ(m.type, kIgmpV2Report);
  EXPECT_EQ(m.group, A("239.1.1.1"));
  EXPECT_EQ(m.src, A("10.0.0.1"));
  EXPECT_EQ(m.dst, A("239.1.1.1"));
  EXPECT_EQ(m.ttl, 1);
  EXPECT_TRUE(m.router_alert);
  EXPECT_EQ(build_igmp_v2_report(ip4("10.0.0.1"), ip4("239.1.1.1")), B(golden::kIgmpV2Report));
}

TEST(Igmp, GoldenV1ReportAndLeave) {
  McastMessage m;
  ASSERT_EQ(parse(B(golden::kIgmpV1Report), m), McastParse::kOk);
  EXPECT_EQ(m.kind, McastMessage::Kind::kReport);
  EXPECT_EQ(m.version, 1);
  EXPECT_EQ(build_igmp_v1_report(ip4("10.0.0.1"), ip4("239.1.1.1")), B(golden::kIgmpV1Report));
  ASSERT_EQ(parse(B(golden::kIgmpLeave), m), McastParse::kOk);
  EXPECT_EQ(m.kind, McastMessage::Kind::kLeave);
  EXPECT_EQ(m.version, 2);
  EXPECT_EQ(m.group, A("239.1.1.1"));
  EXPECT_EQ(m.dst, A("224.0.0.2"));
  EXPECT_EQ(build_igmp_leave(ip4("10.0.0.1"), ip4("239.1.1.1")), B(golden::kIgmpLeave));
}

TEST(Igmp, GoldenV1V2Queries) {
  McastMessage m;
  ASSERT_EQ(parse(B(golden::kIgmpV1Query), m), McastParse::kOk);
  EXPECT_EQ(m.kind, McastMessage::Kind::kQuery);
  EXPECT_EQ(m.version, 1);
  EXPECT_EQ(m.max_resp_ms, 10000u);
  EXPECT_TRUE(m.is_general_query());
  EXPECT_EQ(build_igmp_v2_query(ip4("10.0.0.254"), ip4("0.0.0.0"), 0), B(golden::kIgmpV1Query));

  ASSERT_EQ(parse(B(golden::kIgmpV2GeneralQuery), m), McastParse::kOk);
  EXPECT_EQ(m.version, 2);
  EXPECT_EQ(m.max_resp_ms, 10000u);
  EXPECT_TRUE(m.is_general_query());
  EXPECT_EQ(build_igmp_v2_query(ip4("10.0.0.254"), ip4("0.0.0.0"), 10000),
            B(golden::kIgmpV2GeneralQuery));

  ASSERT_EQ(parse(B(golden::kIgmpV2GroupQuery), m), McastParse::kOk);
  EXPECT_EQ(m.version, 2);
  EXPECT_EQ(m.max_resp_ms, 1000u);
  EXPECT_FALSE(m.is_general_query());
  EXPECT_EQ(m.group, A("239.1.1.1"));
  EXPECT_EQ(build_igmp_v2_query(ip4("10.0.0.254"), ip4("239.1.1.1"), 1000),
            B(golden::kIgmpV2GroupQuery));
}

TEST(Igmp, V1QueryWithAGroupIsGeneral) {
  // Code 0: an IGMPv1 router; Linux ignores the group field and takes it as general, and the
  // all-systems rule looks at the raw group, so another destination is fine.
  Bytes b = B(golden::kIgmpV2GroupQuery);
  b[25] = 0;
  fix_sums(b);
  McastMessage m;
  ASSERT_EQ(parse(b, m), McastParse::kOk);
  EXPECT_EQ(m.version, 1);
  EXPECT_TRUE(m.is_general_query());
}

TEST(Igmp, GoldenV3Queries) {
  McastMessage m;
  ASSERT_EQ(parse(B(golden::kIgmpV3GeneralQuery), m), McastParse::kOk);
  EXPECT_EQ(m.version, 3);
  EXPECT_EQ(m.max_resp_ms, 10000u);
  EXPECT_EQ(m.qrv, 2);
  EXPECT_EQ(m.qqi_s, 125u);
  EXPECT_FALSE(m.suppress);
  EXPECT_TRUE(m.is_general_query());
  EXPECT_EQ(build_igmp_v3_query(ip4("10.0.0.254"), ip4("0.0.0.0"), 10000, false, 2, 125),
            B(golden::kIgmpV3GeneralQuery));

  ASSERT_EQ(parse(B(golden::kIgmpV3GsQuery), m), McastParse::kOk);
  EXPECT_EQ(m.group, A("239.1.1.1"));
  EXPECT_TRUE(m.suppress);
  EXPECT_EQ(m.max_resp_ms, 1000u);
  EXPECT_EQ(m.query_nsrcs, 2);
  EXPECT_FALSE(m.sources_truncated);
  EXPECT_EQ(m.query_sources, (std::vector<IpAddr>{A("10.0.0.9"), A("10.0.0.10")}));
  EXPECT_EQ(build_igmp_v3_query(ip4("10.0.0.254"), ip4("239.1.1.1"), 1000, true, 2, 125,
                                {ip4("10.0.0.9"), ip4("10.0.0.10")}),
            B(golden::kIgmpV3GsQuery));

  ASSERT_EQ(parse(B(golden::kIgmpV3QueryExp), m), McastParse::kOk);
  EXPECT_EQ(m.max_resp_ms, 24800u);  // 0x8f: (0xf | 0x10) << 3 tenths
  EXPECT_EQ(m.qqi_s, 256u);          // 0x90: 0x10 << 4
  EXPECT_EQ(m.qrv, 7);
  EXPECT_EQ(build_mcast_packet(m), B(golden::kIgmpV3QueryExp));
}

TEST(Igmp, GoldenV3Report) {
  McastMessage m;
  ASSERT_EQ(parse(B(golden::kIgmpV3Report), m), McastParse::kOk);
  EXPECT_EQ(m.kind, McastMessage::Kind::kReport);
  EXPECT_EQ(m.version, 3);
  EXPECT_EQ(m.dst, A("224.0.0.22"));
  std::vector<McastRecord> want = {
      {kChangeToExclude, A("239.1.1.1"), {}, 0},
      {kModeIsInclude, A("239.2.2.2"), {A("10.0.0.9"), A("10.0.0.10")}, 0},
      {kBlockOldSources, A("239.3.3.3"), {A("10.0.0.11")}, 0},
  };
  EXPECT_EQ(m.records, want);
  EXPECT_EQ(build_igmp_v3_report(ip4("10.0.0.1"), want), B(golden::kIgmpV3Report));
}

TEST(Igmp, RoundTripsEveryGolden) {
  for (const Bytes& g :
       {B(golden::kIgmpV1Report), B(golden::kIgmpV2Report), B(golden::kIgmpLeave),
        B(golden::kIgmpV1Query), B(golden::kIgmpV2GeneralQuery), B(golden::kIgmpV2GroupQuery),
        B(golden::kIgmpV3GeneralQuery), B(golden::kIgmpV3GsQuery), B(golden::kIgmpV3QueryExp),
        B(golden::kIgmpV3Report)}) {
    McastMessage m, m2;
    ASSERT_EQ(parse(g, m), McastParse::kOk);
    Bytes out = build_mcast_packet(m);
    EXPECT_EQ(out, g);
    EXPECT_EQ(mcast_packet_len(m), g.size());
    ASSERT_EQ(parse(out, m2), McastParse::kOk);
    EXPECT_EQ(m, m2);
  }
}

TEST(Igmp, AuxDataRoundTripAndSkip) {
  std::vector<McastRecord> recs = {{kModeIsExclude, A("239.1.1.1"), {}, 2},
                                   {kAllowNewSources, A("239.1.1.2"), {A("10.0.0.1")}, 0}};
  Bytes b = build_igmp_v3_report(ip4("10.0.0.1"), recs);
  EXPECT_EQ(b.size(), 24u + 8 + (8 + 8) + (8 + 4));
  McastMessage m;
  ASSERT_EQ(parse(b, m), McastParse::kOk);
  EXPECT_EQ(m.records, recs);
}

TEST(Igmp, WithoutRouterAlertAndOtherTtl) {
  McastMessage m;
  m.kind = McastMessage::Kind::kReport;
  m.version = 2;
  m.src = A("10.0.0.1");
  m.dst = A("0.0.0.0");
  m.group = A("239.9.9.9");
  m.router_alert = false;
  m.ttl = 7;
  Bytes b = build_mcast_packet(m);
  EXPECT_EQ(b.size(), 28u);
  McastMessage p;
  // Linux checks neither: still a valid report.
  ASSERT_EQ(parse(b, p), McastParse::kOk);
  EXPECT_FALSE(p.router_alert);
  EXPECT_EQ(p.ttl, 7);
  EXPECT_EQ(p.dst, A("239.9.9.9"));
}

TEST(Igmp, NotIgmp) {
  Bytes b = B(golden::kIgmpV2Report);
  b[9] = 17;  // UDP
  fix_sums(b);
  McastMessage m;
  EXPECT_EQ(parse(b, m), McastParse::kNotMcastControl);
  EXPECT_EQ(m.ip_proto, 17);
  EXPECT_EQ(m.dst, A("239.1.1.1"));
  EXPECT_FALSE(m.pim_hello);
  // PIMv2 Hello to 224.0.0.13.
  b = B(golden::kIgmpV2Report);
  b[9] = kIpProtoPim;
  b[24] = 0x20;
  b[16] = 224, b[17] = 0, b[18] = 0, b[19] = 13;
  fix_sums(b);
  EXPECT_EQ(parse(b, m), McastParse::kNotMcastControl);
  EXPECT_TRUE(m.pim_hello);
  EXPECT_EQ(m.dst, A("224.0.0.13"));
  // Other ethertypes.
  EXPECT_EQ(parse_mcast_packet(0x0806, b.data(), b.size(), m), McastParse::kNotMcastControl);
}

TEST(Igmp, OtherTypesAreIgnored) {
  for (uint8_t t : {kIgmpDvmrp, kIgmpPimV1, kIgmpMtrace, kIgmpMtraceResp, kIgmpMrdAdvert,
                    uint8_t(0x31), uint8_t(0x42)}) {
    Bytes b = B(golden::kIgmpV2Report);
    b[24] = t;
    fix_sums(b);
    McastMessage m;
    EXPECT_EQ(parse(b, m), McastParse::kIgnored) << int(t);
    EXPECT_EQ(m.type, t);
  }
}

McastError error_of(const Bytes& b, McastParse want = McastParse::kMalformed) {
  McastMessage m;
  EXPECT_EQ(parse(b, m), want);
  return m.error;
}

TEST(Igmp, MalformedIpHeader) {
  Bytes b = B(golden::kIgmpV2Report);
  EXPECT_EQ(error_of(Bytes(b.begin(), b.begin() + 19)), McastError::kBadIpHeader);
  Bytes v = b;
  v[0] = 0x56;  // version 5
  EXPECT_EQ(error_of(v), McastError::kBadIpHeader);
  v = b;
  v[0] = 0x44;  // IHL 4
  EXPECT_EQ(error_of(v), McastError::kBadIpHeader);
  v = b;
  v[10] ^= 1;
  EXPECT_EQ(error_of(v), McastError::kBadIpChecksum);
  v = b;
  set_total(v, 40);  // past the buffer
  fix_sums(v);
  EXPECT_EQ(error_of(v), McastError::kBadIpHeader);
  v = b;
  set_total(v, 20);  // below the header
  fix_sums(v);
  EXPECT_EQ(error_of(v), McastError::kBadIpHeader);
  // A bad header checksum is an error even when the packet is not IGMP (Linux checks first).
  v = b;
  v[9] = 17;
  EXPECT_EQ(error_of(v), McastError::kBadIpChecksum);
  // kSkip trusts the header.
  McastMessage m;
  v = b;
  v[10] ^= 1;
  EXPECT_EQ(parse(v, m, ChecksumCheck::kSkip), McastParse::kOk);
}

TEST(Igmp, MalformedTruncatedAndChecksum) {
  Bytes b = B(golden::kIgmpV2Report);
  Bytes t(b.begin(), b.begin() + 30);
  set_total(t, 30);  // IGMP of 6 bytes
  fix_sums(t);
  EXPECT_EQ(error_of(t), McastError::kTruncated);
  Bytes c = b;
  c[26] ^= 0x40;  // IGMP checksum
  EXPECT_EQ(error_of(c), McastError::kBadChecksum);
  McastMessage m;
  EXPECT_EQ(parse(c, m, ChecksumCheck::kSkip), McastParse::kOk);
  // The checksum covers the whole payload, padding-like bytes inside the total length included.
  Bytes x = b;
  x.push_back(0xaa);
  x.push_back(0x55);
  set_total(x, x.size());
  fix_sums(x);
  EXPECT_EQ(parse(x, m), McastParse::kOk);
  x[x.size() - 1] ^= 1;
  EXPECT_EQ(error_of(x), McastError::kBadChecksum);
  // Ethernet padding after the total length is not looked at.
  Bytes pad = b;
  pad.resize(46, 0x77);
  EXPECT_EQ(parse(pad, m), McastParse::kOk);
}

TEST(Igmp, MalformedQueries) {
  // 9 to 11 bytes: neither v1/v2 nor v3.
  for (size_t extra : {1, 2, 3}) {
    Bytes b = B(golden::kIgmpV2GeneralQuery);
    b.resize(b.size() + extra, 0);
    set_total(b, b.size());
    fix_sums(b);
    EXPECT_EQ(error_of(b), McastError::kBadQueryLength) << extra;
  }
  // General queries must go to 224.0.0.1 (v2 and v3).
  for (const Bytes& g : {B(golden::kIgmpV2GeneralQuery), B(golden::kIgmpV3GeneralQuery)}) {
    Bytes b = g;
    b[19] = 2;  // 224.0.0.2
    fix_sums(b);
    EXPECT_EQ(error_of(b), McastError::kGeneralQueryDst);
  }
  // A group-specific query may go anywhere.
  Bytes gq = B(golden::kIgmpV2GroupQuery);
  gq[16] = 224, gq[17] = 0, gq[18] = 0, gq[19] = 1;
  fix_sums(gq);
  McastMessage m;
  EXPECT_EQ(parse(gq, m), McastParse::kOk);
}

TEST(Igmp, QuerySourcesBeyondThePayload) {
  // Not a parse error for Linux (only 12 bytes are required); reported as truncated.
  Bytes b = B(golden::kIgmpV3GsQuery);
  b[35] = 3;  // 3 sources announced, 2 present
  fix_sums(b);
  McastMessage m;
  ASSERT_EQ(parse(b, m), McastParse::kOk);
  EXPECT_EQ(m.query_nsrcs, 3);
  EXPECT_TRUE(m.sources_truncated);
  EXPECT_TRUE(m.query_sources.empty());
}

TEST(Igmp, ThirtyTwoOrMoreQuerySourcesParse) {
  // No limit on the number of sources on the wire (the 32-source limit of the bridge is the
  // MDB's, per port group).
  std::vector<Ipv4Addr> srcs;
  for (uint32_t i = 0; i < 40; ++i) srcs.push_back(Ipv4Addr{0x0a000100u + i});
  Bytes b = build_igmp_v3_query(ip4("10.0.0.254"), ip4("239.1.1.1"), 1000, false, 2, 125, srcs);
  McastMessage m;
  ASSERT_EQ(parse(b, m), McastParse::kOk);
  EXPECT_EQ(m.query_sources.size(), 40u);
}

TEST(Igmp, MalformedV3Reports) {
  const Bytes g = B(golden::kIgmpV3Report);
  // Record count beyond the payload: 4 announced, 3 present.
  Bytes b = g;
  b[31] = 4;
  fix_sums(b);
  EXPECT_EQ(error_of(b), McastError::kRecordTruncated);
  // The last record's header cut.
  b = g;
  b.resize(b.size() - 12 + 4);  // BLOCK record: only 4 of its 8 header bytes
  set_total(b, b.size());
  fix_sums(b);
  EXPECT_EQ(error_of(b), McastError::kRecordTruncated);
  // Sources beyond the payload (the last record's source cut).
  b = g;
  b.resize(b.size() - 4);
  set_total(b, b.size());
  fix_sums(b);
  EXPECT_EQ(error_of(b), McastError::kSourcesTruncated);
  // A source count too large in the middle record.
  b = g;
  b[43] = 9;
  fix_sums(b);
  EXPECT_EQ(error_of(b), McastError::kSourcesTruncated);
  // Aux data beyond the payload (last record says 1 aux word).
  b = g;
  b[57] = 1;
  fix_sums(b);
  EXPECT_EQ(error_of(b), McastError::kAuxTruncated);
  // Trailing bytes after the last record are fine.
  b = g;
  b.push_back(0);
  b.push_back(0);
  set_total(b, b.size());
  fix_sums(b);
  McastMessage m;
  EXPECT_EQ(parse(b, m), McastParse::kOk);
  // No records at all is fine too.
  EXPECT_EQ(parse(build_igmp_v3_report(ip4("10.0.0.1"), {}), m), McastParse::kOk);
  EXPECT_TRUE(m.records.empty());
}

TEST(Igmp, WrongTtlOrNoRouterAlertIsNotAnError) {
  Bytes b = B(golden::kIgmpV2Report);
  b[8] = 64;  // TTL
  fix_sums(b);
  McastMessage m;
  ASSERT_EQ(parse(b, m), McastParse::kOk);
  EXPECT_EQ(m.ttl, 64);
  b = B(golden::kIgmpV2Report);
  b[20] = 1, b[21] = 1, b[22] = 1, b[23] = 1;  // four NOPs instead of the Router Alert
  fix_sums(b);
  ASSERT_EQ(parse(b, m), McastParse::kOk);
  EXPECT_FALSE(m.router_alert);
}

TEST(McastCodes, Igmpv3) {
  EXPECT_EQ(igmpv3_code_decode(0), 0u);
  EXPECT_EQ(igmpv3_code_decode(127), 127u);
  EXPECT_EQ(igmpv3_code_decode(0x80), 128u);
  EXPECT_EQ(igmpv3_code_decode(0xff), 31744u);
  EXPECT_EQ(igmpv3_code_encode(100), 100);
  EXPECT_EQ(igmpv3_code_encode(128), 0x80);
  EXPECT_EQ(igmpv3_code_encode(136), 0x81);
  EXPECT_EQ(igmpv3_code_encode(137), 0x81);  // rounds down
  EXPECT_EQ(igmpv3_code_encode(256), 0x90);
  EXPECT_EQ(igmpv3_code_encode(31744), 0xff);
  EXPECT_EQ(igmpv3_code_encode(100000), 0xff);
  for (int c = 0; c < 256; ++c)
    EXPECT_EQ(igmpv3_code_encode(igmpv3_code_decode(uint8_t(c))), c) << c;
  for (uint32_t v = 0; v < 40000; v += 7) EXPECT_LE(igmpv3_code_decode(igmpv3_code_encode(v)), v);
}

TEST(McastCodes, Mldv2) {
  EXPECT_EQ(mldv2_mrc_decode(10000), 10000u);
  EXPECT_EQ(mldv2_mrc_decode(0x8000), 32768u);
  EXPECT_EQ(mldv2_mrc_decode(0xffff), 8387584u);
  EXPECT_EQ(mldv2_mrc_encode(32767), 32767);
  EXPECT_EQ(mldv2_mrc_encode(32768), 0x8000);
  EXPECT_EQ(mldv2_mrc_encode(34816), 0x8100);
  EXPECT_EQ(mldv2_mrc_encode(9000000), 0xffff);
  for (uint32_t c = 0; c < 65536; c += 13)
    EXPECT_EQ(mldv2_mrc_encode(mldv2_mrc_decode(uint16_t(c))), c) << c;
  EXPECT_EQ(mldv2_qqic_decode(mldv2_qqic_encode(125)), 125u);
}

TEST(McastMac, Groups) {
  EXPECT_EQ(multicast_mac(ip4("224.0.0.1")), test::mac("01:00:5e:00:00:01"));
  EXPECT_EQ(multicast_mac(ip4("239.129.2.3")), test::mac("01:00:5e:01:02:03"));  // 23 bits
  EXPECT_EQ(multicast_mac(test::ip6("ff02::1:ffcc:bb2e")), test::mac("33:33:ff:cc:bb:2e"));
  EXPECT_EQ(multicast_mac(IpAddr{test::ip6("ff0e::5")}), test::mac("33:33:00:00:00:05"));
  EXPECT_EQ(mld_all_nodes(), test::ip6("ff02::1"));
  EXPECT_EQ(mld_all_routers(), test::ip6("ff02::2"));
  EXPECT_EQ(mldv2_all_routers(), test::ip6("ff02::16"));
  EXPECT_TRUE(ipv4_is_local_multicast(ip4("224.0.0.251")));
  EXPECT_FALSE(ipv4_is_local_multicast(ip4("224.0.1.1")));
}

}  // namespace
}  // namespace uvn::wire
