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

constexpr uint64_t kPrimaryPrio = 100;   // ports.P.prio given to the bond's primary
constexpr uint64_t kReverseMiimon = 100;  // miimon chosen for an ethtool watcher
constexpr int64_t kIgmpResendMs = 200;    
std::string opt_name(BondOpt o) { return std::string(kBondOptionTable.specs()[o].name); }
std::string opt_text(BondOpt o, uint64_t v) { return kBondOptionTable.format(o, v); }

// ---------------------------------------------------------------------------------------------
// Bond options to teamd.

// The options as given (later ones win), in table order, plus the lists and the primary's name.
struct BondIn {
  std::array<std::optional<uint64_t>, kBondCount> v;
  std::vector<std::string> arp_targets, ns_targets;
  std::string primary;

  bool given(BondOpt o) const { return v[o].has_value(); }
  uint64_t get(BondOpt o) const { return v[o] ? *v[o] : kBondOptionTable.specs()[o].def; }
  BondMode mode() const { return BondMode(get(kBondMode)); }
};

Status read_targets(const std::string& name, const std::string& value, bool v6,
                    std::vector<std::string>& out) {
  out.clear();
  for (std::string t : split(value, ',')) {
    if (!t.empty() && t[0] == '+') t.erase(0, 1);  // sysfs spelling: +10.0.0.1
    if (t.empty()) continue;
    bool ok = v6 ? Ipv6Addr::parse(t).has_value() : Ipv4Addr::parse(t).has_value();
    if (!ok) return Error::with(EINVAL, fmt::format("{}: invalid address \"{}\"", name, t));
    if (out.size() == kBondMaxArpTargets)
      return Error::with(EINVAL, fmt::format("{}: more than {} targets", name, kBondMaxArpTargets));
    out.push_back(t);
  }
  return Status::Ok();
}

Status read_bond_opt(BondIn& b, const std::string& name, const std::string& value,
                     std::vector<std::string>& warn) {
  if (name == "arp_ip_target") return read_targets(name, value, false, b.arp_targets);
  if (name == "ns_ip6_target") return read_targets(name, value, true, b.ns_targets);
  if (name == "primary") {
    b.primary = value;
    b.v[kBondPrimary] = value.empty() ? 0 : 1;
    return Status::Ok();
  }
  if (name == "active_slave" || name == "max_bonds") {
    warn.push_back(fmt::format("{} {}: {}; dropped", name, value,
                               name == "max_bonds" ? "a bonding module parameter, not a bond's"
                                                   : "a runtime choice, not a configuration"));
    return Status::Ok();
  }
  int i = kBondOptionTable.find(name == "num_unsol_na" ? "num_grat_arp" : name);
  if (i < 0) return Error::with(EINVAL, fmt::format("{}: unknown bond option", name));
  auto x = kBondOptionTable.parse(size_t(i), value);
  if (!x) return Error::with(EINVAL, fmt::format("{}: invalid value \"{}\"", name, value));
  // miimon and arp_interval turn each other off, as the kernel's setters do.
  if (i == kBondMiimon && *x) b.v[kBondArpInterval].reset();
  if (i == kBondArpInterval && *x) b.v[kBondMiimon].reset();
  b.v[size_t(i)] = *x;
  return Status::Ok();
}

constexpr uint8_t mode_bit(BondMode m) { return uint8_t(1u << unsigned(m)); }
constexpr uint8_t kAllModes = 0x7f;
constexpr uint8_t kPrimaryModes = mode_bit(BondMode::kActiveBackup) | mode_bit(BondMode::kTlb) |
                                  mode_bit(BondMode::kAlb);

