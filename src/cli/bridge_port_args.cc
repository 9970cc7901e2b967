#include "cli/bridge_port_args.h"

#include <fmt/format.h>

#include <cstdlib>
#include <optional>
#include <span>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_link.h"

namespace uvn::cli {

namespace {

struct PortKeyword {
  std::string_view word;
  BridgePortOpt opt;
};
constexpr PortKeyword kPortOnOff[] = {
    {"hairpin", kBpHairpin},         {"guard", kBpGuard},
    {"root_block", kBpRootBlock},    {"fastleave", kBpFastleave},
    {"mcast_fast_leave", kBpFastleave}, {"learning", kBpLearning},
    {"flood", kBpFlood},             {"mcast_flood", kBpMcastFlood},
    {"bcast_flood", kBpBcastFlood},  {"mcast_to_unicast", kBpMcastToUnicast},
    {"proxy_arp", kBpProxyArp},      {"proxy_arp_wifi", kBpProxyArpWifi},
    {"neigh_suppress", kBpNeighSuppress}, {"neigh_vlan_suppress", kBpNeighVlanSuppress},
    {"vlan_tunnel", kBpVlanTunnel},  {"isolated", kBpIsolated},
    {"locked", kBpLocked},           {"mab", kBpMab},
    {"edge", kBpEdge},
};

std::optional<uint64_t> state_value(std::string_view s) {
  constexpr std::string_view kNames[] = {"disabled", "listening", "learning", "forwarding",
                                         "blocking"};
  for (size_t i = 0; i < 5; ++i)
    if (s == kNames[i]) return i;
  return std::nullopt;
}

// C's atoi as glibc has it: strtol's prefix (no digits: 0, out of range: clamped), as a long.
long parse_atoi(const std::string& s) { return std::strtol(s.c_str(), nullptr, 10); }

// `ip link ... type bridge_slave help` (stderr, exit 1): iproute2 6.1's list, as recorded.
int bridge_slave_usage(Context& ctx) {
  constexpr std::string_view kOpts[] = {
      "state STATE", "priority PRIO", "cost COST", "guard {on | off}", "hairpin {on | off}",
      "fastleave {on | off}", "root_block {on | off}", "learning {on | off}",
      "flood {on | off}", "proxy_arp {on | off}", "proxy_arp_wifi {on | off}",
      "mcast_router MULTICAST_ROUTER", "mcast_fast_leave {on | off}", "mcast_flood {on | off}",
      "bcast_flood {on | off}", "mcast_to_unicast {on | off}", "group_fwd_mask MASK",
      "neigh_suppress {on | off}", "vlan_tunnel {on | off}", "isolated {on | off}",
      "locked {on | off}", "backup_port DEVICE ] [ nobackup_port"};
  ctx.err += "Usage: ... bridge_slave [ fdb_flush ]\n";
  for (std::string_view o : kOpts) ctx.err += fmt::format("\t\t\t[ {} ]\n", o);
  return 1;
}

// iproute2's parse_one_of: the value must be one of `names` exactly; otherwise
// `Error: argument of "KEY" must be one of "A", "B", not "X"`.
std::optional<uint64_t> one_of(Context& ctx, std::string_view key, std::string_view value,
                               std::span<const std::string_view> names) {
  for (size_t i = 0; i < names.size(); ++i)
    if (value == names[i]) return i;
  std::string list;
  for (std::string_view n : names) list += fmt::format("\"{}\", ", n);
  ctx.err += fmt::format("Error: argument of \"{}\" must be one of {}not \"{}\"\n", key, list,
                         value);
  return std::nullopt;
}

}  // namespace

int parse_port_args(Context& ctx, ArgIt it, ArgIt end, PortGrammar g, ctl::PortSet& out,
                    BridgeLinkFlags* flags) {
  bool bl = g == PortGrammar::kBridgeLink;
  BridgeLinkFlags ignored;
  if (!flags) flags = &ignored;
  for (; it != end; ++it) {
    const std::string& w = *it;
    bool matched = false;
    for (auto& k : kPortOnOff) {
      if (w != k.word) continue;
      matched = true;
      if (++it == end) return incomplete(ctx);
      bool v;
      if (!parse_on_off(*it, v)) {
        ctx.err += fmt::format(
            "Error: argument of \"{}\" must be one of \"off\", \"on\", not \"{}\"\n", k.word, *it);
        return bl ? 234 : 1;
      }
      out.opts.push_back({k.opt, v});
      break;
    }
    if (matched) continue;
    if (w == "p2p") {
      // uvn's RSTP extension: adminPointToPointMAC.
      if (++it == end) return incomplete(ctx);
      auto v = one_of(ctx, w, *it, kBridgePortOptionTable.specs()[kBpP2p].names);
      if (!v) return bl ? 234 : 1;
      out.opts.push_back({kBpP2p, *v});
    } else if (w == "priority" || w == "cost" || w == "mcast_router" || w == "group_fwd_mask" ||
        w == "mcast_max_groups" || w == "backup_nhid") {
      if (++it == end) return incomplete(ctx);
      BridgePortOpt o = w == "priority" ? kBpPriority
                        : w == "cost" ? kBpCost
                        : w == "mcast_router" ? kBpMcastRouter
                        : w == "group_fwd_mask" ? kBpGroupFwdMask
                        : w == "mcast_max_groups" ? kBpMcastMaxGroups
                                                  : kBpBackupNhid;
      if (bl && (o == kBpCost || o == kBpPriority)) {
        // `bridge link` reads these as C's atoi (no digits: 0) and leaves cost 0 out.
        int32_t n = int32_t(uint32_t(parse_atoi(*it)));
        if (o == kBpPriority && n >= 0) out.opts.push_back({o, uint16_t(n)});
        if (o == kBpCost && n > 0) out.opts.push_back({o, uint64_t(n)});
        continue;
      }
      // ip reads each by its attribute's width and leaves the ranges to the kernel.
      uint64_t width = o == kBpMcastRouter                         ? UINT8_MAX
                       : o == kBpPriority || o == kBpGroupFwdMask ? UINT16_MAX
                                                                   : UINT32_MAX;
      auto v = parse_uint(*it, bl ? UINT32_MAX : width);
      if (!v)
        return invarg(ctx,
                      o == kBpMcastRouter || o == kBpGroupFwdMask
                          ? fmt::format("invalid {}", w)
                          : fmt::format("{} is invalid", w),
                      *it);
      out.opts.push_back({o, *v});
    } else if (w == "state") {
      if (++it == end) return incomplete(ctx);
      auto v = parse_uint(*it, 255);
      if (!v && bl) v = state_value(*it);
      if (!v) {
        if (bl) return fail(ctx, kExitUsage, "Error: invalid STP port state");
        return invarg(ctx, "state is invalid", *it);
      }
      out.opts.push_back({kBpState, *v});
    } else if (w == "backup_port") {
      if (++it == end) return incomplete(ctx);
      if (!ctx.ns->find(*it)) {
        if (bl) return fail(ctx, kExitUsage, fmt::format("Error: device {} does not exist", *it));
        return invarg(ctx, "Device does not exist\n", *it);
      }
      out.backup_port = *it;
    } else if (w == "nobackup_port") {
      out.backup_port = std::string();
    } else if (bl && (w == "self" || w == "master")) {
      (w == "self" ? flags->self : flags->master) = true;
    } else if (bl && w == "hwmode") {
      if (++it == end) return incomplete(ctx);
      if (*it != "vepa" && *it != "veb")
        return fail(ctx, kExitUsage, "Mode argument must be \"vepa\" or \"veb\".");
      flags->hwmode = true;
    } else {
      if (bl) return bridge_link_usage(ctx);
      if (w != "help") ctx.err += fmt::format("bridge_slave: unknown option \"{}\"?\n", w);
      return bridge_slave_usage(ctx);
    }
  }
  return 0;
}

// iproute2 6.1's text, as recorded (it predates mab, which uvn takes all the same).
int bridge_link_usage(Context& ctx) {
  ctx.err +=
      "Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]\n"
      "                               [ guard {on | off} ]\n"
      "                               [ hairpin {on | off} ]\n"
      "                               [ fastleave {on | off} ]\n"
      "                               [ root_block {on | off} ]\n"
      "                               [ learning {on | off} ]\n"
      "                               [ learning_sync {on | off} ]\n"
      "                               [ flood {on | off} ]\n"
      "                               [ mcast_router MULTICAST_ROUTER ]\n"
      "                               [ mcast_flood {on | off} ]\n"
      "                               [ bcast_flood {on | off} ]\n"
      "                               [ mcast_to_unicast {on | off} ]\n"
      "                               [ neigh_suppress {on | off} ]\n"
      "                               [ vlan_tunnel {on | off} ]\n"
      "                               [ isolated {on | off} ]\n"
      "                               [ locked {on | off} ]\n"
      "                               [ hwmode {vepa | veb} ]\n"
      "                               [ backup_port DEVICE ] [ nobackup_port ]\n"
      "                               [ self ] [ master ]\n"
      "       bridge link show [dev DEV]\n";
  return kExitUsage;
}

namespace {

// `ip link ... type bridge help` (stderr, exit 1): iproute2 6.1's list, as recorded. (Newer
// iproute2 also lists stp_mode after stp_state; the recording is kept.)
int bridge_usage(Context& ctx) {
  constexpr std::string_view kOpts[] = {
      "forward_delay FORWARD_DELAY", "hello_time HELLO_TIME", "max_age MAX_AGE",
      "ageing_time AGEING_TIME", "stp_state STP_STATE", "priority PRIORITY",
      "group_fwd_mask MASK", "group_address ADDRESS",
      "no_linklocal_learn NO_LINKLOCAL_LEARN", "vlan_filtering VLAN_FILTERING",
      "vlan_protocol VLAN_PROTOCOL", "vlan_default_pvid VLAN_DEFAULT_PVID",
      "vlan_stats_enabled VLAN_STATS_ENABLED", "vlan_stats_per_port VLAN_STATS_PER_PORT",
      "mcast_snooping MULTICAST_SNOOPING", "mcast_vlan_snooping MULTICAST_VLAN_SNOOPING",
      "mcast_router MULTICAST_ROUTER", "mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR",
      "mcast_querier MULTICAST_QUERIER", "mcast_hash_elasticity HASH_ELASTICITY",
      "mcast_hash_max HASH_MAX", "mcast_last_member_count LAST_MEMBER_COUNT",
      "mcast_startup_query_count STARTUP_QUERY_COUNT",
      "mcast_last_member_interval LAST_MEMBER_INTERVAL",
      "mcast_membership_interval MEMBERSHIP_INTERVAL",
      "mcast_querier_interval QUERIER_INTERVAL", "mcast_query_interval QUERY_INTERVAL",
      "mcast_query_response_interval QUERY_RESPONSE_INTERVAL",
      "mcast_startup_query_interval STARTUP_QUERY_INTERVAL",
      "mcast_stats_enabled MCAST_STATS_ENABLED", "mcast_igmp_version IGMP_VERSION",
      "mcast_mld_version MLD_VERSION", "nf_call_iptables NF_CALL_IPTABLES",
      "nf_call_ip6tables NF_CALL_IP6TABLES", "nf_call_arptables NF_CALL_ARPTABLES"};
  ctx.err += "Usage: ... bridge [ fdb_flush ]\n";
  for (std::string_view o : kOpts) ctx.err += fmt::format("\t\t  [ {} ]\n", o);
  ctx.err += "\nWhere: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n";
  return 1;
}

}  // namespace

int parse_bridge_args(Context& ctx, ArgIt it, ArgIt end, ctl::BridgeOptList& out) {
  for (; it != end; ++it) {
    const std::string& w = *it;
    int idx = kBridgeOptionTable.find(w);
    if (idx < 0 || kBridgeOptionTable.specs()[size_t(idx)].read_only) {
      if (w == "help") return bridge_usage(ctx);
      ctx.err += fmt::format("bridge: unknown command \"{}\"?\n", w);
      return bridge_usage(ctx);
    }
    if (++it == end) return incomplete(ctx);
    const OptionSpec& s = kBridgeOptionTable.specs()[size_t(idx)];
    if (s.type == OptType::kMac) {
      MacAddr m;
      if (int rc = parse_lladdr(ctx, *it, m)) return rc;
      out.push_back({BridgeOpt(idx), m.as_u64()});
      continue;
    }
    std::optional<uint64_t> v;
    if (idx == kBrStpMode) {
      // Names only (newer iproute2 parses it with parse_one_of).
      v = one_of(ctx, w, *it, s.names);
      if (!v) return 1;
    } else if (s.type == OptType::kEnum) {
      v = kBridgeOptionTable.parse(size_t(idx), *it);
    } else {
      // iproute2 parses numbers by width (u8/u16/u32) and leaves ranges to the kernel.
      uint64_t width = s.max <= 1 ? 255 : s.max <= 0xff ? 255 : s.max <= 0xffff ? 0xffff
                                                                               : UINT32_MAX;
      if (w == "mcast_router") width = 255;
      v = parse_uint(*it, width);
    }
    if (!v) return invarg(ctx, fmt::format("invalid {}", w), *it);
    out.push_back({BridgeOpt(idx), *v});
  }
  return 0;
}

}  // namespace uvn::cli
