// `ip address`: add, change, replace, del, show, flush. Printing follows iproute2's
// print_addrinfo: IPv4 lines end with the label, IPv6 lines with the flags and a space.
#include <fmt/format.h>

#include <algorithm>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_objects.h"
#include "cli/json_writer.h"
#include "cli/link_print.h"
#include "ctl/addr.h"
#include "world/stack/host_stack.h"

namespace uvn::cli {

namespace {

std::string scope_name(uint8_t s) {
  switch (s) {
    case kScopeUniverse: return "global";
    case kScopeSite: return "site";
    case kScopeLink: return "link";
    case kScopeHost: return "host";
    case kScopeNowhere: return "nowhere";
    default: return std::to_string(s);
  }
}

std::optional<uint8_t> parse_scope(std::string_view s) {
  if (s == "global" || s == "universe") return kScopeUniverse;
  if (s == "site") return kScopeSite;
  if (s == "link") return kScopeLink;
  if (s == "host") return kScopeHost;
  if (s == "nowhere") return kScopeNowhere;
  if (auto v = parse_uint(s, 255)) return uint8_t(*v);
  return std::nullopt;
}

struct FlagText {
  uint32_t bit;
  const char* name;
};

// iproute2's order; "dynamic" stands for the absence of IFA_F_PERMANENT.
std::vector<std::string> addr_flags(const IfAddr& a) {
  std::vector<std::string> out;
  bool v6 = !a.local.addr.is_v4();
  if (a.flags & kIfaSecondary) out.push_back(v6 ? "temporary" : "secondary");
  if (a.flags & kIfaNodad) out.push_back("nodad");
  if (a.flags & kIfaDadfailed) out.push_back("dadfailed");
  if (a.flags & kIfaDeprecated) out.push_back("deprecated");
  if (a.flags & kIfaTentative) out.push_back("tentative");
  if (!(a.flags & kIfaPermanent)) out.push_back("dynamic");
  if (a.flags & kIfaNoprefixroute) out.push_back("noprefixroute");
  if (a.flags & kIfaMcAutojoin) out.push_back("autojoin");
  if (a.flags & kIfaStablePrivacy) out.push_back("stable-privacy");
  return out;
}

std::string lft_text(Nanos until, Nanos now) {
  if (until == kForever) return "forever";
  Nanos left = until > now ? until - now : 0;
  return fmt::format("{}sec", left / kSec);
}

uint64_t lft_json(Nanos until, Nanos now) {
  if (until == kForever) return 4294967295u;
  return uint64_t((until > now ? until - now : 0) / kSec);
}

std::string label_of(const Device& dev, const IfAddr& a) { return a.label.empty() ? dev.name() : a.label; }

struct AddrFilter {
  int family = 0;
  std::optional<uint8_t> scope;
  std::optional<IpPrefix> to;
  std::string label;
  bool primary = false, secondary = false, up = false;
  std::string dev;
  bool matches(const Device& dev, const IfAddr& a) const {
    if (family == 4 && !a.local.addr.is_v4()) return false;
    if (family == 6 && a.local.addr.is_v4()) return false;
    if (scope && a.scope != *scope) return false;
    if (to && !(to->contains(a.local.addr) && a.local.len >= to->len)) return false;
    if (!label.empty()) {
      std::string l = label_of(dev, a);
      if (label.back() == '*') {
        if (!starts_with(l, label.substr(0, label.size() - 1))) return false;
      } else if (l != label) {
        return false;
      }
    }
    if (primary && (a.flags & kIfaSecondary)) return false;
    if (secondary && !(a.flags & kIfaSecondary)) return false;
    return true;
  }
};

std::string addr_line(Context& ctx, const Device& dev, const IfAddr& a) {
  Nanos now = ctx.world.engine().now();
  bool v4 = a.local.addr.is_v4();
  std::string s = fmt::format("    {} {}", v4 ? "inet" : "inet6", a.local.format());
  if (a.peer) s = fmt::format("    {} {} peer {}", v4 ? "inet" : "inet6", a.local.addr.format(),
                              IpPrefix{*a.peer, a.local.len}.format());
  if (a.brd) s += " brd " + a.brd->format();
  s += " scope " + scope_name(a.scope) + " ";
  for (auto& f : addr_flags(a)) s += f + " ";
  if (v4) s += label_of(dev, a);
  s += fmt::format("\n       valid_lft {} preferred_lft {}\n", lft_text(a.valid_until, now),
                   lft_text(a.preferred_until, now));
  return s;
}

void addr_json(Context& ctx, const Device& dev, const IfAddr& a, JsonWriter& jw) {
  Nanos now = ctx.world.engine().now();
  bool v4 = a.local.addr.is_v4();
  jw.start_object();
  jw.member("family", v4 ? "inet" : "inet6");
  jw.member("local", a.local.addr.format());
  if (a.peer) jw.member("address", a.peer->format());
  jw.member("prefixlen", a.local.len);
  if (a.brd) jw.member("broadcast", a.brd->format());
  jw.member("scope", scope_name(a.scope));
  for (auto& f : addr_flags(a)) jw.member(f, true);
  if (v4) jw.member("label", label_of(dev, a));
  jw.member("valid_life_time", lft_json(a.valid_until, now));
  jw.member("preferred_life_time", lft_json(a.preferred_until, now));
  jw.end_object();
}

// The device's addresses of the filter's family, IPv4 before IPv6 as the kernel dumps them;
// `matching` tells which pass the other filters.
std::vector<const IfAddr*> device_addrs(Context& ctx, const Device& d, const AddrFilter& flt,
                                        std::vector<bool>& matching) {
  std::vector<const IfAddr*> list;
  for (bool v4 : {true, false}) {
    if ((flt.family == 4 && !v4) || (flt.family == 6 && v4)) continue;
    for (auto& a : ctx.ns->stack().addrs()) {
      if (a.ifindex != d.ifindex() || a.local.addr.is_v4() != v4) continue;
      list.push_back(&a);
      matching.push_back(flt.matches(d, a));
    }
  }
  return list;
}

bool has_address_filter(const AddrFilter& flt) {
  return flt.family || flt.scope || flt.to || !flt.label.empty() || flt.primary || flt.secondary;
}

void addr_device_json(Context& ctx, const Device& d, const AddrFilter& flt, JsonWriter& jw) {
  std::vector<bool> matching;
  auto list = device_addrs(ctx, d, flt, matching);
  if (has_address_filter(flt) &&
      std::find(matching.begin(), matching.end(), true) == matching.end())
    return;
  jw.start_object();
  link_json(ctx, d, flt.family ? LinkView::kAddrFamily : LinkView::kAddr, jw);
  jw.key("addr_info");
  jw.start_array();
  // iproute2 opens an object for every address of the family and fills it only when the
  // address passes the other filters: the rest print as {}.
  for (size_t i = 0; i < list.size(); ++i) {
    if (matching[i]) {
      addr_json(ctx, d, *list[i], jw);
    } else {
      jw.start_object();
      jw.end_object();
    }
  }
  jw.end_array();
  jw.end_object();
}

// The lines before the addresses: none with a label filter; with -6 over all devices the
// short header of the kernel's IPv6 link dump (no qdisc, group, peer or link-layer line).
std::string addr_header(Context& ctx, const Device& d, const AddrFilter& flt) {
  if (!flt.label.empty()) return {};
  if (flt.family == 6 && flt.dev.empty()) {
    return fmt::format("{}: {}: {} mtu {} state {} qlen {}\n", d.ifindex(), d.name(),
                       flags_text(ctx, d), d.mtu(), operstate_name(d.operstate()),
                       int32_t(d.txqlen));
  }
  return link_text(ctx, d, flt.family ? LinkView::kAddrFamily : LinkView::kAddr);
}

void addr_device_text(Context& ctx, const Device& d, const AddrFilter& flt) {
  std::vector<bool> matching;
  std::vector<const IfAddr*> list;
  auto all = device_addrs(ctx, d, flt, matching);
  for (size_t i = 0; i < all.size(); ++i)
    if (matching[i]) list.push_back(all[i]);
  if (has_address_filter(flt) && list.empty()) return;
  if (ctx.opt.brief) {
    std::string s = link_brief(ctx, d, LinkView::kAddr);
    for (auto* a : list) s += a->local.format() + " ";
    ctx.out += s + "\n";
    return;
  }
  if (ctx.opt.oneline) {
    for (auto* a : list)
      ctx.out += fmt::format("{}: {}", d.ifindex(), d.name()) + oneline(addr_line(ctx, d, *a));
    return;
  }
  ctx.out += addr_header(ctx, d, flt);
  for (auto* a : list) ctx.out += addr_line(ctx, d, *a);
  if (ctx.opt.stats) ctx.out += link_stats_text(d, ctx.opt.stats);
}

int addr_show(Context& ctx, ArgIt it, ArgIt end, bool flush) {
  AddrFilter flt;
  flt.family = ctx.opt.family;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "dev") {
      if (++it == end) return incomplete(ctx);
      flt.dev = *it;
    } else if (w == "scope") {
      if (++it == end) return incomplete(ctx);
      flt.scope = parse_scope(*it);
      if (!flt.scope) return invarg(ctx, "invalid \"scope\"\n", *it);
    } else if (w == "to") {
      if (++it == end) return incomplete(ctx);
      flt.to = IpPrefix::parse(*it);
      if (!flt.to) return bad_prefix(ctx, *it);
    } else if (w == "label") {
      if (++it == end) return incomplete(ctx);
      flt.label = *it;
    } else if (w == "primary") {
      flt.primary = true;
    } else if (w == "secondary") {
      flt.secondary = true;
    } else if (w == "up") {
      flt.up = true;
    } else if (w == "permanent" || w == "dynamic" || w == "tentative") {
    } else {
      if (!flt.dev.empty()) return duparg2(ctx, "dev", w);
      flt.dev = w;
    }
  }
  if (flush && flt.dev.empty() && flt.label.empty() && !flt.to && !flt.scope)
    return fail(ctx, 1, "Flush requires arguments.");
  std::vector<const Device*> devs;
  if (!flt.dev.empty()) {
    Device* d = ctx.ns->find(flt.dev);
    if (!d) return no_such_device(ctx, flt.dev);
    devs.push_back(d);
  } else {
    for (auto& [i, d] : ctx.ns->devices()) devs.push_back(d.get());
  }
  HostStack& st = ctx.ns->stack();
  if (flush) {
    std::vector<std::pair<int, IpPrefix>> doomed;
    for (const Device* d : devs)
      for (auto& a : st.addrs())
        if (a.ifindex == d->ifindex() && flt.matches(*d, a)) doomed.push_back({a.ifindex, a.local});
    if (doomed.empty()) {
      if (ctx.opt.stats) ctx.out += "Nothing to flush.\n";
      return 0;
    }
    for (auto& [idx, p] : doomed) (void)st.addr_del(idx, p, true);
    if (ctx.opt.stats)
      ctx.out += fmt::format("\n*** Round 1, deleting {} addresses ***\n"
                             "*** Flush is complete after 1 round ***\n",
                             doomed.size());
    return 0;
  }
  // `to PREFIX` implies the prefix's family.
  if (!flt.family && flt.to) flt.family = flt.to->addr.is_v4() ? 4 : 6;
  JsonWriter jw(ctx.opt.pretty);
  if (ctx.opt.json) jw.start_array();
  for (const Device* d : devs) {
    if (flt.up && !d->is_up()) continue;
    if (ctx.opt.json)
      addr_device_json(ctx, *d, flt, jw);
    else
      addr_device_text(ctx, *d, flt);
  }
  if (ctx.opt.json) {
    jw.end_array();
    ctx.out += jw.str() + "\n";
  }
  return 0;
}

