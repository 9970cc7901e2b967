#include <gtest/gtest.h>

#include "base/ip.h"
#include "base/mac.h"
#include "base/strings.h"

namespace uvn {

TEST(MacAddr, ParsesAndFormats) {
  auto m = MacAddr::parse("2:42:ac:11:0:2");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->format(), "02:42:ac:11:00:02");
  EXPECT_EQ(m->format_unpadded(), "2:42:ac:11:0:2");
  EXPECT_FALSE(MacAddr::parse("02:42:ac:11:00"));
  EXPECT_FALSE(MacAddr::parse("02:42:ac:11:00:02:03"));
  EXPECT_FALSE(MacAddr::parse("zz:42:ac:11:00:02"));
  EXPECT_FALSE(MacAddr::parse("002:42:ac:11:00:02"));
  EXPECT_TRUE(MacAddr::broadcast().is_multicast());
}

TEST(IpPrefix, ParsesBothFamilies) {
  auto p = IpPrefix::parse("10.0.0.1/24");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->len, 24);
  EXPECT_EQ(p->network().format(), "10.0.0.0/24");
  EXPECT_TRUE(p->contains(*IpAddr::parse("10.0.0.200")));
  EXPECT_FALSE(p->contains(*IpAddr::parse("10.0.1.1")));
  auto q = IpPrefix::parse("2001:db8::1/64");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->network().format(), "2001:db8::/64");
  EXPECT_EQ(IpPrefix::parse("10.0.0.1")->len, 32);
  EXPECT_FALSE(IpPrefix::parse("10.0.0.1/33"));
  EXPECT_FALSE(IpPrefix::parse("10.0.0.1/"));
  EXPECT_FALSE(IpPrefix::parse("10.0.0.256/24"));
}

TEST(Ipv6Addr, SolicitedNode) {
  auto a = Ipv6Addr::parse("fe80::e848:92ff:fe18:bd39");
  EXPECT_EQ(a->solicited_node().format(), "ff02::1:ff18:bd39");
}

TEST(Strings, ParseUintLikeIproute2) {
  EXPECT_EQ(parse_uint("1500"), 1500u);
  EXPECT_EQ(parse_uint("0x10"), 16u);
  EXPECT_EQ(parse_uint("010"), 8u);
  EXPECT_FALSE(parse_uint("15x"));
  EXPECT_FALSE(parse_uint("-1"));
  EXPECT_FALSE(parse_uint("70000", 65535));
  EXPECT_TRUE(matches("sh", "show"));
  EXPECT_FALSE(matches("shows", "show"));
}

}  // namespace uvn
