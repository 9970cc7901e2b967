// teamd (issue 6): the JSON configuration (defaults, what teamd writes back, every refusal
// with its path), the control protocol codec, and the daemon driven directly: start-up rules,
// ports, the activebackup choice, state items and the control methods' error codes.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "ctl/link.h"
#include "teamd/config.h"
#include "teamd/teamd.h"
#include "teamd/usock.h"

namespace uvn::teamd {
namespace {

Result<Config> load(const std::string& text) {
  auto j = parse_json_text(text);
  if (!j) return j.error();
  return config_from_json(*j);
}

std::string load_error(const std::string& text) {
  auto c = load(text);
  return c ? "(accepted)" : c.error().message;
}

TEST(TeamdConfig, Defaults) {
  auto c = load("{}");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->runner, "roundrobin");
  EXPECT_EQ(c->tx_hash, (std::vector<std::string>{"eth", "ipv4", "ipv6"}));
  EXPECT_EQ(c->notify_peers_count, 0);
  EXPECT_EQ(c->sys_prio, 65535);
  EXPECT_EQ(c->agg_select_policy, "lacp_prio");
  EXPECT_EQ(c->raw, Json::object());
}

TEST(TeamdConfig, ActiveBackupWritesItsNotifyDefaults) {
  auto c = load(R"({"runner": {"name": "activebackup"}, "mcast_rejoin": {"count": 3}})");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->notify_peers_count, 1);
  EXPECT_EQ(c->mcast_rejoin_count, 3);
  EXPECT_EQ(c->raw["notify_peers"]["count"], 1);
  EXPECT_EQ(c->raw["mcast_rejoin"]["count"], 3);
}

TEST(TeamdConfig, WatchersAndPorts) {
  auto c = load(R"({"link_watch": [{"name": "ethtool", "delay_up": 5},
                    {"name": "arp_ping", "target_host": "10.0.0.1", "vlanid": 7,
                     "send_always": true}],
                    "ports": {"eth1": {"prio": 10, "sticky": true, "queue_id": 2,
                    "link_watch": {"name": "nsna_ping", "target_host": "fe80::1"}}}})");
  ASSERT_TRUE(c) << c.error().message;
  ASSERT_EQ(c->link_watch.size(), 2u);
  EXPECT_EQ(c->link_watch[0].delay_up, 5);
  EXPECT_EQ(c->link_watch[1].vlanid, 7);
  EXPECT_TRUE(c->link_watch[1].send_always);
  EXPECT_EQ(c->link_watch[1].interval, 1000);
  EXPECT_EQ(c->link_watch[1].missed_max, 3);
  auto& p = c->ports.at("eth1");
  EXPECT_EQ(p.prio, 10);
  EXPECT_TRUE(p.sticky);
  EXPECT_EQ(p.queue_id, 2u);
  ASSERT_EQ(p.link_watch.size(), 1u);
  EXPECT_EQ(p.link_watch[0].target_host_text, "fe80::1");
}

TEST(TeamdConfig, RefusalsNameThePath) {
  EXPECT_EQ(load_error("{bad json"),
            "Failed to parse config: invalid literal; last read: '{b'; expected string literal "
            "on line 1, column 2");
  EXPECT_EQ(load_error(R"({"ports": {"eth1": {}, "eth1": {}}})"),
            "Failed to parse config: duplicate object key near '\"eth1\"'");
  EXPECT_EQ(load_error(R"({"runner": {"name": "bogus"}})"),
            "runner.name: No runner named \"bogus\" available.");
  EXPECT_EQ(load_error(R"({"runner": {"name": "lacp", "active": "yes"}})"),
            "runner.active: must be a boolean, not a string.");
  EXPECT_EQ(load_error(R"({"runner": {"tx_hash": ["eth", "foo"]}})"),
            "runner.tx_hash[1]: Hash frag named \"foo\" not found.");
  EXPECT_EQ(load_error(R"({"runner": {"tx_hash": []}})"),
            "runner.tx_hash: No Tx hash recipe found in config.");
  EXPECT_EQ(load_error(R"({"runner": {"min_ports": 0}})"),
            "runner.min_ports: \"min_ports\" value is out of its limits.");
  EXPECT_EQ(load_error(R"({"runner": {"hwaddr_policy": "x"}})"),
            "runner.hwaddr_policy: Unknown \"hwaddr_policy\" named \"x\" passed.");
  EXPECT_EQ(load_error(R"({"ports": {"eth1": {"lacp_prio": 70000}}})"),
            "ports.eth1.lacp_prio: \"lacp_prio\" value is out of its limits.");
  EXPECT_EQ(load_error(R"({"ports": {"eth1.5": {"queue_id": -1}}})"),
            "ports.\"eth1.5\".queue_id: \"queue_id\" must not be negative number.");
  EXPECT_EQ(load_error(R"({"link_watch": [{"name": "ethtool"}, {"delay_up": 1}]})"),
            "link_watch[1]: Failed to get link watch name.");
  EXPECT_EQ(load_error(R"({"link_watch": {"name": "mii"}})"),
            "link_watch.name: No link_watch named \"mii\" available.");
  EXPECT_EQ(load_error(R"({"link_watch": {"name": "arp_ping"}})"),
            "link_watch: Failed to get \"target_host\" link-watch option.");
  EXPECT_EQ(load_error(R"({"link_watch": {"name": "arp_ping", "target_host": "fe80::1"}})"),
            "link_watch.target_host: getaddrinfo failed: \"fe80::1\" is not an IPv4 address.");
  EXPECT_EQ(load_error(R"({"link_watch": {"name": "arp_ping", "target_host": "10.0.0.1",
                           "vlanid": 4096}})"),
            "link_watch.vlanid: Wrong \"vlanid\" option value.");
  EXPECT_EQ(load_error(R"({"notify_peers": {"count": -1}})"),
            "notify_peers.count: \"count\" must not be negative number.");
  EXPECT_EQ(load_error(R"({"hwaddr": "zz"})"), "hwaddr: Failed to parse hardware address.");
  EXPECT_EQ(load_error(R"({"link_watch_policy": "most"})"),
            "link_watch_policy: Unknown \"link_watch_policy\" named \"most\" passed.");
  EXPECT_EQ(load_error("[]"), "(top level): must be an object.");
}

