// Negative tests for VLAN devices (issue 4): each refused `ip link add/set ... type vlan`
// prints the message and exit status of tests/reference/vlan-ground-truth.md 1.5 (no
// recording exists: the recording kernel has no 8021q module) and leaves the world as it was
// (dump_world before and after are byte-identical).
#include <gtest/gtest.h>

#include "ip_harness.h"

namespace uvn::test {
namespace {

const std::vector<std::string> kVlanSetup = {
    "ip netns add n1",
    "ip -n n1 link add eth0 type veth peer name eth1",
    "ip -n n1 link set eth0 up",
    "ip -n n1 link set eth1 up",
    "ip -n n1 link add link eth0 name eth0.10 type vlan id 10",
    "ip -n n1 link add link eth0 name eth0.ad type vlan protocol 802.1ad id 20",
    "ip -n n1 link add dn type dummy",
    "ip -n n1 link add link dn name dn.5 type vlan id 5",
    "ip -n n1 link add link dn name dn.6 type vlan id 6 loose_binding on",
    "ip -n n1 link set eth0.10 type vlan ingress-qos-map 1:2 egress-qos-map 3:4 19:5",
};

struct VlanNeg {
  std::string cmd;
  std::string err;  // exact stderr, or its first line when `usage` is set
  int rc;
  bool usage = false;
};

class VlanNegative : public testing::TestWithParam<VlanNeg> {};

TEST_P(VlanNegative, RefusedAndNoTrace) {
  const VlanNeg& c = GetParam();
  sim::Runner r({});
  for (auto& l : kVlanSetup) {
    Result res = run(r, l);
    ASSERT_EQ(res.rc, 0) << l << "\n" << res.err;
  }
  std::string before = dump_world(r);
  Result got = run(r, "ip -n n1 " + c.cmd);
  if (c.usage)
    EXPECT_EQ(first_line(got.err), c.err) << c.cmd;
  else
    EXPECT_EQ(got.err, c.err) << c.cmd;
  EXPECT_EQ(got.rc, c.rc) << c.cmd;
  EXPECT_EQ(dump_world(r), before) << c.cmd << ": the rejected command changed the world";
}

const std::string kAdd = "link add link eth0 name v type vlan ";

INSTANTIATE_TEST_SUITE_P(
    Cases, VlanNegative,
    testing::Values(
        VlanNeg{kAdd + "id 65536", "Error: argument \"65536\" is wrong: id is invalid\n", 255},
        VlanNeg{kAdd + "id -1", "Error: argument \"-1\" is wrong: id is invalid\n", 255},
        VlanNeg{kAdd + "id foo", "Error: argument \"foo\" is wrong: id is invalid\n", 255},
        VlanNeg{kAdd + "id", "Command line is not complete. Try option \"help\"\n", 255},
        VlanNeg{kAdd + "protocol foo id 5",
                "Error: argument \"foo\" is wrong: protocol is invalid\n", 255},
        VlanNeg{kAdd + "reorder_hdr yes id 5",
                "Error: argument of \"reorder_hdr\" must be \"on\" or \"off\", not \"yes\"\n", 1},
        VlanNeg{kAdd + "gvrp 1 id 5",
                "Error: argument of \"gvrp\" must be \"on\" or \"off\", not \"1\"\n", 1},
        VlanNeg{kAdd + "mvrp x id 5",
                "Error: argument of \"mvrp\" must be \"on\" or \"off\", not \"x\"\n", 1},
        VlanNeg{kAdd + "loose_binding yes id 5",
                "Error: argument of \"loose_binding\" must be \"on\" or \"off\", not \"yes\"\n", 1},
        VlanNeg{kAdd + "id 5 bogus", "vlan: unknown command \"bogus\"?", 1, true},
        VlanNeg{kAdd + "help", "Usage: ... vlan id VLANID", 1, true},
        VlanNeg{"link add link nosuch name v type vlan id 5", "Cannot find device \"nosuch\"\n", 1},
        VlanNeg{"link add name v type vlan id 5", "Error: 8021q: link not specified.\n", 2},
        VlanNeg{"link add link eth0 name v type vlan", "Error: 8021q: VLAN id not specified.\n", 2},
        VlanNeg{kAdd + "id 4095", "Error: 8021q: Invalid VLAN id.\n", 2},
        VlanNeg{kAdd + "id 0xfff", "Error: 8021q: Invalid VLAN id.\n", 2},
        VlanNeg{kAdd + "id 65535", "Error: 8021q: Invalid VLAN id.\n", 2},
        VlanNeg{kAdd + "protocol ip id 5", "Error: 8021q: Invalid VLAN protocol.\n", 2},
        VlanNeg{kAdd + "id 10", "Error: 8021q: VLAN device already exists.\n", 2},
        VlanNeg{kAdd + "protocol 802.1ad id 20", "Error: 8021q: VLAN device already exists.\n", 2},
        VlanNeg{"link add link eth0 name eth0.10 type vlan id 11",
                "RTNETLINK answers: File exists\n", 2},
        // The kind's validate (VID range) runs before the existing-name check.
        VlanNeg{"link add link eth0 name eth0.10 type vlan id 4095",
                "Error: 8021q: Invalid VLAN id.\n", 2},
        VlanNeg{"link add link lo name lo.5 type vlan id 5",
                "Error: 8021q: VLANs not supported on device.\n", 2},
        VlanNeg{"link add link eth0 name v mtu 9000 type vlan id 5",
                "RTNETLINK answers: Invalid argument\n", 2},
        VlanNeg{"link set eth0.10 mtu 9000", "RTNETLINK answers: Numerical result out of range\n",
                2},
        VlanNeg{"link set eth0.10 mtu 70000", "Error: mtu greater than device maximum.\n", 2},
        VlanNeg{"link set dn.5 up", "RTNETLINK answers: Network is down\n", 2},
        // QoS maps (ground truth 1.5): a word without a colon ends the map and is read as the
        // next option; a bad number shows the part before the colon.
        VlanNeg{kAdd + "id 5 ingress-qos-map 1:2 foo", "vlan: unknown command \"foo\"?", 1, true},
        VlanNeg{kAdd + "id 5 ingress-qos-map 1-2", "vlan: unknown command \"1-2\"?", 1, true},
        VlanNeg{kAdd + "id 5 egress-qos-map 1:x",
                "Error: argument \"1\" is wrong: invalid egress-qos-map\n", 255},
        VlanNeg{kAdd + "id 5 egress-qos-map 1:2 3:",
                "Error: argument \"3\" is wrong: invalid egress-qos-map\n", 255},
        VlanNeg{kAdd + "id 5 ingress-qos-map x:1",
                "Error: argument \"x\" is wrong: invalid ingress-qos-map\n", 255},
        VlanNeg{kAdd + "id 5 ingress-qos-map 1:4294967296",
                "Error: argument \"1\" is wrong: invalid ingress-qos-map\n", 255},
        VlanNeg{kAdd + "id 5 egress-qos-map -1:2",
                "Error: argument \"-1\" is wrong: invalid egress-qos-map\n", 255},
        VlanNeg{kAdd + "id 5 egress-qos-map", "Command line is not complete. Try option \"help\"\n",
                255},
        VlanNeg{kAdd + "id 5 ingress-qos-map",
                "Command line is not complete. Try option \"help\"\n", 255},
        VlanNeg{kAdd + "id 4095 egress-qos-map 1:2", "Error: 8021q: Invalid VLAN id.\n", 2},
        // ip link set DEV type vlan: the same parse errors, the kernel's validate, and a device
        // of another kind refused; nothing of the request is applied.
        VlanNeg{"link set eth0.10 type vlan egress-qos-map 1:2 3:x",
                "Error: argument \"3\" is wrong: invalid egress-qos-map\n", 255},
        VlanNeg{"link set eth0.10 type vlan ingress-qos-map",
                "Command line is not complete. Try option \"help\"\n", 255},
        VlanNeg{"link set eth0.10 type vlan ingress-qos-map 1:7 bogus",
                "vlan: unknown command \"bogus\"?", 1, true},
        VlanNeg{"link set eth0.10 type vlan gvrp yes egress-qos-map 1:2",
                "Error: argument of \"gvrp\" must be \"on\" or \"off\", not \"yes\"\n", 1},
        VlanNeg{"link set eth0.10 type vlan protocol foo",
                "Error: argument \"foo\" is wrong: protocol is invalid\n", 255},
        VlanNeg{"link set eth0.10 type vlan id 4095 egress-qos-map 1:5",
                "Error: 8021q: Invalid VLAN id.\n", 2},
        VlanNeg{"link set eth0.10 type vlan protocol ip ingress-qos-map 1:5 reorder_hdr off",
                "Error: 8021q: Invalid VLAN protocol.\n", 2},
        VlanNeg{"link set eth0.10 type vlan id 65536",
                "Error: argument \"65536\" is wrong: id is invalid\n", 255},
        VlanNeg{"link set eth1 type vlan egress-qos-map 1:2",
                "RTNETLINK answers: Operation not supported\n", 2},
        VlanNeg{"link set dn type vlan loose_binding on",
                "RTNETLINK answers: Operation not supported\n", 2},
        // The kind's validate runs before the device's kind is compared.
        VlanNeg{"link set dn type vlan id 4095", "Error: 8021q: Invalid VLAN id.\n", 2}));

// The accepted counterparts: loose_binding opens over a down lower; the lower coming up
// opens the others; deleting the lower deletes its VLANs.
TEST(VlanRules, LooseBindingAndLowerFollow) {
  sim::Runner r({});
  for (auto& l : kVlanSetup) ASSERT_EQ(run(r, l).rc, 0) << l;
  EXPECT_EQ(run(r, "ip -n n1 link set dn.6 up").rc, 0);
  EXPECT_EQ(run(r, "ip -n n1 link set dn up").rc, 0);
  EXPECT_NE(run(r, "ip -n n1 link show dn.5").out.find(",UP"), std::string::npos);
  EXPECT_EQ(run(r, "ip -n n1 link del dn").rc, 0);
  EXPECT_NE(run(r, "ip -n n1 link show dn.5").rc, 0);
  EXPECT_NE(run(r, "ip -n n1 link show dn.6").rc, 0);
  EXPECT_EQ(run(r, "ip -n n1 link show eth0.10").rc, 0);
}

// `ip link set DEV type vlan`: an in-range id or protocol passes validate and is ignored
// (vlan_changelink has no way to change them); flags change; maps merge (19 and 35 share
// bucket 3 with 3, the newest first).
TEST(VlanRules, ChangeLink) {
  sim::Runner r({});
  for (auto& l : kVlanSetup) ASSERT_EQ(run(r, l).rc, 0) << l;
  Result res = run(r, "ip -n n1 link set eth0.10 type vlan id 11 protocol 802.1ad");
  EXPECT_EQ(res.rc, 0) << res.err;
  EXPECT_EQ(res.err, "");
  std::string d = run(r, "ip -n n1 -d link show eth0.10").out;
  EXPECT_NE(d.find("vlan protocol 802.1Q id 10 <REORDER_HDR> \n"
                   "      ingress-qos-map { 1:2 } \n"
                   "      egress-qos-map { 19:5 3:4 } "),
            std::string::npos)
      << d;
  EXPECT_EQ(run(r,
                "ip -n n1 link set eth0.10 type vlan reorder_hdr off mvrp on egress-qos-map "
                "19:0 35:6 ingress-qos-map 9:3")
                .rc,
            0);
  d = run(r, "ip -n n1 -d link show eth0.10").out;
  EXPECT_NE(d.find("vlan protocol 802.1Q id 10 <MVRP> \n"
                   "      ingress-qos-map { 1:3 } \n"
                   "      egress-qos-map { 35:6 3:4 } "),
            std::string::npos)
      << d;
}

}  // namespace
}  // namespace uvn::test
