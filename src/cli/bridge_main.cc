// `bridge` global options and object dispatch; `bridge link` (show, set).
#include <fmt/format.h>

#include <fstream>

#include "base/strings.h"
#include "cli/batch.h"
#include "cli/bridge.h"
#include "cli/ip.h"
#include "cli/bridge_port_args.h"
#include "cli/ip_errors.h"
#include "cli/json_writer.h"
#include "cli/link_print.h"
#include "world/netns.h"

namespace uvn::cli {

int bridge_fdb(Context& ctx, ArgIt it, ArgIt end);
int bridge_mdb(Context& ctx, ArgIt it, ArgIt end);
int bridge_monitor(Context& ctx, ArgIt it, ArgIt end);
int bridge_vlan(Context& ctx, ArgIt it, ArgIt end);

namespace {

int bridge_object(Context& ctx, const Args& args, size_t i);
int bridge_batch(Context& ctx, const std::string& file);

// iproute2's matches_color: -color[=always|auto|never], any prefix of -color.
bool matches_color(const std::string& opt) {
  auto eq = opt.find('=');
  if (!matches(opt.substr(0, eq), "-color")) return false;
  if (eq == std::string::npos) return true;
  std::string v = opt.substr(eq + 1);
  return v == "always" || v == "auto" || v == "never";
}

int usage(Context& ctx) {
  ctx.err +=
      "Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n"
      "       bridge [ -force ] -batch filename\n"
      "where  OBJECT := { link | fdb | mdb | vlan | monitor }\n"
      "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n"
      "                    -o[neline] | -t[imestamp] | -n[etns] name |\n"
      "                    -c[ompressvlans] -color -p[retty] -j[son] }\n";
  return kExitUsage;
}

// `bridge link` names a port's IFLA_LINK peer by looking its index up in the current
// namespace, as iproute2 does (so a peer in another namespace may show as a local name).
// The kernel leaves IFLA_LINK out of AF_BRIDGE messages when the peer's index equals the
// port's own (br_fill_ifinfo), so such a port shows no "@PEER".
const Device* bridge_msg_link(const Device& d) {
  const Device* l = d.link();
  return l && l->ifindex() != d.ifindex() ? l : nullptr;
}

std::string port_display_name(Context& ctx, const Device& d) {
  const Device* l = bridge_msg_link(d);
  if (!l) return d.name();
  if (const Device* local = ctx.ns->find(l->ifindex())) return d.name() + "@" + local->name();
  return fmt::format("{}@if{}", d.name(), l->ifindex());
}

constexpr BridgePortOpt kDetail[] = {kBpHairpin,       kBpGuard,          kBpRootBlock,
                                     kBpFastleave,     kBpLearning,       kBpFlood,
                                     kBpMcastFlood,    kBpBcastFlood,     kBpMcastRouter,
                                     kBpMcastToUnicast, kBpNeighSuppress, kBpNeighVlanSuppress,
                                     kBpNeighForwardGrat, kBpVlanTunnel,  kBpIsolated,
                                     kBpLocked,        kBpMab};

int link_show(Context& ctx, ArgIt it, ArgIt end) {
  std::string only;
  for (; it != end; ++it) {
    if (*it == "dev") {
      if (++it == end) return incomplete(ctx);
      only = *it;
    }
  }
  if (!only.empty() && !ctx.ns->find(only))
    return fail(ctx, kExitUsage, fmt::format("Cannot find device \"{}\"", only));
  JsonWriter jw(ctx.opt.pretty);
  if (ctx.opt.json) jw.start_array();
  for (auto& [idx, d] : ctx.ns->devices()) {
    auto* br = dynamic_cast<BridgeDevice*>(d->master());
    if (!br || (!only.empty() && d->name() != only)) continue;
    BridgePort* p = br->port_of(*d);
    br->kind_options();  // refresh status
    const OptionTable& t = kBridgePortOptionTable;
    std::string flags = flags_text(ctx, *d);
    if (const Device* l = bridge_msg_link(*d); l && l->ctx() != d->ctx()) {
      // The looked-up namesake decides M-DOWN, as in iproute2.
      const Device* local = ctx.ns->find(l->ifindex());
      if (local && !local->is_up() && flags.find("M-DOWN") == std::string::npos)
        flags.insert(flags.size() - 1, ",M-DOWN");
    }
    if (ctx.opt.json) {
      jw.start_object();
      jw.member("ifindex", d->ifindex());
      if (const Device* l = bridge_msg_link(*d)) {
        if (const Device* local = ctx.ns->find(l->ifindex()))
          jw.member("link", local->name());
        else
          jw.member("link_index", l->ifindex());
      }
      jw.member("ifname", d->name());
      jw.key("flags");
      jw.start_array();
      for (auto& f : split(flags.substr(1, flags.size() - 2), ','))
        if (!f.empty()) jw.value(f);
      jw.end_array();
      jw.member("mtu", d->mtu());
      jw.member("master", br->name());
      jw.member("state", t.format(kBpState, p->state()));
      jw.member("priority", p->opt(kBpPriority));
      jw.member("cost", p->opt(kBpCost));
      if (ctx.opt.details) {
        for (BridgePortOpt o : kDetail) {
          if (t.specs()[o].type == OptType::kOnOff)
            jw.member(t.specs()[o].name, p->opt(o) != 0);
          else
            jw.member(t.specs()[o].name, p->opt(o));
        }
        if (p->backup_port) jw.member("backup_port", p->backup_port->dev().name());
      }
      jw.end_object();
      continue;
    }
    ctx.out += fmt::format("{}: {}: {} mtu {} master {} state {} priority {} cost {} \n",
                           d->ifindex(), port_display_name(ctx, *d), flags, d->mtu(), br->name(),
                           t.format(kBpState, p->state()), p->opt(kBpPriority),
                           p->opt(kBpCost));
    if (ctx.opt.details) {
      std::string s = "    ";
      for (BridgePortOpt o : kDetail) {
        if (o == kBpIsolated && p->backup_port)
          s += "backup_port " + p->backup_port->dev().name() + " ";
        s += fmt::format("{} {} ", t.specs()[o].name, t.format(o, p->opt(o)));
      }
      ctx.out += s + "\n";
    }
  }
  if (ctx.opt.json) {
    jw.end_array();
    ctx.out += jw.str() + "\n";
  }
  return 0;
}

int link_set(Context& ctx, ArgIt it, ArgIt end) {
  std::string dev;
  Args rest;
  for (; it != end; ++it) {
    if (*it == "dev") {
      if (++it == end) return incomplete(ctx);
      dev = *it;
    } else {
      rest.push_back(*it);
    }
  }
  if (dev.empty()) return fail(ctx, kExitUsage, "Device is a required argument.");
  Device* d = ctx.ns->find(dev);
  if (!d) return fail(ctx, kExitUsage, fmt::format("Cannot find bridge device \"{}\"", dev));
  ctl::PortSet req;
  BridgeLinkFlags to;
  if (int rc = parse_port_args(ctx, rest.begin(), rest.end(), PortGrammar::kBridgeLink, req, &to))
    return rc;
  auto* br = dynamic_cast<BridgeDevice*>(d->master());
  BridgePort* p = br ? br->port_of(*d) : nullptr;
  // hwmode is a `self` setting, and no uvn device takes port settings itself (the kernel's
  // ndo_bridge_setlink): after the master's part (unless only `self`), EOPNOTSUPP.
  bool self_only = to.self && !to.master;
  if (!self_only) {
    if (!p) {
      kernel_error(ctx, Error::errno_only(EOPNOTSUPP));
      return kExitUsage;
    }
    auto st = ctl::bridge_port_set(*ctx.ns, *br, *p, req);
    if (!st) {
      kernel_error(ctx, st.error());
      return kExitUsage;
    }
  }
  if (to.self || to.hwmode) {
    kernel_error(ctx, Error::errno_only(EOPNOTSUPP));
    return kExitUsage;
  }
  return 0;
}

int bridge_link(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return link_show(ctx, it, end);
  const std::string& cmd = *it++;
  if (matches(cmd, "set") || matches(cmd, "change")) return link_set(ctx, it, end);
  if (matches(cmd, "show") || matches(cmd, "lst") || matches(cmd, "list"))
    return link_show(ctx, it, end);
  if (matches(cmd, "help")) return bridge_link_usage(ctx);
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"bridge link help\".\n", cmd);
  return kExitUsage;
}

}  // namespace

