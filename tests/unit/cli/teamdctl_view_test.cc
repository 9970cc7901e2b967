// teamdctl's JSON dump and state view. The expected texts are what Debian's teamdctl 1.31
// (jansson 2.14) printed for the same documents (tests/reference/team-ground-truth.md
// sections 4.2 and 4.3, and reruns of that fake-teamd set-up for the edge cases).
#include "cli/teamdctl_view.h"

#include <string>

#include <gtest/gtest.h>

namespace uvn::cli {
namespace {

using Json = nlohmann::json;

// --- fixtures: state documents shaped as teamd sends them (section 5) ---

Json setup(const std::string& runner, const std::string& mode) {
  return {{"runner_name", runner}, {"kernel_team_mode_name", mode},
          {"dbus_enabled", false}, {"zmq_enabled", false},
          {"debug_level", 0},      {"daemonized", true},
          {"pid", 4242},           {"pid_file", "/var/run/teamd/team0.pid"}};
}

Json watcher(const char* name, bool up, int down_count, const char* rest) {
  Json w = Json::parse(rest);
  w["name"] = name;
  w["up"] = up;
  w["down_count"] = down_count;
  return w;
}

Json ethtool(bool up, int down_count) {
  return watcher("ethtool", up, down_count, R"({"delay_up": 0, "delay_down": 0})");
}

Json arp_ping(bool up, int down_count) {
  return watcher("arp_ping", up, down_count, R"({"source_host": "0.0.0.0",
    "target_host": "192.168.23.1", "interval": 100, "init_wait": 0, "validate_active": false,
    "validate_inactive": false, "send_always": false, "missed_max": 30, "missed": 4})");
}

Json nsna_ping(bool up, int down_count) {
  return watcher("nsna_ping", up, down_count, R"({"target_host": "fe80::1", "interval": 1000,
    "init_wait": 0, "missed_max": 3, "missed": 0})");
}

Json ifinfo(const std::string& name, int ifindex) {
  return {{"ifindex", ifindex},
          {"ifname", name},
          {"dev_addr", "02:00:00:00:00:01"},
          {"dev_addr_len", 6}};
}

Json port(const std::string& name, int ifindex, bool up, int speed, const Json& list) {
  return {{"ifinfo", ifinfo(name, ifindex)},
          {"link", {{"up", up}, {"speed", speed}, {"duplex", "full"}}},
          {"link_watches", {{"up", up}, {"list", list}}}};
}

// eth1 up at 1000 Mb/s, eth2 down, one ethtool watcher each.
Json two_ports() {
  return {{"eth1", port("eth1", 4, true, 1000, {{"link_watch_0", ethtool(true, 0)}})},
          {"eth2", port("eth2", 5, false, 0, {{"link_watch_0", ethtool(false, 1)}})}};
}

Json activebackup_state() {
  return {{"setup", setup("activebackup", "activebackup")},
          {"team_device", {{"ifinfo", ifinfo("team0", 3)}}},
          {"ports", two_ports()},
          {"runner", {{"active_port", "eth1"}}}};
}

Json lacpdu(int sys_prio, const std::string& system, int port_prio, int port_id, int state) {
  return {{"system_priority", sys_prio}, {"system", system}, {"key", 0},
          {"port_priority", port_prio},  {"port", port_id},  {"state", state}};
}

// A lacp port's runner: aggregator `agg` (selected when not 0), key 0, priority 255.
Json port_runner(int agg, const std::string& state, const Json& actor, const Json& partner) {
  return {{"selected", agg != 0},
          {"aggregator", {{"id", agg}, {"selected", agg != 0}}},
          {"state", state},
          {"key", 0},
          {"prio", 255},
          {"actor_lacpdu_info", actor},
          {"partner_lacpdu_info", partner}};
}

Json lacp_state() {
  Json ports = two_ports();
  ports["eth2"]["link"]["duplex"] = "half";
  ports["eth1"]["runner"] =
      port_runner(4, "current", lacpdu(65535, "02:00:00:00:00:01", 255, 4, 0x3d),
                  lacpdu(65535, "02:00:00:00:00:aa", 255, 1, 0x3d));
  ports["eth2"]["runner"] =
      port_runner(0, "defaulted", lacpdu(65535, "02:00:00:00:00:01", 255, 5, 0x45),
                  lacpdu(0, "00:00:00:00:00:00", 0, 0, 0x2));
  return {{"setup", setup("lacp", "loadbalance")},
          {"ports", ports},
          {"runner", {{"active", true}, {"fast_rate", false}, {"sys_prio", 65535}}}};
}

