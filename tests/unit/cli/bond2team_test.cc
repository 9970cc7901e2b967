// bond2team (cli/bond2team.h): bond options to teamd JSON for every mode, monitor and hash
// policy, the reverse for every runner and watcher, the warnings for what has no counterpart,
// round trips both ways, errors naming the option or JSON path, and the command line.
#include "cli/bond2team.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace uvn::cli {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;  // keeps the converter's key order
using Warnings = std::vector<std::string>;

struct Fwd {
  std::string config;  // compact JSON
  Warnings warnings;
};

Fwd fwd(const std::string& opts, std::vector<std::string> ports = {}) {
  auto list = parse_bonding_opts(opts);
  EXPECT_TRUE(list) << opts;
  if (!list) return {};
  auto r = bond_opts_to_teamd(*list, ports, "team0");
  EXPECT_TRUE(r) << opts << ": " << r.error().message;
  if (!r) return {};
  return {r->config.dump(), r->warnings};
}

std::string fwd_error(const std::string& opts, std::vector<std::string> ports = {}) {
  auto list = parse_bonding_opts(opts);
  if (!list) return list.error().message;
  auto r = bond_opts_to_teamd(*list, ports, "team0");
  EXPECT_FALSE(r) << opts;
  return r ? "" : r.error().message;
}

std::string runner_of(const std::string& opts) {
  return ojson::parse(fwd(opts).config)["runner"].dump();
}

std::string watch_of(const std::string& opts) {
  return ojson::parse(fwd(opts).config)["link_watch"].dump();
}

BondFromTeamd rev(const std::string& text) {
  auto r = teamd_to_bond_opts(json::parse(text));
  EXPECT_TRUE(r) << text << ": " << r.error().message;
  return r ? *r : BondFromTeamd{};
}

std::string rev_error(const std::string& text) {
  auto r = teamd_to_bond_opts(json::parse(text));
  EXPECT_FALSE(r) << text;
  return r ? "" : r.error().message;
}

BondOptList L(std::initializer_list<std::pair<std::string, std::string>> l) {
  return l;
}

// ---- bond to team: modes

TEST(Bond2TeamMode, NamesAndNumbersGiveTheRunner) {
  const std::pair<std::string, std::string> cases[] = {
      {"balance-rr", R"({"name":"roundrobin"})"},
      {"active-backup", R"({"name":"activebackup"})"},
      {"balance-xor", R"({"name":"loadbalance","tx_hash":["eth"]})"},
      {"broadcast", R"({"name":"broadcast"})"},
      {"802.3ad", R"({"name":"lacp","tx_hash":["eth"],"agg_select_policy":"bandwidth"})"},
      {"balance-tlb", R"({"name":"loadbalance","tx_hash":["eth"],"tx_balancer":{"name":"basic"}})"},
      {"balance-alb", R"({"name":"loadbalance","tx_hash":["eth"],"tx_balancer":{"name":"basic"}})"},
  };
  for (size_t i = 0; i < std::size(cases); ++i) {
    EXPECT_EQ(runner_of("mode=" + cases[i].first), cases[i].second) << cases[i].first;
    EXPECT_EQ(runner_of("mode=" + std::to_string(i)), cases[i].second) << i;
  }
  EXPECT_EQ(runner_of(""), R"({"name":"roundrobin"})");  // the bond's default mode
}

TEST(Bond2TeamMode, WholeActiveBackupConfig) {
  auto r = fwd("mode=1 miimon=100 updelay=200 downdelay=100 primary=eth1 fail_over_mac=active",
               {"eth1", "eth2"});
  EXPECT_EQ(r.config,
            R"({"device":"team0","runner":{"name":"activebackup","hwaddr_policy":"by_active"},)"
            R"("link_watch":{"name":"ethtool","delay_up":200,"delay_down":100},)"
            R"("ports":{"eth1":{"prio":100},"eth2":{}}})");
  EXPECT_EQ(r.warnings, Warnings{});
}

TEST(Bond2TeamMode, FailOverMacPolicies) {
  EXPECT_EQ(runner_of("mode=1 fail_over_mac=none"),
            R"({"name":"activebackup","hwaddr_policy":"same_all"})");
  EXPECT_EQ(runner_of("mode=1 fail_over_mac=1"),
            R"({"name":"activebackup","hwaddr_policy":"by_active"})");
  EXPECT_EQ(runner_of("mode=1 fail_over_mac=follow"),
            R"({"name":"activebackup","hwaddr_policy":"only_active"})");
}

TEST(Bond2TeamMode, LacpOptions) {
  auto r =
      fwd("mode=802.3ad lacp_active=off lacp_rate=fast ad_select=count ad_actor_sys_prio=100 "
          "min_links=2 xmit_hash_policy=layer3+4 ad_user_port_key=5",
          {"eth1", "eth2"});
  EXPECT_EQ(r.config,
            R"({"device":"team0","runner":{"name":"lacp","active":false,"fast_rate":true,)"
            R"("tx_hash":["l3","l4"],"agg_select_policy":"count","sys_prio":100,"min_ports":2},)"
            R"("link_watch":{"name":"ethtool"},)"
            R"("ports":{"eth1":{"lacp_key":5},"eth2":{"lacp_key":5}}})");
  EXPECT_EQ(r.warnings, Warnings{});
  EXPECT_EQ(
      runner_of("mode=4 lacp_rate=slow ad_select=bandwidth"),
      R"({"name":"lacp","fast_rate":false,"tx_hash":["eth"],"agg_select_policy":"bandwidth"})");
  auto p = fwd("mode=4 ad_select=actor_port_prio");
  EXPECT_EQ(ojson::parse(p.config)["runner"]["agg_select_policy"], "port_config");
  EXPECT_EQ(p.warnings, Warnings{"ad_select actor_port_prio: teamd's closest policy is "
                                 "port_config, which ranks aggregators by the ports' configured "
                                 "prio"});
}

