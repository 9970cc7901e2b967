// The team's options as data (ctl/team.h): the table, the instances in the kernel's order,
// every option's round trip (typed and as text), the lookups that find nothing (ENOENT), the
// setters' errnos, and libteam's text forms.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ctl/team.h"
#include "dev/veth/veth.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn::ctl {
namespace {

struct Rig {
  World w{51};
  Netns& ns = w.init_ns();
  TeamDevice* team = nullptr;
  std::vector<VethDevice*> s;

  explicit Rig(TeamMode mode, int ports = 2) {
    auto t = std::make_unique<TeamDevice>(&ns);
    t->set_name("team0");
    t->set_mac(w.random_mac());
    team = static_cast<TeamDevice*>(ns.attach(std::move(t)));
    if (mode != TeamMode::kNone) {
      EXPECT_TRUE(team->set_mode(mode));
    }
    for (int i = 0; i < ports; ++i) {
      auto x = std::make_unique<VethDevice>(&ns);
      auto y = std::make_unique<VethDevice>(&ns);
      VethDevice::pair(*x, *y);
      x->set_name("eth" + std::to_string(i));
      y->set_name("peer" + std::to_string(i));
      x->set_mac(w.random_mac());
      y->set_mac(w.random_mac());
      s.push_back(static_cast<VethDevice*>(ns.attach(std::move(x))));
      ns.attach(std::move(y))->open();
      EXPECT_TRUE(team->add_slave(*s.back()));
    }
    team->open();
    w.engine().settle();
  }
  int ifx(int i) const { return s[size_t(i)]->ifindex(); }
  TeamOptionId id(std::string name, int port = -1, std::optional<uint32_t> a = {}) const {
    return TeamOptionId{std::move(name), port >= 0 ? ifx(port) : 0, a};
  }
  std::string get(const TeamOptionId& i) const {
    auto v = team_option_get_text(*team, i);
    EXPECT_TRUE(v) << i.name;
    return v ? *v : "";
  }
  int set_errno(const TeamOptionId& i, std::string_view text) {
    auto st = team_option_set_text(*team, i, text);
    return st ? 0 : st.error().code;
  }
};

TEST(TeamOptions, Table) {
  std::vector<std::string> names;
  for (const auto& d : team_option_defs()) names.emplace_back(d.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{
                "mode", "notify_peers_count", "notify_peers_interval", "mcast_rejoin_count",
                "mcast_rejoin_interval", "enabled", "rx_enabled", "tx_enabled", "user_linkup",
                "user_linkup_enabled", "priority", "queue_id", "activeport", "bpf_hash_func",
                "lb_tx_method", "lb_tx_hash_to_port_mapping", "lb_hash_stats", "lb_port_stats",
                "lb_stats_refresh_interval"}));
  auto d = [](const char* n) { return *team_option_def(n); };
  EXPECT_EQ(d("mode").type, TeamOptType::kString);
  EXPECT_EQ(d("priority").type, TeamOptType::kS32);
  EXPECT_TRUE(d("priority").per_port);
  EXPECT_EQ(d("queue_id").type, TeamOptType::kU32);
  EXPECT_EQ(d("activeport").mode, TeamMode::kActiveBackup);
  EXPECT_EQ(d("lb_tx_hash_to_port_mapping").array_size, 256u);
  EXPECT_EQ(d("lb_hash_stats").array_size, 256u);
  EXPECT_EQ(d("lb_hash_stats").type, TeamOptType::kBinary);
  EXPECT_FALSE(d("lb_hash_stats").settable);
  EXPECT_TRUE(d("lb_port_stats").per_port);
  EXPECT_FALSE(d("lb_port_stats").settable);
  EXPECT_EQ(d("bpf_hash_func").type, TeamOptType::kBinary);
  EXPECT_EQ(d("bpf_hash_func").mode, TeamMode::kLoadBalance);
  EXPECT_EQ(team_option_def("lacp_prio"), nullptr);
  EXPECT_EQ(team_opt_type_name(TeamOptType::kBool), "bool");
  EXPECT_TRUE(team_option_present(d("enabled"), TeamMode::kNone));
  EXPECT_FALSE(team_option_present(d("activeport"), TeamMode::kLoadBalance));
}

