// teamd JSON to bond options: the reverse conversion of bond2team (cli/bond2team.h).
#include "cli/bond2team.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "base/ip.h"
#include "base/strings.h"
#include "dev/bond/bond_options.h"

namespace uvn::cli {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr uint64_t kReverseMiimon = 100;  // miimon chosen for an ethtool watcher
constexpr int64_t kIgmpResendMs = 200;    // the bond's fixed gap between IGMP rejoins

// Typed access to a config with the first error kept, named by its JSON path.
class Reader {
 public:
  bool ok() const { return err_.empty(); }
  Error error() const { return Error::with(EINVAL, err_); }
  void fail(std::string msg) {
    if (err_.empty()) err_ = std::move(msg);
  }
  static std::string path(const std::string& base, std::string_view key) {
    return base.empty() ? std::string(key) : fmt::format("{}.{}", base, key);
  }
  static const json* member(const json& obj, std::string_view key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }
  const json* object(const json& obj, const std::string& base, std::string_view key) {
    const json* m = member(obj, key);
    if (m && !m->is_object()) return fail(path(base, key) + ": expected an object"), nullptr;
    return m;
  }
  std::optional<int64_t> integer(const json& obj, const std::string& base, std::string_view key,
                                 int64_t lo, int64_t hi) {
    const json* m = member(obj, key);
    if (!m) return std::nullopt;
    if (!m->is_number_integer() ||
        (m->is_number_unsigned() && m->get<uint64_t>() > uint64_t(INT64_MAX)))
      return fail(path(base, key) + ": expected an integer"), std::nullopt;
    int64_t v = m->get<int64_t>();
    if (v < lo || v > hi)
      return fail(fmt::format("{}: {} is out of range ({}-{})", path(base, key), v, lo, hi)),
             std::nullopt;
    return v;
  }
  std::optional<bool> boolean(const json& obj, const std::string& base, std::string_view key) {
    const json* m = member(obj, key);
    if (!m) return std::nullopt;
    if (!m->is_boolean()) return fail(path(base, key) + ": expected true or false"), std::nullopt;
    return m->get<bool>();
  }
  std::optional<std::string> string(const json& obj, const std::string& base,
                                    std::string_view key) {
    const json* m = member(obj, key);
    if (!m) return std::nullopt;
    if (!m->is_string()) return fail(path(base, key) + ": expected a string"), std::nullopt;
    return m->get<std::string>();
  }