TEST(Bond2TeamMode, TlbAndAlbWarn) {
  const std::string mac =
      "team sends from every port with the team's MAC address, where the bond used each "
      "slave's own; the switch sees one address on several ports";
  EXPECT_EQ(fwd("mode=balance-tlb").warnings, Warnings{"mode balance-tlb: " + mac});
  EXPECT_EQ(fwd("mode=balance-alb").warnings,
            (Warnings{"mode balance-alb: team has no receive load balancing; only transmit is "
                      "balanced, as with balance-tlb",
                      "mode balance-alb: " + mac}));
  // tlb_dynamic_lb 0 hashes only: no balancer.
  EXPECT_EQ(runner_of("mode=5 tlb_dynamic_lb=0"), R"({"name":"loadbalance","tx_hash":["eth"]})");
}

// ---- bond to team: hash policies

TEST(Bond2TeamHash, EveryPolicy) {
  const std::tuple<std::string, std::string, size_t> cases[] = {
      {"layer2", R"(["eth"])", 0},
      {"layer2+3", R"(["eth","l3"])", 0},
      {"layer3+4", R"(["l3","l4"])", 0},
      {"1", R"(["l3","l4"])", 0},
      {"encap2+3", R"(["eth","l3"])", 1},
      {"encap3+4", R"(["l3","l4"])", 1},
      {"vlan+srcmac", R"(["vlan","eth"])", 1},
  };
  for (auto& [policy, hash, nwarn] : cases) {
    auto r = fwd("mode=balance-xor xmit_hash_policy=" + policy);
    EXPECT_EQ(ojson::parse(r.config)["runner"]["tx_hash"].dump(), hash) << policy;
    EXPECT_EQ(r.warnings.size(), nwarn) << policy;
  }
  EXPECT_EQ(fwd("mode=2 xmit_hash_policy=encap3+4").warnings,
            Warnings{"xmit_hash_policy encap3+4: teamd does not hash inner (tunnelled) headers; "
                     "using [l3, l4]"});
}

// ---- bond to team: monitors

TEST(Bond2TeamMonitor, MiimonDelaysRoundDownToTicks) {
  auto r = fwd("mode=1 miimon=100 updelay=250 downdelay=99");
  EXPECT_EQ(ojson::parse(r.config)["link_watch"].dump(), R"({"name":"ethtool","delay_up":200})");
  EXPECT_EQ(r.warnings, (Warnings{"updelay 250: not a multiple of miimon 100; the bond keeps 200",
                                  "downdelay 99: not a multiple of miimon 100; the bond keeps 0"}));
  EXPECT_EQ(watch_of("mode=1"), R"({"name":"ethtool"})");
}

TEST(Bond2TeamMonitor, ArpTargetsGiveOneWatcherEach) {
  EXPECT_EQ(watch_of("mode=1 arp_interval=200 arp_ip_target=10.0.0.1,+10.0.0.2 arp_validate=all "
                     "arp_missed_max=3"),
            R"([{"name":"arp_ping","interval":200,"missed_max":3,"target_host":"10.0.0.1",)"
            R"("validate_active":true,"validate_inactive":true},)"
            R"({"name":"arp_ping","interval":200,"missed_max":3,"target_host":"10.0.0.2",)"
            R"("validate_active":true,"validate_inactive":true}])");
  EXPECT_EQ(watch_of("mode=1 arp_interval=100 arp_ip_target=10.0.0.1 arp_validate=backup"),
            R"({"name":"arp_ping","interval":100,"missed_max":2,"target_host":"10.0.0.1",)"
            R"("validate_inactive":true})");
  EXPECT_EQ(watch_of("arp_interval=100 arp_ip_target=10.0.0.1 ns_ip6_target=fd00::1"),
            R"([{"name":"arp_ping","interval":100,"missed_max":2,"target_host":"10.0.0.1"},)"
            R"({"name":"nsna_ping","interval":100,"missed_max":2,"target_host":"fd00::1"}])");
}

TEST(Bond2TeamMonitor, ArpFilterKeepsValidation) {
  auto r = fwd("mode=1 arp_interval=100 arp_ip_target=10.0.0.1 arp_validate=filter_active");
  EXPECT_EQ(ojson::parse(r.config)["link_watch"].dump(),
            R"({"name":"arp_ping","interval":100,"missed_max":2,"target_host":"10.0.0.1",)"
            R"("validate_active":true})");
  EXPECT_EQ(r.warnings,
            Warnings{"arp_validate filter_active: teamd has no ARP filtering; validating active"});
}

TEST(Bond2TeamMonitor, LaterMonitorWinsAndLeftoversWarn) {
  // miimon after arp_interval turns ARP monitoring off, as the kernel does.
  auto r = fwd("mode=1 arp_interval=100 arp_ip_target=10.0.0.1 miimon=50");
  EXPECT_EQ(ojson::parse(r.config)["link_watch"].dump(), R"({"name":"ethtool"})");
  EXPECT_EQ(r.warnings, Warnings{"arp_ip_target: ARP monitoring is off (arp_interval 0); dropped"});
  auto a = fwd("mode=1 miimon=100 updelay=200 arp_interval=100");
  EXPECT_EQ(ojson::parse(a.config)["link_watch"].dump(), R"({"name":"ethtool"})");
  EXPECT_EQ(a.warnings,
            (Warnings{"arp_interval 100: no arp_ip_target or ns_ip6_target to ping; using the "
                      "ethtool watcher",
                      "updelay 200: MII monitoring is off; dropped"}));
  EXPECT_EQ(fwd("mode=1 arp_interval=100 arp_ip_target=10.0.0.1 updelay=100").warnings,
            Warnings{"updelay 100: used only by the MII monitor; dropped"});
}