int bridge_main(Context& ctx, const Args& args) {
  size_t i = 0;
  while (i < args.size() && args[i].size() > 1 && args[i][0] == '-') {
    std::string opt = args[i];
    if (opt.size() > 2 && opt[1] == '-') opt = opt.substr(1);
    if (matches(opt, "-details")) {
      ++ctx.opt.details;
    } else if (matches(opt, "-statistics")) {
      ++ctx.opt.stats;
    } else if (matches(opt, "-json")) {
      ctx.opt.json = true;
    } else if (matches(opt, "-pretty")) {
      ctx.opt.pretty = true;
    } else if (matches(opt, "-timestamp")) {
      ++ctx.opt.timestamp;
    } else if (matches(opt, "-batch")) {
      if (++i >= args.size()) return usage(ctx);
      ctx.opt.batch = args[i];
    } else if (matches(opt, "-force")) {
      ctx.opt.force = true;
    } else if (matches(opt, "-oneline") || matches_color(opt)) {
      // bridge 6.1 tries -color before -compressvlans, so `-c` is -color (uvn prints no
      // colours); -com[pressvlans] compresses `bridge vlan show`.
    } else if (matches(opt, "-compressvlans")) {
      ctx.opt.compress_vlans = true;
    } else if (matches(opt, "-netns")) {
      if (++i >= args.size())  // iproute2 hands on the missing name as a null pointer
        return fail(ctx, kExitUsage,
                    "Cannot open network namespace \"(null)\": No such file or directory");
      Netns* ns = args[i].empty() ? nullptr : ctx.world.find_netns(args[i]);
      if (!ns)
        return fail(ctx, kExitUsage,
                    fmt::format("Cannot open network namespace \"{}\": No such file or directory",
                                args[i]));
      ctx.ns = ns;
    } else if (matches(opt, "-Version")) {
      ctx.out += "bridge utility, 6.1.0 (uvn " UVN_VERSION ")\n";
      return 0;
    } else if (matches(opt, "-help")) {
      return usage(ctx);
    } else {
      ctx.err += fmt::format("Option \"{}\" is unknown, try \"bridge help\".\n", args[i]);
      return kExitUsage;
    }
    ++i;
  }
  if (!ctx.opt.batch.empty()) return bridge_batch(ctx, ctx.opt.batch);
  return bridge_object(ctx, args, i);
}

namespace {

int bridge_object(Context& ctx, const Args& args, size_t i) {
  if (i >= args.size()) return usage(ctx);
  const std::string& obj = args[i];
  ArgIt it = args.begin() + long(i) + 1, end = args.end();
  if (matches(obj, "link")) return bridge_link(ctx, it, end);
  if (matches(obj, "fdb")) return bridge_fdb(ctx, it, end);
  if (matches(obj, "vlan")) return bridge_vlan(ctx, it, end);
  if (matches(obj, "mdb")) return bridge_mdb(ctx, it, end);
  if (matches(obj, "monitor") && obj != "m") return bridge_monitor(ctx, it, end);  // "m": mdb
  if (matches(obj, "help")) return usage(ctx);
  ctx.err += fmt::format("Object \"{}\" is unknown, try \"bridge help\".\n", obj);
  return kExitUsage;
}

// -batch FILE: one command a line, as `ip -batch`.
int bridge_batch(Context& ctx, const std::string& file) {
  return run_batch_file(ctx, file,
                        [](Context& c, const Args& w) { return bridge_object(c, w, 0); });
}

}  // namespace

}  // namespace uvn::cli
