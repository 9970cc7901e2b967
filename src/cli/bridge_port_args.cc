#include "cli/bridge_port_args.h"

#include <fmt/format.h>

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

int bridge_link_usage(Context& ctx);

}  // namespace

int parse_port_args(Context& ctx, ArgIt it, ArgIt end, PortGrammar g, ctl::PortSet& out) {
  bool bl = g == PortGrammar::kBridgeLink;
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
    if (w == "priority" || w == "cost" || w == "mcast_router" || w == "group_fwd_mask" ||
        w == "mcast_max_groups" || w == "backup_nhid") {
      if (++it == end) return incomplete(ctx);
      auto v = parse_uint(*it, w == "priority" && !bl ? 255 : UINT32_MAX);
      if (!v) return invarg(ctx, fmt::format("{} is invalid", w), *it);
      BridgePortOpt o = w == "priority" ? kBpPriority
                        : w == "cost" ? kBpCost
                        : w == "mcast_router" ? kBpMcastRouter
                        : w == "group_fwd_mask" ? kBpGroupFwdMask
                        : w == "mcast_max_groups" ? kBpMcastMaxGroups
                                                  : kBpBackupNhid;
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
      if (!ctx.ns->find(*it)) return invarg(ctx, "Device does not exist\n", *it);
      out.backup_port = *it;
    } else if (w == "nobackup_port") {
      out.backup_port = std::string();
    } else if (bl && (w == "self" || w == "master")) {
    } else {
      if (bl) return bridge_link_usage(ctx);
      ctx.out += fmt::format("bridge_slave: unknown option \"{}\"?\n", w);
      return 1;
    }
  }
  return 0;
}

namespace {

int bridge_link_usage(Context& ctx) {
  ctx.err +=
      "Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]\n"
      "                               [ guard {on | off} ]\n"
      "                               [ hairpin {on | off} ]\n"
      "                               [ fastleave {on | off} ]\n"
      "                               [ root_block {on | off} ]\n"
      "                               [ learning {on | off} ]\n"
      "                               [ flood {on | off} ]\n"
      "                               [ mcast_router MULTICAST_ROUTER ]\n"
      "                               [ mcast_flood {on | off} ]\n"
      "                               [ bcast_flood {on | off} ]\n"
      "                               [ mcast_to_unicast {on | off} ]\n"
      "                               [ neigh_suppress {on | off} ]\n"
      "                               [ vlan_tunnel {on | off} ]\n"
      "                               [ isolated {on | off} ]\n"
      "                               [ locked {on | off} ]\n"
      "                               [ mab {on | off} ]\n"
      "                               [ backup_port DEVICE ] [ nobackup_port ]\n"
      "                               [ hwmode {vepa | veb} ]\n"
      "                               [ self ] [ master ]\n"
      "       bridge link show [dev DEV]\n";
  return kExitUsage;
}

}  // namespace

int parse_bridge_args(Context& ctx, ArgIt it, ArgIt end, ctl::BridgeOptList& out) {
  for (; it != end; ++it) {
    const std::string& w = *it;
    int idx = kBridgeOptionTable.find(w);
    if (idx < 0 || kBridgeOptionTable.specs()[size_t(idx)].read_only) {
      if (w == "help") {
        ctx.out += "Usage: ... bridge [ forward_delay FORWARD_DELAY ]\n";
        return 1;
      }
      ctx.out += fmt::format("bridge: unknown command \"{}\"?\n", w);
      return 1;
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
    if (s.type == OptType::kEnum) {
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