void expect_ok(const Json& state, int verbosity, const std::string& want) {
  const ViewResult r = teamdctl_state_view(state, verbosity);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, want);
}

void expect_fail(const Json& state, int verbosity, const std::string& partial,
                 const std::string& err) {
  const ViewResult r = teamdctl_state_view(state, verbosity);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.out, partial);
  EXPECT_EQ(r.err, err + "\n");
}

// --- the expected texts ---

constexpr const char* kActivebackupPlain = R"(setup:
  runner: activebackup
ports:
  eth1
    link watches:
      link summary: up
      instance[link_watch_0]:
        name: ethtool
        link: up
        down count: 0
  eth2
    link watches:
      link summary: down
      instance[link_watch_0]:
        name: ethtool
        link: down
        down count: 1
runner:
  active port: eth1
)";

constexpr const char* kVerboseSetupAb = R"(setup:
  runner: activebackup
  kernel team mode: activebackup
  D-BUS enabled: no
  ZeroMQ enabled: no
  debug level: 0
  daemonized: yes
  PID: 4242
  PID file: /var/run/teamd/team0.pid
)";

constexpr const char* kVerbosePortsAb = R"(ports:
  eth1
    ifindex: 4
    addr: 02:00:00:00:00:01
    ethtool link: 1000mbit/fullduplex/up
    link watches:
      link summary: up
      instance[link_watch_0]:
        name: ethtool
        link: up
        down count: 0
        link up delay: 0
        link down delay: 0
  eth2
    ifindex: 5
    addr: 02:00:00:00:00:01
    ethtool link: 0mbit/fullduplex/down
    link watches:
      link summary: down
      instance[link_watch_0]:
        name: ethtool
        link: down
        down count: 1
        link up delay: 0
        link down delay: 0
)";

constexpr const char* kPlainPorts = R"(ports:
  eth1
    link watches:
      link summary: up
      instance[link_watch_0]:
        name: ethtool
        link: up
        down count: 0
  eth2
    link watches:
      link summary: down
      instance[link_watch_0]:
        name: ethtool
        link: down
        down count: 1
)";

constexpr const char* kLacpPlain = R"(setup:
  runner: lacp
ports:
  eth1
    link watches:
      link summary: up
      instance[link_watch_0]:
        name: ethtool
        link: up
        down count: 0
    runner:
      aggregator ID: 4, Selected
      selected: yes
      state: current
  eth2
    link watches:
      link summary: down
      instance[link_watch_0]:
        name: ethtool
        link: down
        down count: 1
    runner:
      aggregator ID: 0
      selected: no
      state: defaulted
runner:
  active: yes
  fast rate: no
)";

constexpr const char* kLacpVerbose = R"(setup:
  runner: lacp
  kernel team mode: loadbalance
  D-BUS enabled: no
  ZeroMQ enabled: no
  debug level: 0
  daemonized: yes
  PID: 4242
  PID file: /var/run/teamd/team0.pid
ports:
  eth1
    ifindex: 4
    addr: 02:00:00:00:00:01
    ethtool link: 1000mbit/fullduplex/up
    link watches:
      link summary: up
      instance[link_watch_0]:
        name: ethtool
        link: up
        down count: 0
        link up delay: 0
        link down delay: 0
    runner:
      aggregator ID: 4, Selected
      selected: yes
      state: current
      key: 0
      priority: 255
      actor LACPDU info:
        system priority: 65535
        system: 02:00:00:00:00:01
        key: 0
        port_priority: 255
        port: 4
        state: 0x3d
      partner LACPDU info:
        system priority: 65535
        system: 02:00:00:00:00:aa
        key: 0
        port_priority: 255
        port: 1
        state: 0x3d
  eth2
    ifindex: 5
    addr: 02:00:00:00:00:01
    ethtool link: 0mbit/halfduplex/down
    link watches:
      link summary: down
      instance[link_watch_0]:
        name: ethtool
        link: down
        down count: 1
        link up delay: 0
        link down delay: 0
    runner:
      aggregator ID: 0
      selected: no
      state: defaulted
      key: 0
      priority: 255
      actor LACPDU info:
        system priority: 65535
        system: 02:00:00:00:00:01
        key: 0
        port_priority: 255
        port: 5
        state: 0x45
      partner LACPDU info:
        system priority: 0
        system: 00:00:00:00:00:00
        key: 0
        port_priority: 0
        port: 0
        state: 0x2
