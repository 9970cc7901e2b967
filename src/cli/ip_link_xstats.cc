// `ip link xstats type TYPE [ARGS]` and `ip link afstats [dev DEV]`: extended statistics of
// the devices of a kind (or of the ports of a master kind, `TYPE_slave`), in ifindex order.
// The bridge's are in link_bridge.cc, the bond's (802.3ad counters) in link_bond.cc; team
// comes with its kind. Wording and exit statuses as iproute2 6.1's iplink_xstats.c behaves.
#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_link.h"
#include "cli/json_writer.h"
#include "cli/link_bond.h"
#include "cli/link_bridge.h"

namespace uvn::cli {

namespace {

// Link kinds iproute2 knows (its link_util list): a known kind without xstats is refused
// with "doesn't support xstats", an unknown one is an invalid type.
constexpr std::string_view kKnownKinds[] = {
    "vlan",      "veth",      "vcan",      "vxcan",      "dummy", "ifb",    "macvlan",
    "macvtap",   "ipvlan",    "ipvtap",    "geneve",     "vxlan", "gre",    "gretap",
    "erspan",    "ip6gre",    "ip6gretap", "ip6erspan",  "ipip",  "sit",    "vti",
    "vti6",      "ip6tnl",    "team",      "team_slave", "hsr",   "macsec", "vrf",
    "vrf_slave", "can",       "xfrm",      "bareudp",    "amt",   "gtp",    "netdevsim",
    "rmnet",     "virt_wifi", "wwan",      "nlmon",      "ipoib", "tun"};

int bridge_xstats(Context& ctx, ArgIt it, ArgIt end, bool slave) {
  BridgeXstats which = BridgeXstats::kAll;
  const Device* only = nullptr;
  for (; it != end; ++it) {
    if (*it == "igmp" || *it == "mcast") {
      which = BridgeXstats::kMcast;
    } else if (*it == "stp") {
      which = BridgeXstats::kStp;
    } else if (*it == "dev") {
      if (++it == end) return incomplete(ctx);
      only = ctx.ns->find(*it);
      if (!only) return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", *it));
    } else if (*it == "help") {
      ctx.out +=
          fmt::format("Usage: ... {} [ igmp ] [ dev DEVICE ]\n", slave ? "bridge_slave" : "bridge");
      return 0;
    } else {
      return invarg(ctx, "unknown attribute", *it);
    }
  }
  JsonWriter jw(ctx.opt.pretty);
  if (ctx.opt.json) jw.start_array();
  for (auto& [idx, d] : ctx.ns->devices()) {
    if (only && d.get() != only) continue;
    if (ctx.opt.json)
      bridge_xstats_json(*d, slave, which, jw);
    else
      bridge_xstats_text(*d, slave, which, ctx.out);
  }
  if (ctx.opt.json) {
    jw.end_array();
    ctx.out += jw.str() + "\n";
  }
  return 0;
}

}  // namespace

int ip_link_xstats(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return fail(ctx, kExitUsage, "xstats: missing argument");
  if (matches(*it, "help")) {
    ctx.out += "Usage: ... xstats type TYPE [ ARGS ]\n";
    return 0;
  }
  if (!matches(*it, "type")) return invarg(ctx, "unknown argument", *it);
  if (++it == end) return incomplete(ctx);
  const std::string& kind = *it++;
  if (kind == "bridge" || kind == "bridge_slave")
    return bridge_xstats(ctx, it, end, kind == "bridge_slave");
  if (kind == "bond" || kind == "bond_slave") return bond_xstats(ctx, it, end, kind == "bond_slave");
  if (std::find(std::begin(kKnownKinds), std::end(kKnownKinds), kind) != std::end(kKnownKinds))
    return fail(ctx, kExitUsage, fmt::format("xstats: link type {} doesn't support xstats", kind));
  return invarg(ctx, "invalid type", kind);
}

int ip_link_afstats(Context& ctx, ArgIt it, ArgIt end) {
  // iproute2 prints the MPLS address-family statistics only; uvn has no MPLS, so a device
  // that exists prints nothing, as on the recording machine.
  for (; it != end; ++it) {
    if (*it == "dev") {
      if (++it == end) return incomplete(ctx);
      if (!ctx.ns->find(*it)) return no_device(ctx, *it);
    } else {
      return invarg(ctx, "unknown argument", *it);
    }
  }
  return 0;
}

}  // namespace uvn::cli