int addr_modify(Context& ctx, ArgIt it, ArgIt end, bool add, bool replace) {
  IfAddr a;
  std::optional<IpPrefix> local;
  bool len_given = false;
  std::string dev_name;
  bool brd_plus = false, brd_minus = false;
  std::optional<Ipv4Addr> brd;
  std::optional<uint64_t> valid, preferred;  // seconds; nullopt: forever
  bool lft_given = false;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "dev") {
      if (++it == end) return incomplete(ctx);
      dev_name = *it;
    } else if (w == "peer" || w == "remote") {
      if (++it == end) return incomplete(ctx);
      auto p = IpPrefix::parse(*it);
      if (!p) return bad_prefix(ctx, *it);
      a.peer = p->addr;
    } else if (matches(w, "broadcast") || w == "brd") {
      if (++it == end) return incomplete(ctx);
      if (*it == "+") {
        brd_plus = true;
      } else if (*it == "-") {
        brd_minus = true;
      } else {
        auto b = Ipv4Addr::parse(*it);
        if (!b) return bad_address(ctx, *it);
        brd = *b;
      }
    } else if (w == "label") {
      if (++it == end) return incomplete(ctx);
      a.label = *it;
    } else if (matches(w, "scope")) {
      if (++it == end) return incomplete(ctx);
      auto sc = parse_scope(*it);
      if (!sc) return invarg(ctx, "invalid scope value.", *it);
      a.scope = *sc;
    } else if (w == "valid_lft" || w == "preferred_lft") {
      if (++it == end) return incomplete(ctx);
      std::optional<uint64_t> v;
      if (*it != "forever") {
        v = parse_uint(*it, UINT32_MAX);
        if (!v) return invarg(ctx, fmt::format("{} value", w), *it);
        if (*v == UINT32_MAX) v.reset();  // INFINITY_LIFE_TIME
      }
      (w == "valid_lft" ? valid : preferred) = v;
      lft_given = true;
    } else if (w == "nodad") {
      a.flags |= kIfaNodad;
    } else if (w == "noprefixroute") {
      a.flags |= kIfaNoprefixroute;
    } else if (w == "autojoin") {
      a.flags |= kIfaMcAutojoin;
    } else if (w == "home" || w == "mngtmpaddr") {
    } else {
      if (w == "local") {
        if (++it == end) return incomplete(ctx);
      }
      if (local) return duparg2(ctx, "local", *it);
      local = IpPrefix::parse(*it);
      if (!local) return bad_prefix(ctx, *it);
      len_given = it->find('/') != std::string::npos;
    }
  }
  if (dev_name.empty())
    return fail(ctx, 1, "Not enough information: \"dev\" argument is required.");
  if (!add && local && local->addr.is_v4() && !len_given) {
    ctx.err += fmt::format(
        "Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
        "         Explicitly specify the prefix length ({}/32) to avoid this warning.\n"
        "         This special behaviour is likely to disappear in further releases,\n"
        "         fix your scripts!\n",
        local->addr.format());
  }
  Device* dev = ctx.ns->find(dev_name);
  if (!dev) return no_device(ctx, dev_name);
  if ((a.flags & kIfaMcAutojoin) &&
      !(local && (local->addr.is_v4() ? local->addr.v4().is_multicast()
                                      : local->addr.v6().is_multicast())))
    return fail(ctx, 1, "autojoin needs multicast address");
  if (lft_given && valid.value_or(UINT64_MAX) < preferred.value_or(UINT64_MAX))
    return fail(ctx, 1, "preferred_lft is greater than valid_lft");
  // Without an address iproute2 sends AF_UNSPEC, which has no address handler.
  if (!local) return kernel_error(ctx, Error::errno_only(ctx.opt.family ? EINVAL : EOPNOTSUPP));
  if (!add) {
    auto st = ctl::addr_del(*ctx.ns, dev->ifindex(), *local, !len_given);
    return st ? 0 : kernel_error(ctx, st.error());
  }
  a.ifindex = dev->ifindex();
  a.local = *local;
  if (local->addr.is_v4()) {
    if (brd_plus && local->len < 31) brd = Ipv4Addr{local->addr.v4().v | ~ipv4_mask(local->len)};
    if (brd_minus && local->len < 31) brd = Ipv4Addr{local->addr.v4().v & ipv4_mask(local->len)};
    a.brd = brd;
  }
  Nanos now = ctx.world.engine().now();
  if (valid) {
    a.valid_until = now + Nanos(*valid) * kSec;
    a.flags &= ~kIfaPermanent;
  }
  if (preferred) {
    a.preferred_until = now + Nanos(*preferred) * kSec;
    if (*preferred == 0) a.flags |= kIfaDeprecated;
    a.flags &= ~kIfaPermanent;
  }
  // `change` of a missing address creates it, as the kernel does for both families.
  auto st = ctl::addr_add(*ctx.ns, a, replace ? ctl::AddrMode::kReplace : ctl::AddrMode::kAdd);
  return st ? 0 : kernel_error(ctx, st.error());
}