TEST(TeamOptions, InstancesInKernelOrder) {
  Rig r(TeamMode::kLoadBalance);
  auto list = team_option_list(*r.team);
  // 5 core + bpf, method, 256 mappings, 256 hash stats, interval; 8 per port.
  ASSERT_EQ(list.size(), 5u + 1 + 1 + 256 + 256 + 1 + 2 * 8);
  EXPECT_EQ(list[0].def->name, "mode");
  EXPECT_EQ(std::get<std::string>(list[0].value), "loadbalance");
  EXPECT_EQ(list[5].def->name, "bpf_hash_func");
  EXPECT_EQ(list[7].def->name, "lb_tx_hash_to_port_mapping");
  EXPECT_EQ(list[7].array_index, 0u);
  EXPECT_EQ(list[7 + 255].array_index, 255u);
  EXPECT_EQ(list[7 + 256].def->name, "lb_hash_stats");
  EXPECT_EQ(list[7 + 512].def->name, "lb_stats_refresh_interval");
  std::vector<std::string> port0;
  for (size_t i = 520; i < 528; ++i) {
    EXPECT_EQ(list[i].port_ifindex, r.ifx(0));
    port0.emplace_back(list[i].def->name);
  }
  EXPECT_EQ(port0, (std::vector<std::string>{"enabled", "rx_enabled", "tx_enabled",
                                             "user_linkup", "user_linkup_enabled", "priority",
                                             "queue_id", "lb_port_stats"}));
  EXPECT_EQ(list.back().port_ifindex, r.ifx(1));
  EXPECT_FALSE(list.back().array_index);
  // *NOMODE* and no ports: the five team-wide core options.
  Rig q(TeamMode::kNone, 0);
  EXPECT_EQ(team_option_list(*q.team).size(), 5u);
  // activebackup: activeport after the core ones.
  Rig a(TeamMode::kActiveBackup, 1);
  auto al = team_option_list(*a.team);
  ASSERT_EQ(al.size(), 6u + 7);
  EXPECT_EQ(al[5].def->name, "activeport");
}