// ---- bond to team: ports, peers, multicast

TEST(Bond2TeamPorts, PrimaryReselect) {
  EXPECT_EQ(
      ojson::parse(
          fwd("mode=1 primary=eth2 primary_reselect=failure", {"eth1", "eth2"}).config)["ports"]
          .dump(),
      R"({"eth1":{"sticky":true},"eth2":{"prio":100,"sticky":true}})");
  auto always = fwd("mode=1 primary=eth2 primary_reselect=always", {"eth1", "eth2"});
  EXPECT_EQ(ojson::parse(always.config)["ports"].dump(), R"({"eth1":{},"eth2":{"prio":100}})");
  auto better = fwd("mode=1 primary=eth2 primary_reselect=1", {"eth1", "eth2"});
  EXPECT_EQ(ojson::parse(better.config)["ports"].dump(), R"({"eth1":{},"eth2":{"prio":100}})");
  EXPECT_EQ(better.warnings,
            Warnings{"primary_reselect better: teamd compares prio before speed; the primary "
                     "takes over whenever it is up, as with always"});
}

TEST(Bond2TeamPorts, PrimaryOutsideThePortsIsAdded) {
  auto r = fwd("mode=1 primary=eth9", {"eth1"});
  EXPECT_EQ(ojson::parse(r.config)["ports"].dump(), R"({"eth1":{},"eth9":{"prio":100}})");
  EXPECT_EQ(r.warnings, Warnings{"primary eth9: not among the ports; added to them"});
  EXPECT_EQ(fwd("mode=1 primary=eth9").warnings, Warnings{});
}

TEST(Bond2TeamPorts, NotifyPeersAndMcastRejoin) {
  auto r = fwd("mode=1 miimon=100 num_grat_arp=3 peer_notify_delay=200 resend_igmp=2");
  EXPECT_EQ(r.config,
            R"({"device":"team0","runner":{"name":"activebackup"},)"
            R"("link_watch":{"name":"ethtool"},"notify_peers":{"count":3,"interval":200},)"
            R"("mcast_rejoin":{"count":2},"ports":{}})");
  EXPECT_EQ(ojson::parse(fwd("mode=1 num_unsol_na=5").config)["notify_peers"].dump(),
            R"({"count":5})");
  EXPECT_EQ(fwd("mode=1 arp_interval=100 arp_ip_target=10.0.0.1 peer_notify_delay=300").warnings,
            Warnings{"peer_notify_delay 300: kept in miimon ticks, and MII monitoring is off; "
                     "dropped"});
}

// ---- bond to team: warnings and errors

TEST(Bond2TeamWarn, OptionsWithoutCounterpart) {
  const std::pair<std::string, std::string> cases[] = {
      {"mode=1 use_carrier=0",
       "use_carrier 0: teamd's ethtool watcher always follows the carrier; dropped"},
      {"mode=1 all_slaves_active=1", "all_slaves_active 1: no team equivalent; dropped"},
      {"mode=1 xmit_hash_policy=layer3+4",
       "xmit_hash_policy layer3+4: the bond ignores it in mode active-backup; dropped"},
      {"mode=1 lacp_rate=fast",
       "lacp_rate fast: the bond ignores it in mode active-backup; dropped"},
      {"mode=0 packets_per_slave=3",
       "packets_per_slave 3: roundrobin moves on after every packet; dropped"},
      {"mode=1 active_slave=eth1",
       "active_slave eth1: a runtime choice, not a configuration; dropped"},
      {"max_bonds=2", "max_bonds 2: a bonding module parameter, not a bond's; dropped"},
      {"mode=4 arp_all_targets=all",
       "arp_all_targets all: a team port is up while any one target answers; dropped"},
      {"mode=4 ad_actor_system=02:00:00:00:00:01",
       "ad_actor_system 02:00:00:00:00:01: teamd uses the team's own address as LACP system id; "
       "dropped"},
      {"mode=4 lacp_fallback=on", "lacp_fallback on: a uvn extension that teamd lacks; dropped"},
      {"mode=1 ad_user_port_key=3",
       "ad_user_port_key 3: the bond ignores it in mode active-backup; dropped"},
      {"mode=4 ad_user_port_key=3", "ad_user_port_key: no ports to give the lacp_key; dropped"},
      {"mode=1 arp_validate=active", "arp_validate active: ARP monitoring is off; dropped"},
  };
  for (auto& [opts, warning] : cases) EXPECT_EQ(fwd(opts).warnings, Warnings{warning}) << opts;
  // Values the team behaves like anyway: silent.
  EXPECT_EQ(fwd("mode=1 use_carrier=1 all_slaves_active=0 arp_all_targets=any").warnings,
            Warnings{});
  auto alb = fwd("mode=6 primary=eth1 lp_interval=2");
  ASSERT_EQ(alb.warnings.size(), 4u);
  EXPECT_EQ(alb.warnings[0], "primary eth1: the loadbalance runner has no active port; dropped");
  EXPECT_EQ(alb.warnings[1], "lp_interval 2: team sends no learning packets; dropped");
}