 private:
  std::string err_;
};

constexpr int64_t kIntMax = INT32_MAX;

struct Out {
  BondFromTeamd& r;
  void add(std::string k, std::string v) { r.opts.emplace_back(std::move(k), std::move(v)); }
  void warn(std::string w) { r.warnings.push_back(std::move(w)); }
};

// The bond's xmit_hash_policy closest to a tx_hash list (absent: teamd's default).
std::string hash_policy(Reader& rd, const json& runner, Out& out) {
  const json* list = Reader::member(runner, "tx_hash");
  json def = json::array({"eth", "ipv4", "ipv6"});
  if (!list) list = &def;
  if (!list->is_array()) return rd.fail("runner.tx_hash: expected an array of strings"), "";
  bool eth = false, vlan = false, v4 = false, v6 = false, tcp = false, udp = false, sctp = false;
  for (size_t i = 0; i < list->size(); ++i) {
    const json& f = (*list)[i];
    const std::string s = f.is_string() ? f.get<std::string>() : "";
    if (s == "eth") eth = true;
    else if (s == "vlan") vlan = true;
    else if (s == "ipv4") v4 = true;
    else if (s == "ipv6") v6 = true;
    else if (s == "ip" || s == "l3") v4 = v6 = true;
    else if (s == "tcp") tcp = true;
    else if (s == "udp") udp = true;
    else if (s == "sctp") sctp = true;
    else if (s == "l4") tcp = udp = sctp = true;
    else if (!f.is_string()) return rd.fail(fmt::format("runner.tx_hash[{}]: expected a string", i)), "";
    else return rd.fail(fmt::format("runner.tx_hash[{}]: unknown fragment \"{}\"", i, s)), "";
  }
  const bool l3 = v4 && v6, l3any = v4 || v6, l4 = tcp && udp && sctp, l4any = tcp || udp || sctp;
  if (!vlan && eth && !l3any && !l4any) return "layer2";
  if (!vlan && eth && l3 && !l4any) return "layer2+3";
  if (!vlan && !eth && l3 && l4) return "layer3+4";
  std::string p = vlan && eth && !l3any && !l4any ? "vlan+srcmac"
                  : l4any                          ? "layer3+4"
                  : l3any                          ? "layer2+3"
                                                   : "layer2";
  out.warn(fmt::format("runner.tx_hash {}: no exact xmit_hash_policy; {} is the closest",
                       list->dump(), p));
  return p;
}

void reverse_lacp(Reader& rd, const json& runner, const json* ports, Out& out) {
  if (auto a = rd.boolean(runner, "runner", "active"); a && !*a) out.add("lacp_active", "off");
  if (auto f = rd.boolean(runner, "runner", "fast_rate"); f && *f) out.add("lacp_rate", "fast");
  if (auto s = rd.string(runner, "runner", "agg_select_policy")) {
    if (*s == "bandwidth" || *s == "count") {
      out.add("ad_select", *s);
    } else if (*s == "port_config") {
      out.add("ad_select", "actor_port_prio");
      out.warn("runner.agg_select_policy port_config: closest is ad_select actor_port_prio, "
               "which sums the ports' actor_port_prio");
    } else if (*s == "lacp_prio" || *s == "lacp_prio_stable") {
      out.warn(fmt::format("runner.agg_select_policy {}: the bond does not rank aggregators "
                           "by LACP priority; keeping ad_select stable",
                           *s));
    } else {
      rd.fail(fmt::format("runner.agg_select_policy: unknown policy \"{}\"", *s));
    }
  }
  if (auto p = rd.integer(runner, "runner", "sys_prio", 0, 65535)) {
    if (*p == 0) rd.fail("runner.sys_prio: 0 is outside the bond's range (1-65535)");
    else if (*p != 65535) out.add("ad_actor_sys_prio", std::to_string(*p));
  }
  if (auto n = rd.integer(runner, "runner", "min_ports", 1, 255); n && *n > 1)
    out.add("min_links", std::to_string(*n));
  if (Reader::member(runner, "tx_balancer"))
    out.warn("runner.tx_balancer: 802.3ad has no transmit rebalancing; dropped");
  if (!ports || !rd.ok()) return;
  std::optional<int64_t> key;
  bool same = true;
  for (auto& [name, p] : ports->items()) {
    if (!p.is_object()) continue;
    if (auto k = rd.integer(p, "ports." + name, "lacp_prio", 0, 65535))
      out.warn(fmt::format("ports.{}.lacp_prio: set it with `ip link set {} type bond_slave "
                           "actor_port_prio {}`",
                           name, name, *k));
    auto k = rd.integer(p, "ports." + name, "lacp_key", 0, 65535).value_or(0);
    if (key && *key != k) same = false;
    key = k;
  }
  if (!same) out.warn("ports.*.lacp_key: the ports differ; the bond has one ad_user_port_key");
  else if (key && *key > 1023)
    rd.fail(fmt::format("ports.*.lacp_key: {} is outside the bond's range (0-1023)", *key));
  else if (key && *key) out.add("ad_user_port_key", std::to_string(*key));
}

struct PortPrio {
  std::string name;
  int64_t prio = 0;
  bool sticky = false;
};

// Ports by prio (highest first, config order among equals), and primary/primary_reselect
// for activebackup.
void reverse_ports(Reader& rd, const json* ports, bool active_backup, Out& out) {
  std::vector<PortPrio> list;
  if (ports) {
    for (auto& [name, p] : ports->items()) {
      const std::string path = "ports." + name;
      if (!p.is_object() && !p.is_null()) return rd.fail(path + ": expected an object");
      PortPrio pp{name};
      if (p.is_object()) {
        pp.prio = rd.integer(p, path, "prio", INT32_MIN, INT32_MAX).value_or(0);
        pp.sticky = rd.boolean(p, path, "sticky").value_or(false);
        if (auto q = rd.integer(p, path, "queue_id", 0, 65535))
          out.warn(fmt::format("{}.queue_id: set it with `ip link set {} type bond_slave "
                               "queue_id {}`",
                               path, name, *q));
        if (Reader::member(p, "link_watch"))
          out.warn(path + ".link_watch: the bond monitors all slaves alike; dropped");
      }
      list.push_back(pp);
    }
  }
  std::stable_sort(list.begin(), list.end(),
                   [](const PortPrio& a, const PortPrio& b) { return a.prio > b.prio; });
  for (auto& p : list) out.r.ports.push_back(p.name);
  if (!active_backup || list.size() < 2 || list.front().prio == list.back().prio) return;
  size_t top = 1, levels = 1;
  while (top < list.size() && list[top].prio == list[0].prio) ++top;
  for (size_t i = 1; i < list.size(); ++i) levels += list[i].prio != list[i - 1].prio;
  if (top > 1)
    out.warn(fmt::format("ports: {} ports share the highest prio {}; {} becomes primary", top,
                         list[0].prio, list[0].name));
  if (levels > 2)
    out.warn("ports: the bond has one primary; set the other ports' order with `ip link set "
             "PORT type bond_slave prio N`");
  out.add("primary", list[0].name);
  size_t sticky = 0;
  for (size_t i = 1; i < list.size(); ++i) sticky += list[i].sticky;
  if (sticky == list.size() - 1) out.add("primary_reselect", "failure");
  else if (sticky)
    out.warn("ports.*.sticky: only some backup ports are sticky; the bond's primary_reselect "
             "is one setting, keeping always");
}

struct Watcher {
  std::string path, name;
  const json* obj;
};

Result<std::vector<Watcher>> collect_watchers(Reader& rd, const json& cfg) {
  std::vector<Watcher> ws;
  const json* lw = Reader::member(cfg, "link_watch");
  if (!lw) return ws;
  if (!lw->is_object() && !lw->is_array())
    return Error::with(EINVAL, "link_watch: expected an object or an array");
  auto one = [&](const json& w, const std::string& path) -> Status {
    if (!w.is_object()) return Error::with(EINVAL, path + ": expected an object");
    auto name = rd.string(w, path, "name");
    if (!rd.ok()) return rd.error();
    if (!name) return Error::with(EINVAL, path + ".name: missing");
    if (*name != "ethtool" && *name != "arp_ping" && *name != "nsna_ping" && *name != "tipc")
      return Error::with(EINVAL,
                         fmt::format("{}.name: unknown link watcher \"{}\"", path, *name));
    ws.push_back({path, *name, &w});
    return Status::Ok();
  };
  if (lw->is_object()) {
    if (auto st = one(*lw, "link_watch"); !st) return st.error();
  } else {
    for (size_t i = 0; i < lw->size(); ++i)
      if (auto st = one((*lw)[i], fmt::format("link_watch[{}]", i)); !st) return st.error();
  }
  return ws;
}

// A delay in ms as a multiple of kReverseMiimon, rounded to the nearest.
int64_t round_delay(const std::string& path, int64_t v, Out& out) {
  const int64_t m = int64_t(kReverseMiimon), r = (v + m / 2) / m * m;
  if (r != v)
    out.warn(fmt::format("{} {}: rounded to {} (a multiple of miimon {})", path, v, r, m));
  return r;
}

// One ethtool watcher (the first) becomes miimon; ping watchers become the ARP/NS monitor.
Status reverse_ping(Reader& rd, const std::vector<Watcher>& ws, Out& out) {
  std::vector<std::string> arp, ns;
  std::optional<int64_t> interval, missed, validate;
  for (auto& w : ws) {
    if (w.name != "arp_ping" && w.name != "nsna_ping") continue;
    const bool v4 = w.name == "arp_ping";
    int64_t i = rd.integer(*w.obj, w.path, "interval", 1, kIntMax).value_or(1000);
    int64_t m = rd.integer(*w.obj, w.path, "missed_max", 0, kIntMax).value_or(3);
    auto t = rd.string(*w.obj, w.path, "target_host");
    if (!rd.ok()) return rd.error();
    if (!t) return Error::with(EINVAL, w.path + ".target_host: missing");
    if (v4 ? !Ipv4Addr::parse(*t) : !Ipv6Addr::parse(*t))
      return Error::with(EINVAL, fmt::format("{}.target_host: \"{}\" is not an {} address", w.path,
                                             *t, v4 ? "IPv4" : "IPv6"));
    auto& list = v4 ? arp : ns;
    if (list.size() == kBondMaxArpTargets)
      return Error::with(EINVAL, fmt::format("{}: more than {} {} targets (the bond's limit)",
                                             w.path, kBondMaxArpTargets, v4 ? "ARP" : "NS"));
    list.push_back(*t);
    if ((interval && *interval != i) || (missed && *missed != m))
      out.warn(fmt::format("{}: interval/missed_max differ from the first watcher's; the bond "
                           "has one of each",
                           w.path));
    interval = interval.value_or(i);
    missed = missed.value_or(m);
    for (auto key : {"init_wait", "source_host", "send_always", "vlanid"})
      if (Reader::member(*w.obj, key))
        out.warn(fmt::format("{}.{}: no bond equivalent; dropped", w.path, key));
    if (!v4) continue;
    int64_t v = (rd.boolean(*w.obj, w.path, "validate_active").value_or(false) ? 1 : 0) |
                (rd.boolean(*w.obj, w.path, "validate_inactive").value_or(false) ? 2 : 0);
    if (validate && *validate != v)
      out.warn(w.path + ": validation differs from the first ARP watcher's; keeping that");
    validate = validate.value_or(v);
  }
  if (!rd.ok()) return rd.error();
  out.add("arp_interval", std::to_string(*interval));
  if (!arp.empty()) out.add("arp_ip_target", join(arp, ","));
  if (!ns.empty()) out.add("ns_ip6_target", join(ns, ","));
  int64_t m = std::clamp<int64_t>(*missed, 1, 255);
  if (m != *missed)
    out.warn(fmt::format("missed_max {}: the bond's arp_missed_max is 1-255; using {}", *missed, m));
  if (m != 2) out.add("arp_missed_max", std::to_string(m));
  if (validate.value_or(0))
    out.add("arp_validate", kBondOptionTable.format(kBondArpValidate, uint64_t(*validate)));
  return Status::Ok();
}

// Returns the miimon chosen (0 under ARP/NS monitoring).
Result<uint64_t> reverse_link_watch(Reader& rd, const json& cfg, BondMode mode, Out& out) {
  auto ws = collect_watchers(rd, cfg);
  if (!ws) return ws.error();
  const Watcher* eth = nullptr;
  bool ping = false;
  for (auto& w : *ws) {
    if (w.name == "ethtool" && !eth) eth = &w;
    else if (w.name == "ethtool") out.warn(w.path + ": a second ethtool watcher; dropped");
    ping |= w.name == "arp_ping" || w.name == "nsna_ping";
    if (w.name == "tipc") out.warn(w.path + ": the tipc watcher has no bond equivalent; dropped");
  }
  if (ping && eth) {
    out.warn("link_watch: with an ethtool watcher a port is up whenever its carrier is, and "
             "the bond runs one monitor; ARP/NS watchers dropped");
    ping = false;
  } else if (ping && bond_mode_no_arp(mode)) {
    out.warn(fmt::format("link_watch: the bond cannot ARP/NS-monitor in mode {}; using miimon",
                         bond_mode_name(mode)));
    ping = false;
  }
  if (ping) {
    if (auto st = reverse_ping(rd, *ws, out); !st) return st.error();
    return 0;
  }
  out.add("miimon", std::to_string(kReverseMiimon));
  if (!eth) return kReverseMiimon;
  for (auto [key, opt] : {std::pair{"delay_up", "updelay"}, std::pair{"delay_down", "downdelay"}}) {
    auto d = rd.integer(*eth->obj, eth->path, key, 0, kIntMax);
    if (!d) continue;
    if (int64_t r = round_delay(Reader::path(eth->path, key), *d, out)) out.add(opt, std::to_string(r));
  }
  if (!rd.ok()) return rd.error();
  return kReverseMiimon;
}

void reverse_notify(Reader& rd, const json& cfg, uint64_t miimon, Out& out) {
  if (const json* n = rd.object(cfg, "", "notify_peers")) {
    auto c = rd.integer(*n, "notify_peers", "count", 0, 255);
    if (c && *c != 1) out.add("num_grat_arp", std::to_string(*c));
    if (auto i = rd.integer(*n, "notify_peers", "interval", 0, 300000); i && *i) {
      if (!miimon)
        out.warn("notify_peers.interval: the bond keeps peer_notify_delay in miimon ticks, and "
                 "MII monitoring is off; dropped");
      else if (int64_t r = round_delay("notify_peers.interval", *i, out))
        out.add("peer_notify_delay", std::to_string(r));
    }
  }
  if (const json* m = rd.object(cfg, "", "mcast_rejoin")) {
    auto c = rd.integer(*m, "mcast_rejoin", "count", 0, 255);
    if (c && *c != 1) out.add("resend_igmp", std::to_string(*c));
    if (auto i = rd.integer(*m, "mcast_rejoin", "interval", 0, kIntMax); i && *i != kIgmpResendMs)
      out.warn(fmt::format("mcast_rejoin.interval {}: the bond rejoins every {} ms; dropped", *i,
                           kIgmpResendMs));
  }
}

Result<BondMode> reverse_runner_name(Reader& rd, const json* runner, Out& out) {
  std::string name = runner ? rd.string(*runner, "runner", "name").value_or("roundrobin")
                            : "roundrobin";
  if (!rd.ok()) return rd.error();
  if (name == "roundrobin") return BondMode::kRoundRobin;
  if (name == "random") {
    out.warn("runner.name random: the bond has no random mode; using balance-rr");
    return BondMode::kRoundRobin;
  }
  if (name == "activebackup") return BondMode::kActiveBackup;
  if (name == "broadcast") return BondMode::kBroadcast;
  if (name == "lacp") return BondMode::k8023ad;
  if (name != "loadbalance")
    return Error::with(EINVAL, fmt::format("runner.name: unknown runner \"{}\"", name));
  const json* bal = rd.object(*runner, "runner", "tx_balancer");
  if (!rd.ok()) return rd.error();
  if (!bal) return BondMode::kXor;
  auto b = rd.string(*bal, "runner.tx_balancer", "name");
  if (!rd.ok()) return rd.error();
  if (!b) return BondMode::kXor;
  if (*b != "basic")
    return Error::with(EINVAL, fmt::format("runner.tx_balancer.name: unknown balancer \"{}\"", *b));
  if (Reader::member(*bal, "balancing_interval"))
    out.warn("runner.tx_balancer.balancing_interval: the bond rebalances every 10 s; dropped");
  return BondMode::kTlb;
}

void reverse_runner_opts(Reader& rd, const json& runner, const json* ports, BondMode mode,
                         Out& out) {
  if (mode == BondMode::kActiveBackup) {
    if (auto h = rd.string(runner, "runner", "hwaddr_policy")) {
      if (*h == "by_active") out.add("fail_over_mac", "active");
      else if (*h == "only_active") out.add("fail_over_mac", "follow");
      else if (*h != "same_all")
        rd.fail(fmt::format("runner.hwaddr_policy: unknown policy \"{}\"", *h));
    }
  }
  if (mode == BondMode::kXor || mode == BondMode::kTlb || mode == BondMode::k8023ad) {
    std::string p = hash_policy(rd, runner, out);
    if (rd.ok() && p != "layer2") out.add("xmit_hash_policy", p);
  }
  if (mode == BondMode::k8023ad && rd.ok()) reverse_lacp(rd, runner, ports, out);
}

Result<BondFromTeamd> teamd_to_bond(const json& cfg) {
  if (!cfg.is_object()) return Error::with(EINVAL, "config: expected a JSON object");
  BondFromTeamd r;
  Out out{r};
  Reader rd;
  if (auto d = rd.string(cfg, "", "device")) r.device = *d;
  const json* runner = rd.object(cfg, "", "runner");
  const json* ports = rd.object(cfg, "", "ports");
  if (!rd.ok()) return rd.error();
  auto mode = reverse_runner_name(rd, runner, out);
  if (!mode) return mode.error();
  out.add("mode", std::string(bond_mode_name(*mode)));
  auto miimon = reverse_link_watch(rd, cfg, *mode, out);
  if (!miimon) return miimon.error();
  reverse_ports(rd, ports, *mode == BondMode::kActiveBackup, out);
  json empty = json::object();
  reverse_runner_opts(rd, runner ? *runner : empty, ports, *mode, out);
  reverse_notify(rd, cfg, *miimon, out);
  if (Reader::member(cfg, "hwaddr"))
    out.warn("hwaddr: set the bond's address with `ip link set BOND address MAC`; dropped");
  if (!rd.ok()) return rd.error();
  return r;
}

}  // namespace

Result<BondFromTeamd> teamd_to_bond_opts(const json& config) { return teamd_to_bond(config); }

Result<BondFromTeamd> teamd_to_bond_opts(const ojson& config) {
  return teamd_to_bond(json::parse(config.dump()));
}

}  // namespace uvn::cli