TEST(TeamOptions, EveryOptionRoundTrips) {
  // mode (no ports).
  Rig m(TeamMode::kNone, 0);
  EXPECT_EQ(m.get(m.id("mode")), "*NOMODE*");
  for (const char* mode : {"activebackup", "loadbalance", "broadcast", "roundrobin", "random"}) {
    ASSERT_TRUE(team_option_set_text(*m.team, m.id("mode"), mode)) << mode;
    EXPECT_EQ(m.get(m.id("mode")), mode);
  }
  // The core's team-wide and per-port options.
  Rig r(TeamMode::kActiveBackup);
  for (const char* n : {"notify_peers_count", "notify_peers_interval", "mcast_rejoin_count",
                        "mcast_rejoin_interval"}) {
    ASSERT_TRUE(team_option_set_text(*r.team, r.id(n), "4000000000")) << n;
    EXPECT_EQ(r.get(r.id(n)), "4000000000");
    ASSERT_TRUE(team_option_set(*r.team, r.id(n), uint32_t(7)));
    EXPECT_EQ(std::get<uint32_t>(*team_option_get(*r.team, r.id(n))), 7u);
  }
  for (const char* n : {"enabled", "rx_enabled", "tx_enabled", "user_linkup",
                        "user_linkup_enabled"}) {
    for (const char* v : {"false", "true", "false"}) {
      ASSERT_TRUE(team_option_set_text(*r.team, r.id(n, 1), v)) << n;
      EXPECT_EQ(r.get(r.id(n, 1)), v) << n;
    }
    ASSERT_TRUE(team_option_set(*r.team, r.id(n, 1), true));
    EXPECT_EQ(r.get(r.id(n, 1)), "true");
  }
  ASSERT_TRUE(team_option_set_text(*r.team, r.id("priority", 0), "-2147483648"));
  EXPECT_EQ(r.get(r.id("priority", 0)), "-2147483648");
  ASSERT_TRUE(team_option_set(*r.team, r.id("priority", 0), int32_t(12)));
  EXPECT_EQ(r.get(r.id("priority", 0)), "12");
  EXPECT_EQ(r.get(r.id("priority", 1)), "0");
  ASSERT_TRUE(team_option_set_text(*r.team, r.id("queue_id", 0), "15"));
  EXPECT_EQ(r.get(r.id("queue_id", 0)), "15");
  // activebackup.
  EXPECT_EQ(r.get(r.id("activeport")), "0");
  ASSERT_TRUE(team_option_set_text(*r.team, r.id("activeport"), std::to_string(r.ifx(1))));
  EXPECT_EQ(r.get(r.id("activeport")), std::to_string(r.ifx(1)));
  EXPECT_EQ(r.team->active_port(), r.team->port_of(*r.s[1]));
  // loadbalance.
  Rig l(TeamMode::kLoadBalance);
  EXPECT_EQ(l.get(l.id("lb_tx_method")), "hash");
  ASSERT_TRUE(team_option_set_text(*l.team, l.id("lb_tx_method"), "hash_to_port_mapping"));
  EXPECT_EQ(l.get(l.id("lb_tx_method")), "hash_to_port_mapping");
  EXPECT_EQ(l.team->lb_tx_method(), TeamLbTxMethod::kHashToPortMapping);
  EXPECT_EQ(l.get(l.id("lb_tx_hash_to_port_mapping", -1, 200)), "0");
  ASSERT_TRUE(team_option_set_text(*l.team, l.id("lb_tx_hash_to_port_mapping", -1, 200),
                                   std::to_string(l.ifx(1))));
  EXPECT_EQ(l.get(l.id("lb_tx_hash_to_port_mapping", -1, 200)), std::to_string(l.ifx(1)));
  EXPECT_EQ(l.team->lb_mapping(200), l.ifx(1));
  EXPECT_EQ(l.get(l.id("lb_stats_refresh_interval")), "0");
  ASSERT_TRUE(team_option_set_text(*l.team, l.id("lb_stats_refresh_interval"), "20"));
  EXPECT_EQ(l.get(l.id("lb_stats_refresh_interval")), "20");
  EXPECT_EQ(l.get(l.id("bpf_hash_func")), "");
  std::string note = "stale";
  ASSERT_TRUE(team_option_set_text(*l.team, l.id("bpf_hash_func"),
                                   "\\06\\00\\00\\00\\ff\\ff\\00\\00", &note));
  EXPECT_EQ(l.get(l.id("bpf_hash_func")), "\\06\\00\\00\\00\\ff\\ff\\00\\00");
  EXPECT_NE(note.find("does not run bpf_hash_func"), std::string::npos);
  ASSERT_TRUE(team_option_set_text(*l.team, l.id("bpf_hash_func"), "", &note));
  EXPECT_EQ(note, "");
  EXPECT_EQ(l.get(l.id("bpf_hash_func")), "");
  // Read-only statistics: 8 bytes of a u64, little-endian.
  EXPECT_EQ(l.get(l.id("lb_hash_stats", -1, 0)), "\\00\\00\\00\\00\\00\\00\\00\\00");
  EXPECT_EQ(l.get(l.id("lb_port_stats", 0)), "\\00\\00\\00\\00\\00\\00\\00\\00");
  EXPECT_EQ(l.set_errno(l.id("lb_hash_stats", -1, 0), "\\00"), EOPNOTSUPP);
  EXPECT_EQ(l.set_errno(l.id("lb_port_stats", 0), "\\00"), EOPNOTSUPP);
  l.team->port_of(*l.s[0])->lb_stats = 0x0102;
  EXPECT_EQ(l.get(l.id("lb_port_stats", 0)), "\\02\\01\\00\\00\\00\\00\\00\\00");
}