TEST(Bond2TeamError, BadOptionsAreNamed) {
  EXPECT_EQ(fwd_error("mode=foo"), R"(mode: invalid value "foo")");
  EXPECT_EQ(fwd_error("mode=7"), R"(mode: invalid value "7")");
  EXPECT_EQ(fwd_error("miimon=-1"), R"(miimon: invalid value "-1")");
  EXPECT_EQ(fwd_error("foo=1"), "foo: unknown bond option");
  EXPECT_EQ(fwd_error("arp_ip_target=10.0.0.300"),
            R"(arp_ip_target: invalid address "10.0.0.300")");
  EXPECT_EQ(fwd_error("ns_ip6_target=10.0.0.1"), R"(ns_ip6_target: invalid address "10.0.0.1")");
  EXPECT_EQ(fwd_error("mode=4 arp_interval=100 arp_ip_target=10.0.0.1"),
            "arp_interval: the bond cannot ARP-monitor in mode 802.3ad");
  EXPECT_EQ(fwd_error("mode=4 min_links=300"),
            "min_links: 300 is more than teamd's min_ports allows (255)");
  EXPECT_EQ(fwd_error("mode=1", {"eth1", "eth1"}), "port eth1: given twice");
  EXPECT_EQ(fwd_error("mode"), "mode: expected OPTION=VALUE");
  std::string many;
  for (int i = 1; i <= 17; ++i) many += (i > 1 ? "," : "") + ("10.0.0." + std::to_string(i));
  EXPECT_EQ(fwd_error("arp_ip_target=" + many), "arp_ip_target: more than 16 targets");
}

// ---- team to bond

TEST(Team2BondRunner, EveryRunner) {
  EXPECT_EQ(rev("{}").opts, L({{"mode", "balance-rr"}, {"miimon", "100"}}));
  EXPECT_EQ(rev(R"({"runner":{"name":"roundrobin"}})").opts,
            L({{"mode", "balance-rr"}, {"miimon", "100"}}));
  auto random = rev(R"({"runner":{"name":"random"}})");
  EXPECT_EQ(random.opts, L({{"mode", "balance-rr"}, {"miimon", "100"}}));
  EXPECT_EQ(random.warnings,
            Warnings{"runner.name random: the bond has no random mode; using balance-rr"});
  EXPECT_EQ(rev(R"({"runner":{"name":"activebackup"}})").opts,
            L({{"mode", "active-backup"}, {"miimon", "100"}}));
  EXPECT_EQ(rev(R"({"runner":{"name":"broadcast"}})").opts,
            L({{"mode", "broadcast"}, {"miimon", "100"}}));
  EXPECT_EQ(rev(R"({"runner":{"name":"loadbalance"}})").opts,
            L({{"mode", "balance-xor"}, {"miimon", "100"}, {"xmit_hash_policy", "layer2+3"}}));
  auto tlb = rev(R"({"runner":{"name":"loadbalance","tx_hash":["eth"],)"
                 R"("tx_balancer":{"name":"basic","balancing_interval":20}}})");
  EXPECT_EQ(tlb.opts, L({{"mode", "balance-tlb"}, {"miimon", "100"}}));
  EXPECT_EQ(tlb.warnings, Warnings{"runner.tx_balancer.balancing_interval: the bond rebalances "
                                   "every 10 s; dropped"});
  EXPECT_EQ(rev(R"({"runner":{"name":"activebackup","hwaddr_policy":"only_active"}})").opts,
            L({{"mode", "active-backup"}, {"miimon", "100"}, {"fail_over_mac", "follow"}}));
  EXPECT_EQ(rev(R"({"runner":{"name":"activebackup","hwaddr_policy":"same_all"}})").opts,
            L({{"mode", "active-backup"}, {"miimon", "100"}}));
}

TEST(Team2BondRunner, LacpShippedExample) {
  // /usr/share/doc/libteam-utils/examples/lacp_1.conf
  auto r = rev(R"({"device":"team0","runner":{"name":"lacp","active":true,"fast_rate":true,
                   "tx_hash":["eth","ipv4","ipv6"]},"link_watch":{"name":"ethtool"},
                   "ports":{"eth1":{},"eth2":{}}})");
  EXPECT_EQ(r.device, "team0");
  EXPECT_EQ(r.opts, L({{"mode", "802.3ad"},
                       {"miimon", "100"},
                       {"xmit_hash_policy", "layer2+3"},
                       {"lacp_rate", "fast"}}));
  EXPECT_EQ(r.ports, (std::vector<std::string>{"eth1", "eth2"}));
  EXPECT_EQ(r.warnings, Warnings{});
}

TEST(Team2BondRunner, LacpOptionsAndPorts) {
  auto r = rev(R"({"runner":{"name":"lacp","active":false,"sys_prio":100,"min_ports":3,
                   "agg_select_policy":"count","tx_hash":["l3","l4"]},
                   "ports":{"eth1":{"lacp_key":7,"lacp_prio":10},"eth2":{"lacp_key":7}}})");
  EXPECT_EQ(r.opts, L({{"mode", "802.3ad"},
                       {"miimon", "100"},
                       {"xmit_hash_policy", "layer3+4"},
                       {"lacp_active", "off"},
                       {"ad_select", "count"},
                       {"ad_actor_sys_prio", "100"},
                       {"min_links", "3"},
                       {"ad_user_port_key", "7"}}));
  EXPECT_EQ(r.warnings, Warnings{"ports.eth1.lacp_prio: set it with `ip link set eth1 type "
                                 "bond_slave actor_port_prio 10`"});
  EXPECT_EQ(rev(R"({"runner":{"name":"lacp","agg_select_policy":"lacp_prio_stable"}})").warnings,
            Warnings{"runner.agg_select_policy lacp_prio_stable: the bond does not rank "
                     "aggregators by LACP priority; keeping ad_select stable"});
  EXPECT_EQ(
      rev(R"({"runner":{"name":"lacp"},"ports":{"a":{"lacp_key":1},"b":{"lacp_key":2}}})").warnings,
      Warnings{"ports.*.lacp_key: the ports differ; the bond has one ad_user_port_key"});
}