// The modes in which the bond reads an option at all.
uint8_t modes_using(BondOpt o) {
  switch (o) {
    case kBondXmitHashPolicy:
      return mode_bit(BondMode::kXor) | mode_bit(BondMode::k8023ad) | mode_bit(BondMode::kTlb) |
             mode_bit(BondMode::kAlb);
    case kBondPacketsPerSlave: return mode_bit(BondMode::kRoundRobin);
    case kBondPrimary:
    case kBondPrimaryReselect: return kPrimaryModes;
    case kBondFailOverMac: return mode_bit(BondMode::kActiveBackup);
    case kBondTlbDynamicLb: return mode_bit(BondMode::kTlb);
    case kBondLpInterval: return mode_bit(BondMode::kTlb) | mode_bit(BondMode::kAlb);
    case kBondLacpActive:
    case kBondLacpRate:
    case kBondAdSelect:
    case kBondAdActorSysPrio:
    case kBondAdUserPortKey:
    case kBondAdActorSystem:
    case kBondMinLinks:
    case kBondCoupledControl:
    case kBondLacpFallback: return mode_bit(BondMode::k8023ad);
    default: return kAllModes;
  }
}

// Why a given option cannot be carried into the team config; empty when it can.
std::string drop_reason(const BondIn& b, BondOpt o) {
  const BondMode m = b.mode();
  if (!(modes_using(o) & mode_bit(m)))
    return fmt::format("the bond ignores it in mode {}", bond_mode_name(m));
  const uint64_t v = b.get(o);
  switch (o) {
    case kBondPrimary:
    case kBondPrimaryReselect:
      if (m != BondMode::kActiveBackup) return "the loadbalance runner has no active port";
      return "";
    case kBondUseCarrier: return v ? "" : "teamd's ethtool watcher always follows the carrier";
    case kBondAllSlavesActive: return v ? "no team equivalent" : "";
    case kBondLpInterval: return "team sends no learning packets";
    case kBondPacketsPerSlave: return v == 1 ? "" : "roundrobin moves on after every packet";
    case kBondArpAllTargets: return v ? "a team port is up while any one target answers" : "";
    case kBondAdActorSystem: return "teamd uses the team's own address as LACP system id";
    case kBondCoupledControl: return v ? "" : "no team equivalent";
    case kBondLacpFallback: return v ? "a uvn extension that teamd lacks" : "";
    default: return "";
  }
}

// Warns about and forgets the options the team config cannot carry.
void drop_unmapped(BondIn& b, std::vector<std::string>& warn) {
  for (size_t i = 0; i < kBondCount; ++i) {
    auto o = BondOpt(i);
    if (!b.given(o) || o == kBondMode) continue;
    std::string why = drop_reason(b, o);
    if (why.empty()) continue;
    std::string value = o == kBondPrimary ? b.primary : opt_text(o, b.get(o));
    warn.push_back(fmt::format("{} {}: {}; dropped", opt_name(o), value, why));
    b.v[i].reset();
    if (o == kBondPrimary) b.primary.clear();
  }
}

ojson tx_hash_for(const BondIn& b, std::vector<std::string>& warn) {
  const auto p = FlowHashPolicy(b.get(kBondXmitHashPolicy));
  const std::string name = opt_text(kBondXmitHashPolicy, b.get(kBondXmitHashPolicy));
  switch (p) {
    case FlowHashPolicy::kLayer2: return ojson::array({"eth"});
    case FlowHashPolicy::kLayer23: return ojson::array({"eth", "l3"});
    case FlowHashPolicy::kLayer34: return ojson::array({"l3", "l4"});
    case FlowHashPolicy::kEncap23:
    case FlowHashPolicy::kEncap34:
      warn.push_back(fmt::format(
          "xmit_hash_policy {}: teamd does not hash inner (tunnelled) headers; using {}", name,
          p == FlowHashPolicy::kEncap23 ? "[eth, l3]" : "[l3, l4]"));
      return p == FlowHashPolicy::kEncap23 ? ojson::array({"eth", "l3"})
                                           : ojson::array({"l3", "l4"});
    case FlowHashPolicy::kVlanSrcMac:
      warn.push_back(fmt::format(
          "xmit_hash_policy {}: teamd's eth fragment hashes both MAC addresses; using [vlan, eth]",
          name));
      return ojson::array({"vlan", "eth"});
  }
  return ojson::array({"eth"});
}