TEST(TeamOptions, LookupsThatFindNothing) {
  Rig r(TeamMode::kLoadBalance);
  auto enoent = [&](const TeamOptionId& i) {
    auto v = team_option_get(*r.team, i);
    EXPECT_FALSE(v) << i.name;
    if (!v) {
      EXPECT_EQ(v.error().code, ENOENT) << i.name;
    }
    EXPECT_EQ(r.set_errno(i, "0"), ENOENT) << i.name;
  };
  enoent(r.id("no_such_option"));          // unknown, team-wide
  enoent(r.id("no_such_option", 0));       // unknown, per port
  enoent(r.id("enabled"));                 // per-port option without a port
  enoent(r.id("queue_id"));
  enoent(r.id("mode", 0));                 // team-wide option with a port
  enoent(r.id("lb_tx_hash_to_port_mapping"));           // array without an index
  enoent(r.id("lb_tx_hash_to_port_mapping", -1, 256));  // index out of range
  enoent(r.id("mode", -1, 0));                          // index on no array
  enoent(r.id("activeport"));  // activebackup's, not here
  enoent(TeamOptionId{"enabled", 9999, std::nullopt});  // no such port
  // A value of another type than the option's: the kernel's lookup finds no instance.
  EXPECT_EQ(team_option_set(*r.team, r.id("enabled", 0), uint32_t(1)).error().code, ENOENT);
  EXPECT_EQ(team_option_set(*r.team, r.id("mode"), true).error().code, ENOENT);
}

TEST(TeamOptions, TypeErrors) {
  Rig r(TeamMode::kLoadBalance, 1);
  EXPECT_EQ(r.set_errno(r.id("enabled", 0), "yes"), EINVAL);
  EXPECT_EQ(r.set_errno(r.id("enabled", 0), "1"), EINVAL);
  EXPECT_EQ(r.set_errno(r.id("enabled", 0), "True"), EINVAL);
  EXPECT_EQ(r.set_errno(r.id("notify_peers_count"), "abc"), EINVAL);
  EXPECT_EQ(r.set_errno(r.id("notify_peers_count"), "12x"), EINVAL);
  EXPECT_EQ(r.set_errno(r.id("notify_peers_count"), "4294967296"), ERANGE);
  EXPECT_EQ(r.set_errno(r.id("notify_peers_count"), "99999999999999999999999"), ERANGE);
  EXPECT_EQ(r.set_errno(r.id("priority", 0), "2147483648"), ERANGE);
  EXPECT_EQ(r.set_errno(r.id("priority", 0), "-2147483649"), ERANGE);
  EXPECT_EQ(r.set_errno(r.id("priority", 0), "1.5"), EINVAL);
  EXPECT_EQ(r.set_errno(r.id("bpf_hash_func"), "\\0"), EINVAL);    // not 3 characters a byte
  EXPECT_EQ(r.set_errno(r.id("bpf_hash_func"), "x00"), EINVAL);    // no backslash
  EXPECT_EQ(r.set_errno(r.id("bpf_hash_func"), "\\zz"), EINVAL);   // not hex
  EXPECT_EQ(r.set_errno(r.id("bpf_hash_func"), "\\06\\00"), EINVAL);  // not whole instructions
  // Nothing changed.
  EXPECT_EQ(r.get(r.id("enabled", 0)), "true");
  EXPECT_EQ(r.get(r.id("notify_peers_count")), "0");
  EXPECT_EQ(r.get(r.id("priority", 0)), "0");
  // As strtoul/strtol: leading blanks and a sign are taken, the empty string is 0.
  EXPECT_EQ(r.set_errno(r.id("notify_peers_count"), " +5"), 0);
  EXPECT_EQ(r.get(r.id("notify_peers_count")), "5");
  EXPECT_EQ(r.set_errno(r.id("notify_peers_count"), ""), 0);
  EXPECT_EQ(r.get(r.id("notify_peers_count")), "0");
}