runner:
  active: yes
  fast rate: no
  system priority: 65535
)";

// --- state view: the samples of section 4.3 ---

TEST(TeamdctlStateView, ActivebackupPlain) {
  expect_ok(activebackup_state(), 0, kActivebackupPlain);
}

TEST(TeamdctlStateView, ActivebackupVerbose) {
  expect_ok(activebackup_state(), 1,
            std::string(kVerboseSetupAb) + kVerbosePortsAb + "runner:\n  active port: eth1\n");
}

TEST(TeamdctlStateView, MoreVerbosityAddsNothing) {
  EXPECT_EQ(teamdctl_state_view(activebackup_state(), 2).out,
            teamdctl_state_view(activebackup_state(), 1).out);
  EXPECT_EQ(teamdctl_state_view(lacp_state(), 3).out, kLacpVerbose);
}

TEST(TeamdctlStateView, ArpPingInstanceVerbose) {
  Json state = activebackup_state();
  state["ports"].erase("eth2");
  state["ports"]["eth1"]["link_watches"] = {{"up", false},
                                            {"list", {{"link_watch_0", arp_ping(false, 1)}}}};
  expect_ok(state, 1, std::string(kVerboseSetupAb) + R"(ports:
  eth1
    ifindex: 4
    addr: 02:00:00:00:00:01
    ethtool link: 1000mbit/fullduplex/up
    link watches:
      link summary: down
      instance[link_watch_0]:
        name: arp_ping
        link: down
        down count: 1
        source host: 0.0.0.0
        target host: 192.168.23.1
        interval: 100
        missed packets: 4/30
        validate_active: no
        validate_inactive: no
        send_always: no
        initial wait: 0
runner:
  active port: eth1
)");
  // Plain mode prints only name, link and down count.
  expect_ok(state, 0, R"(setup:
  runner: activebackup
ports:
  eth1
    link watches:
      link summary: down
      instance[link_watch_0]:
        name: arp_ping
        link: down
        down count: 1
runner:
  active port: eth1
)");
}

TEST(TeamdctlStateView, NsnaPingAndTipcInstancesVerbose) {
  Json state = activebackup_state();
  state["ports"].erase("eth2");
  state["ports"]["eth1"]["link_watches"]["list"] = {
      {"link_watch_0", nsna_ping(true, 0)},
      {"link_watch_1",
       {{"name", "tipc"}, {"up", true}, {"down_count", 0}, {"tipc_bearer", "eth:eth1"}}}};
  expect_ok(state, 1, std::string(kVerboseSetupAb) + R"(ports:
  eth1
    ifindex: 4
    addr: 02:00:00:00:00:01
    ethtool link: 1000mbit/fullduplex/up
    link watches:
      link summary: up
      instance[link_watch_0]:
        name: nsna_ping
        link: up
        down count: 0
        target host: fe80::1
        interval: 1000
        missed packets: 0/3
        initial wait: 0
      instance[link_watch_1]:
        name: tipc
        link: up
        down count: 0
        tipc bearer: eth:eth1
runner:
  active port: eth1
)");
}

TEST(TeamdctlStateView, TwoWatchersOnOnePortPlain) {
  Json state = activebackup_state();
  Json& list = state["ports"]["eth2"]["link_watches"]["list"];
  list["link_watch_1"] = arp_ping(false, 2);
  expect_ok(state, 0, R"(setup:
  runner: activebackup
ports:
  eth1
    link watches:
      link summary: up
      instance[link_watch_0]:
        name: ethtool
        link: up
        down count: 0
  eth2
    link watches:
      link summary: down
      instance[link_watch_0]:
        name: ethtool
        link: down
        down count: 1
      instance[link_watch_1]:
        name: arp_ping
        link: down
        down count: 2
runner:
  active port: eth1
)");
}

TEST(TeamdctlStateView, InstancesInByteOrderOfTheirKeys) {
  Json state = activebackup_state();
  state["ports"].erase("eth2");
  state["ports"]["eth1"]["link_watches"]["list"] = {{"link_watch_2", ethtool(true, 0)},
                                                    {"link_watch_10", ethtool(false, 3)}};
  expect_ok(state, 0, R"(setup:
  runner: activebackup
ports:
  eth1
    link watches:
      link summary: up
      instance[link_watch_10]:
        name: ethtool
        link: down
        down count: 3
      instance[link_watch_2]:
        name: ethtool
        link: up
        down count: 0
runner:
  active port: eth1
)");
}