Result<ojson> lacp_runner(const BondIn& b, std::vector<std::string>& warn) {
  ojson r;
  r["name"] = "lacp";
  if (b.given(kBondLacpActive)) r["active"] = b.get(kBondLacpActive) != 0;
  if (b.given(kBondLacpRate)) r["fast_rate"] = b.get(kBondLacpRate) != 0;
  r["tx_hash"] = tx_hash_for(b, warn);
  switch (AdSelect(b.get(kBondAdSelect))) {
    case AdSelect::kStable:
    case AdSelect::kBandwidth: r["agg_select_policy"] = "bandwidth"; break;
    case AdSelect::kCount: r["agg_select_policy"] = "count"; break;
    case AdSelect::kActorPortPrio:
      r["agg_select_policy"] = "port_config";
      warn.push_back(
          "ad_select actor_port_prio: teamd's closest policy is port_config, which ranks "
          "aggregators by the ports' configured prio");
      break;
  }
  if (b.given(kBondAdActorSysPrio)) r["sys_prio"] = b.get(kBondAdActorSysPrio);
  if (uint64_t n = b.get(kBondMinLinks)) {
    if (n > 255)
      return Error::with(EINVAL, fmt::format("min_links: {} is more than teamd's min_ports "
                                             "allows (255)", n));
    r["min_ports"] = n;
  }
  return r;
}

Result<ojson> build_runner(const BondIn& b, std::vector<std::string>& warn) {
  static constexpr std::string_view kHwaddrPolicy[] = {"same_all", "by_active", "only_active"};
  ojson r;
  switch (b.mode()) {
    case BondMode::kRoundRobin: r["name"] = "roundrobin"; break;
    case BondMode::kActiveBackup:
      r["name"] = "activebackup";
      if (b.given(kBondFailOverMac)) r["hwaddr_policy"] = kHwaddrPolicy[b.get(kBondFailOverMac)];
      break;
    case BondMode::kXor:
      r["name"] = "loadbalance";
      r["tx_hash"] = tx_hash_for(b, warn);
      break;
    case BondMode::kBroadcast: r["name"] = "broadcast"; break;
    case BondMode::k8023ad: return lacp_runner(b, warn);
    case BondMode::kTlb:
    case BondMode::kAlb:
      r["name"] = "loadbalance";
      r["tx_hash"] = tx_hash_for(b, warn);
      if (b.mode() == BondMode::kAlb || b.get(kBondTlbDynamicLb))
        r["tx_balancer"] = ojson{{"name", "basic"}};
      if (b.mode() == BondMode::kAlb)
        warn.push_back(
            "mode balance-alb: team has no receive load balancing; only transmit is balanced, "
            "as with balance-tlb");
      warn.push_back(fmt::format(
          "mode {}: team sends from every port with the team's MAC address, where the bond "
          "used each slave's own; the switch sees one address on several ports",
          bond_mode_name(b.mode())));
      break;
  }
  return r;
}

// A delay in ms as the bond keeps it: whole miimon ticks.
uint64_t bond_delay(const BondIn& b, BondOpt o, std::vector<std::string>& warn) {
  const uint64_t mii = b.get(kBondMiimon), v = b.get(o);
  if (!mii || v % mii == 0) return v;
  warn.push_back(fmt::format("{} {}: not a multiple of miimon {}; the bond keeps {}", opt_name(o),
                             v, mii, v / mii * mii));
  return v / mii * mii;
}

