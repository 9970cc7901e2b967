// bond: `type bond [OPTIONS]` and `type bond_slave [OPTIONS]` for ip link add/set, the -d
// lines of a bond (`bond mode ...`) and of its slaves (`bond_slave state ...`) in text and
// JSON, their help texts, and `ip link xstats type bond|bond_slave [802.3ad]`.
//
// Grammar as iproute2 6.1 (tests/reference/bond-ground-truth.md, section 1): keywords match
// by prefix in iproute2's order, except ns_ip6_target, arp_missed_max and lacp_active, which
// must be whole; enumerated values take the name or its decimal index; numbers take any base
// and iproute2's C type (u8/u16/u32) bounds them before the kernel's ranges do; the target
// lists take the next word whatever it is. Beyond 6.1, as newer iproute2: `ad_select
// actor_port_prio`, `coupled_control on|off`, bond_slave `actor_port_prio`; uvn's own
// `lacp_fallback on|off`.
#include "cli/link_bond.h"

#include <fmt/format.h>

#include <cstdlib>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_link.h"
#include "cli/link_kind.h"
#include "cli/link_team.h"
#include "dev/bond/bond.h"

namespace uvn::cli {

namespace {

constexpr std::string_view kBondUsage =
    "Usage: ... bond [ mode BONDMODE ] [ active_slave SLAVE_DEV ]\n"
    "                [ clear_active_slave ] [ miimon MIIMON ]\n"
    "                [ updelay UPDELAY ] [ downdelay DOWNDELAY ]\n"
    "                [ peer_notify_delay DELAY ]\n"
    "                [ use_carrier USE_CARRIER ]\n"
    "                [ arp_interval ARP_INTERVAL ]\n"
    "                [ arp_validate ARP_VALIDATE ]\n"
    "                [ arp_all_targets ARP_ALL_TARGETS ]\n"
    "                [ arp_ip_target [ ARP_IP_TARGET, ... ] ]\n"
    "                [ ns_ip6_target [ NS_IP6_TARGET, ... ] ]\n"
    "                [ primary SLAVE_DEV ]\n"
    "                [ primary_reselect PRIMARY_RESELECT ]\n"
    "                [ fail_over_mac FAIL_OVER_MAC ]\n"
    "                [ xmit_hash_policy XMIT_HASH_POLICY ]\n"
    "                [ resend_igmp RESEND_IGMP ]\n"
    "                [ num_grat_arp|num_unsol_na NUM_GRAT_ARP|NUM_UNSOL_NA ]\n"
    "                [ all_slaves_active ALL_SLAVES_ACTIVE ]\n"
    "                [ min_links MIN_LINKS ]\n"
    "                [ lp_interval LP_INTERVAL ]\n"
    "                [ packets_per_slave PACKETS_PER_SLAVE ]\n"
    "                [ tlb_dynamic_lb TLB_DYNAMIC_LB ]\n"
    "                [ lacp_rate LACP_RATE ]\n"
    "                [ lacp_active LACP_ACTIVE]\n"
    "                [ coupled_control COUPLED_CONTROL ]\n"
    "                [ ad_select AD_SELECT ]\n"
    "                [ ad_user_port_key PORTKEY ]\n"
    "                [ ad_actor_sys_prio SYSPRIO ]\n"
    "                [ ad_actor_system LLADDR ]\n"
    "                [ arp_missed_max MISSED_MAX ]\n"
    "                [ lacp_fallback LACP_FALLBACK ]\n"
    "\n"
    "BONDMODE := balance-rr|active-backup|balance-xor|broadcast|802.3ad|balance-tlb|balance-alb\n"
    "ARP_VALIDATE := none|active|backup|all|filter|filter_active|filter_backup\n"
    "ARP_ALL_TARGETS := any|all\n"
    "PRIMARY_RESELECT := always|better|failure\n"
    "FAIL_OVER_MAC := none|active|follow\n"
    "XMIT_HASH_POLICY := layer2|layer2+3|layer3+4|encap2+3|encap3+4|vlan+srcmac\n"
    "LACP_ACTIVE := off|on\n"
    "LACP_RATE := slow|fast\n"
    "COUPLED_CONTROL := off|on\n"
    "AD_SELECT := stable|bandwidth|count|actor_port_prio\n"
    "LACP_FALLBACK := off|on\n";

constexpr std::string_view kSlaveUsage =
    "Usage: ... bond_slave [ queue_id ID ] [ prio PRIORITY ] [ actor_port_prio PRIORITY ]\n";

// How iproute2 reads each option's value.
enum class Val { kEnum, kU8, kU16, kU32 };

struct Keyword {
  std::string_view name;
  bool exact;  // strcmp instead of matches()
  BondOpt opt;
  Val val;
};

// iproute2's order of tests (the first keyword the word is a prefix of wins). Entries with
// kBondCount are handled by hand (active_slave, clear_active_slave, the target lists,
// primary, ad_actor_system, help).
constexpr Keyword kKeywords[] = {
    {"mode", false, kBondMode, Val::kEnum},
    {"active_slave", false, kBondActiveSlave, Val::kU32},
    {"clear_active_slave", false, kBondCount, Val::kU32},
    {"miimon", false, kBondMiimon, Val::kU32},
    {"updelay", false, kBondUpdelay, Val::kU32},
    {"downdelay", false, kBondDowndelay, Val::kU32},
    {"peer_notify_delay", false, kBondPeerNotifyDelay, Val::kU32},
    {"use_carrier", false, kBondUseCarrier, Val::kU8},
    {"arp_interval", false, kBondArpInterval, Val::kU32},
    {"arp_ip_target", false, kBondCount, Val::kU32},
    {"ns_ip6_target", true, kBondCount, Val::kU32},
    {"arp_validate", false, kBondArpValidate, Val::kEnum},
    {"arp_all_targets", false, kBondArpAllTargets, Val::kEnum},
    {"arp_missed_max", true, kBondArpMissedMax, Val::kU8},
    {"primary", false, kBondPrimary, Val::kU32},
    {"primary_reselect", false, kBondPrimaryReselect, Val::kEnum},
    {"fail_over_mac", false, kBondFailOverMac, Val::kEnum},
    {"xmit_hash_policy", false, kBondXmitHashPolicy, Val::kEnum},
    {"resend_igmp", false, kBondResendIgmp, Val::kU32},
    {"num_grat_arp", false, kBondNumPeerNotif, Val::kU8},
    {"num_unsol_na", false, kBondNumPeerNotif, Val::kU8},
    {"all_slaves_active", false, kBondAllSlavesActive, Val::kU8},
    {"min_links", false, kBondMinLinks, Val::kU32},
    {"lp_interval", false, kBondLpInterval, Val::kU32},
    {"packets_per_slave", false, kBondPacketsPerSlave, Val::kU32},
    {"lacp_rate", false, kBondLacpRate, Val::kEnum},
    {"lacp_active", true, kBondLacpActive, Val::kEnum},
    {"coupled_control", true, kBondCoupledControl, Val::kEnum},
    {"ad_select", false, kBondAdSelect, Val::kEnum},
    {"ad_user_port_key", false, kBondAdUserPortKey, Val::kU16},
    {"ad_actor_sys_prio", false, kBondAdActorSysPrio, Val::kU16},
    {"ad_actor_system", false, kBondAdActorSystem, Val::kU32},
    {"tlb_dynamic_lb", false, kBondTlbDynamicLb, Val::kU8},
    {"lacp_fallback", true, kBondLacpFallback, Val::kEnum},
};

// get_index: the decimal index (strtol: leading blanks and a sign allowed), or the exact name.
std::optional<uint64_t> parse_index(std::span<const std::string_view> names, const std::string& s) {
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (end != s.c_str() && *end == '\0' && v >= 0 && size_t(v) < names.size()) return uint64_t(v);
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == s) return i;
  return std::nullopt;
}

constexpr std::string_view kOnOffNames[] = {"off", "on"};

// iproute2's get_addr_1 for AF_INET (get_addr_ipv4): "default", "any" and "all" are 0.0.0.0;
// otherwise one to four dot-separated numbers, each read by strtoul in any base (so leading
// blanks and a '+' pass) and at most 255, the missing ones 0 ("1.2.3" is 1.2.3.0).
std::optional<Ipv4Addr> iproute_ipv4(const std::string& s) {
  if (s == "default" || s == "any" || s == "all") return Ipv4Addr{0};
  if (s.find(':') != std::string::npos) return std::nullopt;  // read as IPv6
  uint32_t v = 0;
  const char* cp = s.c_str();
  for (int i = 0; i < 4; ++i) {
    char* endp = nullptr;
    unsigned long n = std::strtoul(cp, &endp, 0);
    if (n > 255 || endp == cp) return std::nullopt;
    v |= uint32_t(n) << (24 - 8 * i);
    if (*endp == '\0') break;
    if (i == 3 || *endp != '.') return std::nullopt;
    cp = endp + 1;
  }
  return Ipv4Addr{v};
}

// get_addr_1 for AF_INET6: the same three words are ::, anything else needs a colon.
std::optional<Ipv6Addr> iproute_ipv6(const std::string& s) {
  if (s == "default" || s == "any" || s == "all") return Ipv6Addr{};
  if (s.find(':') == std::string::npos) return std::nullopt;
  return Ipv6Addr::parse(s);
}

std::optional<uint64_t> parse_value(const Keyword& k, const std::string& s) {
  switch (k.val) {
    case Val::kEnum: {
      const OptionSpec& spec = kBondOptionTable.specs()[k.opt];
      if (spec.type == OptType::kOnOff) return parse_index(kOnOffNames, s);
      return parse_index(spec.names, s);
    }
    case Val::kU8: return parse_uint(s, 0xff);
    case Val::kU16: return parse_uint(s, 0xffff);
    case Val::kU32: return parse_uint(s, 0xffffffff);
  }
  return std::nullopt;
}

int bond_usage(Context& ctx) {
  ctx.err += kBondUsage;
  return 1;
}

}  // namespace