TEST(TeamdctlStateView, RunnersWithoutARunnerBlock) {
  for (const char* runner : {"broadcast", "roundrobin", "random", "loadbalance"}) {
    SCOPED_TRACE(runner);
    const Json state = {{"setup", setup(runner, runner)}, {"ports", two_ports()}};
    expect_ok(state, 0, "setup:\n  runner: " + std::string(runner) + "\n" + kPlainPorts);
    expect_ok(state, 1,
              "setup:\n  runner: " + std::string(runner) + "\n  kernel team mode: " + runner +
                  "\n  D-BUS enabled: no\n  ZeroMQ enabled: no\n  debug level: 0\n"
                  "  daemonized: yes\n  PID: 4242\n  PID file: /var/run/teamd/team0.pid\n" +
                  kVerbosePortsAb);
  }
}

TEST(TeamdctlStateView, LacpPlain) {
  expect_ok(lacp_state(), 0, kLacpPlain);
}

TEST(TeamdctlStateView, LacpVerbose) {
  expect_ok(lacp_state(), 1, kLacpVerbose);
}

TEST(TeamdctlStateView, NoPortsNoPortsBlock) {
  Json state = activebackup_state();
  state.erase("ports");
  expect_ok(state, 0, "setup:\n  runner: activebackup\nrunner:\n  active port: eth1\n");
}

TEST(TeamdctlStateView, PortsNotAnObjectPrintsTheHeaderOnly) {
  Json state = activebackup_state();
  state["ports"] = Json::array({1, 2});
  expect_ok(state, 0, "setup:\n  runner: activebackup\nports:\nrunner:\n  active port: eth1\n");
}

TEST(TeamdctlStateView, WatcherListIsOptional) {
  Json state = activebackup_state();
  state["ports"]["eth2"]["link_watches"].erase("list");
  state["ports"]["eth1"]["link_watches"]["list"] = Json::array({1});  // lists nothing
  expect_ok(state, 0, R"(setup:
  runner: activebackup
ports:
  eth1
    link watches:
      link summary: up
  eth2
    link watches:
      link summary: down
runner:
  active port: eth1
)");
}

TEST(TeamdctlStateView, IntegersAreCInts) {
  Json state = lacp_state();
  state["ports"]["eth1"]["link"]["speed"] = 4294967297LL;  // 2^32 + 1 -> 1
  state["ports"]["eth1"]["runner"]["actor_lacpdu_info"]["state"] = -1;
  state["setup"]["pid"] = -7;
  const std::string out = teamdctl_state_view(state, 1).out;
  EXPECT_NE(out.find("  PID: -7\n"), std::string::npos) << out;
  EXPECT_NE(out.find("    ethtool link: 1mbit/fullduplex/up\n"), std::string::npos) << out;
  EXPECT_NE(out.find("        state: 0xffffffff\n"), std::string::npos) << out;
}

// --- state view: the strict reads ---

TEST(TeamdctlStateViewFails, MissingRunnerName) {
  Json state = activebackup_state();
  state["setup"].erase("runner_name");
  expect_fail(state, 0, "setup:\n", "Failed to parse JSON setup dump.");
  expect_fail(state, 1, "setup:\n", "Failed to parse JSON setup dump.");
}

TEST(TeamdctlStateViewFails, SetupKeysNeededInPlainModeToo) {
  Json state = activebackup_state();
  state["setup"].erase("pid");
  expect_fail(state, 0, "setup:\n", "Failed to parse JSON setup dump.");
  expect_fail(Json::array(), 0, "setup:\n", "Failed to parse JSON setup dump.");
  expect_fail(Json{{"ports", two_ports()}}, 0, "setup:\n", "Failed to parse JSON setup dump.");
}

TEST(TeamdctlStateViewFails, BoolsMustBeTrueOrFalse) {
  Json state = activebackup_state();
  state["setup"]["daemonized"] = 1;
  expect_fail(state, 0, "setup:\n", "Failed to parse JSON setup dump.");
  state = activebackup_state();
  state["ports"]["eth1"]["link"]["up"] = 0;
  expect_fail(state, 0, "setup:\n  runner: activebackup\nports:\n",
              "Failed to parse JSON port dump.");
}

