// The kernel's layer 3 as saved commands (live/kernel_l3.h), from recorded `ip -j` output of
// iproute2 6.1 on Linux 6.18; and uvnd's log lines (live/log.h).
#include <gtest/gtest.h>

#include "live/kernel_l3.h"
#include "live/log.h"

namespace uvn::live {
namespace {

// `ip -n ns -j addr show` with a uvn TAP (bond0, two addresses and a link-local one), the
// kernel's lo and a device uvn does not know (other0).
const char* kAddrs = R"([
 {"ifindex":1,"ifname":"lo","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host"}]},
 {"ifindex":4,"ifname":"bond0","addr_info":[
   {"family":"inet","local":"10.77.1.1","prefixlen":24,"scope":"global","label":"bond0"},
   {"family":"inet6","local":"2001:db8::5","prefixlen":64,"scope":"global","tentative":true},
   {"family":"inet6","local":"fe80::1","prefixlen":64,"scope":"link"}]},
 {"ifindex":5,"ifname":"other0","addr_info":[{"family":"inet","local":"10.9.9.9","prefixlen":24,"scope":"global"}]}
])";
const char* kRoutes4 = R"([
 {"dst":"10.77.1.0/24","dev":"bond0","protocol":"kernel","scope":"link","prefsrc":"10.77.1.1"},
 {"dst":"10.77.9.0/24","gateway":"10.77.1.2","dev":"bond0","flags":[]},
 {"dst":"default","gateway":"10.77.1.254","dev":"bond0","protocol":"static","metric":50,"flags":[]},
 {"dst":"10.9.0.0/16","gateway":"10.9.9.1","dev":"other0","flags":[]},
 {"type":"blackhole","dst":"10.66.0.0/16","flags":[]}
])";
const char* kRoutes6 = R"([
 {"dst":"2001:db8::/64","dev":"bond0","protocol":"kernel","metric":256,"pref":"medium"},
 {"dst":"2001:db8:9::/48","gateway":"2001:db8::1","dev":"bond0","metric":1024,"pref":"medium"},
 {"dst":"fe80::/64","dev":"bond0","protocol":"kernel","metric":256,"pref":"medium"}
])";

TEST(KernelL3, AddressesAndUserRoutesOfUvnDevicesOnly) {
  auto lines = kernel_l3_from_json("ns1", {"bond0"}, kAddrs, kRoutes4, kRoutes6);
  std::vector<std::string> want{
      "ip -n ns1 addr add 10.77.1.1/24 dev bond0",
      "ip -n ns1 -6 addr add 2001:db8::5/64 dev bond0",
      "ip -n ns1 route add 10.77.9.0/24 via 10.77.1.2 dev bond0",
      "ip -n ns1 route add default via 10.77.1.254 dev bond0 metric 50",
      "ip -n ns1 -6 route add 2001:db8:9::/48 via 2001:db8::1 dev bond0",
  };
  EXPECT_EQ(lines, want);
}

TEST(KernelL3, MalformedJsonGivesNothing) {
  EXPECT_TRUE(kernel_l3_from_json("ns1", {"bond0"}, "not json", "{", "[1,").empty());
  EXPECT_TRUE(kernel_l3_from_json("ns1", {"bond0"}, R"([{"ifname":"bond0","addr_info":[{"local":"10.1.1.1","scope":"global"}]}])", "[]", "[]").empty());
}

TEST(Log, LevelsFilterAndLinesCarryTheLevel) {
  std::string out;
  Log log(LogLevel::kWarning);
  log.capture_to(&out);
  log.info("not shown {}", 1);
  log.warn("shown {}", 2);
  log.error("and {}", "this");
  EXPECT_EQ(out.find("not shown"), std::string::npos);
  EXPECT_NE(out.find("uvnd[warning]: shown 2\n"), std::string::npos);
  EXPECT_NE(out.find("uvnd[error]: and this\n"), std::string::npos);
  EXPECT_FALSE(log.enabled(LogLevel::kDebug));
}

TEST(Log, ParsesLevelNames) {
  EXPECT_EQ(parse_log_level("debug"), LogLevel::kDebug);
  EXPECT_EQ(parse_log_level("warn"), LogLevel::kWarning);
  EXPECT_EQ(parse_log_level("error"), LogLevel::kError);
  EXPECT_FALSE(parse_log_level("loud"));
}

}  // namespace
}  // namespace uvn::live