TEST(TeamdUsock, RequestsRoundTripWithEscapes) {
  Request r{"PortConfigUpdate", {"eth1", "{\"prio\": 10}\nx\\y"}};
  std::string bytes = encode_request(r);
  EXPECT_EQ(bytes, "REQUEST\nPortConfigUpdate\neth1\n{\"prio\": 10}\\nx\\\\y\n");
  auto back = parse_request(bytes);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->method, r.method);
  EXPECT_EQ(back->args, r.args);
  EXPECT_EQ(encode_request({"StateDump", {}}), "REQUEST\nStateDump\n");
  EXPECT_FALSE(parse_request("REPLY_SUCCESS\nx"));
  EXPECT_FALSE(parse_request("REQUEST\n"));
  EXPECT_FALSE(parse_request("REQUEST\nPortAdd\nbad\\qescape\n"));
}

TEST(TeamdUsock, Replies) {
  EXPECT_EQ(encode_reply(Reply::success("eth1")), "REPLY_SUCCESS\neth1");
  EXPECT_EQ(encode_reply(Reply::error("NoSuchDev", "No such device.")),
            "REPLY_ERROR\nNoSuchDev\nNo such device.\n");
  auto r = parse_reply("REPLY_ERROR\nPathDoesNotExist\nItem path does not exist.\n");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->ok);
  EXPECT_EQ(r->code, "PathDoesNotExist");
  EXPECT_EQ(r->message, "Item path does not exist.");
  EXPECT_FALSE(parse_reply("garbage"));
}

struct Rig {
  World w{5};
  Netns& ns = w.init_ns();
  std::string log;

  Rig() {
    for (int i = 0; i < 3; ++i) {
      ctl::LinkAddRequest req;
      req.kind = "veth";
      req.link.name = "eth" + std::to_string(i);
      req.peer = ctl::LinkSpec{};
      req.peer->name = "peer" + std::to_string(i);
      EXPECT_TRUE(ctl::link_add(w, ns, req));
      for (auto n : {"peer" + std::to_string(i)}) {
        ctl::LinkSpec up;
        up.up = true;
        EXPECT_TRUE(ctl::link_set(w, ns, *ns.find(n), up));
      }
    }
  }
  Result<Teamd*> start(const std::string& json, TeamdOptions o = {}) {
    auto c = load(json);
    EXPECT_TRUE(c);
    if (o.device.empty()) o.device = "team0";
    auto r = Teamd::start(w, ns, *c, o, &log);
    w.engine().settle();
    return r;
  }
  void set_up(const std::string& dev, bool up) {
    ctl::LinkSpec s;
    s.up = up;
    EXPECT_TRUE(ctl::link_set(w, ns, *ns.find(dev), s));
    w.engine().advance_to(w.engine().now() + 10 * kMsec);
  }
};

TEST(TeamdDaemon, StartMakesTheTeamInTheRunnersMode) {
  Rig r;
  auto td = r.start(R"({"runner": {"name": "activebackup"}})");
  ASSERT_TRUE(td) << td.error().message;
  auto* team = dynamic_cast<TeamDevice*>(r.ns.find("team0"));
  ASSERT_NE(team, nullptr);
  EXPECT_EQ(team->mode(), TeamMode::kActiveBackup);
  EXPECT_EQ(team->notify_peers_count, 1u);
  EXPECT_EQ(find_teamd(r.w, "team0"), *td);
  // A second daemon for the same device is refused.
  auto again = r.start("{}");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, "Daemon already running on PID 4242.");
}