TEST(TeamdctlStateViewFails, IntsMustNotBeReals) {
  Json state = activebackup_state();
  state["ports"]["eth1"]["link"]["speed"] = 1000.0;
  expect_fail(state, 0, "setup:\n  runner: activebackup\nports:\n",
              "Failed to parse JSON port dump.");
}

TEST(TeamdctlStateViewFails, PortWithoutLink) {
  Json state = activebackup_state();
  state["ports"]["eth2"].erase("link");
  // eth1 was printed before eth2 failed.
  expect_fail(state, 0, R"(setup:
  runner: activebackup
ports:
  eth1
    link watches:
      link summary: up
      instance[link_watch_0]:
        name: ethtool
        link: up
        down count: 0
)",
              "Failed to parse JSON port dump.");
  state = activebackup_state();
  state["ports"]["eth1"]["ifinfo"].erase("ifname");  // read though never printed
  expect_fail(state, 0, "setup:\n  runner: activebackup\nports:\n",
              "Failed to parse JSON port dump.");
  state = activebackup_state();
  state["ports"]["eth1"] = 5;
  expect_fail(state, 0, "setup:\n  runner: activebackup\nports:\n",
              "Failed to parse JSON port dump.");
}

TEST(TeamdctlStateViewFails, LinkWatches) {
  Json state = activebackup_state();
  state["ports"].erase("eth2");
  state["ports"]["eth1"]["link_watches"].erase("up");
  expect_fail(state, 0, "setup:\n  runner: activebackup\nports:\n  eth1\n",
              "Failed to parse JSON port link watches dump.");
  state["ports"]["eth1"]["link_watches"] = "x";
  expect_fail(state, 0, "setup:\n  runner: activebackup\nports:\n  eth1\n",
              "Failed to parse JSON port link watches dump.");
  const std::string head =
      "setup:\n  runner: activebackup\nports:\n  eth1\n    link watches:\n"
      "      link summary: up\n";
  state = activebackup_state();
  state["ports"].erase("eth2");
  state["ports"]["eth1"]["link_watches"]["list"]["link_watch_0"].erase("down_count");
  expect_fail(state, 0, head, "Failed to parse JSON port link watch dump.");
  state["ports"]["eth1"]["link_watches"]["list"]["link_watch_0"] = ethtool(true, 0);
  state["ports"]["eth1"]["link_watches"]["list"]["link_watch_0"]["name"] = 7;
  expect_fail(state, 0, head, "Failed to parse JSON port link watch dump.");
}

TEST(TeamdctlStateViewFails, WatcherKeysNeededInPlainModeToo) {
  const std::string head =
      "setup:\n  runner: activebackup\nports:\n  eth1\n    link watches:\n"
      "      link summary: up\n      instance[link_watch_0]:\n        name: %s\n"
      "        link: up\n        down count: 0\n";
  const auto with = [](Json watch) {
    Json state = activebackup_state();
    state["ports"].erase("eth2");
    state["ports"]["eth1"]["link_watches"]["list"] = {{"link_watch_0", std::move(watch)}};
    return state;
  };
  const auto head_for = [&](const std::string& name) {
    std::string h = head;
    return h.replace(h.find("%s"), 2, name);
  };
  Json w = ethtool(true, 0);
  w.erase("delay_up");
  expect_fail(with(w), 0, head_for("ethtool"), "Failed to parse JSON ethtool link watch dump.");
  w = arp_ping(true, 0);
  w["send_always"] = "no";
  expect_fail(with(w), 0, head_for("arp_ping"), "Failed to parse JSON arp_ping link watch dump.");
  w = nsna_ping(true, 0);
  w.erase("missed");
  expect_fail(with(w), 0, head_for("nsna_ping"), "Failed to parse JSON nsna_ping link watch dump.");
  w = {{"name", "tipc"}, {"up", true}, {"down_count", 0}};
  expect_fail(with(w), 0, head_for("tipc"), "Failed to parse JSON tipc_bearer link watch dump");
}