TEST(Team2BondHash, ClosestPolicy) {
  const std::tuple<std::string, std::string, bool> cases[] = {
      {R"(["eth"])", "layer2", true},
      {R"(["eth","ipv4","ipv6"])", "layer2+3", true},
      {R"(["ip","eth"])", "layer2+3", true},
      {R"(["l3","l4"])", "layer3+4", true},
      {R"(["ipv4","ipv6","tcp","udp","sctp"])", "layer3+4", true},
      {R"(["l3","tcp"])", "layer3+4", false},
      {R"(["vlan","eth"])", "vlan+srcmac", false},
      {R"(["eth","ipv4"])", "layer2+3", false},
      {R"(["eth","l3","l4"])", "layer3+4", false},
      {R"([])", "layer2", false},
  };
  for (auto& [hash, policy, exact] : cases) {
    auto r = rev(R"({"runner":{"name":"loadbalance","tx_hash":)" + hash + "}}");
    std::string got = "layer2";
    for (auto& [k, v] : r.opts)
      if (k == "xmit_hash_policy") got = v;
    EXPECT_EQ(got, policy) << hash;
    if (exact) {
      EXPECT_EQ(r.warnings, Warnings{}) << hash;
    } else {
      EXPECT_EQ(r.warnings, Warnings{"runner.tx_hash " + json::parse(hash).dump() +
                                     ": no exact xmit_hash_policy; " + policy + " is the closest"});
    }
  }
}

TEST(Team2BondMonitor, EthtoolDelaysRoundToMiimon) {
  auto r = rev(R"({"runner":{"name":"activebackup"},
                   "link_watch":{"name":"ethtool","delay_up":250,"delay_down":40}})");
  EXPECT_EQ(r.opts, L({{"mode", "active-backup"}, {"miimon", "100"}, {"updelay", "300"}}));
  EXPECT_EQ(r.warnings,
            (Warnings{"link_watch.delay_up 250: rounded to 300 (a multiple of miimon 100)",
                      "link_watch.delay_down 40: rounded to 0 (a multiple of miimon 100)"}));
  EXPECT_EQ(
      rev(R"({"link_watch":{"name":"ethtool","delay_up":200,"delay_down":500}})").opts,
      L({{"mode", "balance-rr"}, {"miimon", "100"}, {"updelay", "200"}, {"downdelay", "500"}}));
}

TEST(Team2BondMonitor, ShippedMultiArpExample) {
  // /usr/share/doc/libteam-utils/examples/activebackup_multi_lw_1.conf
  auto r = rev(R"({"device":"team0","runner":{"name":"activebackup"},
     "link_watch":[{"name":"arp_ping","interval":100,"missed_max":30,
                    "source_host":"192.168.23.2","target_host":"192.168.23.1"},
                   {"name":"arp_ping","interval":50,"missed_max":20,
                    "source_host":"192.168.24.2","target_host":"192.168.24.1"}],
     "ports":{"eth1":{"prio":-10,"sticky":true},"eth2":{"prio":100}}})");
  EXPECT_EQ(r.opts, L({{"mode", "active-backup"},
                       {"arp_interval", "100"},
                       {"arp_ip_target", "192.168.23.1,192.168.24.1"},
                       {"arp_missed_max", "30"},
                       {"primary", "eth2"},
                       {"primary_reselect", "failure"}}));
  EXPECT_EQ(r.ports, (std::vector<std::string>{"eth2", "eth1"}));
  EXPECT_EQ(r.warnings,
            (Warnings{"link_watch[0].source_host: no bond equivalent; dropped",
                      "link_watch[1]: interval/missed_max differ from the first watcher's; the "
                      "bond has one of each",
                      "link_watch[1].source_host: no bond equivalent; dropped"}));
}

TEST(Team2BondMonitor, ValidationNsnaAndDefaults) {
  EXPECT_EQ(rev(R"({"runner":{"name":"activebackup"},"link_watch":{"name":"arp_ping",
                    "target_host":"10.0.0.1","validate_inactive":true}})")
                .opts,
            L({{"mode", "active-backup"},
               {"arp_interval", "1000"},
               {"arp_ip_target", "10.0.0.1"},
               {"arp_missed_max", "3"},
               {"arp_validate", "backup"}}));
  EXPECT_EQ(rev(R"({"runner":{"name":"activebackup"},"link_watch":{"name":"nsna_ping",
                    "interval":200,"missed_max":2,"target_host":"fd00::1"}})")
                .opts,
            L({{"mode", "active-backup"}, {"arp_interval", "200"}, {"ns_ip6_target", "fd00::1"}}));
  auto zero = rev(R"({"link_watch":{"name":"arp_ping","interval":100,"missed_max":0,
                      "target_host":"10.0.0.1","validate_active":true,"validate_inactive":true}})");
  EXPECT_EQ(zero.opts, L({{"mode", "balance-rr"},
                          {"arp_interval", "100"},
                          {"arp_ip_target", "10.0.0.1"},
                          {"arp_missed_max", "1"},
                          {"arp_validate", "all"}}));
  EXPECT_EQ(zero.warnings, Warnings{"missed_max 0: the bond's arp_missed_max is 1-255; using 1"});
}