TEST(TeamdDaemon, ExistingDeviceNeedsTakeOverOrRecreate) {
  Rig r;
  ctl::LinkAddRequest req;
  req.kind = "team";
  req.link.name = "team0";
  ASSERT_TRUE(ctl::link_add(r.w, r.ns, req));
  int ifindex = r.ns.find("team0")->ifindex();
  auto td = r.start("{}");
  ASSERT_FALSE(td);
  EXPECT_EQ(td.error().message,
            "Failed to create team device.\nteamd_init() failed.\nFailed: File exists");
  ASSERT_NE(r.ns.find("team0"), nullptr);
  EXPECT_EQ(find_teamd(r.w, "team0"), nullptr);
  TeamdOptions o;
  o.take_over = true;
  ASSERT_TRUE(r.start("{}", o));
  EXPECT_EQ(r.ns.find("team0")->ifindex(), ifindex);
}

TEST(TeamdDaemon, PortsAndQuit) {
  Rig r;
  auto td = r.start(R"({"ports": {"eth0": {}, "eth9": {}}})");  // eth9 is skipped
  ASSERT_TRUE(td) << td.error().message;
  Teamd& d = **td;
  ASSERT_EQ(d.ports().size(), 1u);
  EXPECT_EQ(r.ns.find("eth0")->master(), r.ns.find("team0"));
  // The first port's address became the team's.
  EXPECT_EQ(r.ns.find("team0")->mac(), r.ns.find("eth0")->mac());
  EXPECT_EQ(d.port_add("eth9").error().message, "NoSuchDev");
  r.set_up("eth1", true);
  EXPECT_EQ(d.port_add("eth1").error().message, "PortAddFail");  // up: the team refuses it
  r.set_up("eth1", false);
  EXPECT_TRUE(d.port_add("eth1"));
  // A port released by other hands leaves teamd too.
  ctl::LinkSpec nomaster;
  nomaster.master = "";
  ASSERT_TRUE(ctl::link_set(r.w, r.ns, *r.ns.find("eth1"), nomaster));
  r.w.engine().settle();
  EXPECT_EQ(d.ports().size(), 1u);
  EXPECT_EQ(d.port_remove("eth1").error().message, "PortRemoveFail");
  d.quit();
  r.w.end_process("teamd/team0");
  EXPECT_EQ(r.ns.find("team0"), nullptr);
  EXPECT_EQ(r.ns.find("eth0")->master(), nullptr);
}

TEST(TeamdDaemon, NoQuitDestroyKeepsTheDevice) {
  Rig r;
  TeamdOptions o;
  o.no_quit_destroy = true;
  auto td = r.start("{}", o);
  ASSERT_TRUE(td);
  (*td)->quit();
  EXPECT_NE(r.ns.find("team0"), nullptr);
}

TEST(TeamdDaemon, DeletingTheTeamEndsTheDaemon) {
  Rig r;
  ASSERT_TRUE(r.start(R"({"ports": {"eth0": {}}})"));
  ASSERT_TRUE(ctl::link_del(r.w, r.ns, *r.ns.find("team0")));
  r.w.engine().settle();
  EXPECT_EQ(find_teamd(r.w, "team0"), nullptr);
}

TEST(TeamdDaemon, ActiveBackupChoosesByLinkPrioAndSticky) {
  Rig r;
  auto td = r.start(R"({"runner": {"name": "activebackup"},
                        "ports": {"eth0": {"prio": 1}, "eth1": {"prio": 5},
                                  "eth2": {"prio": 9, "sticky": true}}})");
  ASSERT_TRUE(td) << td.error().message;
  Teamd& d = **td;
  r.set_up("team0", true);
  EXPECT_EQ(*d.item_get("runner.active_port"), "eth2");
  // eth2 loses its link (its peer goes down): eth1 is the best of the rest.
  r.set_up("peer2", false);
  EXPECT_EQ(*d.item_get("runner.active_port"), "eth1");
  EXPECT_EQ(*d.item_get("ports.eth2.link_watches.list.link_watch_0.down_count"), "1");
  // eth2 comes back with a higher prio: it takes over (eth1 is not sticky).
  r.set_up("peer2", true);
  EXPECT_EQ(*d.item_get("runner.active_port"), "eth2");
  // By hand, then eth2 being sticky does not matter: eth0 stays while up.
  EXPECT_TRUE(d.item_set("runner.active_port", "eth0"));
  EXPECT_EQ(*d.item_get("runner.active_port"), "eth0");
  auto* team = dynamic_cast<TeamDevice*>(r.ns.find("team0"));
  ASSERT_NE(team->active_port(), nullptr);
  EXPECT_EQ(team->active_port()->dev().name(), "eth0");
  EXPECT_TRUE(team->active_port()->enabled());
  EXPECT_FALSE(team->port_of(*r.ns.find("eth2"))->enabled());
  EXPECT_EQ(d.item_set("runner.active_port", "eth7").error().message, "ItemValueSetFail");
}

