// `dump-config` round trips: a world is built from a source script (seed examples and
// scenarios, their configuration commands only), dumped, and the dump replayed line by line
// into a fresh simulator; both worlds must then show the same configuration in every
// namespace (links with -d, addresses, bridge ports, static FDB entries, VLANs, permanent MDB
// entries, routes, permanent neighbours), and the replayed world must dump to the same text.
//
// Sources are filtered before they run: traffic, faults, captures, time and expectations are
// left out (the dump is about configuration, and dropping `sleep` keeps both worlds on the
// same clock: everything is made at time 0, then both sleep as long). Expected failures (`!`)
// are dropped, as they change nothing. Simulated NICs joined by `cable connect` become veth
// pairs (the dump does not rebuild cables), and `vm add` is dropped with what runs in the VM.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cli/ip.h"
#include "ip_harness.h"
#include "world/netns.h"

namespace uvn::test {
namespace {

using cli::Args;

// ---------------------------------------------------------------------------------------------
// Reading a source script.

bool runtime_tool(const std::string& w) {
  static const std::set<std::string> kTools = {
      "ping",   "ping6", "arping", "udp-sink", "udp-stream", "mausezahn", "mz",   "capture",
      "count",  "sleep", "after",  "cat",      "echo",       "sysctl",    "stop", "carrier",
      "expect", "expect-not", "vm"};
  return kTools.count(w) > 0;
}

// The words of the command itself (after `ip [-n NS] netns exec NS`).
Args tool_words(const Args& w) {
  for (size_t i = 0; i + 2 < w.size(); ++i)
    if (w[i] == "netns" && w[i + 1] == "exec") return Args(w.begin() + long(i) + 3, w.end());
  return w;
}

bool keep_line(const Args& words) {
  Args t = tool_words(words);
  if (t.empty() || runtime_tool(t[0])) return false;
  if (t[0] == "cable" && t.size() > 1 && t[1] != "connect") return false;
  if (t[0] == "teamdctl") {  // queries and runtime state (state item set)
    for (auto& w : t)
      if (w == "state" || w == "config") return false;
  }
  for (auto& w : t)
    if (w == "monitor") return false;
  return true;
}

struct Nic {
  std::string spec, mac;  // [NS/]NAME
};

std::pair<std::string, std::string> split_spec(const std::string& spec) {
  auto slash = spec.find('/');
  if (slash == std::string::npos) return {"", spec};
  return {spec.substr(0, slash), spec.substr(slash + 1)};
}

// `nic add` pairs joined by `cable connect` as one veth command.
std::string veth_for(const Nic& a, const Nic& b) {
  auto [na, da] = split_spec(a.spec);
  auto [nb, db] = split_spec(b.spec);
  std::string s = "ip link add " + da + (na.empty() ? "" : " netns " + na);
  if (!a.mac.empty()) s += " address " + a.mac;
  s += " type veth peer name " + db + (nb.empty() ? "" : " netns " + nb);
  if (!b.mac.empty()) s += " address " + b.mac;
  return s;
}

// The configuration commands of a script, NICs with a cable turned into veth pairs.
std::vector<std::string> config_lines(const std::string& path) {
  std::vector<std::string> raw;
  std::istringstream in(read_text(path));
  for (std::string l; std::getline(in, l);) {
    size_t b = l.find_first_not_of(" \t");
    if (b == std::string::npos || l[b] == '#' || l[b] == '!') continue;
    raw.push_back(l.substr(b));
  }
  std::map<std::string, std::string> cable;  // NIC spec -> the other end
  for (auto& l : raw) {
    Args w = cli::split_command_line(l);
    if (w.size() == 4 && w[0] == "cable" && w[1] == "connect")
      cable[w[2]] = w[3], cable[w[3]] = w[2];
  }
  std::map<std::string, Nic> nics;
  std::vector<std::string> out;
  for (auto& l : raw) {
    Args w = cli::split_command_line(l);
    if (!keep_line(w)) continue;
    if (w[0] == "cable") continue;
    if (w[0] == "nic" && w.size() >= 3 && cable.count(w[2])) {
      Nic n{w[2], w.size() >= 5 && w[3] == "address" ? w[4] : ""};
      nics[n.spec] = n;
      if (nics.count(cable[n.spec])) out.push_back(veth_for(nics[cable[n.spec]], n));
      continue;
    }
    out.push_back(l);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What is compared.

std::string keep_matching(const std::string& text, const std::regex& re) {
  std::istringstream in(text);
  std::string out;
  for (std::string l; std::getline(in, l);)
    if (std::regex_search(l, re)) out += l + "\n";
  return out;
}

// The kernel's own link-local addresses (and their solicited-node groups) depend on the
// history of a device's carrier (made when it first came, kept until the device goes down),
// which a configuration does not hold.
std::string drop_link_local(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  bool skip_lft = false;
  for (std::string l; std::getline(in, l);) {
    if (skip_lft && l.find("valid_lft") != std::string::npos) {
      skip_lft = false;
      continue;
    }
    skip_lft = l.find("inet6 fe80::") != std::string::npos;
    if (!skip_lft && l.rfind("33:33:ff:", 0) != 0) out += l + "\n";
  }
  return out;
}

// ifindexes may differ (devices deleted and made again in the source); timers are dropped.
std::string normalize(std::string s) {
  s = std::regex_replace(s, std::regex("(^|\n)[0-9]+: "), "$1N: ");
  // The peer of a veth is named by its ifindex, looked up in this namespace (`bridge link`
  // leaves it out when nothing has that ifindex here).
  s = std::regex_replace(s, std::regex("(^|\n)(N: [^@:\n]+)@[^:\n]+:"), "$1$2:");
  s = std::regex_replace(s, std::regex("link-netnsid [0-9]+"), "link-netnsid N");
  s = std::regex_replace(s, std::regex("_timer +[0-9.]+"), "_timer T");
  // Runtime state: counters, LACP, the port numbers a bridge gives in join order.
  s = std::regex_replace(s, std::regex("(link_failure_count|fdb_n_learned) [0-9]+"), "$1 N");
  s = std::regex_replace(s, std::regex("(ad_[a-z_]+) (<[^>]*>|[0-9a-f:]+)"), "$1 X");
  s = std::regex_replace(s, std::regex("(port_id|port_no|designated_port) (0x)?[0-9a-f]+"), "$1 X");
  return s;
}

// A bridge that took a port's address shares it with that port, and which of the two holds
// the local FDB entry of the address on a VLAN depends on which had the VLAN first (and on
// the address changes in between): kernel bookkeeping a configuration does not hold. Those
// lines are left out. So are the devices' multicast address lists (`self` rows of group
// addresses): the host stack's memberships, in the order it joined them.
std::string drop_shared_owner(const std::string& text, const std::set<std::string>& macs) {
  static const std::regex kLocal("^(\\S+) dev \\S+( vlan [0-9]+)? (master \\S+ permanent)$");
  std::istringstream in(text);
  std::string out;
  for (std::string l; std::getline(in, l);) {
    std::smatch m;
    if (std::regex_match(l, m, kLocal) && macs.count(m[1].str())) continue;
    bool group = l.size() > 2 && l[2] == ':' && std::isxdigit(static_cast<unsigned char>(l[1])) &&
                 (std::strtoul(l.substr(0, 2).c_str(), nullptr, 16) & 1);
    if (group && l.find(" self permanent") != std::string::npos) continue;
    out += l + "\n";
  }
  return out;
}

std::set<std::string> bridge_macs(Netns& ns) {
  std::set<std::string> macs;
  for (auto& [idx, d] : ns.devices())
    if (d->kind() == "bridge") macs.insert(d->mac().format());
  return macs;
}

std::string configuration(sim::Runner& r) {
  static const std::regex kStatic(" permanent| static");
  static const std::regex kPermanent(" permanent");
  // uvn keeps one IPv6 route per prefix and metric, whatever the device (HostStack's
  // same_key), so which device holds fe80::/64 depends on which got carrier first.
  static const std::regex kNotKernel("^(?!fe80::/64 .*proto kernel)");
  std::string all;
  std::vector<Netns*> spaces{&r.world().init_ns()};
  for (auto& ns : r.world().named()) spaces.push_back(ns.get());
  for (Netns* ns : spaces) {
    const std::string n = ns->is_init() ? "" : "-n " + ns->name() + " ";
    auto show = [&](const std::string& cmd, const std::regex* filter = nullptr) {
      Result res = run(r, cmd);
      std::string out = drop_link_local(filter ? keep_matching(res.out, *filter) : res.out);
      out = drop_shared_owner(out, bridge_macs(*ns));
      all += "## " + cmd + " rc=" + std::to_string(res.rc) + "\n" + normalize(out) + res.err;
    };
    show("ip " + n + "-d link show");
    show("ip " + n + "addr show");
    show("ip " + n + "route show");
    show("ip " + n + "-6 route show", &kNotKernel);
    show("ip " + n + "neigh show nud permanent");
    show("bridge " + n + "-d link show");
    show("bridge " + n + "fdb show", &kStatic);
    show("bridge " + n + "vlan show");
    show("bridge " + n + "mdb show", &kPermanent);
  }
  Result ns = run(r, "ip netns list");
  return all + "## ip netns list\n" + ns.out;
}

std::string dump_of(sim::Runner& r) {
  Result res = run(r, "dump-config");
  EXPECT_EQ(res.rc, 0) << res.err;
  return res.out;
}

// ---------------------------------------------------------------------------------------------
// The round trip.

constexpr double kSettle = 10;  // seconds both worlds run before they are compared

struct Source {
  const char* name;
  const char* path;  // under the source tree
};

class DumpConfigRoundTrip : public testing::TestWithParam<Source> {};

TEST_P(DumpConfigRoundTrip, RebuildsTheSameNetwork) {
  sim::Runner src({});
  std::string path = std::string(UVN_SOURCE_DIR) + "/" + GetParam().path;
  for (const std::string& l : config_lines(path)) run(src, l);
  run(src, "sleep " + std::to_string(kSettle));
  std::string dump = dump_of(src);

  sim::Runner dst({.seed = 99});  // other random MACs: the dump must carry them
  std::istringstream in(dump);
  int n = 0;
  for (std::string l; std::getline(in, l);) {
    Result res = run(dst, l);
    EXPECT_EQ(res.rc, 0) << "dump line " << n << ": " << l << "\n"
                         << res.err << "\ndump:\n" << dump;
    ++n;
  }
  run(dst, "sleep " + std::to_string(kSettle));
  EXPECT_EQ(configuration(src), configuration(dst)) << "dump:\n" << dump;
  EXPECT_EQ(dump, dump_of(dst));
}

const Source kSources[] = {
    {"seed_veth_netns", "examples/seed/veth-netns.uvn"},
    {"seed_bridge", "examples/seed/bridge.uvn"},
    {"seed_bond", "examples/seed/bond.uvn"},
    {"seed_team", "examples/seed/team.uvn"},
    {"seed_vlan", "examples/seed/vlan.uvn"},
    {"bond_lacp", "examples/bond-lacp.uvn"},
    {"team_lacp", "examples/team-lacp.uvn"},
    {"team_loadbalance", "examples/team-loadbalance.uvn"},
    {"vlan_trunk_access", "examples/vlan-trunk-access.uvn"},
    {"qinq", "examples/qinq.uvn"},
    {"multicast_snooping", "examples/multicast-snooping.uvn"},
    {"br_vlan_aware", "tests/scenarios/br-05-08-vlan-aware.uvn"},
    {"br_fdb_flags", "tests/scenarios/br-06-10-11-fdb-flags.uvn"},
    {"br_backup_port", "tests/scenarios/br-26-backup-port.uvn"},
    {"br_vlan_bridge_binding", "tests/scenarios/br-27-vlan-bridge-binding.uvn"},
    {"bond_fail_over_mac", "tests/scenarios/bd-07-08-fail-over-mac.uvn"},
    {"bond_primary", "tests/scenarios/ob-01-primary.uvn"},
    {"bond_alb", "tests/scenarios/bond-alb-rlb.uvn"},
    {"vlan_in_bonds", "tests/scenarios/ns-04-vlan-in-bonds.uvn"},
    {"vlan_qos", "tests/scenarios/vlan-qos.uvn"},
    {"dot1q_dot1ad", "tests/scenarios/vp-01-dot1q-dot1ad-subifs.uvn"},
    {"team_vlan", "tests/scenarios/team-vlan.uvn"},
    {"team_kernel_device", "tests/scenarios/team-kernel-device.uvn"},
    {"tap_vm", "tests/scenarios/tap-vm.uvn"},
    {"mdb_rules", "tests/scenarios/mc-14-17-mdb-rules.uvn"},
    {"addrgenmode", "tests/scenarios/addrgenmode.uvn"},
    {"br_isolated", "tests/scenarios/br-12-isolated.uvn"},
    {"br_locked", "tests/scenarios/br-14-locked.uvn"},
    {"br_mab", "tests/scenarios/br-16-19-mab.uvn"},
    {"br_fdb_local_vlan_0", "tests/scenarios/br-23-fdb-local-vlan-0.uvn"},
    {"br_vlan_ranges", "tests/scenarios/br-28-vlan-dump-ranges.uvn"},
    {"br_stp_mode", "tests/scenarios/br-29-stp-mode.uvn"},
    {"bond_arp_monitor", "tests/scenarios/bd-02-arp-monitor.uvn"},
    {"bond_ns_monitor", "tests/scenarios/bd-03-ns-monitor.uvn"},
    {"bond_mode_change", "tests/scenarios/bd-13-mode-change-arp.uvn"},
    {"bond_actor_port_prio", "tests/scenarios/bd-20-lacp-actor-port-prio.uvn"},
    {"bond_change_primary", "tests/scenarios/ob-04-change-primary.uvn"},
    {"qinq_ping", "tests/scenarios/vl-05-qinq-ping.uvn"},
    {"team_tx_hash", "tests/scenarios/team-tm16-tx-hash.uvn"},
    {"team_activebackup", "tests/scenarios/team-activebackup-ethtool.uvn"},
    {"mc_vlan_snooping", "tests/scenarios/mc-24-vlan-snooping.uvn"},
    {"mdb_forwarding", "tests/scenarios/mc-18-19-22-23-mdb-forwarding.uvn"},
    {"golden_bridge_mdb", "tests/golden/bridge-mdb.uvn"},
    {"golden_bond_link", "tests/golden/bond-link.uvn"},
    {"golden_dump_config", "tests/golden/dump-config.uvn"},
};

INSTANTIATE_TEST_SUITE_P(Sources, DumpConfigRoundTrip, testing::ValuesIn(kSources),
                         [](const testing::TestParamInfo<Source>& i) { return i.param.name; });

// ---------------------------------------------------------------------------------------------
// The command line.

TEST(DumpConfig, UnknownArgumentFails) {
  sim::Runner r({});
  Result res = run(r, "dump-config bogus");
  EXPECT_EQ(res.rc, 255);
  EXPECT_EQ(res.out, "");
  EXPECT_EQ(res.err, "Option \"bogus\" is unknown, try \"dump-config -h\".\n");
}

TEST(DumpConfig, HelpPrintsUsage) {
  sim::Runner r({});
  Result res = run(r, "dump-config -h");
  EXPECT_EQ(res.rc, 0);
  EXPECT_EQ(res.out.rfind("Usage: dump-config", 0), 0u) << res.out;
}

TEST(DumpConfig, EmptyWorldIsOnlyTheHeader) {
  sim::Runner r({});
  EXPECT_EQ(dump_of(r), "# uvn dump-config: the commands that rebuild this network\n");
}

// The dump leaves out what the kernel or traffic made: learned FDB entries, link-local
// addresses, connected routes, neighbours in the cache.
TEST(DumpConfig, LeavesOutLearnedState) {
  sim::Runner r({});
  for (const char* l : {"ip netns add a", "ip link add v0 type veth peer name v1 netns a",
                        "ip link add br0 type bridge", "ip link set v0 master br0",
                        "ip link set br0 up", "ip link set v0 up", "ip -n a link set v1 up",
                        "ip addr add 10.1.0.1/24 dev br0", "ip -n a addr add 10.1.0.2/24 dev v1",
                        "ip netns exec a ping -c 1 10.1.0.1"})
    ASSERT_EQ(run(r, l).rc, 0) << l;
  ASSERT_NE(run(r, "bridge fdb show dynamic").out, "");
  std::string dump = dump_of(r);
  EXPECT_EQ(dump.find("fdb"), std::string::npos) << dump;
  EXPECT_EQ(dump.find("fe80"), std::string::npos) << dump;
  EXPECT_EQ(dump.find("route"), std::string::npos) << dump;
  EXPECT_EQ(dump.find("neigh"), std::string::npos) << dump;
  EXPECT_NE(dump.find("ip -n a addr add 10.1.0.2/24 dev v1\n"), std::string::npos) << dump;
}

}  // namespace
}  // namespace uvn::test