TEST(TeamOptions, SetterErrnos) {
  Rig r(TeamMode::kActiveBackup, 1);
  // mode: ports first, then the same or an unknown mode, and a string over 31 bytes.
  EXPECT_EQ(r.set_errno(r.id("mode"), "loadbalance"), EBUSY);
  EXPECT_EQ(r.set_errno(r.id("mode"), "nosuchmode"), EBUSY);
  Rig e(TeamMode::kActiveBackup, 0);
  EXPECT_EQ(e.set_errno(e.id("mode"), "activebackup"), EINVAL);
  EXPECT_EQ(e.set_errno(e.id("mode"), "lacp"), EINVAL);
  EXPECT_EQ(e.set_errno(e.id("mode"), "*NOMODE*"), EINVAL);
  EXPECT_EQ(e.set_errno(e.id("mode"), std::string(32, 'a')), EINVAL);
  EXPECT_EQ(e.get(e.id("mode")), "activebackup");
  // activeport: an ifindex that is no port of the team.
  EXPECT_EQ(r.set_errno(r.id("activeport"), "9999"), ENOENT);
  EXPECT_EQ(r.set_errno(r.id("activeport"), "0"), ENOENT);
  // queue_id: below the 16 tx queues, taken as u16 first.
  EXPECT_EQ(r.set_errno(r.id("queue_id", 0), "16"), EINVAL);
  EXPECT_EQ(r.set_errno(r.id("queue_id", 0), "65538"), 0);
  EXPECT_EQ(r.get(r.id("queue_id", 0)), "2");
  // loadbalance.
  Rig l(TeamMode::kLoadBalance, 2);
  EXPECT_EQ(l.set_errno(l.id("lb_tx_method"), "roundrobin"), EINVAL);
  EXPECT_EQ(l.set_errno(l.id("lb_tx_hash_to_port_mapping", -1, 1), "0"), ENODEV);
  EXPECT_EQ(l.set_errno(l.id("lb_tx_hash_to_port_mapping", -1, 1), "9999"), ENODEV);
  ASSERT_TRUE(team_option_set_text(*l.team, l.id("tx_enabled", 1), "false"));
  EXPECT_EQ(l.set_errno(l.id("lb_tx_hash_to_port_mapping", -1, 1), std::to_string(l.ifx(1))),
            ENODEV);
  // rx-disabled ports can still be mapped.
  ASSERT_TRUE(team_option_set_text(*l.team, l.id("rx_enabled", 0), "false"));
  EXPECT_EQ(l.set_errno(l.id("lb_tx_hash_to_port_mapping", -1, 1), std::to_string(l.ifx(0))),
            0);
}

TEST(TeamOptions, EnabledAndRxTxFeedback) {
  // TM-02..04 through the options.
  Rig r(TeamMode::kRoundRobin, 1);
  auto set = [&](const char* n, const char* v) {
    ASSERT_TRUE(team_option_set_text(*r.team, r.id(n, 0), v));
  };
  set("enabled", "false");
  EXPECT_EQ(r.get(r.id("rx_enabled", 0)), "false");
  EXPECT_EQ(r.get(r.id("tx_enabled", 0)), "false");
  set("enabled", "true");
  EXPECT_EQ(r.get(r.id("rx_enabled", 0)), "true");
  EXPECT_EQ(r.get(r.id("tx_enabled", 0)), "true");
  for (const char* n : {"rx_enabled", "tx_enabled"}) {
    set(n, "false");
    EXPECT_EQ(r.get(r.id("enabled", 0)), "false") << n;
    set(n, "true");
    EXPECT_EQ(r.get(r.id("enabled", 0)), "true") << n;
  }
}

TEST(TeamOptions, TextForms) {
  EXPECT_EQ(team_opt_value_text(uint32_t(4294967295u)), "4294967295");
  EXPECT_EQ(team_opt_value_text(int32_t(-7)), "-7");
  EXPECT_EQ(team_opt_value_text(true), "true");
  EXPECT_EQ(team_opt_value_text(false), "false");
  EXPECT_EQ(team_opt_value_text(std::string("hash")), "hash");
  EXPECT_EQ(team_opt_value_text(std::vector<uint8_t>{0x00, 0xab, 0x7f}), "\\00\\ab\\7f");
  EXPECT_EQ(team_opt_value_text(std::vector<uint8_t>{}), "");
  auto bin = team_opt_value_parse(TeamOptType::kBinary, "\\00\\AB\\7f");
  ASSERT_TRUE(bin);
  EXPECT_EQ(std::get<std::vector<uint8_t>>(*bin), (std::vector<uint8_t>{0x00, 0xab, 0x7f}));
  auto s = team_opt_value_parse(TeamOptType::kString, "a b");
  ASSERT_TRUE(s);
  EXPECT_EQ(std::get<std::string>(*s), "a b");
  EXPECT_EQ(team_lb_tx_method_name(TeamLbTxMethod::kHashToPortMapping), "hash_to_port_mapping");
  EXPECT_EQ(team_lb_tx_method_from_name("hash"), TeamLbTxMethod::kHash);
  EXPECT_EQ(team_lb_tx_method_from_name("lacp"), std::nullopt);
}

}  // namespace
}  // namespace uvn::ctl