std::string_view link_kind_help(std::string_view kind) {
  if (kind == "bond") return kBondUsage;
  if (kind == "bond_slave") return kSlaveUsage;
  return team_kind_help(kind);
}

int bond_parse_args(Context& ctx, ArgIt it, ArgIt end, ctl::BondArgs& a) {
  for (; it != end; ++it) {
    const std::string& w = *it;
    const Keyword* k = nullptr;
    for (const Keyword& c : kKeywords)
      if (c.exact ? w == c.name : matches(w, c.name)) {
        k = &c;
        break;
      }
    if (!k) {
      if (matches(w, "help")) return bond_usage(ctx);
      ctx.err += fmt::format("bond: unknown command \"{}\"?\n", w);
      return bond_usage(ctx);
    }
    if (k->name == "clear_active_slave") {
      a.active_slave = "";
      continue;
    }
    if (k->name == "arp_ip_target" || k->name == "ns_ip6_target") {
      // The next word, whatever it is, is the list; none at all clears it.
      const bool v6 = k->name == "ns_ip6_target";
      if (v6)
        a.ns_targets.emplace();
      else
        a.arp_targets.emplace();
      if (it + 1 == end) continue;
      ++it;
      size_t n = 0;
      for (auto& t : split(*it, ',')) {
        if (t.empty()) continue;  // strtok skips empty fields
        if (n++ == kBondMaxArpTargets) break;
        if (v6) {
          auto x = iproute_ipv6(t);
          if (!x) {
            ctx.exited = true;
            return fail(ctx, 1, fmt::format("Error: inet6 address is expected rather than \"{}\".", t));
          }
          a.ns_targets->push_back(*x);
        } else {
          auto x = iproute_ipv4(t);
          if (!x) {
            ctx.exited = true;
            return fail(ctx, 1,
                        fmt::format("Error: an IP address is expected rather than \"{}\"", t));
          }
          a.arp_targets->push_back(*x);
        }
      }
      continue;
    }
    if (++it == end) return incomplete(ctx);
    const std::string& v = *it;
    if (k->opt == kBondActiveSlave || k->opt == kBondPrimary) {
      if (!ctx.ns->find(v)) return no_device(ctx, v);
      (k->opt == kBondActiveSlave ? a.active_slave : a.primary) = v;
      continue;
    }
    if (k->opt == kBondAdActorSystem) {
      std::vector<uint8_t> bytes;
      if (int rc = parse_lladdr_bytes(ctx, v, bytes)) return rc;
      a.ad_actor_system = bytes;
      continue;
    }
    auto x = parse_value(*k, v);
    if (!x) {
      std::string what = k->opt == kBondNumPeerNotif ? "num_grat_arp|num_unsol_na"
                                                     : std::string(k->name);
      return invarg(ctx, "invalid " + what, v);
    }
    a.opts.emplace_back(k->opt, *x);
  }
  return 0;
}