TEST(TeamdctlStateViewFails, UnknownWatcher) {
  Json state = activebackup_state();
  state["ports"]["eth2"]["link_watches"]["list"]["link_watch_0"]["name"] = "bogus";
  std::string verbose = std::string(kVerboseSetupAb) + kVerbosePortsAb;
  verbose.erase(verbose.find("        link up delay: 0\n        link down delay: 0\n",
                             verbose.find("name: ethtool\n        link: down")));
  expect_fail(state, 1, verbose.replace(verbose.rfind("ethtool"), 7, "bogus"),
              "Failed to parse JSON unknown link watch info dump.");
  std::string plain = kActivebackupPlain;
  plain.erase(plain.find("runner:\n  active"));
  expect_fail(state, 0, plain.replace(plain.rfind("ethtool"), 7, "bogus"),
              "Failed to parse JSON unknown link watch info dump.");
}

TEST(TeamdctlStateViewFails, LacpPortWithoutRunner) {
  Json state = lacp_state();
  state["ports"]["eth1"].erase("runner");
  const std::string head = R"(setup:
  runner: lacp
ports:
  eth1
    link watches:
      link summary: up
      instance[link_watch_0]:
        name: ethtool
        link: up
        down count: 0
    runner:
)";
  expect_fail(state, 0, head, "Failed to parse JSON port runner dump.");
  state = lacp_state();
  state["ports"]["eth1"]["runner"]["aggregator"]["selected"] = "yes";
  expect_fail(state, 0, head, "Failed to parse JSON port runner dump.");
  // Without lacp, nobody reads a port's runner.
  state = activebackup_state();
  state["ports"]["eth1"]["runner"] = 1;
  expect_ok(state, 0, kActivebackupPlain);
}

TEST(TeamdctlStateViewFails, LacpduKeysNeededInPlainModeToo) {
  Json state = lacp_state();
  state["ports"]["eth1"]["runner"]["actor_lacpdu_info"].erase("port");
  std::string plain = kLacpPlain;
  plain.erase(plain.find("  eth2\n"));
  expect_fail(state, 0, plain, "Failed to parse JSON port runner lacpdu dump.");
  state = lacp_state();
  state["ports"]["eth1"]["runner"]["partner_lacpdu_info"] = 7;
  std::string verbose = kLacpVerbose;
  verbose.erase(verbose.find("      partner LACPDU info:\n") + 27);
  expect_fail(state, 1, verbose, "Failed to parse JSON port runner lacpdu dump.");
}

TEST(TeamdctlStateViewFails, TeamRunner) {
  Json state = activebackup_state();
  state.erase("runner");
  std::string plain = kActivebackupPlain;
  plain.erase(plain.find("  active port"));
  expect_fail(state, 0, plain, "Failed to parse JSON runner dump.");
  state = lacp_state();
  state["runner"].erase("sys_prio");  // needed in plain mode too
  plain = kLacpPlain;
  plain.erase(plain.find("  active: yes"));
  expect_fail(state, 0, plain, "Failed to parse JSON runner dump.");
  state = lacp_state();
  state["runner"]["fast_rate"] = 0;
  expect_fail(state, 0, plain, "Failed to parse JSON runner dump.");
}

// --- JSON dump (section 4.2) ---

const Json kConfig = Json::parse(R"({"device": "team0", "runner": {"name": "lacp"},
  "link_watch": {"name": "ethtool"}, "ports": {"eth2": {}, "eth1": {"prio": 100}}})");

TEST(TeamdJsonDump, ConfigDumpIndented) {
  EXPECT_EQ(teamd_json_dump(kConfig, false), R"({
    "device": "team0",
    "link_watch": {
        "name": "ethtool"
    },
    "ports": {
        "eth1": {
            "prio": 100
        },
        "eth2": {}
    },
    "runner": {
        "name": "lacp"
    }
}
)");
}

TEST(TeamdJsonDump, PortConfigDump) {
  const Json port = {{"prio", 100}, {"link_watch", {{"name", "ethtool"}}}};
  EXPECT_EQ(teamd_json_dump(port, false),
            "{\n    \"link_watch\": {\n        \"name\": \"ethtool\"\n    },\n"
            "    \"prio\": 100\n}\n");
}

TEST(TeamdJsonDump, OneLine) {
  EXPECT_EQ(
      teamd_json_dump(kConfig, true),
      R"({"device": "team0", "link_watch": {"name": "ethtool"}, "ports": {"eth1": {"prio": 100}, "eth2": {}}, "runner": {"name": "lacp"}})"
      "\n");
  const std::string state = teamd_json_dump(activebackup_state(), true);
  const std::string want =
      R"({"ports": {"eth1": {"ifinfo": {"dev_addr": "02:00:00:00:00:01", "dev_addr_len": 6, )";
  EXPECT_EQ(state.substr(0, want.size()), want);
  EXPECT_EQ(state.find('\n'), state.size() - 1);
}

