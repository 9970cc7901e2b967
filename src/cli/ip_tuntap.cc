// `ip tuntap add|del|show|list`. Devices are persistent; in the simulator their process side
// is a TapReader (a simulated VM's NIC: `uvn vm`).
#include <fmt/format.h>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_objects.h"
#include "ctl/link.h"
#include "dev/tap/tap.h"

namespace uvn::cli {

namespace {

int tuntap_usage(Context& ctx) {
  ctx.err +=
      "Usage: ip tuntap { add | del | show | list | lst | help } [ dev PHYS_DEV ]\n"
      "       [ mode { tun | tap } ] [ user USER ] [ group GROUP ]\n"
      "       [ one_queue ] [ pi ] [ vnet_hdr ] [ multi_queue ] [ name NAME ]\n"
      "\n"
      "Where: USER  := { STRING | NUMBER }\n"
      "       GROUP := { STRING | NUMBER }\n";
  return kExitUsage;
}

struct TunArgs {
  std::string name;
  TunOptions opts;
  bool mode_given = false;
};

int parse_tun_args(Context& ctx, ArgIt it, ArgIt end, TunArgs& a) {
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "mode") {
      if (++it == end) return incomplete(ctx);
      if (matches(*it, "tun")) {
        a.opts.tap = false;
      } else if (matches(*it, "tap")) {
        a.opts.tap = true;
      } else {
        return fail(ctx, kExitUsage, fmt::format("Unknown tunnel mode \"{}\"", *it));
      }
      a.mode_given = true;
    } else if (w == "user") {
      if (++it == end) return incomplete(ctx);
      if (*it == "root") {
        a.opts.user = 0;
      } else if (auto v = parse_uint(*it, INT32_MAX)) {
        a.opts.user = long(*v);
      } else {
        return fail(ctx, kExitUsage, fmt::format("invalid user \"{}\"", *it));
      }
    } else if (w == "group") {
      if (++it == end) return incomplete(ctx);
      if (*it == "root") {
        a.opts.group = 0;
      } else if (auto v = parse_uint(*it, INT32_MAX)) {
        a.opts.group = long(*v);
      } else {
        return fail(ctx, kExitUsage, fmt::format("invalid group \"{}\"", *it));
      }
    } else if (w == "pi") {
      a.opts.pi = true;
    } else if (w == "vnet_hdr") {
      a.opts.vnet_hdr = true;
    } else if (w == "multi_queue") {
      a.opts.multi_queue = true;
    } else if (w == "one_queue") {
      a.opts.one_queue = true;
    } else if (w == "help") {
      return tuntap_usage(ctx);
    } else {
      if (w == "dev" || w == "name") {
        if (++it == end) return incomplete(ctx);
      }
      if (!a.name.empty()) return duparg2(ctx, "name", *it);
      if (it->empty() || it->size() >= 16 || it->find('/') != std::string::npos)
        return invarg(ctx, "\"dev\" not a valid ifname", *it);
      a.name = *it;
    }
  }
  return 0;
}

int tuntap_show(Context& ctx) {
  for (auto& [i, d] : ctx.ns->devices()) {
    auto* t = dynamic_cast<const TapDevice*>(d.get());
    if (!t) continue;
    const TunOptions& o = t->options();
    std::string s = d->name() + ":";
    s += o.tap ? " tap" : " tun";
    if (o.pi) s += " pi";
    if (o.one_queue) s += " one_queue";
    if (o.multi_queue) s += " multi_queue";
    if (o.vnet_hdr) s += " vnet_hdr";
    if (o.persist) s += " persist";
    if (o.user >= 0) s += fmt::format(" user {}", o.user);
    if (o.group >= 0) s += fmt::format(" group {}", o.group);
    ctx.out += s + "\n";
  }
  return 0;
}

}  // namespace

int ip_tuntap(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return tuntap_show(ctx);
  const std::string& cmd = *it++;
  if (matches(cmd, "show") || matches(cmd, "list") || cmd == "lst") return tuntap_show(ctx);
  if (matches(cmd, "help")) return tuntap_usage(ctx);
  bool add = matches(cmd, "add");
  bool del = matches(cmd, "delete");
  if (!add && !del) {
    ctx.err += fmt::format("Command \"{}\" is unknown, try \"ip tuntap help\".\n", cmd);
    return kExitUsage;
  }
  TunArgs a;
  if (int rc = parse_tun_args(ctx, it, end, a)) return rc;
  if (!a.mode_given) return fail(ctx, 1, "You failed to specify a tunnel mode");
  Status st = add ? ctl::tuntap_add(ctx.world, *ctx.ns, a.name, a.opts)
                  : ctl::tuntap_del(ctx.world, *ctx.ns, a.name, a.opts);
  if (!st)
    return fail(ctx, 1, fmt::format("ioctl(TUNSETIFF): {}", std::strerror(st.error().code)));
  return 0;
}

}  // namespace uvn::cli
