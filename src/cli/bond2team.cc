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