int bond_slave_parse_args(Context& ctx, ArgIt it, ArgIt end, ctl::BondSlaveArgs& a) {
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (matches(w, "queue_id")) {
      if (++it == end) return incomplete(ctx);
      auto v = parse_uint(*it, 0xffff);
      if (!v) return invarg(ctx, "queue_id is invalid", *it);
      a.queue_id = *v;
    } else if (w == "prio") {
      if (++it == end) return incomplete(ctx);
      auto v = parse_int(*it);
      if (!v || *v < INT32_MIN || *v > INT32_MAX) return invarg(ctx, "prio is invalid", *it);
      a.prio = *v;
    } else if (w == "actor_port_prio") {
      if (++it == end) return incomplete(ctx);
      auto v = parse_uint(*it, 0xffff);
      if (!v) return invarg(ctx, "actor_port_prio is invalid", *it);
      a.actor_port_prio = *v;
    } else {
      if (!matches(w, "help")) ctx.err += fmt::format("bond_slave: unknown option \"{}\"?\n", w);
      ctx.err += kSlaveUsage;
      return 1;
    }
  }
  return 0;
}

namespace {

const BondDevice* bond_of(const Device& d) { return dynamic_cast<const BondDevice*>(&d); }

std::string opt_text(const BondDevice& b, BondOpt o) {
  uint64_t v = b.opt(o);
  if (o == kBondUpdelay || o == kBondDowndelay || o == kBondPeerNotifyDelay) v = b.delay_ms(o);
  return kBondOptionTable.format(o, v);
}

// The kernel reports active_slave in the primary modes only, and primary once that device is
// a slave.
const BondSlave* shown_active(const BondDevice& b) {
  return bond_uses_primary(b.mode()) ? b.curr_active() : nullptr;
}

std::string join_targets(const BondDevice& b, bool v6) {
  std::vector<std::string> parts;
  if (v6)
    for (auto& t : b.ns_targets()) parts.push_back(t.format());
  else
    for (auto& t : b.arp_targets()) parts.push_back(t.format());
  return join(parts, ",");
}

constexpr std::string_view kPortStateNames[] = {"active",      "short_timeout", "aggregating",
                                                "in_sync",     "collecting",    "distributing",
                                                "defaulted",   "expired"};

std::string port_state_str(uint8_t st) {
  std::string s = "<";
  bool first = true;
  for (int i = 0; i < 8; ++i)
    if (st & (1 << i)) {
      if (!first) s += ",";
      s += kPortStateNames[i];
      first = false;
    }
  return s + ">";
}

}  // namespace