TEST(Team2BondMonitor, OneMonitorOnly) {
  auto both = rev(R"({"link_watch":[{"name":"ethtool"},
                      {"name":"arp_ping","interval":100,"target_host":"10.0.0.1"}]})");
  EXPECT_EQ(both.opts, L({{"mode", "balance-rr"}, {"miimon", "100"}}));
  EXPECT_EQ(both.warnings,
            Warnings{"link_watch: with an ethtool watcher a port is up whenever its carrier is, "
                     "and the bond runs one monitor; ARP/NS watchers dropped"});
  auto lacp = rev(R"({"runner":{"name":"lacp","tx_hash":["eth"]},
                      "link_watch":{"name":"arp_ping","interval":100,"target_host":"10.0.0.1"}})");
  EXPECT_EQ(lacp.opts, L({{"mode", "802.3ad"}, {"miimon", "100"}}));
  EXPECT_EQ(lacp.warnings,
            Warnings{"link_watch: the bond cannot ARP/NS-monitor in mode 802.3ad; using miimon"});
  EXPECT_EQ(rev(R"({"link_watch":{"name":"tipc","tipc_bearer":"eth:eth1"}})").warnings,
            Warnings{"link_watch: the tipc watcher has no bond equivalent; dropped"});
  EXPECT_EQ(rev(R"({"ports":{"eth1":{"link_watch":{"name":"ethtool"}}}})").warnings,
            Warnings{"ports.eth1.link_watch: the bond monitors all slaves alike; dropped"});
}

TEST(Team2BondPorts, PrioOrderAndPrimary) {
  auto tie = rev(R"({"runner":{"name":"activebackup"},
                     "ports":{"eth3":{},"eth1":{"prio":10},"eth2":{"prio":10}}})");
  EXPECT_EQ(tie.ports, (std::vector<std::string>{"eth1", "eth2", "eth3"}));
  EXPECT_EQ(tie.opts, L({{"mode", "active-backup"}, {"miimon", "100"}, {"primary", "eth1"}}));
  EXPECT_EQ(tie.warnings,
            Warnings{"ports: 2 ports share the highest prio 10; eth1 becomes primary"});
  auto levels = rev(R"({"runner":{"name":"activebackup"},
                        "ports":{"eth1":{"prio":5},"eth2":{"prio":10},"eth3":{}}})");
  EXPECT_EQ(levels.ports, (std::vector<std::string>{"eth2", "eth1", "eth3"}));
  EXPECT_EQ(levels.warnings,
            Warnings{"ports: the bond has one primary; set the other ports' order with `ip link "
                     "set PORT type bond_slave prio N`"});
  // Equal prios: no primary. Other runners: order only.
  EXPECT_EQ(rev(R"({"runner":{"name":"activebackup"},"ports":{"a":{},"b":{}}})").opts,
            L({{"mode", "active-backup"}, {"miimon", "100"}}));
  auto rr = rev(R"({"ports":{"a":{},"b":{"prio":1}}})");
  EXPECT_EQ(rr.opts, L({{"mode", "balance-rr"}, {"miimon", "100"}}));
  EXPECT_EQ(rr.ports, (std::vector<std::string>{"b", "a"}));
  auto mixed = rev(R"({"runner":{"name":"activebackup"},
                       "ports":{"a":{"prio":9},"b":{"sticky":true},"c":{}}})");
  EXPECT_EQ(mixed.opts, L({{"mode", "active-backup"}, {"miimon", "100"}, {"primary", "a"}}));
  EXPECT_EQ(mixed.warnings,
            Warnings{"ports.*.sticky: only some backup ports are sticky; the bond's "
                     "primary_reselect is one setting, keeping always"});
}

TEST(Team2BondPorts, NotifyPeersAndMcastRejoin) {
  auto r = rev(R"({"runner":{"name":"activebackup"},"notify_peers":{"count":3,"interval":250},
                   "mcast_rejoin":{"count":2,"interval":100},"hwaddr":"02:00:00:00:00:01"})");
  EXPECT_EQ(r.opts, L({{"mode", "active-backup"},
                       {"miimon", "100"},
                       {"num_grat_arp", "3"},
                       {"peer_notify_delay", "300"},
                       {"resend_igmp", "2"}}));
  EXPECT_EQ(r.warnings,
            (Warnings{"notify_peers.interval 250: rounded to 300 (a multiple of miimon 100)",
                      "mcast_rejoin.interval 100: the bond rejoins every 200 ms; dropped",
                      "hwaddr: set the bond's address with `ip link set BOND address MAC`; "
                      "dropped"}));
}

TEST(Team2BondError, PathsAreNamed) {
  const std::pair<std::string, std::string> cases[] = {
      {R"([])", "config: expected a JSON object"},
      {R"({"runner":"lacp"})", "runner: expected an object"},
      {R"({"runner":{"name":"foo"}})", R"(runner.name: unknown runner "foo")"},
      {R"({"runner":{"name":7}})", "runner.name: expected a string"},
      {R"({"runner":{"name":"lacp","fast_rate":1}})", "runner.fast_rate: expected true or false"},
      {R"({"runner":{"name":"lacp","sys_prio":0}})",
       "runner.sys_prio: 0 is outside the bond's range (1-65535)"},
      {R"({"runner":{"name":"lacp","min_ports":0}})",
       "runner.min_ports: 0 is out of range (1-255)"},
      {R"({"runner":{"name":"lacp","agg_select_policy":"best"}})",
       R"(runner.agg_select_policy: unknown policy "best")"},
      {R"({"runner":{"name":"activebackup","hwaddr_policy":"x"}})",
       R"(runner.hwaddr_policy: unknown policy "x")"},
      {R"({"runner":{"name":"loadbalance","tx_balancer":{"name":"fancy"}}})",
       R"(runner.tx_balancer.name: unknown balancer "fancy")"},
      {R"({"runner":{"name":"loadbalance","tx_hash":["eth","md5"]}})",
       R"(runner.tx_hash[1]: unknown fragment "md5")"},
      {R"({"runner":{"name":"loadbalance","tx_hash":"eth"}})",
       "runner.tx_hash: expected an array of strings"},
      {R"({"link_watch":"ethtool"})", "link_watch: expected an object or an array"},
      {R"({"link_watch":[{"name":"ethtool"},{"name":"bogus"}]})",
       R"(link_watch[1].name: unknown link watcher "bogus")"},
      {R"({"link_watch":{"delay_up":1}})", "link_watch.name: missing"},
      {R"({"link_watch":{"name":"ethtool","delay_up":-1}})",
       "link_watch.delay_up: -1 is out of range (0-2147483647)"},
      {R"({"link_watch":{"name":"arp_ping","interval":100}})", "link_watch.target_host: missing"},
      {R"({"link_watch":{"name":"arp_ping","target_host":"example.com"}})",
       R"(link_watch.target_host: "example.com" is not an IPv4 address)"},
      {R"({"link_watch":[{"name":"nsna_ping","target_host":"10.0.0.1"}]})",
       R"(link_watch[0].target_host: "10.0.0.1" is not an IPv6 address)"},
      {R"({"ports":[]})", "ports: expected an object"},
      {R"({"ports":{"eth1":5}})", "ports.eth1: expected an object"},
      {R"({"ports":{"eth1":{"prio":"high"}}})", "ports.eth1.prio: expected an integer"},
      {R"({"ports":{"eth1":{"sticky":"yes"}}})", "ports.eth1.sticky: expected true or false"},
      {R"({"notify_peers":{"count":300}})", "notify_peers.count: 300 is out of range (0-255)"},
      {R"({"mcast_rejoin":[]})", "mcast_rejoin: expected an object"},
  };
  for (auto& [text, msg] : cases) EXPECT_EQ(rev_error(text), msg) << text;
}