int usage_addr(Context& ctx) {
  ctx.err +=
      "Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]\n"
      "                                                      [ CONFFLAG-LIST ]\n"
      "       ip address del IFADDR dev IFNAME [mngtmpaddr]\n"
      "       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]\n"
      "                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]\n"
      "       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]\n"
      "                         [ nomaster ]\n"
      "                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]\n"
      "                         [ label LABEL ] [up] [ vrf NAME ] ]\n";
  return kExitUsage;
}

}  // namespace

int ip_addr(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return addr_show(ctx, it, end, false);
  const std::string& cmd = *it++;
  if (matches(cmd, "add")) return addr_modify(ctx, it, end, true, false);
  if (matches(cmd, "change") || cmd == "chg") return addr_modify(ctx, it, end, true, true);
  if (matches(cmd, "replace")) return addr_modify(ctx, it, end, true, true);
  if (matches(cmd, "delete")) return addr_modify(ctx, it, end, false, false);
  if (matches(cmd, "show") || matches(cmd, "lst") || matches(cmd, "list"))
    return addr_show(ctx, it, end, false);
  if (matches(cmd, "flush")) return addr_show(ctx, it, end, true);
  if (matches(cmd, "help")) return usage_addr(ctx);
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"ip address help\".\n", cmd);
  return kExitUsage;
}

}  // namespace uvn::cli