void bond_text(const Device& dev, std::string& s) {
  const BondDevice* b = bond_of(dev);
  if (!b) return;
  auto add = [&](std::string_view name, const std::string& v) {
    s += fmt::format("{} {} ", name, v);
  };
  auto opt = [&](BondOpt o) { add(kBondOptionTable.specs()[o].name, opt_text(*b, o)); };
  opt(kBondMode);
  if (const BondSlave* a = shown_active(*b)) add("active_slave", a->dev().name());
  for (BondOpt o : {kBondMiimon, kBondUpdelay, kBondDowndelay, kBondPeerNotifyDelay,
                    kBondUseCarrier, kBondArpInterval, kBondArpMissedMax})
    opt(o);
  if (!b->arp_targets().empty()) add("arp_ip_target", join_targets(*b, false));
  if (!b->ns_targets().empty()) add("ns_ip6_target", join_targets(*b, true));
  opt(kBondArpValidate);
  opt(kBondArpAllTargets);
  if (b->primary_slave()) add("primary", b->primary_slave()->dev().name());
  for (BondOpt o : {kBondPrimaryReselect, kBondFailOverMac, kBondXmitHashPolicy, kBondResendIgmp,
                    kBondNumPeerNotif, kBondAllSlavesActive, kBondMinLinks, kBondLpInterval,
                    kBondPacketsPerSlave, kBondLacpActive, kBondLacpRate})
    opt(o);
  if (!b->opt(kBondCoupledControl)) opt(kBondCoupledControl);
  opt(kBondAdSelect);
  if (b->mode() == BondMode::k8023ad) {
    if (auto info = b->ad_info())
      s += fmt::format(
          "ad_aggregator {} ad_num_ports {} ad_actor_key {} ad_partner_key {} ad_partner_mac {} ",
          info->aggregator, info->num_ports, info->actor_key, info->partner_key,
          info->partner_mac.format());
    for (BondOpt o : {kBondAdActorSysPrio, kBondAdUserPortKey, kBondAdActorSystem}) opt(o);
  }
  opt(kBondTlbDynamicLb);
  if (b->opt(kBondLacpFallback)) opt(kBondLacpFallback);
}

