// Negative tests for `bridge vlan` (issue 4): each refused command prints iproute2 6.1's
// message (parse errors as this machine's bridge 6.1 prints them; kernel errors as a
// VLAN-filtering kernel gives them, tests/reference/vlan-ground-truth.md 3.7) with its exit
// status, and leaves the world as it was: links and the bridge's VLAN tables (`bridge -d -s
// vlan show`, `bridge vlan global show`, in JSON) are byte-identical before and after.
#include <gtest/gtest.h>

#include "ip_harness.h"

namespace uvn::test {
namespace {

const std::vector<std::string> kSetup = {
    "ip netns add n1",
    "ip -n n1 link add br0 type bridge",
    "ip -n n1 link add swp1 type veth peer name h1",
    "ip -n n1 link add swp2 type veth peer name h2",
    "ip -n n1 link add other type veth peer name o2",
    "ip -n n1 link set swp1 master br0",
    "ip -n n1 link set swp2 master br0",
    "bridge -n n1 vlan add vid 20-22 dev swp2",
};

struct VlanNeg {
  std::string cmd;  // after `bridge -n n1 `
  std::string err;  // exact stderr, or its first line when `usage` is set
  int rc;
  bool usage = false;
};

std::string dump(sim::Runner& r) {
  std::string s = dump_world(r);
  for (const char* c : {"bridge -n n1 -j -d -s vlan show", "bridge -n n1 -j vlan global show"}) {
    Result res = run(r, c);
    s += std::string("## ") + c + "\n" + res.out + res.err;
  }
  return s;
}

class BridgeVlanNegative : public testing::TestWithParam<VlanNeg> {};

TEST_P(BridgeVlanNegative, RefusedAndNoTrace) {
  const VlanNeg& c = GetParam();
  sim::Runner r({});
  for (auto& l : kSetup) {
    Result res = run(r, l);
    ASSERT_EQ(res.rc, 0) << l << "\n" << res.err;
  }
  std::string before = dump(r);
  Result got = run(r, "bridge -n n1 " + c.cmd);
  if (c.usage)
    EXPECT_EQ(first_line(got.err), c.err) << c.cmd;
  else
    EXPECT_EQ(got.err, c.err) << c.cmd;
  EXPECT_EQ(got.out, "") << c.cmd;
  EXPECT_EQ(got.rc, c.rc) << c.cmd;
  EXPECT_EQ(dump(r), before) << c.cmd << ": the rejected command changed the world";
}

const std::string kRequired = "Device and VLAN ID are required arguments.\n";
const std::string kIncomplete = "Command line is not complete. Try option \"help\"\n";
const std::string kNotSupp = "RTNETLINK answers: Operation not supported\n";
const std::string kBadVid = "Error: bridge: Vlan id is invalid.\n";
const std::string kInval = "RTNETLINK answers: Invalid argument\n";
const std::string kUsage =
    "Usage: bridge vlan { add | del } vid VLAN_ID dev DEV [ tunnel_info id TUNNEL_ID ]";

INSTANTIATE_TEST_SUITE_P(
    AddDel, BridgeVlanNegative,
    testing::Values(
        VlanNeg{"vlan add vid 4096 dev swp1", "Invalid VLAN ID \"4096\"\n", 255},
        VlanNeg{"vlan add vid 70000 dev swp1", "Invalid VLAN ID \"4464\"\n", 255},
        VlanNeg{"vlan del vid 4096 dev swp1", "Invalid VLAN ID \"4096\"\n", 255},
        VlanNeg{"vlan add vid 10-5 dev swp1", "Invalid VLAN range \"10-5\"\n", 255},
        VlanNeg{"vlan add vid 10-4096 dev swp1", "Invalid VLAN range \"10-4096\"\n", 255},
        VlanNeg{"vlan add vid 10- dev swp1", "Invalid VLAN range \"10-0\"\n", 255},
        VlanNeg{"vlan add vid 5-3 dev swp1 pvid", "Invalid VLAN range \"5-3\"\n", 255},
        VlanNeg{"vlan add vid 10-20 dev swp1 pvid", "pvid cannot be configured for a vlan range\n",
                255},
        VlanNeg{"vlan add vid 10 dev nosuch", "Cannot find bridge device \"nosuch\"\n", 255},
        VlanNeg{"vlan add vid 4096 dev nosuch", "Cannot find bridge device \"nosuch\"\n", 255},
        VlanNeg{"vlan add vid 10", kRequired, 255}, VlanNeg{"vlan add dev swp1", kRequired, 255},
        VlanNeg{"vlan add vid 65535 dev swp1", kRequired, 255},  // atoi into a short: -1
        VlanNeg{"vlan add help", kIncomplete, 255},
        VlanNeg{"vlan add vid 10 dev swp1 h", kIncomplete, 255},
        VlanNeg{"vlan add vid 10 dev", kIncomplete, 255},
        VlanNeg{"vlan add vid abc dev swp1", kBadVid, 255},
        VlanNeg{"vlan add vid 0 dev swp1", kBadVid, 255},
        VlanNeg{"vlan add vid -1 dev swp1", kBadVid, 255},  // the range 0-1
        VlanNeg{"vlan add vid 4095 dev swp1", kBadVid, 255},
        VlanNeg{"vlan add vid 40000 dev swp1", kBadVid, 255},  // negative as a short
        VlanNeg{"vlan add vid 10-4095 dev swp1", kBadVid, 255},
        VlanNeg{"vlan del vid 0 dev swp1", kInval, 255},  // dellink has no extack
        VlanNeg{"vlan add vid 10 dev swp1 tunnel_info", kIncomplete, 255},
        VlanNeg{"vlan add vid 10 dev swp1 tunnel_info foo",
                "Error: argument \"foo\" is wrong: tunnel id expected\n", 255},
        VlanNeg{"vlan add vid 10 dev swp1 tunnel_info id x",
                "Error: argument \"x\" is wrong: invalid tun id\n", 255},
        VlanNeg{"vlan add vid 10 dev swp1 tunnel_info id 99999999",
                "Error: argument \"99999999\" is wrong: invalid tun id\n", 255},
        VlanNeg{"vlan add vid 10-11 dev swp1 tunnel_info id 5-x",
                "Error: argument \"5\" is wrong: invalid tun id\n", 255},
        // tunnel_info: the kernel's checks, then no VXLAN in uvn.
        VlanNeg{"vlan add vid 10 dev swp1 tunnel_info id 5", kInval, 255},
        VlanNeg{"vlan add vid 20-22 dev swp2 tunnel_info id 5", kInval, 255},
        VlanNeg{"vlan add vid 20-22 dev swp2 tunnel_info id 5-6", kInval, 255},
        VlanNeg{"vlan add vid 1 dev br0 self tunnel_info id 5", kInval, 255},
        VlanNeg{"vlan add vid 4095 dev swp1 tunnel_info id 5",
                "RTNETLINK answers: Numerical result out of range\n", 255},
        VlanNeg{"vlan add vid 20-22 dev swp2 tunnel_info id 5-7", kNotSupp, 255},
        // Target selection: the bridge without `self`, a device that is no port.
        VlanNeg{"vlan add vid 10 dev br0", kNotSupp, 255},
        VlanNeg{"vlan add vid 10 dev br0 master", kNotSupp, 255},
        VlanNeg{"vlan add vid 10 dev br0 master self", kNotSupp, 255},
        VlanNeg{"vlan add vid 10 dev other", kNotSupp, 255},
        VlanNeg{"vlan add vid 10 dev other self", kNotSupp, 255},
        VlanNeg{"vlan del vid 10 dev other", kNotSupp, 255},
        VlanNeg{"vlan add vid 0 dev other", kNotSupp, 255}));

INSTANTIATE_TEST_SUITE_P(
    Set, BridgeVlanNegative,
    testing::Values(
        VlanNeg{"vlan set vid 1 dev nosuch state 3", "Cannot find network device \"nosuch\"\n",
                255},
        VlanNeg{"vlan set dev nosuch state foo", "Cannot find network device \"nosuch\"\n", 255},
        VlanNeg{"vlan set state foo dev nosuch", "Error: invalid STP state\n", 255},
        VlanNeg{"vlan set vid 1 dev swp1 state Forwarding", "Error: invalid STP state\n", 255},
        VlanNeg{"vlan set vid 1 dev swp1 state -1", "Error: invalid STP state\n", 255},
        VlanNeg{"vlan set vid 1 dev swp1 state 0x3", "Error: invalid STP state\n", 255},
        VlanNeg{"vlan set vid 1 dev swp1 state 7", "Error: bridge: Invalid vlan state.\n", 255},
        VlanNeg{"vlan set vid 1 dev swp1 mcast_router x",
                "Error: argument \"x\" is wrong: invalid mcast_router\n", 255},
        VlanNeg{"vlan set vid 1 dev swp1 mcast_router 256",
                "Error: argument \"256\" is wrong: invalid mcast_router\n", 255},
        VlanNeg{"vlan set vid 1 dev swp1 mcast_router 4", "RTNETLINK answers: Invalid argument\n",
                255},
        VlanNeg{"vlan set vid 1 dev br0 mcast_router 3", "RTNETLINK answers: Invalid argument\n",
                255},
        VlanNeg{"vlan set dev swp1 state 3", kRequired, 255},
        VlanNeg{"vlan set vid 65535 dev swp1 state 3", kRequired, 255},
        VlanNeg{"vlan set vid 4096 dev swp1", "Invalid VLAN ID \"4096\"\n", 255},
        VlanNeg{"vlan set vid 10-5 dev swp1", "Invalid VLAN range \"10-5\"\n", 255},
        VlanNeg{"vlan set vid 5000-6000 dev swp1", "Invalid VLAN range \"5000-6000\"\n", 255},
        VlanNeg{"vlan set vid 1 dev swp1 state", kIncomplete, 255},
        VlanNeg{"vlan set vid 1 dev swp1 help", kIncomplete, 255},
        VlanNeg{"vlan set vid 0 dev swp1 state 3", kBadVid, 255},
        VlanNeg{"vlan set vid 10 dev swp1 state 3",
                "Error: bridge: Vlan range start doesn't exist, can't process options.\n", 255},
        VlanNeg{"vlan set vid 20-23 dev swp2 state 3",
                "Error: bridge: Vlan range end doesn't exist, can't process options.\n", 255},
        VlanNeg{"vlan set vid 1-22 dev swp2 state 3",
                "Error: bridge: Vlan in range doesn't exist, can't process options.\n", 255},
        VlanNeg{"vlan set vid 20 dev br0 state 3",  // only port context on br0
                "Error: bridge: Vlan range start doesn't exist, can't process options.\n", 255},
        VlanNeg{"vlan set vid 1 dev other state 3",
                "Error: bridge: The device is not a valid bridge or bridge port.\n", 255},
        // The newer options uvn accepts (Linux 6.3/6.7).
        VlanNeg{"vlan set vid 1 dev swp1 neigh_suppress 1",
                "Error: argument of \"neigh_suppress\" must be one of \"off\", \"on\", not \"1\"\n",
                234},
        VlanNeg{"vlan set vid 1 dev br0 neigh_suppress on",
                "Error: bridge: Can't set neigh_suppress for non-port vlans.\n", 255},
        VlanNeg{"vlan set vid 1 dev swp1 mcast_max_groups x",
                "Error: argument \"x\" is wrong: invalid mcast_max_groups\n", 255},
        VlanNeg{"vlan set vid 1 dev swp1 mcast_max_groups 5",
                "Error: bridge: Multicast snooping disabled on this VLAN.\n", 255},
        VlanNeg{"vlan set vid 1 dev br0 mcast_max_groups 5",
                "Error: bridge: Can't set mcast_max_groups for non-port vlans.\n", 255}));

INSTANTIATE_TEST_SUITE_P(
    Global, BridgeVlanNegative,
    testing::Values(
        VlanNeg{"vlan global set vid 10 dev nosuch", "Cannot find network device \"nosuch\"\n",
                255},
        VlanNeg{"vlan global set dev br0", kRequired, 255},
        VlanNeg{"vlan global set vid 1 dev br0 mcast_snooping x",
                "Error: argument \"x\" is wrong: invalid mcast_snooping\n", 255},
        VlanNeg{"vlan global set vid 1 dev br0 mcast_snooping 256",
                "Error: argument \"256\" is wrong: invalid mcast_snooping\n", 255},
        VlanNeg{"vlan global set vid 1 dev br0 mcast_querier x",
                "Error: argument \"x\" is wrong: invalid mcast_querier\n", 255},
        VlanNeg{"vlan global set vid 1 dev br0 mcast_igmp_version x",
                "Error: argument \"x\" is wrong: invalid mcast_igmp_version\n", 255},
        VlanNeg{"vlan global set vid 1 dev br0 mcast_last_member_interval x",
                "Error: argument \"x\" is wrong: invalid mcast_last_member_interval\n", 255},
        VlanNeg{"vlan global set vid 1 dev br0 mcast_startup_query_count 4294967296",
                "Error: argument \"4294967296\" is wrong: invalid mcast_startup_query_count\n",
                255},
        VlanNeg{"vlan global set vid 1 dev br0 help", kIncomplete, 255},
        VlanNeg{"vlan global set vid 4096 dev br0", "Invalid VLAN ID \"4096\"\n", 255},
        VlanNeg{"vlan global set vid 0 dev br0", kBadVid, 255},
        VlanNeg{"vlan global set vid 1 dev swp1",
                "Error: bridge: Global vlan options can only be set on bridge device.\n", 255},
        VlanNeg{"vlan global set vid 1 dev other",
                "Error: bridge: The device is not a valid bridge or bridge port.\n", 255},
        VlanNeg{"vlan global set vid 99 dev br0",
                "Error: bridge: Vlan in range doesn't exist, can't process global options.\n", 255},
        VlanNeg{"vlan global set vid 1 dev br0 mcast_igmp_version 4",
                "RTNETLINK answers: Invalid argument\n", 255},
        VlanNeg{"vlan global set vid 1 dev br0 mcast_mld_version 0",
                "RTNETLINK answers: Invalid argument\n", 255},
        VlanNeg{"vlan global show dev nosuch", "Cannot find device \"nosuch\"\n", 255},
        VlanNeg{"vlan global foo", kUsage, 255, true},
        VlanNeg{"vlan global sh", kUsage, 255, true}));  // exact words here

INSTANTIATE_TEST_SUITE_P(
    Show, BridgeVlanNegative,
    testing::Values(VlanNeg{"vlan bogus",
                            "Command \"bogus\" is unknown, try \"bridge vlan help\".\n", 255},
                    VlanNeg{"vlan g", "Command \"g\" is unknown, try \"bridge vlan help\".\n", 255},
                    VlanNeg{"vlan help", kUsage, 255, true}, VlanNeg{"vlan h", kUsage, 255, true},
                    VlanNeg{"vlan show dev swp1 dev swp1",
                            "Error: duplicate \"dev\": \"swp1\" is the second value.\n", 255},
                    VlanNeg{"vlan show vid 1 vid 2",
                            "Error: duplicate \"vid\": \"2\" is the second value.\n", 255},
                    VlanNeg{"vlan show vid", kIncomplete, 255},
                    VlanNeg{"vlan show dev", kIncomplete, 255},
                    VlanNeg{"vlan show dev nosuch", "Cannot find device \"nosuch\"\n", 255},
                    VlanNeg{"-d vlan show dev nosuch", "Cannot find device \"nosuch\"\n", 255},
                    VlanNeg{"-s vlan show dev nosuch", "Cannot find device \"nosuch\"\n", 255}));

// The usage text is iproute2 6.1's, byte for byte (recording bridge-cmd 008).
TEST(BridgeVlanCli, UsageMatchesRecording) {
  Recorded rec = load_recorded("bridge-cmd", "008");
  ASSERT_TRUE(rec.ok);
  ASSERT_EQ(rec.cmd, "bridge vlan help");
  sim::Runner r({});
  Result got = run(r, rec.cmd);
  EXPECT_EQ(got.err, rec.err);
  EXPECT_EQ(got.rc, rec.rc);
}

// Accepted edge cases of iproute2's parsing.
TEST(BridgeVlanCli, AcceptedQuirks) {
  sim::Runner r({});
  for (auto& l : kSetup) ASSERT_EQ(run(r, l).rc, 0) << l;
  // Unknown words are ignored; del of an absent VID succeeds; "vid 10-20-30" is 10-20.
  EXPECT_EQ(run(r, "bridge -n n1 vlan add vid 30 dev swp1 tagged bogus").rc, 0);
  EXPECT_EQ(run(r, "bridge -n n1 vlan del vid 31 dev swp1").rc, 0);
  EXPECT_EQ(run(r, "bridge -n n1 vlan add vid 40-41-99 dev swp1").rc, 0);
  EXPECT_EQ(run(r, "bridge -n n1 vlan d vid 41 dev swp1").rc, 0);
  // `state 259` keeps the low 8 bits (3); a VID filter of 0 is none, then `vid` may repeat.
  EXPECT_EQ(run(r, "bridge -n n1 vlan set vid 30 dev swp1 state 259 mcast_router 0x2").rc, 0);
  Result d = run(r, "bridge -n n1 -d vlan show dev swp1 vid 0 vid 30");
  EXPECT_EQ(d.out,
            "port              vlan-id  \n"
            "swp1              30\n"
            "                    state forwarding mcast_router 2 \n");
  // `-c` is -color in bridge 6.1: no compression; -com[pressvlans] compresses.
  Result plain = run(r, "bridge -n n1 vlan show dev swp2");
  EXPECT_EQ(run(r, "bridge -n n1 -c vlan show dev swp2").out, plain.out);
  EXPECT_EQ(run(r, "bridge -n n1 -color=never vlan show dev swp2").out, plain.out);
  EXPECT_EQ(run(r, "bridge -n n1 -com vlan show dev swp2").out,
            "port              vlan-id  \n"
            "swp2              1 PVID Egress Untagged\n"
            "                  20-22\n");
  // `vid` filters: the VID alone, or the range holding it; nothing when no port has it.
  EXPECT_EQ(run(r, "bridge -n n1 -compressvlans vlan show vid 21").out,
            "port              vlan-id  \n"
            "swp2              20-22\n");
  EXPECT_EQ(run(r, "bridge -n n1 vlan show vid 21").out,
            "port              vlan-id  \n"
            "swp2              21\n");
  EXPECT_EQ(run(r, "bridge -n n1 -j vlan show vid 99").out, "[]\n");
}

}  // namespace
}  // namespace uvn::test