// ---- round trips

TEST(Bond2TeamRoundTrip, BondTeamBond) {
  struct Case {
    std::string opts;
    std::vector<std::string> ports;
  };
  const Case cases[] = {
      {"mode=balance-rr miimon=100", {"eth1", "eth2"}},
      {"mode=active-backup miimon=100 updelay=200 downdelay=100 primary=eth2 "
       "primary_reselect=failure fail_over_mac=active",
       {"eth2", "eth1"}},
      {"mode=active-backup miimon=100 primary=eth1 fail_over_mac=follow", {"eth1", "eth2"}},
      {"mode=balance-xor miimon=100 xmit_hash_policy=layer3+4", {}},
      {"mode=broadcast miimon=100", {}},
      {"mode=802.3ad miimon=100 xmit_hash_policy=layer2+3 lacp_active=off lacp_rate=fast "
       "ad_select=count ad_actor_sys_prio=100 min_links=2 ad_user_port_key=5",
       {"eth1", "eth2"}},
      {"mode=balance-tlb miimon=100 xmit_hash_policy=layer2+3", {}},
      {"mode=active-backup arp_interval=100 arp_ip_target=10.0.0.1,10.0.0.2 arp_missed_max=3 "
       "arp_validate=active",
       {}},
      {"mode=active-backup arp_interval=250 arp_ip_target=10.0.0.1 ns_ip6_target=fd00::1", {}},
      {"mode=active-backup miimon=100 num_grat_arp=3 peer_notify_delay=200 resend_igmp=2", {}},
  };
  for (auto& c : cases) {
    auto opts = parse_bonding_opts(c.opts);
    ASSERT_TRUE(opts);
    auto team = bond_opts_to_teamd(*opts, c.ports, "team0");
    ASSERT_TRUE(team) << c.opts;
    auto back = teamd_to_bond_opts(team->config);
    ASSERT_TRUE(back) << c.opts;
    EXPECT_EQ(back->opts, *opts) << c.opts;
    EXPECT_EQ(back->ports, c.ports) << c.opts;
    EXPECT_EQ(back->warnings, Warnings{}) << c.opts;
  }
}

TEST(Bond2TeamRoundTrip, TeamBondTeam) {
  const std::string cases[] = {
      R"({"device":"team0","runner":{"name":"activebackup","hwaddr_policy":"by_active"},
          "link_watch":{"name":"ethtool","delay_up":200},
          "ports":{"eth1":{"prio":100},"eth2":{}}})",
      R"({"device":"team0","runner":{"name":"lacp","fast_rate":true,"tx_hash":["l3","l4"],
          "agg_select_policy":"count"},"link_watch":{"name":"ethtool"},
          "ports":{"eth1":{},"eth2":{}}})",
      R"({"device":"team0","runner":{"name":"loadbalance","tx_hash":["eth","l3"],
          "tx_balancer":{"name":"basic"}},"link_watch":{"name":"ethtool"},"ports":{}})",
      R"({"device":"team0","runner":{"name":"activebackup"},
          "link_watch":[{"name":"arp_ping","interval":100,"missed_max":3,"target_host":"10.0.0.1",
                         "validate_active":true},
                        {"name":"arp_ping","interval":100,"missed_max":3,"target_host":"10.0.0.2",
                         "validate_active":true}],
          "ports":{"eth1":{"sticky":true},"eth2":{"prio":100,"sticky":true}}})",
  };
  for (auto& text : cases) {
    json cfg = json::parse(text);
    auto bond = teamd_to_bond_opts(cfg);
    ASSERT_TRUE(bond) << text;
    auto team = bond_opts_to_teamd(bond->opts, bond->ports, bond->device);
    ASSERT_TRUE(team) << text;
    EXPECT_EQ(json::parse(team->config.dump()), cfg) << team->config.dump();
  }
}

// ---- the command

int run(std::vector<std::string> args, std::string& out, std::string& err) {
  out.clear();
  err.clear();
  return bond2team_main(args, out, err);
}