void bond_json(const Device& dev, JsonWriter& jw) {
  const BondDevice* b = bond_of(dev);
  if (!b) return;
  auto num = [&](BondOpt o) {
    uint64_t v = b->opt(o);
    if (o == kBondUpdelay || o == kBondDowndelay || o == kBondPeerNotifyDelay) v = b->delay_ms(o);
    jw.member(kBondOptionTable.specs()[o].json_key(), v);
  };
  auto str = [&](BondOpt o) {
    jw.member(kBondOptionTable.specs()[o].json_key(), opt_text(*b, o));
  };
  str(kBondMode);
  if (const BondSlave* a = shown_active(*b)) jw.member("active_slave", a->dev().name());
  for (BondOpt o : {kBondMiimon, kBondUpdelay, kBondDowndelay, kBondPeerNotifyDelay,
                    kBondUseCarrier, kBondArpInterval, kBondArpMissedMax})
    num(o);
  auto targets = [&](std::string_view key, bool v6) {
    jw.key(key);
    jw.start_array();
    if (v6)
      for (auto& t : b->ns_targets()) jw.value(t.format());
    else
      for (auto& t : b->arp_targets()) jw.value(t.format());
    jw.end_array();
  };
  if (!b->arp_targets().empty()) targets("arp_ip_target", false);
  if (!b->ns_targets().empty()) targets("ns_ip6_target", true);
  // iproute2 prints a null arp_validate when validation is off.
  if (b->opt(kBondArpValidate)) {
    str(kBondArpValidate);
  } else {
    jw.key("arp_validate");
    jw.null();
  }
  str(kBondArpAllTargets);
  if (b->primary_slave()) jw.member("primary", b->primary_slave()->dev().name());
  for (BondOpt o : {kBondPrimaryReselect, kBondFailOverMac, kBondXmitHashPolicy}) str(o);
  for (BondOpt o : {kBondResendIgmp, kBondNumPeerNotif, kBondAllSlavesActive, kBondMinLinks,
                    kBondLpInterval, kBondPacketsPerSlave})
    num(o);
  str(kBondLacpActive);
  str(kBondLacpRate);
  if (!b->opt(kBondCoupledControl)) jw.member("coupled_control", false);
  str(kBondAdSelect);
  if (b->mode() == BondMode::k8023ad) {
    if (auto info = b->ad_info()) {
      jw.key("ad_info");
      jw.start_object();
      jw.member("aggregator", info->aggregator);
      jw.member("num_ports", info->num_ports);
      jw.member("actor_key", info->actor_key);
      jw.member("partner_key", info->partner_key);
      jw.member("partner_mac", info->partner_mac.format());
      jw.end_object();
    }
    num(kBondAdActorSysPrio);
    num(kBondAdUserPortKey);
    str(kBondAdActorSystem);
  }
  num(kBondTlbDynamicLb);
  if (b->opt(kBondLacpFallback)) jw.member("lacp_fallback", true);
}

namespace {

struct SlaveView {
  const BondDevice* bond;
  const BondSlave* slave;
};

std::optional<SlaveView> slave_view(const Device& dev) {
  const BondDevice* b = dev.master() ? bond_of(*dev.master()) : nullptr;
  if (!b) return std::nullopt;
  const BondSlave* s = b->slave_of(dev);
  if (!s) return std::nullopt;
  return SlaveView{b, s};
}

}  // namespace

bool bond_slave_text(const Device& dev, std::string& s) {
  auto v = slave_view(dev);
  if (!v) return false;
  const BondSlave& sl = *v->slave;
  s += fmt::format("state {} mii_status {} link_failure_count {} perm_hwaddr {} queue_id {} prio {} ",
                   sl.backup ? "BACKUP" : "ACTIVE", bond_link_name(sl.link),
                   sl.link_failure_count, sl.perm_hwaddr.format(), sl.opt(kBsQueueId), sl.prio());
  if (v->bond->mode() == BondMode::k8023ad) {
    if (auto p = v->bond->ad_port(sl))
      s += fmt::format(
          "ad_aggregator_id {} ad_actor_oper_port_state {} ad_actor_oper_port_state_str {} "
          "ad_partner_oper_port_state {} ad_partner_oper_port_state_str {} ",
          p->aggregator_id, p->actor_state, port_state_str(p->actor_state), p->partner_state,
          port_state_str(p->partner_state));
    s += fmt::format("actor_port_prio {} ", sl.opt(kBsActorPortPrio));
  }
  return true;
}