TEST(TeamdJsonDump, StateDumpOneLine) {
  EXPECT_EQ(
      teamd_json_dump(activebackup_state(), true),
      R"({"ports": {"eth1": {"ifinfo": {"dev_addr": "02:00:00:00:00:01", "dev_addr_len": 6, "ifindex": 4, "ifname": "eth1"}, "link": {"duplex": "full", "speed": 1000, "up": true}, "link_watches": {"list": {"link_watch_0": {"delay_down": 0, "delay_up": 0, "down_count": 0, "name": "ethtool", "up": true}}, "up": true}}, "eth2": {"ifinfo": {"dev_addr": "02:00:00:00:00:01", "dev_addr_len": 6, "ifindex": 5, "ifname": "eth2"}, "link": {"duplex": "full", "speed": 0, "up": false}, "link_watches": {"list": {"link_watch_0": {"delay_down": 0, "delay_up": 0, "down_count": 1, "name": "ethtool", "up": false}}, "up": false}}}, "runner": {"active_port": "eth1"}, "setup": {"daemonized": true, "dbus_enabled": false, "debug_level": 0, "kernel_team_mode_name": "activebackup", "pid": 4242, "pid_file": "/var/run/teamd/team0.pid", "runner_name": "activebackup", "zmq_enabled": false}, "team_device": {"ifinfo": {"dev_addr": "02:00:00:00:00:01", "dev_addr_len": 6, "ifindex": 3, "ifname": "team0"}}})"
      "\n");
}

TEST(TeamdJsonDump, Empty) {
  EXPECT_EQ(teamd_json_dump(Json::object(), false), "{}\n");
  EXPECT_EQ(teamd_json_dump(Json::array(), false), "[]\n");
  EXPECT_EQ(teamd_json_dump(Json::object(), true), "{}\n");
  EXPECT_EQ(teamd_json_dump(Json::array(), true), "[]\n");
  EXPECT_EQ(teamd_json_dump(Json::parse(R"({"a": {}, "b": [], "c": [{}, []]})"), true),
            "{\"a\": {}, \"b\": [], \"c\": [{}, []]}\n");
}

TEST(TeamdJsonDump, Scalars) {
  EXPECT_EQ(teamd_json_dump(Json(true), false), "true\n");
  EXPECT_EQ(teamd_json_dump(Json(nullptr), false), "null\n");
  EXPECT_EQ(teamd_json_dump(Json("a"), true), "\"a\"\n");
  EXPECT_EQ(teamd_json_dump(Json(-3), true), "-3\n");
}

TEST(TeamdJsonDump, Escaping) {
  const auto one = [](const std::string& s) { return teamd_json_dump(Json(s), true); };
  EXPECT_EQ(one("a/b"), "\"a/b\"\n");  // no JSON_ESCAPE_SLASH
  EXPECT_EQ(one("q\"q\\s"), "\"q\\\"q\\\\s\"\n");
  EXPECT_EQ(one("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"\n");
  EXPECT_EQ(one(std::string("\x01\x1f\x7f", 3)), "\"\\u0001\\u001F\x7f\"\n");
  EXPECT_EQ(one(std::string("a\0b", 3)), "\"a\\u0000b\"\n");
  EXPECT_EQ(one("\xc3\xa9"), "\"\\u00E9\"\n");                 // U+00E9
  EXPECT_EQ(one("\xe2\x82\xac"), "\"\\u20AC\"\n");             // U+20AC
  EXPECT_EQ(one("\xe2\x80\xa8"), "\"\\u2028\"\n");             // U+2028
  EXPECT_EQ(one("\xf0\x9f\x98\x80"), "\"\\uD83D\\uDE00\"\n");  // U+1F600
  EXPECT_EQ(one("\xf4\x8f\xbf\xbf"), "\"\\uDBFF\\uDFFF\"\n");  // U+10FFFF
  // Not UTF-8 (jansson refuses the document): U+FFFD for each bad byte.
  EXPECT_EQ(one("a\xff"
                "b\xc0\xaf"),
            "\"a\\uFFFDb\\uFFFD\\uFFFD\"\n");
  EXPECT_EQ(one("\xed\xa0\x80"), "\"\\uFFFD\\uFFFD\\uFFFD\"\n");  // a surrogate
  EXPECT_EQ(one("\xe2\x82"), "\"\\uFFFD\\uFFFD\"\n");             // cut short
  // Keys are escaped the same way.
  EXPECT_EQ(teamd_json_dump(Json{{"k\"/\xc3\xa9", 1}}, true), "{\"k\\\"/\\u00E9\": 1}\n");
}

TEST(TeamdJsonDump, KeysSortedByByteOrder) {
  const Json j = Json::parse(
      R"({"B": 1, "a": 2, "_": 3, "\u00e9": 4, "Z": 5, "a/b": 6, "k\"q": 7, "": 8, "aa": 9, "a ": 10})");
  EXPECT_EQ(
      teamd_json_dump(j, true),
      R"({"": 8, "B": 1, "Z": 5, "_": 3, "a": 2, "a ": 10, "a/b": 6, "aa": 9, "k\"q": 7, "\u00E9": 4})"
      "\n");
}

