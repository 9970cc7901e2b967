// `dump-config`: the command, the shared helpers, and the phases that are not about devices
// (namespaces, addresses, admin state, routes, neighbours). See cli/dump_config.h.
#include "cli/dump_config.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"
#include "cli/dump_config_internal.h"
#include "cli/ip_errors.h"
#include "dev/bond/bond.h"
#include "dev/team/team.h"
#include "dev/veth/veth.h"
#include "dev/vlan/vlan.h"
#include "world/stack/host_stack.h"

namespace uvn::cli {

namespace dump {

Netns& ns_of(const Device& d) { return *dynamic_cast<Netns*>(d.ctx()); }

std::string ip(const Netns& ns) { return ns.is_init() ? "ip " : "ip -n " + ns.name() + " "; }

std::string bridge(const Netns& ns) {
  return ns.is_init() ? "bridge " : "bridge -n " + ns.name() + " ";
}

std::string exec(const Netns& ns) { return ns.is_init() ? "" : "ip netns exec " + ns.name() + " "; }

std::string quote(std::string_view s) {
  bool plain = !s.empty() && s.find_first_of(" \t\n\r'\"#\\") == std::string_view::npos;
  if (plain) return std::string(s);
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\"'\"'") : std::string(1, c);
  return q + "'";
}

namespace {

// Whether `ip link add|set` would take `name` for one of its keywords rather than a device.
bool keyword_like(std::string_view name) {
  static constexpr std::string_view kPrefixed[] = {
      "link",  "address", "broadcast", "txqueuelen", "txqlen",  "multicast",   "allmulticast",
      "promisc", "trailers", "arp",    "carrier",    "master",  "nomaster",    "dynamic",
      "type",  "alias",   "group",     "numtxqueues", "numrxqueues", "help"};
  static constexpr std::string_view kExact[] = {"up",   "down", "name",  "index",      "brd",
                                                "qlen", "mtu",  "netns", "addrgenmode", "dev"};
  for (auto k : kPrefixed)
    if (matches(name, k)) return true;
  for (auto k : kExact)
    if (name == k) return true;
  return false;
}

}  // namespace

std::string link_set(const Device& dev) {
  return ip(ns_of(dev)) + "link set " + (keyword_like(dev.name()) ? "dev " : "") + dev.name();
}

std::string link_add(const Netns& ns, const std::string& name) {
  return ip(ns) + "link add " + (keyword_like(name) ? "name " : "") + name;
}

std::vector<Netns*> namespaces(World& w) {
  std::vector<Netns*> all{&w.init_ns()};
  for (auto& ns : w.named()) all.push_back(ns.get());
  return all;
}

std::vector<Device*> devices(World& w) {
  std::vector<Device*> all;
  for (Netns* ns : namespaces(w))
    for (auto& [idx, d] : ns->devices()) all.push_back(d.get());
  return all;
}

MacAddr own_mac(const Device& d) {
  if (auto* b = dynamic_cast<const BondDevice*>(d.master()))
    if (const BondSlave* s = b->slave_of(d)) return s->perm_hwaddr;
  if (auto* t = dynamic_cast<const TeamDevice*>(d.master()))
    if (const TeamPort* p = t->port_of(d)) return p->orig_mac;
  return d.mac();
}

uint32_t own_mtu(const Device& d) {
  if (auto* b = dynamic_cast<const BondDevice*>(d.master()))
    if (const BondSlave* s = b->slave_of(d)) return s->original_mtu;
  if (auto* t = dynamic_cast<const TeamDevice*>(d.master()))
    if (const TeamPort* p = t->port_of(d)) return p->orig_mtu;
  return d.mtu();
}

namespace {

// ---------------------------------------------------------------------------------------------
// Namespaces.

// Then the ids each namespace gives the named ones (`link-netnsid`, `ip netns list-id`),
// before any device asks for one; an id for the initial namespace cannot be named.
void dump_namespaces(Dump& d) {
  for (auto& ns : d.world.named()) d.line("ip netns add " + ns->name());
  for (Netns* ns : namespaces(d.world)) {
    std::vector<std::pair<int, const Netns*>> ids;
    for (auto& [other, id] : ns->nsids())
      if (!other->is_init() && other != ns) ids.emplace_back(id, other);
    std::sort(ids.begin(), ids.end());
    for (auto& [id, other] : ids)
      d.line(fmt::format("{}netns set {} {}", ip(*ns), other->name(), id));
  }
}

// ---------------------------------------------------------------------------------------------
// Addresses: the users' ones (not the link-local address made from the MAC or at random,
// nor lo's 127.0.0.1/8 and ::1). IPv4 in list order (primaries, then secondaries), IPv6 in
// reverse (each new one goes first among its scope).

bool kernel_made(const Device& dev, const IfAddr& a) {
  if (a.flags & kIfaStablePrivacy) return true;
  if (dev.info().link_type == "loopback")
    return a.local == *IpPrefix::parse("127.0.0.1/8") || a.local == *IpPrefix::parse("::1/128");
  if (a.local.addr.is_v4() || a.local.len != 64) return false;
  // The link-local address made from a MAC (EUI-64: ff:fe in the middle of the interface
  // identifier), maybe one the device had before: it stays when the MAC changes.
  const Ipv6Addr& x = a.local.addr.v6();
  return x.is_link_local() && x.b[11] == 0xff && x.b[12] == 0xfe;
}

std::string scope_word(uint8_t scope) {
  switch (scope) {
    case kScopeUniverse: return "global";
    case kScopeSite: return "site";
    case kScopeLink: return "link";
    case kScopeHost: return "host";
    case kScopeNowhere: return "nowhere";
    default: return std::to_string(scope);
  }
}

std::string lifetime(Nanos until, Nanos now) {
  if (until == kForever) return "forever";
  return std::to_string(until > now ? (until - now) / kSec : 0);
}

std::string addr_line(const Netns& ns, const Device& dev, const IfAddr& a, Nanos now) {
  bool v4 = a.local.addr.is_v4();
  std::string s = ip(ns) + "addr add ";
  if (a.peer)
    s += a.local.addr.format() + " peer " + IpPrefix{*a.peer, a.local.len}.format();
  else
    s += a.local.format();
  if (a.brd) s += " broadcast " + a.brd->format();
  if (v4 && a.scope != kScopeUniverse) {
    s += " scope " + scope_word(a.scope);
  }
  if (v4 && !a.label.empty() && a.label != dev.name()) s += " label " + quote(a.label);
  s += " dev " + dev.name();
  if (a.valid_until != kForever || a.preferred_until != kForever)
    s += " valid_lft " + lifetime(a.valid_until, now) + " preferred_lft " +
         lifetime(a.preferred_until, now);
  if (a.flags & kIfaNodad) s += " nodad";
  if (a.flags & kIfaNoprefixroute) s += " noprefixroute";
  if (a.flags & kIfaMcAutojoin) s += " autojoin";
  return s;
}

void dump_addresses(Dump& d) {
  Nanos now = d.world.engine().now();
  for (Netns* ns : namespaces(d.world)) {
    const auto& addrs = ns->stack().addrs();
    for (auto& [idx, dev] : ns->devices()) {
      for (auto& a : addrs)
        if (a.ifindex == idx && a.local.addr.is_v4() && !kernel_made(*dev, a))
          d.line(addr_line(*ns, *dev, a, now));
      for (auto it = addrs.rbegin(); it != addrs.rend(); ++it)
        if (it->ifindex == idx && !it->local.addr.is_v4() && !kernel_made(*dev, *it))
          d.line(addr_line(*ns, *dev, *it, now));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Admin state, in two passes. Up: every device that is up or was up before (its qdisc is no
// longer noop), a lower before its uppers (a VLAN refuses to open before its lower); a VLAN
// without loose_binding is opened by its lower coming up (as Linux's NETDEV_UP), and a bond
// or team port by its master, so neither gets a line. Down: what is down now but came up in
// the first pass, uppers first.

bool opened_by_master(const Device& dev) {
  return dynamic_cast<const BondDevice*>(dev.master()) ||
         dynamic_cast<const TeamDevice*>(dev.master());
}

bool opened_by_lower(const Device& dev);

// Whether the replay opens the device at some point.
bool opened(const Device& dev) {
  return opened_by_master(dev) || opened_by_lower(dev) || dev.is_up() || dev.qdisc() != "noop";
}

bool opened_by_lower(const Device& dev) {
  auto* v = dynamic_cast<const VlanDevice*>(&dev);
  return v && !v->flag(kVlanLooseBinding) && &ns_of(*v->lower()) == &ns_of(dev) &&
         opened(*v->lower());
}

void up_one(Dump& d, Device& dev) {
  if (!d.visited.insert(&dev).second) return;
  if (Device* lower = dev.lower(); lower && &ns_of(*lower) == &ns_of(dev)) up_one(d, *lower);
  if (opened(dev) && !opened_by_master(dev) && !opened_by_lower(dev))
    d.line(link_set(dev) + " up");
}

void down_one(Dump& d, Device& dev, const std::vector<Device*>& all) {
  if (!d.visited.insert(&dev).second) return;
  for (Device* upper : all)
    if (upper->lower() == &dev) down_one(d, *upper, all);
  if (opened(dev) && !dev.is_up()) d.line(link_set(dev) + " down");
}

void dump_admin_state(Dump& d) {
  std::vector<Device*> all = devices(d.world);
  d.visited.clear();
  for (Device* dev : all) up_one(d, *dev);
  d.visited.clear();
  for (Device* dev : all) down_one(d, *dev, all);
  for (Device* dev : all) {
    if (dev->kind() == "dummy" && !dev->carrier()) d.line(link_set(*dev) + " carrier off");
    auto* v = dynamic_cast<const VethDevice*>(dev);
    if (v && v->cable_cut() && v->peer() && v->ifindex() < v->peer()->ifindex())
      d.line(fmt::format("# {}: the cable of this veth pair is cut (not dumped)", dev->name()));
  }
}

// ---------------------------------------------------------------------------------------------
// Routes added by users (not the kernel's connected and prefix routes): those without a
// gateway first, since a gateway must be reachable through one.

std::string proto_word(uint8_t proto) {
  switch (proto) {
    case kProtoRedirect: return "redirect";
    case kProtoStatic: return "static";
    case kProtoRa: return "ra";
    default: return std::to_string(proto);
  }
}

std::string route_line(const Netns& ns, const Route& r) {
  bool v4 = r.dst.addr.is_v4();
  std::string s = ip(ns) + (v4 ? "" : "-6 ") + "route add ";
  switch (r.type) {
    case kRtnBlackhole: s += "blackhole "; break;
    case kRtnUnreachable: s += "unreachable "; break;
    case kRtnProhibit: s += "prohibit "; break;
    case kRtnLocal: s += "local "; break;
    case kRtnBroadcast: s += "broadcast "; break;
    default: break;
  }
  s += r.dst.len == 0 ? std::string("default") : r.dst.format();
  if (r.gateway) s += " via " + r.gateway->format();
  if (const Device* dev = ns.find(r.ifindex)) s += " dev " + dev->name();
  if (r.proto != kProtoBoot) s += " proto " + proto_word(r.proto);
  // What route_add would make of no scope: link for an IPv4 unicast route without gateway.
  uint8_t implied = v4 && !r.gateway && r.type == kRtnUnicast ? kScopeLink : kScopeUniverse;
  if (r.scope != implied) s += " scope " + scope_word(r.scope);
  if (r.prefsrc) s += " src " + r.prefsrc->format();
  if (r.metric && !(!v4 && r.metric == 1024)) s += fmt::format(" metric {}", r.metric);
  if (r.table != kTableMain) s += fmt::format(" table {}", r.table);
  if (r.onlink) s += " onlink";
  return s;
}

void dump_routes(Dump& d) {
  for (Netns* ns : namespaces(d.world)) {
    const auto& routes = ns->stack().routes();
    for (bool with_gw : {false, true})
      for (const Route& r : routes)
        if (r.proto != kProtoKernel && bool(r.gateway) == with_gw) d.line(route_line(*ns, r));
  }
}

// ---------------------------------------------------------------------------------------------
// Neighbours the user made to stay: permanent and noarp entries.

void dump_neighbours(Dump& d) {
  for (Netns* ns : namespaces(d.world)) {
    for (auto& [key, n] : ns->stack().neighbours()) {
      if (!(n.state & (kNudPermanent | kNudNoarp))) continue;
      const Device* dev = ns->find(n.ifindex);
      if (!dev) continue;
      std::string s = ip(*ns) + "neigh add " + n.addr.format();
      if (n.lladdr) s += " lladdr " + n.lladdr->format();
      s += " dev " + dev->name();
      s += n.state & kNudPermanent ? " nud permanent" : " nud noarp";
      if (n.router) s += " router";
      d.line(s);
    }
  }
}

}  // namespace

}  // namespace dump

std::string dump_config_text(World& world) {
  dump::Dump d{world, {}, {}, {}};
  d.line("# uvn dump-config: the commands that rebuild this network");
  dump::dump_namespaces(d);
  dump::dump_devices(d);
  dump::dump_masters(d);
  dump::dump_port_options(d);
  dump::dump_bridge_vlans(d);
  dump::dump_fdb(d);
  dump::dump_admin_state(d);
  dump::dump_addresses(d);
  dump::dump_routes(d);
  dump::dump_neighbours(d);
  dump::dump_mdb(d);
  return d.out;
}

namespace {

constexpr std::string_view kUsage =
    "Usage: dump-config [ -h ]\n"
    "Prints the configuration of every namespace as the ip, bridge, teamd and teamdctl\n"
    "commands that rebuild it on an empty world, one per line (runnable with `uvn run`).\n"
    "Learned FDB entries, snooped MDB entries and runtime state are left out.\n";

}  // namespace

int dump_config_main(Context& ctx, const Args& args) {
  for (const std::string& a : args) {
    if (a == "-h" || a == "-help" || a == "--help" || a == "help") {
      ctx.out += kUsage;
      return 0;
    }
    ctx.err += fmt::format("Option \"{}\" is unknown, try \"dump-config -h\".\n", a);
    return kExitUsage;
  }
  ctx.out += dump_config_text(ctx.world);
  return 0;
}

}  // namespace uvn::cli