ojson ethtool_watch(const BondIn& b, std::vector<std::string>& warn) {
  ojson w;
  w["name"] = "ethtool";
  for (auto [o, key] : {std::pair{kBondUpdelay, "delay_up"}, std::pair{kBondDowndelay, "delay_down"}}) {
    if (!b.given(o)) continue;
    if (!b.get(kBondMiimon)) {
      warn.push_back(fmt::format("{} {}: MII monitoring is off; dropped", opt_name(o), b.get(o)));
      continue;
    }
    if (uint64_t d = bond_delay(b, o, warn)) w[key] = d;
  }
  return w;
}

Result<ojson> ping_watches(const BondIn& b, std::vector<std::string>& warn) {
  const uint64_t interval = b.get(kBondArpInterval);
  if (bond_mode_no_arp(b.mode()))
    return Error::with(EINVAL, fmt::format("arp_interval: the bond cannot ARP-monitor in mode {}",
                                           bond_mode_name(b.mode())));
  for (BondOpt o : {kBondUpdelay, kBondDowndelay})
    if (b.given(o))
      warn.push_back(fmt::format("{} {}: used only by the MII monitor; dropped", opt_name(o),
                                 b.get(o)));
  uint64_t val = b.get(kBondArpValidate);
  if (val >= kArpValidateFilter) {
    val -= kArpValidateFilter;
    warn.push_back(fmt::format("arp_validate {}: teamd has no ARP filtering; validating {}",
                               opt_text(kBondArpValidate, b.get(kBondArpValidate)),
                               val == kArpValidateNone ? "nothing" : opt_text(kBondArpValidate, val)));
  }
  ojson list = ojson::array();
  for (auto& t : b.arp_targets) {
    ojson w;
    w["name"] = "arp_ping";
    w["interval"] = interval;
    w["missed_max"] = b.get(kBondArpMissedMax);
    w["target_host"] = t;
    if (val & kArpValidateActive) w["validate_active"] = true;
    if (val & kArpValidateBackup) w["validate_inactive"] = true;
    list.push_back(w);
  }
  for (auto& t : b.ns_targets)
    list.push_back(ojson{{"name", "nsna_ping"},
                         {"interval", interval},
                         {"missed_max", b.get(kBondArpMissedMax)},
                         {"target_host", t}});
  return list;
}

Result<ojson> build_link_watch(const BondIn& b, std::vector<std::string>& warn) {
  const bool arp = b.get(kBondArpInterval) != 0;
  if (arp && (!b.arp_targets.empty() || !b.ns_targets.empty())) {
    auto list = ping_watches(b, warn);
    if (!list) return list;
    return list->size() == 1 ? (*list)[0] : *list;
  }
  if (arp) {
    warn.push_back(fmt::format("arp_interval {}: no arp_ip_target or ns_ip6_target to ping; "
                               "using the ethtool watcher",
                               b.get(kBondArpInterval)));
  } else {
    if (!b.arp_targets.empty())
      warn.push_back("arp_ip_target: ARP monitoring is off (arp_interval 0); dropped");
    if (!b.ns_targets.empty())
      warn.push_back("ns_ip6_target: NS monitoring is off (arp_interval 0); dropped");
    for (BondOpt o : {kBondArpValidate, kBondArpMissedMax})
      if (b.given(o))
        warn.push_back(fmt::format("{} {}: ARP monitoring is off; dropped", opt_name(o),
                                   opt_text(o, b.get(o))));
  }
  return ethtool_watch(b, warn);
}