TEST(TeamdJsonDump, Numbers) {
  const Json j = Json::parse(R"({"a": 0.1, "b": 1.5, "c": 1e20, "d": 1e-5, "e": 100.0,
    "f": -0.0, "g": 1e300, "h": 2.5e-300, "i": 123456.789, "j": 1e16, "k": 1e17,
    "l": 0.000123, "m": 123456789012345678, "n": -5, "o": 9223372036854775807,
    "p": -9223372036854775808, "q": 18446744073709551615})");
  EXPECT_EQ(teamd_json_dump(j, false), R"({
    "a": 0.10000000000000001,
    "b": 1.5,
    "c": 1e20,
    "d": 1.0000000000000001e-5,
    "e": 100.0,
    "f": -0.0,
    "g": 1.0000000000000001e300,
    "h": 2.5e-300,
    "i": 123456.789,
    "j": 10000000000000000.0,
    "k": 1e17,
    "l": 0.00012300000000000001,
    "m": 123456789012345678,
    "n": -5,
    "o": 9223372036854775807,
    "p": -9223372036854775808,
    "q": 18446744073709551615
}
)");
  EXPECT_EQ(teamd_json_dump(Json(std::nan("")), true), "null\n");
}

// A whole document as Debian's teamdctl printed it (`state dump` of this very document).
TEST(TeamdJsonDump, NestedIndented) {
  const Json j = Json::parse(R"({"zeta": 1,
    "Alpha": {"b": [], "a": {}, "c": [1, 2, [3, []], {"y": null, "x": true}], "d": [{}]},
    "strs": {"slash": "a/b", "quote": "q\"q", "bs": "b\\s", "ctl": "\b\f\n\r\t\u0001\u001f",
             "lat": "\u00e9", "euro": "\u20ac", "emoji": "\ud83d\ude00", "ls": "\u2028"},
    "bools": [true, false, null], "e": {}})");
  EXPECT_EQ(teamd_json_dump(j, false), R"({
    "Alpha": {
        "a": {},
        "b": [],
        "c": [
            1,
            2,
            [
                3,
                []
            ],
            {
                "x": true,
                "y": null
            }
        ],
        "d": [
            {}
        ]
    },
    "bools": [
        true,
        false,
        null
    ],
    "e": {},
    "strs": {
        "bs": "b\\s",
        "ctl": "\b\f\n\r\t\u0001\u001F",
        "emoji": "\uD83D\uDE00",
        "euro": "\u20AC",
        "lat": "\u00E9",
        "ls": "\u2028",
        "quote": "q\"q",
        "slash": "a/b"
    },
    "zeta": 1
}
)");
  EXPECT_EQ(
      teamd_json_dump(j, true),
      R"({"Alpha": {"a": {}, "b": [], "c": [1, 2, [3, []], {"x": true, "y": null}], "d": [{}]}, "bools": [true, false, null], "e": {}, "strs": {"bs": "b\\s", "ctl": "\b\f\n\r\t\u0001\u001F", "emoji": "\uD83D\uDE00", "euro": "\u20AC", "lat": "\u00E9", "ls": "\u2028", "quote": "q\"q", "slash": "a/b"}, "zeta": 1})"
      "\n");
}

}  // namespace
}  // namespace uvn::cli
