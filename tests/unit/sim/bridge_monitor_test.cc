// `bridge monitor` against the recording of real iproute2 6.1 + Linux
// (tests/reference/bridge-monitor.sh, raw/bridge-monitor/NNN):
//   - bad arguments: stderr and exit status as recorded, and the world left as it was;
//   - the first two recorded runs (`monitor fdb link`, then `monitor link` in the same
//     namespaces) replayed in one world: the monitor's output equals the recorded one but for
//     the bridge's random MAC, and but for the per-VLAN copies of FDB entries (` vlan 1 `)
//     that uvn, modelling a kernel built with VLAN filtering, announces and the recording
//     kernel (without it) did not. IPv6 is disabled in the namespaces, as in the recording
//     (otherwise the hosts' MLD reports teach the bridge their addresses earlier).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli/bridge.h"
#include "ip_harness.h"

namespace uvn::test {
namespace {

const std::vector<std::string> kNamespaces = {
    "ip netns add uvnref1",         "ip netns add uvnref2",         "ip netns add uvnref3",
    "ip -n uvnref1 link set lo up", "ip -n uvnref2 link set lo up", "ip -n uvnref3 link set lo up"};

class BridgeMonitorErrors : public testing::TestWithParam<const char*> {};

TEST_P(BridgeMonitorErrors, MatchesRecordingAndLeavesNoTrace) {
  Recorded rec = load_recorded("bridge-monitor", GetParam());
  ASSERT_TRUE(rec.ok) << "no raw/bridge-monitor/" << GetParam();
  sim::Runner r({});
  for (auto& line : kNamespaces) ASSERT_EQ(run(r, line).rc, 0) << line;
  std::string before = dump_world(r);
  Result got = run(r, rec.cmd);
  EXPECT_EQ(got.err, rec.err) << rec.cmd;
  EXPECT_EQ(got.rc, rec.rc) << rec.cmd;
  EXPECT_EQ(got.out, rec.out) << rec.cmd;
  EXPECT_EQ(dump_world(r), before) << rec.cmd;
}

// 023 an unknown argument, 024 a missing namespace, 025 help.
INSTANTIATE_TEST_SUITE_P(Recorded, BridgeMonitorErrors, testing::Values("023", "024", "025"));

// The actions of the recording ($ACT in bridge-monitor.sh), one per line.
std::string actions() {
  std::string cmd = load_recorded("bridge-monitor", "006").cmd;
  size_t from = cmd.find("M=$!; ") + 6, to = cmd.rfind("; kill $M");
  std::string act = cmd.substr(from, to - from);
  act = std::regex_replace(act, std::regex(" >/dev/null"), "");
  return std::regex_replace(act, std::regex("; "), "\n") + "\n";
}

// The bridge's MAC is random (the rest are fixed in the recording).
std::string mask_random_macs(const std::string& s) {
  return std::regex_replace(s, std::regex("\\b(?!02:00:00:00)([0-9a-f]{2}:){5}[0-9a-f]{2}\\b"),
                            "MAC");
}

TEST(BridgeMonitor, ReplaysRecordedRunsExactly) {
  std::string dir = testing::TempDir() + "uvn-bridge-monitor";
  std::filesystem::create_directories(dir);
  std::string script = dir + "/runs.uvn";
  std::ofstream f(script);
  for (auto& line : kNamespaces) f << line << "\n";
  for (const char* ns : {"uvnref1", "uvnref2", "uvnref3"})
    f << "ip netns exec " << ns
      << " sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1\n";
  f << "echo ===006\nbridge -n uvnref1 monitor fdb link\n" << actions() << "stop monitors\n";
  f << "echo ===007\nbridge -n uvnref1 monitor link\n" << actions() << "stop monitors\n";
  f.close();

  sim::Runner r({});
  std::ostringstream out, err;
  ASSERT_EQ(r.run_script(script, out, err), 0) << err.str();
  // Only the monitors print (ping's lines aside).
  std::string text = std::regex_replace(
      out.str(),
      std::regex("(^PING .*\n|^64 bytes.*\n|^\n|^--- .*\n|^1 packets.*\n|^rtt .*\n)",
                 std::regex::multiline),
      "");
  size_t a = text.find("===006\n"), b = text.find("===007\n");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  std::string run006 = text.substr(a + 7, b - a - 7), run007 = text.substr(b + 7);
  // Every per-VLAN copy follows (or, deleted, precedes) its VID-0 entry; the rest is exact.
  std::string vlan_copies = std::regex_replace(
      run006, std::regex("^.* vlan 1 .*\n", std::regex::multiline), "");
  EXPECT_NE(vlan_copies, run006);
  EXPECT_EQ(mask_random_macs(vlan_copies),
            mask_random_macs(load_recorded("bridge-monitor", "006").out));
  EXPECT_EQ(run007, load_recorded("bridge-monitor", "007").out);
}

TEST(BridgeMonitor, RefusedOutsideTheSimulator) {
  World w;
  std::string out, err;
  cli::Context ctx{w, &w.init_ns(), out, err, nullptr, {}, nullptr};
  EXPECT_EQ(cli::bridge_main(ctx, {"monitor"}), 1);
  EXPECT_EQ(err, "bridge monitor: only available in the simulator (uvn run)\n");
}

}  // namespace
}  // namespace uvn::test
