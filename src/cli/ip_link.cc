#include "cli/ip_link.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "base/strings.h"
#include "cli/bridge_port_args.h"
#include "cli/ip_errors.h"
#include "cli/json_writer.h"
#include "cli/link_bond.h"
#include "cli/link_kind.h"
#include "cli/link_print.h"

namespace uvn::cli {

namespace {

// iproute2's check_altifname / check_ifname.
bool bad_altifname(std::string_view s) {
  if (s.empty()) return true;
  for (char c : s)
    if (c == '/' || std::isspace(static_cast<unsigned char>(c))) return true;
  return false;
}
bool bad_ifname(std::string_view s) { return s.size() >= 16 || bad_altifname(s); }

// get_integer: strtol base 0, whole string, int range.
std::optional<int64_t> get_integer(std::string_view s) {
  auto v = parse_int(s);
  if (!v || *v < INT32_MIN || *v > INT32_MAX) return std::nullopt;
  return v;
}

// get_unsigned as iproute2 uses it for txqueuelen: strtoul, so "-1" wraps.
std::optional<uint32_t> get_unsigned_wrap(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string str(s);
  char* end = nullptr;
  errno = 0;
  unsigned long v = strtoul(str.c_str(), &end, 0);
  if (errno || *end || (v > UINT32_MAX && v < ULONG_MAX - UINT32_MAX)) return std::nullopt;
  return uint32_t(v);
}

int usage_link(Context& ctx) {
  ctx.err +=
      "Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"
      "\t\t    [ txqueuelen PACKETS ]\n"
      "\t\t    [ address LLADDR ]\n"
      "\t\t    [ broadcast LLADDR ]\n"
      "\t\t    [ mtu MTU ] [index IDX ]\n"
      "\t\t    [ numtxqueues QUEUE_COUNT ]\n"
      "\t\t    [ numrxqueues QUEUE_COUNT ]\n"
      "\t\t    [ netns { PID | NAME } ]\n"
      "\t\t    type TYPE [ ARGS ]\n"
      "\n"
      "\tip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]\n"
      "\n"
      "\tip link set { DEVICE | dev DEVICE | group DEVGROUP }\n"
      "\t\t\t[ { up | down } ]\n"
      "\t\t\t[ type TYPE ARGS ]\n"
      "\t\t[ arp { on | off } ]\n"
      "\t\t[ multicast { on | off } ]\n"
      "\t\t[ allmulticast { on | off } ]\n"
      "\t\t[ promisc { on | off } ]\n"
      "\t\t[ name NEWNAME ]\n"
      "\t\t[ address LLADDR ]\n"
      "\t\t[ broadcast LLADDR ]\n"
      "\t\t[ mtu MTU ]\n"
      "\t\t[ netns { PID | NAME } ]\n"
      "\t\t[ alias NAME ]\n"
      "\t\t[ group GROUP ]\n"
      "\t\t[ master DEVICE ][ nomaster ]\n"
      "\n"
      "\tip link show [ DEVICE | group GROUP ] [up] [master DEV] [type TYPE]\n"
      "\n"
      "TYPE := { dummy | tun | veth | vlan }\n";
  return kExitUsage;
}

}  // namespace

int parse_lladdr_bytes(Context& ctx, std::string_view s, std::vector<uint8_t>& out) {
  out.clear();
  for (auto& p : split(s, ':')) {
    char* end = nullptr;
    unsigned long v = strtoul(p.c_str(), &end, 16);
    if (end == p.c_str() || v > 255 || out.size() >= kMaxLladdrLen) {
      // ll_addr_a2n names the part it could not read.
      ctx.err += fmt::format("\"{}\" is invalid lladdr.\n", p);
      return 1;
    }
    out.push_back(uint8_t(v));
  }
  return 0;
}

int parse_lladdr(Context& ctx, std::string_view s, MacAddr& out) {
  std::vector<uint8_t> bytes;
  if (int rc = parse_lladdr_bytes(ctx, s, bytes)) return rc;
  if (bytes.size() != 6) {
    ctx.err += fmt::format("Invalid address length {} - must be 6 bytes\n", bytes.size());
    return 1;
  }
  for (int i = 0; i < 6; ++i) out.b[i] = bytes[i];
  return 0;
}

int parse_link_args(Context& ctx, ArgIt it, ArgIt end, ParsedLink& out, bool is_add) {
  auto& s = out.spec;
  auto next = [&]() -> bool { return ++it != end; };
  auto on_off = [&](std::string_view key, std::optional<bool>& field) -> int {
    if (!next()) return incomplete(ctx);
    bool v;
    if (!parse_on_off(*it, v)) return on_off_error(ctx, key, *it);
    field = v;
    return 0;
  };
  std::optional<bool> unused;
  for (; it != end; ++it) {
    const std::string& a = *it;
    if (a == "up") {
      s.up = true;
    } else if (a == "down") {
      s.up = false;
    } else if (a == "name") {
      if (!next()) return incomplete(ctx);
      if (s.name) return duparg(ctx, "name", *it);
      if (bad_ifname(*it)) return invarg(ctx, "\"name\" not a valid ifname", *it);
      s.name = *it;
    } else if (a == "index") {
      if (!next()) return incomplete(ctx);
      if (!get_integer(*it) || *get_integer(*it) < 0)
        return invarg(ctx, "Invalid \"index\" value", *it);
    } else if (matches(a, "link")) {
      if (!next()) return incomplete(ctx);
      out.link = *it;  // the lower device of a stacked kind (vlan)
    } else if (matches(a, "address")) {
      if (!next()) return incomplete(ctx);
      MacAddr m;
      if (int rc = parse_lladdr(ctx, *it, m)) return rc;
      s.address = m;
    } else if (matches(a, "broadcast") || a == "brd") {
      if (!next()) return incomplete(ctx);
      MacAddr m;
      if (int rc = parse_lladdr(ctx, *it, m)) return rc;
      s.broadcast = m;
    } else if (matches(a, "txqueuelen") || a == "qlen" || matches(a, "txqlen")) {
      if (!next()) return incomplete(ctx);
      if (s.txqlen) return duparg(ctx, "txqueuelen", *it);
      auto v = get_unsigned_wrap(*it);
      if (!v) return invarg(ctx, "Invalid \"txqueuelen\" value\n", *it);
      s.txqlen = *v;
    } else if (a == "mtu") {
      if (!next()) return incomplete(ctx);
      if (s.mtu) return duparg(ctx, "mtu", *it);
      auto v = get_integer(*it);
      if (!v) return invarg(ctx, "Invalid \"mtu\" value\n", *it);
      s.mtu = *v;
    } else if (a == "netns") {
      if (!next()) return incomplete(ctx);
      if (s.netns) return duparg(ctx, "netns", *it);
      if (!ctx.world.find_netns(*it) || it->empty())
        return invarg(ctx, "Invalid \"netns\" value\n", *it);
      s.netns = *it;
    } else if (matches(a, "multicast")) {
      std::optional<bool> v;
      if (int rc = on_off("multicast", v)) return rc;
      s.multicast = v;
    } else if (matches(a, "allmulticast")) {
      if (int rc = on_off("allmulticast", s.allmulti)) return rc;
    } else if (matches(a, "promisc")) {
      if (int rc = on_off("promisc", s.promisc)) return rc;
    } else if (matches(a, "trailers")) {
      if (int rc = on_off("trailers", unused)) return rc;
    } else if (matches(a, "arp")) {
      if (int rc = on_off("arp", s.arp)) return rc;
    } else if (matches(a, "carrier")) {
      if (int rc = on_off("carrier", s.carrier)) return rc;
    } else if (matches(a, "master")) {
      if (!next()) return incomplete(ctx);
      Netns* ns = ctx.ns;
      if (!ns->find(*it)) return invarg(ctx, "Device does not exist\n", *it);
      s.master = *it;
    } else if (matches(a, "nomaster")) {
      s.master = std::string();
    } else if (matches(a, "dynamic")) {
      if (int rc = on_off("dynamic", unused)) return rc;
    } else if (matches(a, "type")) {
      if (!next()) return incomplete(ctx);
      out.kind = *it;
      out.has_type = true;
      out.kind_args = it + 1;
      out.kind_end = end;
      return 0;
    } else if (a == "addrgenmode") {
      if (!next()) return incomplete(ctx);
      static constexpr std::string_view kModes[] = {"eui64", "none", "stable_secret", "random"};
      auto m = std::find(std::begin(kModes), std::end(kModes), *it);
      if (m == std::end(kModes)) return invarg(ctx, "Invalid address generation mode\n", *it);
      s.addrgenmode = uint8_t(m - std::begin(kModes));
    } else if (matches(a, "alias")) {
      if (!next()) return incomplete(ctx);
      if (it->size() >= 256) return invarg(ctx, "alias too long\n", *it);
      s.alias = *it;
    } else if (matches(a, "group")) {
      if (!next()) return incomplete(ctx);
      if (*it == "default") {
        s.group = 0;
      } else {
        auto v = parse_uint(*it, INT32_MAX);
        if (!v) return invarg(ctx, "Invalid \"group\" value\n", *it);
        s.group = uint32_t(*v);
      }
    } else if (matches(a, "numtxqueues")) {
      if (!next()) return incomplete(ctx);
      auto v = parse_uint(*it, UINT32_MAX);
      if (!v) return invarg(ctx, "Invalid \"numtxqueues\" value\n", *it);
      s.numtxqueues = uint32_t(*v);
    } else if (matches(a, "numrxqueues")) {
      if (!next()) return incomplete(ctx);
      auto v = parse_uint(*it, UINT32_MAX);
      if (!v) return invarg(ctx, "Invalid \"numrxqueues\" value\n", *it);
      s.numrxqueues = uint32_t(*v);
    } else {
      if (a == "dev") {
        if (!next()) return incomplete(ctx);
      } else if (matches(a, "help")) {
        return usage_link(ctx);
      }
      if (!out.dev.empty()) return duparg2(ctx, "dev", *it);
      if (bad_altifname(*it)) return invarg(ctx, "\"dev\" not a valid ifname", *it);
      out.dev = *it;
    }
  }
  (void)is_add;
  return 0;
}

namespace {

int link_add(Context& ctx, ArgIt it, ArgIt end) {
  ParsedLink p;
  if (int rc = parse_link_args(ctx, it, end, p, true)) return rc;
  if (!p.has_type) return fail(ctx, 1, "Not enough information: \"type\" argument is required");
  ctl::LinkAddRequest req;
  req.link = p.spec;
  if (!p.dev.empty()) {
    if (req.link.name) return duparg2(ctx, "name", p.dev);
    req.link.name = p.dev;
  }
  req.kind = p.kind;
  if (const LinkKind* k = find_link_kind(p.kind); k && k->parse) {
    if (int rc = k->parse(ctx, p.kind_args, p.kind_end, req)) return rc;
  }
  if (!p.link.empty()) {
    if (!ctx.ns->find(p.link)) return no_device(ctx, p.link);
    req.lower = p.link;
  }
  auto st = ctl::link_add(ctx.world, *ctx.ns, req);
  return st ? 0 : kernel_error(ctx, st.error());
}

// Parses the arguments of `set`/`del` and finds the device they name; returns 0 with `dev`
// set, or the exit status (message written).
int parse_existing(Context& ctx, ArgIt it, ArgIt end, ParsedLink& p, Device*& dev) {
  if (int rc = parse_link_args(ctx, it, end, p, false)) return rc;
  if (p.dev.empty())
    return fail(ctx, kExitUsage, "Not enough information: \"dev\" argument is required.");
  dev = ctx.ns->find(p.dev);
  return dev ? 0 : no_device(ctx, p.dev);
}

int link_set(Context& ctx, ArgIt it, ArgIt end) {
  ParsedLink p;
  Device* dev = nullptr;
  if (int rc = parse_existing(ctx, it, end, p, dev)) return rc;
  if (p.has_type) {
    // `type KIND ARGS` on set: the kind's options (bridge, vlan) or a port's (bridge_slave).
    p.spec.type_given = true;
    p.spec.set_kind = p.kind;
    if (p.kind == "bridge") {
      if (int rc = parse_bridge_args(ctx, p.kind_args, p.kind_end, p.spec.bridge_opts)) return rc;
    } else if (p.kind == "bridge_slave") {
      ctl::PortSet ps;
      if (int rc = parse_port_args(ctx, p.kind_args, p.kind_end, PortGrammar::kIpLink, ps))
        return rc;
      p.spec.slave = ps;
    } else if (p.kind == "bond" && p.kind_args != p.kind_end) {
      // Without arguments iproute2 sends no kind data, which the kernel accepts on any device.
      ctl::BondArgs a;
      if (int rc = bond_parse_args(ctx, p.kind_args, p.kind_end, a)) return rc;
      p.spec.bond = a;
    } else if (p.kind == "bond_slave" && p.kind_args != p.kind_end) {
      ctl::BondSlaveArgs a;
      if (int rc = bond_slave_parse_args(ctx, p.kind_args, p.kind_end, a)) return rc;
      p.spec.bond_slave = a;
    } else if (p.kind == "vlan") {
      ctl::VlanArgs a;
      if (int rc = vlan_parse_args(ctx, p.kind_args, p.kind_end, a)) return rc;
      p.spec.vlan = a;
    } else if (p.kind == "veth" && p.kind_args != p.kind_end && *p.kind_args == "peer") {
      // On set, iproute2 looks the peer's name up as an existing device; the kernel then
      // refuses the veth data (no device kind here changes a peer).
      ParsedLink peer;
      if (int rc = parse_link_args(ctx, p.kind_args + 1, p.kind_end, peer, false)) return rc;
      std::string name = peer.spec.name.value_or(peer.dev);
      if (!name.empty() && !ctx.ns->find(name)) return no_device(ctx, name);
      return kernel_error(ctx, Error::errno_only(EOPNOTSUPP));
    }
  }
  auto st = ctl::link_set(ctx.world, *ctx.ns, *dev, p.spec);
  return st ? 0 : kernel_error(ctx, st.error());
}

int link_del(Context& ctx, ArgIt it, ArgIt end) {
  ParsedLink p;
  Device* dev = nullptr;
  if (int rc = parse_existing(ctx, it, end, p, dev)) return rc;
  auto st = ctl::link_del(ctx.world, *ctx.ns, *dev);
  return st ? 0 : kernel_error(ctx, st.error());
}

}  // namespace

int ip_link_show(Context& ctx, ArgIt it, ArgIt end) {
  std::string dev_name, kind, master;
  bool up_only = false, has_kind = false, has_master = false;
  std::optional<uint32_t> group;
  for (; it != end; ++it) {
    const std::string& a = *it;
    if (a == "up") {
      up_only = true;
    } else if (a == "type") {
      if (++it == end) return incomplete(ctx);
      kind = *it;
      has_kind = true;
    } else if (a == "master") {
      if (++it == end) return incomplete(ctx);
      Device* m = ctx.ns->find(*it);
      if (!m) return invarg(ctx, "Device does not exist\n", *it);
      master = *it;
      has_master = true;
    } else if (a == "group") {
      if (++it == end) return incomplete(ctx);
      auto v = *it == "default" ? std::optional<uint64_t>(0) : parse_uint(*it, INT32_MAX);
      if (!v) return invarg(ctx, "Invalid \"group\" value\n", *it);
      group = uint32_t(*v);
    } else {
      if (a == "dev") {
        if (++it == end) return incomplete(ctx);
      } else if (matches(a, "help")) {
        return usage_link(ctx);
      }
      if (!dev_name.empty()) return duparg2(ctx, "dev", *it);
      dev_name = *it;
    }
  }
  std::vector<const Device*> devs;
  if (!dev_name.empty()) {
    Device* d = ctx.ns->find(dev_name);
    if (!d) return no_such_device(ctx, dev_name);
    devs.push_back(d);
  } else {
    for (auto& [i, d] : ctx.ns->devices()) devs.push_back(d.get());
  }
  std::erase_if(devs, [&](const Device* d) {
    if (up_only && !d->is_up()) return true;
    if (has_kind && d->kind() != kind) return true;
    if (has_master && (!d->master() || d->master()->name() != master)) return true;
    if (group && d->group != *group) return true;
    return false;
  });
  if (ctx.opt.json) {
    JsonWriter jw(ctx.opt.pretty);
    jw.start_array();
    for (const Device* d : devs) {
      jw.start_object();
      link_json(ctx, *d, LinkView::kLink, jw);
      jw.end_object();
    }
    jw.end_array();
    ctx.out += jw.str() + "\n";
    return 0;
  }
  for (const Device* d : devs) {
    if (ctx.opt.brief) {
      ctx.out += link_brief(ctx, *d, LinkView::kLink) + "\n";
    } else {
      std::string t = link_text(ctx, *d, LinkView::kLink);
      ctx.out += ctx.opt.oneline ? oneline(t) : t;
    }
  }
  return 0;
}

int ip_link(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return ip_link_show(ctx, it, end);
  const std::string& cmd = *it++;
  if (matches(cmd, "add")) return link_add(ctx, it, end);
  if (matches(cmd, "set") || matches(cmd, "change")) return link_set(ctx, it, end);
  if (matches(cmd, "delete")) return link_del(ctx, it, end);
  if (matches(cmd, "show") || matches(cmd, "lst") || matches(cmd, "list"))
    return ip_link_show(ctx, it, end);
  if (matches(cmd, "xstats")) return ip_link_xstats(ctx, it, end);
  if (matches(cmd, "afstats")) return ip_link_afstats(ctx, it, end);
  if (matches(cmd, "help")) {
    // `ip link help TYPE`: the kind's own usage, on stdout.
    if (it != end)
      if (auto h = link_kind_help(*it); !h.empty()) {
        ctx.out += h;
        return 0;
      }
    return usage_link(ctx);
  }
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"ip link help\".\n", cmd);
  return kExitUsage;
}

}  // namespace uvn::cli
