// /proc/net/vlan through the simulator's `cat` (sim/proc_vlan.h, sim/tools/cat.cc): the exact
// bytes of vlanproc.c's formats (tests/reference/vlan-ground-truth.md section 2), namespaces
// through `ip netns exec`, the egress mappings set back to 0, and cat's errors (exact stderr
// and exit status).
#include <gtest/gtest.h>

#include "dev/vlan/vlan.h"
#include "ip_harness.h"

namespace uvn::test {
namespace {

void setup(sim::Runner& r, const std::vector<std::string>& lines) {
  for (auto& l : lines) {
    Result res = run(r, l);
    ASSERT_EQ(res.rc, 0) << l << "\n" << res.err;
  }
}

const char kHeader[] = "VLAN Dev name\t | VLAN ID\nName-Type: VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD\n";

TEST(ProcVlan, ConfigEmptyInEveryNamespace) {
  sim::Runner r({});
  setup(r, {"ip netns add n1"});
  Result a = run(r, "cat /proc/net/vlan/config");
  EXPECT_EQ(a.rc, 0);
  EXPECT_EQ(a.out, kHeader);
  EXPECT_EQ(a.err, "");
  Result b = run(r, "ip netns exec n1 cat /proc/net/vlan/config");
  EXPECT_EQ(b.rc, 0);
  EXPECT_EQ(b.out, kHeader);
}

TEST(ProcVlan, ConfigRowsInIfindexOrderPerNamespace) {
  sim::Runner r({});
  setup(r, {"ip netns add n1", "ip link add eth0 type veth peer name eth1 netns n1",
            "ip link add link eth0 name eth0.2 type vlan id 2",
            "ip link add link eth0 name eth0.100 type vlan id 100",
            "ip link add link eth0 name vlan5-long-name type vlan id 5",
            "ip link add link eth0 name fourteen-chars type vlan id 4094",
            "ip -n n1 link add link eth1 name e.7 type vlan protocol 802.1ad id 7"});
  Result a = run(r, "cat /proc/net/vlan/config");
  EXPECT_EQ(a.rc, 0);
  EXPECT_EQ(a.out, std::string(kHeader) +
                       "eth0.2         | 2  | eth0\n"
                       "eth0.100       | 100  | eth0\n"
                       "vlan5-long-name| 5  | eth0\n"
                       "fourteen-chars | 4094  | eth0\n");
  Result b = run(r, "ip netns exec n1 cat /proc/net/vlan/config");
  EXPECT_EQ(b.out, std::string(kHeader) + "e.7            | 7  | eth1\n");
}

TEST(ProcVlan, DeviceFileWithMapsAndCounters) {
  sim::Runner r({});
  setup(r, {"ip link add eth0 type veth peer name eth1",
            "ip link add link eth0 name eth0.10 type vlan id 10 ingress-qos-map 1:2 3:5 "
            "egress-qos-map 2:6 0:1 18:3",
            "ip link set eth0.10 type vlan egress-qos-map 18:0 34:7"});
  Result a = run(r, "cat /proc/net/vlan/eth0.10");
  EXPECT_EQ(a.rc, 0);
  EXPECT_EQ(a.err, "");
  EXPECT_EQ(a.out,
            "eth0.10  VID: 10\t REORDER_HDR: 1  dev->priv_flags: 81021\n"
            "         total frames received            0\n"
            "          total bytes received            0\n"
            "      Broadcast/Multicast Rcvd            0\n"
            "\n"
            "      total frames transmitted            0\n"
            "       total bytes transmitted            0\n"
            "Device: eth0\n"
            "INGRESS priority mappings: 0:0  1:2  2:0  3:5  4:0  5:0  6:0 7:0\n"
            // Bucket 0: 0:1; bucket 2: 34 (newest) then 18 (set back to 0) then 2.
            " EGRESS priority mappings: 0:1 34:7 18:0 2:6 \n");
  // The counters are the device's (the numbers `ip -s link` prints).
  Device* d = r.world().init_ns().find("eth0.10");
  ASSERT_NE(d, nullptr);
  d->stats().rx_packets = 3;
  d->stats().rx_bytes = 252;
  d->stats().multicast = 1;
  d->stats().tx_packets = 4;
  d->stats().tx_bytes = 123456789012;
  Result b = run(r, "cat /proc/net/vlan/eth0.10");
  EXPECT_NE(b.out.find("         total frames received            3\n"
                       "          total bytes received          252\n"
                       "      Broadcast/Multicast Rcvd            1\n"
                       "\n"
                       "      total frames transmitted            4\n"
                       "       total bytes transmitted 123456789012\n"),
            std::string::npos)
      << b.out;
}

TEST(ProcVlan, EgressEntriesKeepZeroMappings) {
  sim::Runner r({});
  setup(r, {"ip link add eth0 type veth peer name eth1",
            "ip link add link eth0 name v type vlan id 3 egress-qos-map 1:1 17:2 33:3",
            "ip link set v type vlan egress-qos-map 17:0"});
  auto* v = dynamic_cast<VlanDevice*>(r.world().init_ns().find("v"));
  ASSERT_NE(v, nullptr);
  using M = std::vector<std::pair<uint32_t, uint32_t>>;
  EXPECT_EQ(v->egress_entries(), (M{{33, 3}, {17, 0}, {1, 1}}));
  EXPECT_EQ(v->egress_dump(), (M{{33, 3}, {1, 1}}));
}

TEST(ProcVlan, PrivFlagsByLower) {
  sim::Runner r({});
  setup(r, {"ip link add eth0 type veth peer name eth1", "ip link add d0 type dummy",
            "ip link add br0 type bridge",
            "ip link add link eth0 name q type vlan protocol 802.1ad id 20 reorder_hdr off",
            "ip link add link q name q.30 type vlan id 30",
            "ip link add link d0 name d0.5 type vlan id 5",
            "ip link add link br0 name br0.7 type vlan id 7",
            "ip link add link br0.7 name br0.7.8 type vlan id 8"});
  EXPECT_EQ(first_line(run(r, "cat /proc/net/vlan/q").out),
            "q  VID: 20\t REORDER_HDR: 0  dev->priv_flags: 81021");
  Result qq = run(r, "cat /proc/net/vlan/q.30");
  EXPECT_EQ(first_line(qq.out), "q.30  VID: 30\t REORDER_HDR: 1  dev->priv_flags: 81021");
  EXPECT_NE(qq.out.find("\nDevice: q\n"), std::string::npos);
  EXPECT_EQ(first_line(run(r, "cat /proc/net/vlan/d0.5").out),
            "d0.5  VID: 5\t REORDER_HDR: 1  dev->priv_flags: 81021");
  EXPECT_EQ(first_line(run(r, "cat /proc/net/vlan/br0.7").out),
            "br0.7  VID: 7\t REORDER_HDR: 1  dev->priv_flags: 81001");
  EXPECT_EQ(first_line(run(r, "cat /proc/net/vlan/br0.7.8").out),
            "br0.7.8  VID: 8\t REORDER_HDR: 1  dev->priv_flags: 81001");
}

TEST(ProcVlan, SeveralFilesAndErrors) {
  sim::Runner r({});
  setup(r, {"ip netns add n1", "ip link add eth0 type veth peer name eth1",
            "ip link add link eth0 name eth0.2 type vlan id 2"});
  struct Case {
    std::string cmd, err;
  };
  for (const Case& c : std::vector<Case>{
           {"cat /proc/net/vlan/eth0", "cat: /proc/net/vlan/eth0: No such file or directory\n"},
           {"cat /proc/net/vlan/nosuch", "cat: /proc/net/vlan/nosuch: No such file or directory\n"},
           {"ip netns exec n1 cat /proc/net/vlan/eth0.2",
            "cat: /proc/net/vlan/eth0.2: No such file or directory\n"},
           {"cat /proc/net/vlan", "cat: /proc/net/vlan: Is a directory\n"},
           {"cat /proc/net/vlan/", "cat: /proc/net/vlan/: Is a directory\n"},
           {"cat /proc/net/vlan/config/x", "cat: /proc/net/vlan/config/x: Not a directory\n"},
           {"cat /proc/net/vlan/eth0/x", "cat: /proc/net/vlan/eth0/x: No such file or directory\n"},
           {"cat /etc/hostname",
            "cat: /etc/hostname: uvn's cat only knows /proc/net/vlan (config and one file per "
            "VLAN device) and /proc/net/bonding (one file per bond)\n"},
       }) {
    Result res = run(r, c.cmd);
    EXPECT_EQ(res.rc, 1) << c.cmd;
    EXPECT_EQ(res.out, "") << c.cmd;
    EXPECT_EQ(res.err, c.err) << c.cmd;
  }
  // Readable files are printed in order; a missing one is reported and the status is 1.
  Result both = run(r, "cat /proc/net/vlan/config /proc/net/vlan/nosuch /proc/net/vlan/eth0.2");
  EXPECT_EQ(both.rc, 1);
  EXPECT_EQ(both.err, "cat: /proc/net/vlan/nosuch: No such file or directory\n");
  EXPECT_EQ(both.out.rfind(kHeader, 0), 0u);
  EXPECT_NE(both.out.find("eth0.2  VID: 2\t"), std::string::npos);
  Result none = run(r, "cat");
  EXPECT_EQ(none.rc, 1);
  EXPECT_NE(none.err.find("uvn's cat reads no standard input"), std::string::npos);
  Result opt = run(r, "cat -A /proc/net/vlan/config");
  EXPECT_EQ(opt.rc, 1);
  EXPECT_EQ(opt.out, "");
  EXPECT_NE(opt.err.find("uvn's cat takes no options"), std::string::npos);
}

}  // namespace
}  // namespace uvn::test
