// Negative tests for `ip link set DEV master TEAM` (issue 6, first slice): each refusal of
// team_port_add (Linux 6.1 drivers/net/team/team.c, in its order) prints the kernel's extack
// or errno text and leaves the world as it was (dump_world before and after byte-identical).
// The texts follow the 6.1 driver; the recording machine had no team module (see
// tests/reference/team-ground-truth.md section 8), so they are not [R].
#include <gtest/gtest.h>

#include <sstream>

#include "ip_harness.h"

namespace uvn::test {
namespace {

// n1: t0, a team (down) with port eth0; t1, a team (up, no ports); free devices eth1 (down),
// eth2 (up), a dummy, a bridge br0 holding t1, a VLAN on t0, a tun device; a bond b0 with
// slave eth3.
const std::vector<std::string> kTeamSetup = {
    "ip netns add n1",
    "ip -n n1 link add eth0 address 02:00:00:00:01:00 type veth peer name p0",
    "ip -n n1 link add eth1 address 02:00:00:00:01:01 type veth peer name p1",
    "ip -n n1 link add eth2 address 02:00:00:00:01:02 type veth peer name p2",
    "ip -n n1 link add eth3 address 02:00:00:00:01:03 type veth peer name p3",
    "ip -n n1 link set p0 up",
    "ip -n n1 link set eth2 up",
    "ip -n n1 link add t0 address 02:00:00:00:00:0a type team",
    "ip -n n1 link add t1 address 02:00:00:00:00:0b type team",
    "ip -n n1 link set eth0 master t0",
    "ip -n n1 link set t1 up",
    "ip -n n1 link add dn address 02:00:00:00:03:00 type dummy",
    "ip -n n1 link add br0 address 02:00:00:00:03:01 type bridge",
    "ip -n n1 link set t1 master br0",
    "ip -n n1 link add link t0 name t0.5 type vlan id 5",
    "ip -n n1 tuntap add dev tun0 mode tun",
    "ip -n n1 link add b0 address 02:00:00:00:03:02 type bond",
    "ip -n n1 link set eth3 master b0",
    "sleep 3",
};

struct TeamNeg {
  std::string cmd;  // after "ip -n n1 "
  std::string err;
  int rc;
};

std::ostream& operator<<(std::ostream& os, const TeamNeg& c) { return os << c.cmd; }

class TeamNegative : public testing::TestWithParam<TeamNeg> {};

TEST_P(TeamNegative, RefusedAndNoTrace) {
  const TeamNeg& c = GetParam();
  sim::Runner r({});
  for (auto& l : kTeamSetup) {
    Result res = run(r, l);
    ASSERT_EQ(res.rc, 0) << l << "\n" << res.err;
  }
  std::string before = dump_world(r);
  Result got = run(r, "ip -n n1 " + c.cmd);
  EXPECT_EQ(got.err, c.err) << c.cmd;
  EXPECT_EQ(got.out, "") << c.cmd;
  EXPECT_EQ(got.rc, c.rc) << c.cmd;
  EXPECT_EQ(dump_world(r), before) << c.cmd << ": the rejected command changed the world";
}

const std::string kUp = "Error: Device is up. Set it down before adding it as a team port.\n";

std::vector<TeamNeg> cases() {
  return {
      // Up, or set up in the same request (the flags come first).
      {"link set eth2 master t0", kUp, 2},
      {"link set eth1 master t0 up", kUp, 2},
      {"link set t1 master t0", kUp, 2},
      // Loopback, itself, a device above the team.
      {"link set lo master t0", "Error: Loopback device can't be added as a team port.\n", 2},
      {"link set t0 master t0", "Error: Cannot enslave team device to itself.\n", 2},
      {"link set t1 master t1", "Error: Cannot enslave team device to itself.\n", 2},
      {"link set t0.5 master t0",
       "Error: Device is already an upper device of the team interface.\n", 2},
      {"link set br0 master t1",
       "Error: Device is already an upper device of the team interface.\n", 2},
      // Not Ethernet (Linux would retype an empty team; uvn's stay Ethernet) / with ports.
      {"link set tun0 master t0", "Error: Device is of different type.\n", 2},
      {"link set tun0 master t1", "Error: uvn teams take Ethernet devices only.\n", 2},
      // A port's MTU is the team's; slave data on a device that is no team port.
      {"link set eth0 mtu 1400", "RTNETLINK answers: Operation not permitted\n", 2},
      {"link set eth1 type team_slave foo", "RTNETLINK answers: Operation not supported\n", 2},
      // A team is no port of a non-master; the master must exist.
      {"link set eth1 master dn", "RTNETLINK answers: Operation not supported\n", 2},
  };
}

INSTANTIATE_TEST_SUITE_P(Enslave, TeamNegative, testing::ValuesIn(cases()));

// The accepted side: extra words after `type team`, a bond slave moving to a team (the bond
// closes it first), and back.
TEST(TeamIp, AcceptedRequests) {
  sim::Runner r({});
  for (auto& l : kTeamSetup) ASSERT_EQ(run(r, l).rc, 0) << l;
  auto ok = [&](const std::string& cmd) {
    Result res = run(r, "ip -n n1 " + cmd);
    EXPECT_EQ(res.rc, 0) << cmd << "\n" << res.err;
    EXPECT_EQ(res.err, "") << cmd;
  };
  ok("link add t2 type team help");
  ok("link add t3 type team foo bar baz");
  ok("link set eth3 master t0");
  EXPECT_NE(run(r, "ip -n n1 link show eth3").out.find("master t0 "), std::string::npos);
  ok("link set eth3 master b0");
  EXPECT_NE(run(r, "ip -n n1 link show eth3").out.find("master b0 "), std::string::npos);
  ok("link set eth0 type team_slave");
  ok("link set eth0 mtu 1500");  // unchanged: no PRECHANGEMTU
  Result d = run(r, "ip -n n1 -d link show t0");
  EXPECT_NE(d.out.find("\n    team addrgenmode eui64 numtxqueues"), std::string::npos) << d.out;
  EXPECT_EQ(run(r, "ip link help team").out, "Usage: ... team\n");
  EXPECT_EQ(run(r, "ip link help team_slave").out, "Usage: ... team_slave\n");
}

}  // namespace
}  // namespace uvn::test