bool bond_slave_json(const Device& dev, JsonWriter& jw) {
  auto v = slave_view(dev);
  if (!v) return false;
  const BondSlave& sl = *v->slave;
  jw.member("state", sl.backup ? "BACKUP" : "ACTIVE");
  jw.member("mii_status", bond_link_name(sl.link));
  jw.member("link_failure_count", sl.link_failure_count);
  jw.member("perm_hwaddr", sl.perm_hwaddr.format());
  jw.member("queue_id", sl.opt(kBsQueueId));
  jw.member("prio", sl.prio());
  if (v->bond->mode() == BondMode::k8023ad) {
    auto states = [&](std::string_view key, uint8_t st) {
      jw.key(key);
      jw.start_array();
      for (int i = 0; i < 8; ++i)
        if (st & (1 << i)) jw.value(kPortStateNames[i]);
      jw.end_array();
    };
    if (auto p = v->bond->ad_port(sl)) {
      jw.member("ad_aggregator_id", p->aggregator_id);
      jw.member("ad_actor_oper_port_state", p->actor_state);
      states("ad_actor_oper_port_state_str", p->actor_state);
      jw.member("ad_partner_oper_port_state", p->partner_state);
      states("ad_partner_oper_port_state_str", p->partner_state);
    }
    jw.member("actor_port_prio", sl.opt(kBsActorPortPrio));
  }
  return true;
}

int bond_xstats(Context& ctx, ArgIt it, ArgIt end, bool slave) {
  const Device* only = nullptr;
  for (; it != end; ++it) {
    if (*it == "802.3ad") {
      continue;
    } else if (*it == "dev") {
      if (++it == end) return incomplete(ctx);
      only = ctx.ns->find(*it);
      if (!only) return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", *it));
    } else if (*it == "help") {
      ctx.out += fmt::format("Usage: ... {} [ 802.3ad ] [ dev DEVICE ]\n",
                             slave ? "bond_slave" : "bond");
      return 0;
    } else {
      return invarg(ctx, "unknown attribute", *it);
    }
  }
  JsonWriter jw(ctx.opt.pretty);
  if (ctx.opt.json) jw.start_array();
  for (auto& [idx, d] : ctx.ns->devices()) {
    if (only && d.get() != only) continue;
    const BondDevice* b = nullptr;
    const BondSlave* sl = nullptr;
    if (slave) {
      auto v = slave_view(*d);
      if (!v) continue;
      b = v->bond;
      sl = v->slave;
    } else {
      b = bond_of(*d);
      if (!b) continue;
    }
    const bool ad = b->mode() == BondMode::k8023ad;
    BondAdStats st = b->ad_stats(sl);
    const std::pair<std::string_view, uint64_t> rows[] = {
        {"lacpdu_rx", st.lacpdu_rx},
        {"lacpdu_tx", st.lacpdu_tx},
        {"lacpdu_unknown_rx", st.lacpdu_unknown_rx},
        {"lacpdu_illegal_rx", st.lacpdu_illegal_rx},
        {"marker_rx", st.marker_rx},
        {"marker_tx", st.marker_tx},
        {"marker_response_rx", st.marker_response_rx},
        {"marker_response_tx", st.marker_response_tx},
        {"marker_unknown_rx", st.marker_unknown_rx}};
    constexpr std::string_view kLabels[] = {
        "LACPDU Rx",         "LACPDU Tx",          "LACPDU Unknown type Rx",
        "LACPDU Illegal Rx", "Marker Rx",          "Marker Tx",
        "Marker response Rx", "Marker response Tx", "Marker unknown type Rx"};
    if (ctx.opt.json) {
      jw.start_object();
      jw.member("ifname", d->name());
      if (ad) {
        jw.key("802.3ad");
        jw.start_object();
        for (auto& [k, v] : rows) jw.member(k, v);
        jw.end_object();
      }
      jw.end_object();
    } else {
      ctx.out += fmt::format("{:<16}\n", d->name());
      if (ad)
        for (size_t i = 0; i < std::size(rows); ++i)
          ctx.out += fmt::format("{:<16}    {} {}\n", "", kLabels[i], rows[i].second);
    }
  }
  if (ctx.opt.json) {
    jw.end_array();
    ctx.out += jw.str() + "\n";
  }
  return 0;
}

extern const LinkKind kLinkBond{
    .kind = "bond",
    .parse =
        [](Context& ctx, Args::const_iterator it, Args::const_iterator end,
           ctl::LinkAddRequest& req) {
          ctl::BondArgs a;
          if (int rc = bond_parse_args(ctx, it, end, a)) return rc;
          req.link.bond = a;
          return 0;
        },
    .print_text = bond_text,
    .print_json = bond_json,
};

}  // namespace uvn::cli