TEST(Bond2TeamMain, PrintsIndentedJson) {
  std::string out, err;
  EXPECT_EQ(run({"--master", "bond0", "--bonding_opts", "mode=1 miimon=100 primary=eth1", "--port",
                 "eth1", "--port", "eth2", "--json", "--stdout"},
                out, err),
            0);
  EXPECT_EQ(out,
            "{\n"
            "    \"device\": \"bond0\",\n"
            "    \"runner\": {\n"
            "        \"name\": \"activebackup\"\n"
            "    },\n"
            "    \"link_watch\": {\n"
            "        \"name\": \"ethtool\"\n"
            "    },\n"
            "    \"ports\": {\n"
            "        \"eth1\": {\n"
            "            \"prio\": 100\n"
            "        },\n"
            "        \"eth2\": {}\n"
            "    }\n"
            "}\n");
  EXPECT_EQ(err, "");
  EXPECT_EQ(run({"--bonding_opts", "mode=0", "--rename", "t1"}, out, err), 0);
  EXPECT_EQ(json::parse(out)["device"], "t1");
  EXPECT_EQ(run({"--bonding_opts", "mode=balance-rr"}, out, err), 0);
  EXPECT_EQ(json::parse(out)["device"], "team0");
}

TEST(Bond2TeamMain, WarningsGoToStderrUnlessQuiet) {
  std::string out, err;
  EXPECT_EQ(run({"--bonding_opts", "mode=1 use_carrier=0"}, out, err), 0);
  EXPECT_EQ(err,
            "bond2team: warning: use_carrier 0: teamd's ethtool watcher always follows the "
            "carrier; dropped\n");
  EXPECT_FALSE(out.empty());
  EXPECT_EQ(run({"--quiet", "--bonding_opts", "mode=1 use_carrier=0"}, out, err), 0);
  EXPECT_EQ(err, "");
}

TEST(Bond2TeamMain, VersionHelpExamples) {
  std::string out, err;
  EXPECT_EQ(run({"--version"}, out, err), 0);
  EXPECT_EQ(out, "0.97\n");
  EXPECT_EQ(run({"--help"}, out, err), 0);
  EXPECT_EQ(out.rfind("Usage: bond2team [OPTIONS]\n", 0), 0u);
  EXPECT_NE(out.find("--reverse"), std::string::npos);
  EXPECT_EQ(run({"--examples"}, out, err), 0);
  EXPECT_NE(out.find("bond2team --reverse"), std::string::npos);
  EXPECT_EQ(err, "");
}

TEST(Bond2TeamMain, Reverse) {
  std::string out, err;
  const std::string cfg =
      R"({"device":"team0","runner":{"name":"activebackup"},"ports":{"eth1":{"prio":100},"eth2":{}}})";
  EXPECT_EQ(run({"--reverse", "--json-config", cfg}, out, err), 0);
  EXPECT_EQ(out,
            "ip link add team0 type bond mode active-backup miimon 100 primary eth1\n"
            "ip link set eth1 down master team0\n"
            "ip link set eth2 down master team0\n");
  EXPECT_EQ(err, "");
  EXPECT_EQ(
      run({"--reverse", "--master", "bond0", "--json-config", R"({"runner":{"name":"lacp"}})"}, out,
          err),
      0);
  EXPECT_EQ(out, "ip link add bond0 type bond mode 802.3ad miimon 100 xmit_hash_policy layer2+3\n");
  EXPECT_EQ(run({"--reverse", "--json-config", "{}"}, out, err), 0);
  EXPECT_EQ(out, "ip link add bond0 type bond mode balance-rr miimon 100\n");

  const std::string path = testing::TempDir() + "bond2team_test.conf";
  {
    std::ofstream f(path);
    f << R"({"device":"t0","runner":{"name":"broadcast"},"ports":{"p1":{}}})";
  }
  EXPECT_EQ(run({"--reverse", "--config", path}, out, err), 0);
  EXPECT_EQ(out,
            "ip link add t0 type bond mode broadcast miimon 100\n"
            "ip link set p1 down master t0\n");
  std::remove(path.c_str());
}

TEST(Bond2TeamMain, Errors) {
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{}, "bond2team: no bonding options: give --bonding_opts (uvn reads no ifcfg files)\n"},
      {{"--master", "bond0"},
       "bond2team: no bonding options: give --bonding_opts (uvn reads no ifcfg files)\n"},
      {{"--bogus"}, "bond2team: unknown option \"--bogus\" (try --help)\n"},
      {{"--port"}, "bond2team: --port needs a value\n"},
      {{"--configdir", "/etc"}, "bond2team: --configdir: uvn reads and writes no ifcfg files\n"},
      {{"--ifcfg"}, "bond2team: --ifcfg: uvn reads and writes no ifcfg files\n"},
      {{"--bonding_opts", "mode=9"}, "bond2team: mode: invalid value \"9\"\n"},
      {{"--bonding_opts", "mode 1"}, "bond2team: mode: expected OPTION=VALUE\n"},
      {{"--json-config", "{}"}, "bond2team: --json-config and --config need --reverse\n"},
      {{"--reverse"}, "bond2team: --reverse needs one of --json-config or --config\n"},
      {{"--reverse", "--json-config", "{", "--config", "x"},
       "bond2team: --reverse needs one of --json-config or --config\n"},
      {{"--reverse", "--port", "eth1", "--json-config", "{}"},
       "bond2team: --reverse takes the ports and options from the teamd configuration\n"},
      {{"--reverse", "--json-config", "{\"runner\":"},
       "bond2team: the teamd configuration is not valid JSON\n"},
      {{"--reverse", "--json-config", R"({"runner":{"name":"foo"}})"},
       "bond2team: runner.name: unknown runner \"foo\"\n"},
      {{"--reverse", "--config", "/nonexistent/team.conf"},
       "bond2team: cannot read /nonexistent/team.conf: No such file or directory\n"},
  };
  for (auto& [args, msg] : cases) {
    std::string out, err;
    EXPECT_EQ(run(args, out, err), 1) << msg;
    EXPECT_EQ(err, msg);
    EXPECT_EQ(out, "") << msg;
  }
}

}  // namespace
}  // namespace uvn::cli