ojson build_ports(const BondIn& b, const std::vector<std::string>& ports,
                  std::vector<std::string>& warn) {
  std::vector<std::string> names = ports;
  if (!b.primary.empty() && std::find(names.begin(), names.end(), b.primary) == names.end()) {
    if (!names.empty())
      warn.push_back(fmt::format("primary {}: not among the ports; added to them", b.primary));
    names.push_back(b.primary);
  }
  const auto reselect = PrimaryReselect(b.get(kBondPrimaryReselect));
  if (reselect == PrimaryReselect::kBetter)
    warn.push_back(
        "primary_reselect better: teamd compares prio before speed; the primary takes over "
        "whenever it is up, as with always");
  const bool sticky = reselect == PrimaryReselect::kFailure;
  if (sticky && names.empty())
    warn.push_back("primary_reselect failure: no ports to mark sticky; dropped");
  ojson out = ojson::object();
  for (auto& n : names) {
    ojson p = ojson::object();
    if (n == b.primary) p["prio"] = kPrimaryPrio;
    if (sticky) p["sticky"] = true;
    if (b.given(kBondAdUserPortKey)) p["lacp_key"] = b.get(kBondAdUserPortKey);
    out[n] = p;
  }
  if (b.given(kBondAdUserPortKey) && names.empty())
    warn.push_back("ad_user_port_key: no ports to give the lacp_key; dropped");
  return out;
}

void build_notify(const BondIn& b, ojson& cfg, std::vector<std::string>& warn) {
  if (b.given(kBondNumPeerNotif) || b.given(kBondPeerNotifyDelay)) {
    ojson n;
    n["count"] = b.get(kBondNumPeerNotif);
    if (b.given(kBondPeerNotifyDelay)) {
      if (!b.get(kBondMiimon))
        warn.push_back(fmt::format("peer_notify_delay {}: kept in miimon ticks, and MII "
                                   "monitoring is off; dropped",
                                   b.get(kBondPeerNotifyDelay)));
      else if (uint64_t d = bond_delay(b, kBondPeerNotifyDelay, warn))
        n["interval"] = d;
    }
    cfg["notify_peers"] = n;
  }
  if (b.given(kBondResendIgmp)) cfg["mcast_rejoin"] = ojson{{"count", b.get(kBondResendIgmp)}};
}

// ---------------------------------------------------------------------------------------------
// teamd to bond options.

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
    out.add("arp_validate", opt_text(kBondArpValidate, uint64_t(*validate)));
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

Result<TeamdFromBond> bond_opts_to_teamd(const BondOptList& opts,
                                         const std::vector<std::string>& ports,
                                         const std::string& device) {
  TeamdFromBond r;
  BondIn b;
  for (auto& [k, v] : opts)
    if (auto st = read_bond_opt(b, k, v, r.warnings); !st) return st.error();
  for (size_t i = 0; i < ports.size(); ++i) {
    if (ports[i].empty()) return Error::with(EINVAL, "port: empty name");
    if (std::find(ports.begin(), ports.begin() + long(i), ports[i]) != ports.begin() + long(i))
      return Error::with(EINVAL, fmt::format("port {}: given twice", ports[i]));
  }
  drop_unmapped(b, r.warnings);
  r.config["device"] = device.empty() ? "team0" : device;
  auto runner = build_runner(b, r.warnings);
  if (!runner) return runner.error();
  r.config["runner"] = *runner;
  auto lw = build_link_watch(b, r.warnings);
  if (!lw) return lw.error();
  r.config["link_watch"] = *lw;
  build_notify(b, r.config, r.warnings);
  r.config["ports"] = build_ports(b, ports, r.warnings);
  return r;
}

Result<BondFromTeamd> teamd_to_bond_opts(const json& config) { return teamd_to_bond(config); }

Result<BondFromTeamd> teamd_to_bond_opts(const ojson& config) {
  return teamd_to_bond(json::parse(config.dump()));
}

Result<BondOptList> parse_bonding_opts(const std::string& text) {
  BondOptList list;
  std::istringstream ss(text);
  for (std::string w; ss >> w;) {
    auto eq = w.find('=');
    if (eq == std::string::npos || eq == 0)
      return Error::with(EINVAL, fmt::format("{}: expected OPTION=VALUE", w));
    list.emplace_back(w.substr(0, eq), w.substr(eq + 1));
  }
  return list;
}

}  // namespace uvn::cli
