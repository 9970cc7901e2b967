// teamnl (libteam 1.31): the help and usage errors as recorded (tests/reference/
// team-ground-truth.md section 7), getopt's error lines, and the output of ports / options /
// getoption / setoption against teams built with `ip`, compared as exact strings in libteam's
// format (lib/stringify.c: reverse kernel order, a leading change mark, a trailing space).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/context.h"
#include "cli/ip.h"
#include "cli/teamnl.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn::cli {
namespace {

const std::string kHelp =
    "teamnl [options] teamdevname command [command args]\n"
    "\t-h --help                Show this help\n"
    "\t-p --port_name           team slave port name\n"
    "\t-a --array_index         team option array index\n"
    "Commands:\n"
    "\tports\n"
    "\toptions\n"
    "\tgetoption OPT_NAME\n"
    "\tsetoption OPT_NAME OPT_VALUE\n"
    "\tmonitor OPT_STYLE\n";

struct Out {
  int rc = 0;
  std::string out, err;
};

struct Shell {
  World w{61};

  // One command line, `ip ...` or `teamnl ...`, in the initial namespace.
  Out run(const std::string& line) {
    Args a = split_command_line(line);
    Out o;
    Context ctx{w, &w.init_ns(), o.out, o.err, nullptr, {}, nullptr, false};
    std::string tool = a.front();
    a.erase(a.begin());
    o.rc = tool == "teamnl" ? teamnl_main(ctx, a) : ip_main(ctx, a);
    w.engine().settle();
    return o;
  }
  // Runs lines that must succeed quietly.
  void ok(const std::vector<std::string>& lines) {
    for (const auto& l : lines) {
      Out o = run(l);
      ASSERT_EQ(o.rc, 0) << l << "\n" << o.err;
      ASSERT_EQ(o.err, "") << l;
    }
  }
  int ifindex(const std::string& name) { return w.init_ns().find(name)->ifindex(); }
  std::string ifx(const std::string& name) { return std::to_string(ifindex(name)); }
  // team0 in `mode` with ports eth0, eth1 (their peers up).
  void team_with_ports(const std::string& mode) {
    ok({"ip link add team0 type team", "teamnl team0 setoption mode " + mode,
        "ip link add eth0 type veth peer name peer0", "ip link add eth1 type veth peer name peer1",
        "ip link set peer0 up", "ip link set peer1 up", "ip link set eth0 master team0",
        "ip link set eth1 master team0"});
  }
};

Out expect_run(Shell& sh, const std::string& line, int rc, const std::string& out,
               const std::string& err) {
  Out o = sh.run(line);
  EXPECT_EQ(o.rc, rc) << line;
  EXPECT_EQ(o.out, out) << line;
  EXPECT_EQ(o.err, err) << line;
  return o;
}

TEST(Teamnl, HelpAndUsageErrors) {
  Shell sh;
  expect_run(sh, "teamnl -h", 0, kHelp, "");
  expect_run(sh, "teamnl --help", 0, kHelp, "");
  expect_run(sh, "teamnl --he team0 ports", 0, kHelp, "");
  expect_run(sh, "teamnl team0 -h ports", 0, kHelp, "");
  expect_run(sh, "teamnl", 1, "\n" + kHelp, "No team device specified.\n");
  expect_run(sh, "teamnl -p eth0", 1, "\n" + kHelp, "No team device specified.\n");
  expect_run(sh, "teamnl team0", 1, "\n" + kHelp, "No command specified.\n");
  expect_run(sh, "teamnl team0 frobnicate", 1, "\n" + kHelp,
             "Unknown command \"frobnicate\".\n");
  // getopt's own lines, then teamnl's.
  expect_run(sh, "teamnl -x team0 ports", 1, kHelp,
             "teamnl: invalid option -- 'x'\nunknown option.\n");
  expect_run(sh, "teamnl team0 ports -hx", 0, kHelp, "");
  expect_run(sh, "teamnl team0 ports -xh", 1, kHelp,
             "teamnl: invalid option -- 'x'\nunknown option.\n");
  expect_run(sh, "teamnl team0 ports -p", 1, kHelp,
             "teamnl: option requires an argument -- 'p'\nunknown option.\n");
  expect_run(sh, "teamnl --bogus team0 ports", 1, kHelp,
             "teamnl: unrecognized option '--bogus'\nunknown option.\n");
  expect_run(sh, "teamnl team0 ports --port_name", 1, kHelp,
             "teamnl: option '--port_name' requires an argument\nunknown option.\n");
  expect_run(sh, "teamnl --help=yes", 1, kHelp,
             "teamnl: option '--help' doesn't allow an argument\nunknown option.\n");
}

TEST(Teamnl, NoSuchTeam) {
  Shell sh;
  expect_run(sh, "teamnl team0 ports", 1, "",
             "Netdevice \"team0\" not found.\nCommand failed: No such device\n");
  sh.ok({"ip link add dummy0 type dummy"});
  expect_run(sh, "teamnl dummy0 options", 1, "",
             "libteam: port_list_init: Failed to get port list.\n"
             "libteam: team_init: Failed to init port list.\n"
             "Team init failed.\n"
             "Command failed: Invalid argument\n");
}

TEST(Teamnl, FreshTeamOptions) {
  Shell sh;
  sh.ok({"ip link add team0 type team"});
  expect_run(sh, "teamnl team0 options", 0,
             " mcast_rejoin_interval 0 \n"
             " mcast_rejoin_count 0 \n"
             " notify_peers_interval 0 \n"
             " notify_peers_count 0 \n"
             " mode *NOMODE* \n",
             "");
  expect_run(sh, "teamnl team0 ports", 0, "", "");
  expect_run(sh, "teamnl team0 getoption mode", 0, "*NOMODE*\n", "");
  // Commands by prefix, the first that matches: "" and "p" are ports, "o" options.
  expect_run(sh, "teamnl team0 p", 0, "", "");
  expect_run(sh, "teamnl team0 g mode", 0, "*NOMODE*\n", "");
}

TEST(Teamnl, ActiveBackupOptionsAndPorts) {
  Shell sh;
  sh.team_with_ports("activebackup");
  std::string e0 = sh.ifx("eth0"), e1 = sh.ifx("eth1");
  // A negative value looks like an option to getopt: it needs "--" before it.
  expect_run(sh, "teamnl -p eth0 team0 setoption priority -3", 1, kHelp,
             "teamnl: invalid option -- '3'\nunknown option.\n");
  sh.ok({"teamnl team0 setoption activeport " + e1,
         "teamnl -p eth0 team0 setoption priority -- -3",
         "teamnl team0 setoption --port_name=eth1 queue_id 5",
         "teamnl team0 setoption notify_peers_count 2"});
  std::string port_lines;
  for (const char* p : {"eth1", "eth0"}) {
    std::string tag = std::string("(port:") + p + ") ";
    bool eth0 = std::string(p) == "eth0";
    port_lines += " queue_id " + tag + (eth0 ? "0" : "5") + " \n" + " priority " + tag +
                  (eth0 ? "-3" : "0") + " \n" + " user_linkup_enabled " + tag + "false \n" +
                  " user_linkup " + tag + "false \n" + " tx_enabled " + tag + "true \n" +
                  " rx_enabled " + tag + "true \n" + " enabled " + tag + "true \n";
  }
  expect_run(sh, "teamnl team0 options", 0,
             port_lines + " activeport " + e1 +
                 " \n"
                 " mcast_rejoin_interval 0 \n"
                 " mcast_rejoin_count 0 \n"
                 " notify_peers_interval 0 \n"
                 " notify_peers_count 2 \n"
                 " mode activebackup \n",
             "");
  // The last port added first; veth: 10000Mbit full duplex while it has link.
  expect_run(sh, "teamnl team0 ports", 0,
             " " + e1 + ": eth1: up 10000Mbit FD \n " + e0 + ": eth0: up 10000Mbit FD \n", "");
  sh.ok({"ip link set peer1 down"});
  expect_run(sh, "teamnl team0 ports", 0,
             " " + e1 + ": eth1: down 0Mbit HD \n " + e0 + ": eth0: up 10000Mbit FD \n", "");
}

TEST(Teamnl, GetAndSetOption) {
  Shell sh;
  sh.team_with_ports("roundrobin");
  expect_run(sh, "teamnl team0 getoption mode", 0, "roundrobin\n", "");
  expect_run(sh, "teamnl team0 getoption -p eth0 enabled", 0, "true\n", "");
  expect_run(sh, "teamnl team0 setoption -p eth0 enabled false", 0, "", "");
  expect_run(sh, "teamnl team0 getoption -p eth0 rx_enabled", 0, "false\n", "");
  expect_run(sh, "teamnl team0 getoption -p eth0 tx_enabled", 0, "false\n", "");
  expect_run(sh, "teamnl team0 setoption -p eth0 tx_enabled true", 0, "", "");
  expect_run(sh, "teamnl team0 getoption -p eth0 enabled", 0, "false\n", "");
  expect_run(sh, "teamnl team0 setoption -p eth0 rx_enabled true", 0, "", "");
  expect_run(sh, "teamnl team0 getoption -p eth0 enabled", 0, "true\n", "");
  const std::string enoent = "Command failed: No such file or directory\n";
  // Unknown options, a per-port option without its port, a team-wide one with a port.
  expect_run(sh, "teamnl team0 getoption nosuch", 1, "", enoent);
  expect_run(sh, "teamnl team0 getoption -p eth0 nosuch", 1, "", enoent);
  expect_run(sh, "teamnl team0 getoption enabled", 1, "", enoent);
  expect_run(sh, "teamnl team0 setoption enabled false", 1, "", enoent);
  expect_run(sh, "teamnl team0 getoption -p eth0 mode", 1, "", enoent);
  expect_run(sh, "teamnl team0 getoption activeport", 1, "", enoent);
  // Values teamnl cannot parse, and the kernel's refusals.
  const std::string einval = "Command failed: Invalid argument\n";
  expect_run(sh, "teamnl team0 setoption -p eth0 enabled yes", 1, "", einval);
  expect_run(sh, "teamnl team0 setoption notify_peers_count ten", 1, "", einval);
  expect_run(sh, "teamnl team0 setoption notify_peers_count 4294967296", 1, "",
             "Command failed: Numerical result out of range\n");
  expect_run(sh, "teamnl team0 setoption mode broadcast", 1, "",
             "Command failed: Device or resource busy\n");
  expect_run(sh, "teamnl team0 setoption -p eth1 queue_id 16", 1, "", einval);
  // Missing words: the command's name as typed.
  expect_run(sh, "teamnl team0 getoption", 1, "",
             "getoption: Option name as a command line parameter expected.\n" + einval);
  expect_run(sh, "teamnl team0 set mode", 1, "",
             "set: Option value as a command line parameter expected.\n" + einval);
  // -p and -a checked after the team.
  expect_run(sh, "teamnl team0 getoption -p nope enabled", 1, "",
             "Netdevice \"nope\" not found.\nCommand failed: No such device\n");
  expect_run(sh, "teamnl team0 getoption -p peer0 enabled", 1, "",
             "Netdevice \"peer0\" is not port of this team.\nCommand failed: No such device\n");
  expect_run(sh, "teamnl team0 getoption -a x mode", 1, "",
             "Failed to parse array index.\n" + einval);
  expect_run(sh, "teamnl team0 getoption -a 4294967296 mode", 1, "",
             "Array index too big.\nCommand failed: Numerical result out of range\n");
  expect_run(sh, "teamnl team0 getoption -a 0 mode", 1, "", enoent);
}

TEST(Teamnl, LoadBalanceArraysAndBinary) {
  Shell sh;
  sh.team_with_ports("loadbalance");
  std::string e0 = sh.ifx("eth0");
  expect_run(sh, "teamnl team0 getoption -a 7 lb_tx_hash_to_port_mapping", 0, "0\n", "");
  expect_run(sh, "teamnl team0 getoption lb_tx_hash_to_port_mapping", 1, "",
             "Command failed: No such file or directory\n");
  expect_run(sh, "teamnl team0 setoption -a 7 lb_tx_hash_to_port_mapping " + e0, 0, "", "");
  expect_run(sh, "teamnl team0 getoption --array_index 7 lb_tx_hash_to_port_mapping", 0,
             e0 + "\n", "");
  expect_run(sh, "teamnl team0 setoption -a 7 lb_tx_hash_to_port_mapping 9999", 1, "",
             "Command failed: No such device\n");
  expect_run(sh, "teamnl team0 getoption -a 255 lb_hash_stats", 0,
             "\\00\\00\\00\\00\\00\\00\\00\\00\n", "");
  expect_run(sh, "teamnl team0 setoption -a 255 lb_hash_stats \\01", 1, "",
             "Command failed: Operation not supported\n");
  expect_run(sh, "teamnl team0 getoption -p eth1 lb_port_stats", 0,
             "\\00\\00\\00\\00\\00\\00\\00\\00\n", "");
  expect_run(sh, "teamnl team0 getoption lb_tx_method", 0, "hash\n", "");
  expect_run(sh, "teamnl team0 getoption bpf_hash_func", 0, "\n", "");
  // The listing: 5 core + 515 loadbalance + 8 per port; the mapping set above in its place.
  Out o = sh.run("teamnl team0 options");
  ASSERT_EQ(o.rc, 0);
  std::vector<std::string> lines;
  for (size_t p = 0, q; (q = o.out.find('\n', p)) != std::string::npos; p = q + 1)
    lines.push_back(o.out.substr(p, q - p));
  ASSERT_EQ(lines.size(), 5u + 515 + 16);
  EXPECT_EQ(lines[0], " lb_port_stats (port:eth1) \\00\\00\\00\\00\\00\\00\\00\\00 ");
  EXPECT_EQ(lines[16], " lb_stats_refresh_interval 0 ");
  EXPECT_EQ(lines[17], " lb_hash_stats (arridx:255) \\00\\00\\00\\00\\00\\00\\00\\00 ");
  EXPECT_EQ(lines[17 + 256], " lb_tx_hash_to_port_mapping (arridx:255) 0 ");
  EXPECT_EQ(lines[17 + 256 + 248], " lb_tx_hash_to_port_mapping (arridx:7) " + e0 + " ");
  EXPECT_EQ(lines[17 + 512], " lb_tx_method hash ");
  EXPECT_EQ(lines[17 + 513], " bpf_hash_func  ");
  EXPECT_EQ(lines.back(), " mode loadbalance ");
  // bpf_hash_func: kept (uvn says so), and a long value cut at libteam's buffer.
  std::string prog;
  for (int i = 0; i < 15 * 8; ++i) prog += "\\00";
  prog += "\\06\\00\\00\\00\\ff\\ff\\00\\00";
  Out s = sh.run("teamnl team0 setoption bpf_hash_func " + prog);
  EXPECT_EQ(s.rc, 0);
  EXPECT_EQ(s.out, "");
  EXPECT_EQ(s.err.rfind("uvn: ", 0), 0u) << s.err;
  expect_run(sh, "teamnl team0 getoption bpf_hash_func", 0, prog + "\n", "");
  o = sh.run("teamnl team0 options");
  std::string line = (" bpf_hash_func " + prog).substr(0, 119) + " <trunc>\n";
  EXPECT_NE(o.out.find(line), std::string::npos) << o.out.substr(0, 2000);
  expect_run(sh, "teamnl team0 setoption bpf_hash_func \\06\\00", 1, "",
             "Command failed: Invalid argument\n");
}

TEST(Teamnl, MonitorIsNotSupported) {
  Shell sh;
  sh.ok({"ip link add team0 type team"});
  expect_run(sh, "teamnl team0 monitor all", 1, "",
             "uvn: teamnl monitor is not supported (it would wait for changes forever)\n"
             "Command failed: Operation not supported\n");
  expect_run(sh, "teamnl team0 monitor sideways", 1, "",
             "Unknown monitor style \"sideways\"\nCommand failed: Invalid argument\n");
}

// TM-13: a new team reports *NOMODE*; set the mode, enslave the ports (down first), up, an
// address, down, flush, list options and ports, release the ports, delete.
class TeamnlLifecycle : public testing::TestWithParam<std::string> {};

TEST_P(TeamnlLifecycle, Tm13) {
  const std::string mode = GetParam();
  Shell sh;
  sh.ok({"ip link add team0 type team"});
  expect_run(sh, "teamnl team0 getoption mode", 0, "*NOMODE*\n", "");
  sh.ok({"teamnl team0 setoption mode " + mode, "ip link add eth0 type veth peer name peer0",
         "ip link add eth1 type veth peer name peer1", "ip link set peer0 up",
         "ip link set peer1 up", "ip link set eth0 up"});
  // An up device is refused; down first.
  Out o = sh.run("ip link set eth0 master team0");
  EXPECT_EQ(o.rc, 2);
  EXPECT_EQ(o.err, "Error: Device is up. Set it down before adding it as a team port.\n");
  sh.ok({"ip link set eth0 down", "ip link set eth0 master team0", "ip link set eth1 master team0",
         "ip link set team0 up", "ip addr add 192.0.2.1/24 dev team0", "ip link set team0 down",
         "ip addr flush dev team0"});
  expect_run(sh, "teamnl team0 getoption mode", 0, mode + "\n", "");
  std::string e0 = sh.ifx("eth0"), e1 = sh.ifx("eth1");
  expect_run(sh, "teamnl team0 ports", 0,
             " " + e1 + ": eth1: up 10000Mbit FD \n " + e0 + ": eth0: up 10000Mbit FD \n", "");
  o = sh.run("teamnl team0 options");
  EXPECT_EQ(o.rc, 0);
  const std::string tail =
      " mcast_rejoin_interval 0 \n mcast_rejoin_count 0 \n notify_peers_interval 0 \n"
      " notify_peers_count 0 \n mode " +
      mode + " \n";
  ASSERT_GE(o.out.size(), tail.size());
  EXPECT_EQ(o.out.substr(o.out.size() - tail.size()), tail);
  EXPECT_EQ(o.out.find(" enabled (port:eth1) true \n"), o.out.find(" enabled (port:eth1)"));
  EXPECT_LT(o.out.find("(port:eth1)"), o.out.find("(port:eth0)"));
  // The mode is fixed while ports are there.
  expect_run(sh, "teamnl team0 setoption mode " + std::string(mode == "random" ? "broadcast" : "random"),
             1, "", "Command failed: Device or resource busy\n");
  sh.ok({"ip link set eth0 nomaster", "ip link set eth1 nomaster"});
  expect_run(sh, "teamnl team0 ports", 0, "", "");
  o = sh.run("teamnl team0 options");
  EXPECT_EQ(o.out.find("(port:"), std::string::npos);
  sh.ok({"ip link del team0"});
  expect_run(sh, "teamnl team0 options", 1, "",
             "Netdevice \"team0\" not found.\nCommand failed: No such device\n");
}

INSTANTIATE_TEST_SUITE_P(Modes, TeamnlLifecycle,
                         testing::Values("broadcast", "roundrobin", "activebackup",
                                         "loadbalance"));

}  // namespace
}  // namespace uvn::cli
