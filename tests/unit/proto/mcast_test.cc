// The IGMP/MLD snooping engine on its own: joins, leaves, the RFC 3376 source-list state
// machine (the matrix of Linux's bridge_igmp.sh / bridge_mld.sh, MC-01..MC-13), the
// querier, router ports and the user's MDB rules (MC-14..MC-17, MC-20, MC-23).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "proto/mcast/mcast.h"

namespace uvn::proto {
namespace {

McastAddr ip(const char* s) { return McastAddr::from_ip(*IpAddr::parse(s)); }
const MacAddr kHost{{0x02, 0, 0, 0, 0, 0x22}};

struct Sink : McastSink {
  std::vector<McastQuery> queries;
  std::vector<std::string> events;
  std::optional<IpAddr> src4 = IpAddr{Ipv4Addr{}};
  std::optional<IpAddr> send_query(const McastQuery& q) override {
    queries.push_back(q);
    return q.family == McastFamily::kIPv4 ? src4 : std::optional<IpAddr>{};
  }
  void mdb_notify(const MdbEntry& e, const PortGroup* pg, bool added) override {
    events.push_back(std::string(added ? "new " : "del ") + e.key.group.format() +
                     (e.key.star_g() ? "" : " src " + e.key.src.format()) + " port " +
                     std::to_string(pg ? pg->port : 0));
  }
  void router_notify(int port, uint16_t, bool added) override {
    events.push_back(std::string(added ? "router+ " : "router- ") + std::to_string(port));
  }
};

class McastTest : public ::testing::Test {
 protected:
  void SetUp() override {
    McastCtxConfig c;
    c.querier = true;
    c.igmp_version = 3;
    c.mld_version = 2;
    c.last_member_interval = 5 * kSec;  // as bridge_igmp.sh: mcast_last_member_interval 500
    e.set_config(c, now);
    e.open(now);
    for (int p = 1; p <= 3; ++p) {
      e.port_add(p);
      e.port_set_state(p, McastPortState::kActive, now);
    }
    run(0);
    sink.queries.clear();
  }
  void run(Nanos dt) {
    Nanos end = now + dt;
    for (;;) {
      Nanos d = e.next_deadline();
      if (d > end) break;
      now = std::max(now, d);
      e.tick(now);
    }
    now = end;
  }
  void report(uint8_t type, std::vector<const char*> srcs, int port = 2,
              const char* grp = "239.10.10.10") {
    McastRecord r;
    r.type = type;
    r.group = ip(grp);
    for (auto s : srcs) r.sources.push_back(ip(s));
    e.on_report_v3(0, port, ip("10.9.2.2"), kHost, {r}, now);
    run(0);  // an emptied entry goes at once (Linux: a timer armed for now)
  }
  const PortGroup* star(int port = 2, const char* grp = "239.10.10.10") {
    const MdbEntry* m = e.find(MdbKey{ip(grp), McastAddr::zero(ip(grp).family), 0});
    if (!m) return nullptr;
    for (auto& p : m->ports)
      if (p.port == port) return &p;
    return nullptr;
  }
  // The sources of the *,G port group: running (X or INCLUDE) and stopped (Y).
  std::set<std::string> running(int port = 2) {
    std::set<std::string> r;
    if (auto pg = star(port))
      for (auto& s : pg->srcs)
        if (s.timer.pending()) r.insert(s.addr.format());
    return r;
  }
  std::set<std::string> stopped(int port = 2) {
    std::set<std::string> r;
    if (auto pg = star(port))
      for (auto& s : pg->srcs)
        if (!s.timer.pending()) r.insert(s.addr.format());
    return r;
  }
  // Whether traffic from `src` to the group reaches `port` (the bridge's decision).
  bool forwards(const char* src, int port = 2, const char* grp = "239.10.10.10") {
    const MdbEntry* m = e.lookup(0, ip(grp), ip(src));
    if (!m) return false;
    for (auto& p : m->ports) {
      if (p.port != port) continue;
      if (p.flags & kMdbPgBlocked) return false;
      if (m->key.star_g() && p.mode == FilterMode::kInclude) return false;
      return true;
    }
    return false;
  }
  using Set = std::set<std::string>;
  Sink sink;
  McastEngine e{sink};
  Nanos now = 1000 * kSec;
};

TEST_F(McastTest, V2JoinAndLeaveWithQuerier) {
  McastCtxConfig c = e.config();
  c.igmp_version = 2;
  e.set_config(c, now);
  e.on_report(0, 2, ip("239.10.10.10"), kHost, now);
  ASSERT_TRUE(star());
  EXPECT_EQ(star()->mode, FilterMode::kExclude);
  EXPECT_EQ(star()->timer.at, now + 260 * kSec);
  EXPECT_TRUE(e.lookup(0, ip("239.10.10.10"), ip("10.0.0.1")));
  // A leave: one group-specific query out of port 2 (to all-hosts), the timer cut to LMQT.
  e.on_leave(0, 2, ip("239.10.10.10"), kHost, now);
  ASSERT_EQ(sink.queries.size(), 1u);
  EXPECT_EQ(sink.queries[0].port, 2);
  EXPECT_EQ(sink.queries[0].group, ip("239.10.10.10"));
  EXPECT_EQ(sink.queries[0].dst, ip("224.0.0.1"));
  EXPECT_EQ(star()->timer.at, now + 10 * kSec);
  run(10 * kSec);
  EXPECT_FALSE(star());
  EXPECT_FALSE(e.lookup(0, ip("239.10.10.10"), ip("10.0.0.1")));
}

TEST_F(McastTest, LeaveIgnoredWhileAnotherQuerierIsPresent) {
  McastCtxConfig c = e.config();
  c.igmp_version = 2;
  e.set_config(c, now);
  e.on_report(0, 2, ip("239.10.10.10"), kHost, now);
  McastQueryIn q;
  q.src = ip("10.0.0.254");
  q.group = McastAddr::zero(McastFamily::kIPv4);
  q.max_delay = 10 * kSec;
  e.on_query(0, 1, q, now);
  EXPECT_TRUE(e.port_is_router(1, 0, McastFamily::kIPv4));
  sink.queries.clear();
  e.on_leave(0, 2, ip("239.10.10.10"), kHost, now);
  EXPECT_TRUE(sink.queries.empty());
  EXPECT_EQ(star()->timer.at, now + 260 * kSec);
}

TEST_F(McastTest, FastLeaveDeletesAtOnce) {
  McastCtxConfig c = e.config();
  c.igmp_version = 2;
  e.set_config(c, now);
  e.port_set_flags(2, true, false);
  e.on_report(0, 2, ip("239.10.10.10"), kHost, now);
  e.on_leave(0, 2, ip("239.10.10.10"), kHost, now);
  EXPECT_FALSE(star());
}

// MC-03: IS_IN{S1,S2,S3}: an INCLUDE *,G with the sources, an S,G each, forwarding from them only.
TEST_F(McastTest, IsIncludeInstallsSourceEntries) {
  report(kRecIsIn, {"10.9.2.1", "10.9.2.2", "10.9.2.3"});
  ASSERT_TRUE(star());
  EXPECT_EQ(star()->mode, FilterMode::kInclude);
  EXPECT_FALSE(star()->timer.pending());
  EXPECT_EQ(running(), (Set{"10.9.2.1", "10.9.2.2", "10.9.2.3"}));
  EXPECT_TRUE(forwards("10.9.2.1"));
  EXPECT_TRUE(forwards("10.9.2.3"));
  EXPECT_FALSE(forwards("10.9.2.100"));
  // The source timers run for GMI (mcast_membership_interval, 260 s).
  EXPECT_EQ(star()->srcs.front().timer.at, now + 260 * kSec);
}

// MC-04: INCLUDE + ALLOW / IS_IN: union.
TEST_F(McastTest, IncludeAllow) {
  report(kRecIsIn, {"10.9.2.1", "10.9.2.2", "10.9.2.3"});
  report(kRecAllow, {"10.9.2.10", "10.9.2.11"});
  EXPECT_EQ(running(), (Set{"10.9.2.1", "10.9.2.2", "10.9.2.3", "10.9.2.10", "10.9.2.11"}));
  EXPECT_TRUE(forwards("10.9.2.10"));
}

// MC-06: INCLUDE + TO_EX: EXCLUDE (A*B, B-A); A*B queried (timers to LMQT), B-A blocked.
TEST_F(McastTest, IncludeToExclude) {
  report(kRecIsIn, {"10.9.2.1", "10.9.2.2", "10.9.2.3"});
  sink.queries.clear();
  report(kRecToEx, {"10.9.2.1", "10.9.2.20", "10.9.2.30"});
  EXPECT_EQ(star()->mode, FilterMode::kExclude);
  EXPECT_EQ(running(), (Set{"10.9.2.1"}));
  EXPECT_EQ(stopped(), (Set{"10.9.2.20", "10.9.2.30"}));
  EXPECT_TRUE(forwards("10.9.2.1"));
  EXPECT_FALSE(forwards("10.9.2.20"));
  EXPECT_TRUE(forwards("10.9.2.100"));  // EXCLUDE: everyone else goes through *,G
  // The source in A*B has its timer cut to LMQT. Its group-and-source-specific query goes
  // out one last-member interval later: Linux's first pass only takes sources above LMQT
  // (with S set), finds none, and sends nothing; the retransmission takes those at or below.
  EXPECT_EQ(star()->srcs.back().timer.at, now + 10 * kSec);
  EXPECT_TRUE(sink.queries.empty());
  run(5 * kSec);
  ASSERT_EQ(sink.queries.size(), 1u);
  EXPECT_EQ(sink.queries[0].sources, std::vector<McastAddr>{ip("10.9.2.1")});
  EXPECT_EQ(sink.queries[0].dst, ip("239.10.10.10"));
  EXPECT_EQ(sink.queries[0].port, 2);
  EXPECT_FALSE(sink.queries[0].sflag);
  run(5 * kSec);  // the second of last_member_count
  EXPECT_EQ(sink.queries.size(), 2u);
}

// MC-07: EXCLUDE + ALLOW unblocks; EXCLUDE + IS_IN the same.
TEST_F(McastTest, ExcludeAllowUnblocks) {
  report(kRecIsEx, {"10.9.2.1", "10.9.2.2"});
  EXPECT_EQ(stopped(), (Set{"10.9.2.1", "10.9.2.2"}));
  EXPECT_FALSE(forwards("10.9.2.1"));
  report(kRecAllow, {"10.9.2.1"});
  EXPECT_EQ(running(), (Set{"10.9.2.1"}));
  EXPECT_TRUE(forwards("10.9.2.1"));
  EXPECT_FALSE(forwards("10.9.2.2"));
}

// MC-08: EXCLUDE + IS_EX: (A-Y, Y*A), new sources get GMI, X-A and Y-A deleted.
TEST_F(McastTest, ExcludeIsExclude) {
  report(kRecIsEx, {"10.9.2.1", "10.9.2.2"});  // Y = {1, 2}
  report(kRecAllow, {"10.9.2.3"});              // X = {3}
  report(kRecIsEx, {"10.9.2.2", "10.9.2.4"});
  EXPECT_EQ(stopped(), (Set{"10.9.2.2"}));
  EXPECT_EQ(running(), (Set{"10.9.2.4"}));
  EXPECT_FALSE(forwards("10.9.2.2"));
  EXPECT_TRUE(forwards("10.9.2.4"));
  EXPECT_TRUE(forwards("10.9.2.1"));
  EXPECT_EQ(star()->timer.at, now + 260 * kSec);
}

// MC-08: EXCLUDE + TO_EX: A-X-Y take the group timer, A-Y are queried.
TEST_F(McastTest, ExcludeToExclude) {
  report(kRecIsEx, {"10.9.2.1"});  // Y = {1}
  report(kRecAllow, {"10.9.2.3"}); // X = {3}
  sink.queries.clear();
  report(kRecToEx, {"10.9.2.1", "10.9.2.3", "10.9.2.5"});
  EXPECT_EQ(stopped(), (Set{"10.9.2.1"}));
  EXPECT_EQ(running(), (Set{"10.9.2.3", "10.9.2.5"}));
  run(5 * kSec);
  ASSERT_FALSE(sink.queries.empty());
  std::set<std::string> asked;
  for (auto& s : sink.queries[0].sources) asked.insert(s.format());
  EXPECT_EQ(asked, (Set{"10.9.2.3", "10.9.2.5"}));
}

// MC-09: INCLUDE + BLOCK: the blocked sources are queried and vanish after LMQT.
TEST_F(McastTest, IncludeBlock) {
  report(kRecIsIn, {"10.9.2.1", "10.9.2.2", "10.9.2.3"});
  report(kRecBlock, {"10.9.2.1"});
  EXPECT_EQ(running(), (Set{"10.9.2.1", "10.9.2.2", "10.9.2.3"}));
  run(11 * kSec);
  EXPECT_EQ(running(), (Set{"10.9.2.2", "10.9.2.3"}));
  EXPECT_FALSE(forwards("10.9.2.1"));
  EXPECT_TRUE(forwards("10.9.2.2"));
}

// MC-10: EXCLUDE + BLOCK: unknown sources join X with the group timer and are queried.
TEST_F(McastTest, ExcludeBlock) {
  report(kRecIsEx, {"10.9.2.1"});
  report(kRecBlock, {"10.9.2.1", "10.9.2.7"});
  EXPECT_EQ(stopped(), (Set{"10.9.2.1"}));
  EXPECT_EQ(running(), (Set{"10.9.2.7"}));
  run(11 * kSec);  // queried: 10.9.2.7 falls to Y after LMQT
  EXPECT_EQ(stopped(), (Set{"10.9.2.1", "10.9.2.7"}));
  EXPECT_FALSE(forwards("10.9.2.7"));
}

// MC-11: when the group timer of an EXCLUDE group runs out, INCLUDE with the running sources.
TEST_F(McastTest, ExcludeGroupTimeout) {
  McastCtxConfig c = e.config();
  c.membership_interval = 3 * kSec;
  e.set_config(c, now);
  report(kRecIsEx, {"10.9.2.1"});
  report(kRecAllow, {"10.9.2.2"});
  run(2 * kSec);
  report(kRecAllow, {"10.9.2.2"});  // keep this one alive
  run(1500 * kMsec);
  ASSERT_TRUE(star());
  EXPECT_EQ(star()->mode, FilterMode::kInclude);
  EXPECT_EQ(running(), (Set{"10.9.2.2"}));
  EXPECT_TRUE(stopped().empty());
  EXPECT_FALSE(forwards("10.9.2.100"));
}

// TO_IN {} in INCLUDE mode does not leave (v3), but a v2-mode bridge reads it as a leave.
TEST_F(McastTest, V2ModeReadsRecordsAsJoinsAndLeaves) {
  McastCtxConfig c = e.config();
  c.igmp_version = 2;
  e.set_config(c, now);
  report(kRecBlock, {"10.9.2.1"});  // a join, in v2 mode
  ASSERT_TRUE(star());
  EXPECT_TRUE(star()->srcs.empty());
  EXPECT_EQ(star()->mode, FilterMode::kExclude);
  report(kRecToIn, {});
  EXPECT_EQ(star()->timer.at, now + 10 * kSec);
}

// *,G EXCLUDE ports are added to the group's S,G entries (added_by_star_ex).
TEST_F(McastTest, StarExcludePortsJoinSourceEntries) {
  report(kRecIsIn, {"10.9.2.1"}, 2);
  report(kRecIsEx, {}, 3);
  const MdbEntry* sg = e.find(MdbKey{ip("239.10.10.10"), ip("10.9.2.1"), 0});
  ASSERT_TRUE(sg);
  ASSERT_EQ(sg->ports.size(), 2u);
  EXPECT_EQ(sg->ports.front().port, 2);
  EXPECT_EQ(sg->ports.back().port, 3);
  EXPECT_TRUE(sg->ports.back().flags & kMdbPgStarExcl);
  EXPECT_TRUE(forwards("10.9.2.1", 3));
  // Port 3 going to INCLUDE takes it out again.
  report(kRecToIn, {"10.9.2.9"}, 3);
  run(11 * kSec);  // the group query's LMQT
  sg = e.find(MdbKey{ip("239.10.10.10"), ip("10.9.2.1"), 0});
  ASSERT_TRUE(sg);
  EXPECT_EQ(sg->ports.size(), 1u);
}

TEST_F(McastTest, PermanentEntriesIgnoreReports) {  // MC-20
  MdbUserEntry u;
  u.port = 2;
  u.key = MdbKey{ip("239.10.10.10"), McastAddr::zero(McastFamily::kIPv4), 0};
  u.permanent = true;
  u.mode = FilterMode::kInclude;
  u.has_source_list = true;
  u.sources = {ip("10.9.2.1")};
  ASSERT_TRUE(e.user_add(u, false, now).ok());
  report(kRecIsIn, {"10.9.2.2"});
  EXPECT_EQ(star()->srcs.size(), 1u);
  u.permanent = false;
  ASSERT_TRUE(e.user_add(u, true, now).ok());
  report(kRecIsIn, {"10.9.2.2"});
  EXPECT_EQ(star()->srcs.size(), 2u);
  EXPECT_TRUE(e.find(MdbKey{ip("239.10.10.10"), ip("10.9.2.2"), 0}));
}

TEST_F(McastTest, UserEntryRules) {  // MC-14..MC-16
  MdbUserEntry host;
  host.key = MdbKey{ip("239.1.1.1"), McastAddr::zero(McastFamily::kIPv4), 0};
  host.permanent = true;
  EXPECT_EQ(e.user_add(host, false, now).error().message, "bridge: Flags are not allowed for host groups");
  host.permanent = false;
  EXPECT_TRUE(e.user_add(host, false, now).ok());
  EXPECT_EQ(e.user_add(host, false, now).error().message, "bridge: Group is already joined by host");
  host.mode = FilterMode::kExclude;
  EXPECT_EQ(e.user_add(host, false, now).error().message,
            "bridge: Filter mode cannot be set for host groups");

  MdbUserEntry u;
  u.port = 1;
  u.key = MdbKey{ip("239.1.1.2"), McastAddr::zero(McastFamily::kIPv4), 0};
  u.mode = FilterMode::kInclude;
  u.has_source_list = true;
  EXPECT_EQ(e.user_add(u, false, now).error().message,
            "bridge: Cannot add (*, G) INCLUDE with an empty source list");
  for (int i = 1; i <= 32; ++i) u.sources.push_back(ip(("10.0.0." + std::to_string(i)).c_str()));
  EXPECT_EQ(e.user_add(u, false, now).error().message,
            "bridge: Exceeded maximum number of source entries (31)");
  u.sources.pop_back();
  EXPECT_TRUE(e.user_add(u, false, now).ok());
  EXPECT_EQ(e.user_add(u, false, now).error().message,
            "bridge: (*, G) group is already joined by port");
  u.sources = {ip("239.1.1.9")};
  u.key.group = ip("239.1.1.3");
  EXPECT_EQ(e.user_add(u, false, now).error().message,
            "bridge: IPv4 multicast source address is not allowed");
  MdbUserEntry l2;
  l2.port = 1;
  l2.key = MdbKey{McastAddr::from_mac(*MacAddr::parse("01:00:5e:00:00:01")),
                  McastAddr::zero(McastFamily::kL2), 0};
  EXPECT_EQ(e.user_add(l2, false, now).error().message, "bridge: Only permanent L2 entries allowed");
}

TEST_F(McastTest, MaxGroupsPerPort) {  // MC-23
  e.port_set_max_groups(2, 2);
  McastCtxConfig c = e.config();
  c.igmp_version = 2;
  e.set_config(c, now);
  EXPECT_TRUE(e.on_report(0, 2, ip("239.1.1.1"), kHost, now));
  EXPECT_TRUE(e.on_report(0, 2, ip("239.1.1.2"), kHost, now));
  EXPECT_FALSE(e.on_report(0, 2, ip("239.1.1.3"), kHost, now));
  EXPECT_EQ(e.port_n_groups(2), 2u);
  MdbUserEntry u;
  u.port = 2;
  u.permanent = true;
  u.key = MdbKey{ip("239.1.1.4"), McastAddr::zero(McastFamily::kIPv4), 0};
  EXPECT_EQ(e.user_add(u, false, now).error().message,
            "Port is already in 2 groups, and mcast_max_groups=2");
  ASSERT_TRUE(e.user_del(2, MdbKey{ip("239.1.1.1"), McastAddr::zero(McastFamily::kIPv4), 0}).ok());
  EXPECT_EQ(e.port_n_groups(2), 1u);
  EXPECT_TRUE(e.user_add(u, false, now).ok());
}

TEST_F(McastTest, OwnQueriesStartupThenPeriodic) {
  // Restart the querier: queries at 0 and after the startup interval, then every 125 s.
  McastCtxConfig c = e.config();
  c.querier = false;
  e.set_config(c, now);
  c.querier = true;
  e.set_config(c, now);
  sink.queries.clear();
  run(0);
  auto count_port1 = [&] {
    return std::count_if(sink.queries.begin(), sink.queries.end(), [](const McastQuery& q) {
      return q.port == 1 && q.family == McastFamily::kIPv4 && q.group.is_zero();
    });
  };
  EXPECT_EQ(count_port1(), 1);
  run(31240 * kMsec);
  EXPECT_EQ(count_port1(), 2);
  run(124 * kSec);
  EXPECT_EQ(count_port1(), 2);
  run(2 * kSec);
  EXPECT_EQ(count_port1(), 3);
  EXPECT_EQ(sink.queries.back().qqi_s, 125u);
  EXPECT_EQ(sink.queries.back().max_resp, 10 * kSec);
}

TEST_F(McastTest, QuerierExistsAfterResponseDelay) {
  McastEngine e2{sink};
  McastCtxConfig c;
  c.querier = true;
  e2.open(now);
  e2.set_config(c, now);
  EXPECT_FALSE(e2.querier_exists(0, McastFamily::kIPv4, now + 9 * kSec));
  EXPECT_TRUE(e2.querier_exists(0, McastFamily::kIPv4, now + 10 * kSec));
}

TEST_F(McastTest, ExternalQuerierSilencesOursAndMarksRouter) {
  McastQueryIn q;
  q.src = ip("10.0.0.1");
  q.group = McastAddr::zero(McastFamily::kIPv4);
  q.max_delay = 10 * kSec;
  q.v3 = true;
  e.on_query(0, 3, q, now);
  EXPECT_EQ(e.router_ports(0, McastFamily::kIPv4), std::vector<int>{3});
  EXPECT_EQ(e.querier_info(0, McastFamily::kIPv4, now).port, 3);
  sink.queries.clear();
  run(200 * kSec);
  for (auto& sq : sink.queries) EXPECT_NE(sq.family, McastFamily::kIPv4);
  // The other querier falls silent: after the querier interval we query again and the router
  // port expires.
  run(60 * kSec);
  EXPECT_TRUE(e.router_ports(0, McastFamily::kIPv4).empty());
  bool ours = false;
  for (auto& sq : sink.queries) ours |= sq.family == McastFamily::kIPv4;
  EXPECT_TRUE(ours);
}

TEST_F(McastTest, PermanentRouterPort) {
  ASSERT_TRUE(e.port_set_router(1, 2, now).ok());
  EXPECT_TRUE(e.port_is_router(1, 0, McastFamily::kIPv4));
  EXPECT_TRUE(e.port_is_router(1, 0, McastFamily::kIPv6));
  run(1000 * kSec);
  EXPECT_TRUE(e.port_is_router(1, 0, McastFamily::kIPv4));
  ASSERT_TRUE(e.port_set_router(1, 0, now).ok());
  EXPECT_FALSE(e.port_is_router(1, 0, McastFamily::kIPv4));
}

TEST_F(McastTest, PortDisableFlushesTemporaryGroups) {
  McastCtxConfig c = e.config();
  c.igmp_version = 2;
  e.set_config(c, now);
  e.on_report(0, 2, ip("239.1.1.1"), kHost, now);
  MdbUserEntry u;
  u.port = 2;
  u.permanent = true;
  u.key = MdbKey{ip("239.1.1.2"), McastAddr::zero(McastFamily::kIPv4), 0};
  ASSERT_TRUE(e.user_add(u, false, now).ok());
  e.port_set_state(2, McastPortState::kDisabled, now);
  run(0);
  EXPECT_FALSE(e.find(MdbKey{ip("239.1.1.1"), McastAddr::zero(McastFamily::kIPv4), 0}));
  EXPECT_TRUE(e.find(MdbKey{ip("239.1.1.2"), McastAddr::zero(McastFamily::kIPv4), 0}));
}

TEST_F(McastTest, MldSourceStateMirrorsIgmp) {  // MC-13
  McastRecord r;
  r.type = kRecIsIn;
  r.group = ip("ff0e::cc");
  r.sources = {ip("2001:db8:1::1"), ip("2001:db8:1::2")};
  e.on_report_v3(0, 2, ip("fe80::2"), kHost, {r}, now);
  EXPECT_TRUE(e.lookup(0, ip("ff0e::cc"), ip("2001:db8:1::1")));
  EXPECT_FALSE(e.lookup(0, ip("ff0e::cc"), ip("2001:db8:1::9"))->key.src.is_zero() == false);
}

}  // namespace
}  // namespace uvn::proto