TEST(TeamdDaemon, BalancerForLoadbalanceAndLacp) {
  for (const char* runner : {"loadbalance", "lacp"}) {
    Rig r;
    auto td = r.start(fmt::format(R"({{"runner": {{"name": "{}", "tx_balancer": {{"name": "basic",
                                    "balancing_interval": 20}}}}}})",
                                  runner));
    ASSERT_TRUE(td) << td.error().message;
    auto* team = dynamic_cast<TeamDevice*>(r.ns.find("team0"));
    EXPECT_EQ(team->lb_tx_method(), TeamLbTxMethod::kHashToPortMapping) << runner;
    EXPECT_EQ(team->lb_stats_refresh_interval(), 20u) << runner;
    EXPECT_TRUE(team->has_lb_hash()) << runner;
  }
  Rig r;
  ASSERT_TRUE(r.start(R"({"runner": {"name": "lacp"}})"));
  auto* team = dynamic_cast<TeamDevice*>(r.ns.find("team0"));
  EXPECT_EQ(team->lb_tx_method(), TeamLbTxMethod::kHash);
}

TEST(TeamdDaemon, ItemsAndMethodErrors) {
  Rig r;
  auto td = r.start(R"({"ports": {"eth0": {}}})");
  ASSERT_TRUE(td);
  Teamd& d = **td;
  EXPECT_EQ(*d.item_get("setup.runner_name"), "roundrobin");
  EXPECT_EQ(*d.item_get("ports.eth0.ifinfo.ifname"), "eth0");
  EXPECT_EQ(*d.item_get("ports.\"eth0\".link_watches.up"), "true");
  EXPECT_EQ(d.item_get("bogus").error().message, "PathDoesNotExist");
  EXPECT_TRUE(d.item_set("setup.debug_level", "2"));
  EXPECT_EQ(*d.item_get("setup.debug_level"), "2");
  EXPECT_EQ(d.item_set("setup.debug_level", "x").error().message, "ItemValueSetFail");
  EXPECT_EQ(d.item_set("setup.pid", "1").error().message, "OpNotSupp");
  EXPECT_EQ(d.item_set("nope.x", "1").error().message, "PathDoesNotExist");

  Reply none = d.handle({"Bogus", {}});
  EXPECT_FALSE(none.ok);
  EXPECT_EQ(none.code, "");  // teamd answers nothing
  Reply bad = d.handle({"PortAdd", {}});
  EXPECT_EQ(bad.code, "InvalidArgs");
  EXPECT_EQ(bad.message, "Did not receive correct message arguments.");
  EXPECT_EQ(d.handle({"PortConfigUpdate", {"eth0", "{bad"}}).code, "ConfigUpdateFail");
  EXPECT_EQ(d.handle({"PortConfigUpdate", {"eth8", "{}"}}).code, "NoSuchDev");
  EXPECT_TRUE(d.handle({"PortConfigUpdate", {"eth0", R"({"prio": 7})"}}).ok);
  EXPECT_EQ(d.handle({"PortConfigDump", {"eth0"}}).payload, "{\n    \"prio\": 7\n}");
  EXPECT_EQ(d.config_dump(false)["ports"]["eth0"]["prio"], 7);
  Reply st = d.handle({"StateDump", {}});
  ASSERT_TRUE(st.ok);
  auto j = Json::parse(st.payload);
  EXPECT_EQ(j["setup"]["kernel_team_mode_name"], "roundrobin");
  EXPECT_EQ(j["ports"]["eth0"]["link_watches"]["list"]["link_watch_0"]["name"], "ethtool");
}

TEST(TeamdDaemon, ConfigDumpShowsTheImplicitWatcherAndActualPorts) {
  Rig r;
  auto td = r.start(R"({"ports": {"eth0": {}, "eth2": {"prio": 3}}})");
  ASSERT_TRUE(td);
  Teamd& d = **td;
  ASSERT_TRUE(d.port_remove("eth2"));
  Json c = d.config_dump(false), a = d.config_dump(true);
  EXPECT_EQ(c["ports"]["eth0"]["link_watch"]["name"], "ethtool");
  EXPECT_TRUE(c["ports"].contains("eth2"));
  EXPECT_FALSE(a["ports"].contains("eth2"));
  EXPECT_EQ(c["device"], "team0");
}

}  // namespace
}  // namespace uvn::teamd
