// `ip route`: show (with iproute2's filters, which hide the field they match), add, append,
// change, replace, prepend, del, flush, get. IPv4 lines end with a space, IPv6 lines do not,
// as iproute2 prints them.
#include <fmt/format.h>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_objects.h"
#include "cli/json_writer.h"
#include "cli/route_local.h"
#include "world/stack/host_stack.h"

namespace uvn::cli {

namespace {

const char* type_name(uint8_t t) {
  switch (t) {
    case kRtnLocal: return "local";
    case kRtnBroadcast: return "broadcast";
    case kRtnBlackhole: return "blackhole";
    case kRtnUnreachable: return "unreachable";
    case kRtnProhibit: return "prohibit";
    case kRtnMulticast: return "multicast";
    default: return "unicast";
  }
}

std::string proto_name(uint8_t p) {
  switch (p) {
    case kProtoKernel: return "kernel";
    case kProtoBoot: return "boot";
    case kProtoStatic: return "static";
    case kProtoRedirect: return "redirect";
    case kProtoRa: return "ra";
    default: return std::to_string(p);
  }
}

std::optional<uint8_t> parse_proto(std::string_view s) {
  if (s == "kernel") return kProtoKernel;
  if (s == "boot") return kProtoBoot;
  if (s == "static") return kProtoStatic;
  if (s == "redirect") return kProtoRedirect;
  if (s == "ra") return kProtoRa;
  if (auto v = parse_uint(s, 255)) return uint8_t(*v);
  return std::nullopt;
}

struct RouteFilter {
  int family = 0;
  int ifindex = 0;
  std::optional<uint8_t> proto, scope, type;
  std::optional<IpPrefix> exact;   // `ip route show PREFIX`
  std::optional<IpAddr> match;     // `match ADDR`
  bool matches(const Route& r) const {
    if (family == 4 && !r.dst.addr.is_v4()) return false;
    if (family == 6 && r.dst.addr.is_v4()) return false;
    if (ifindex && r.ifindex != ifindex) return false;
    if (proto && r.proto != *proto) return false;
    if (scope && r.scope != *scope) return false;
    if (type && r.type != *type) return false;
    if (exact && !(r.dst == exact->network())) return false;
    if (match && !r.dst.contains(*match)) return false;
    return true;
  }
};

std::string dst_text(const Route& r) {
  if (r.dst.len == 0) return "default";
  if ((r.dst.addr.is_v4() && r.dst.len == 32) || (!r.dst.addr.is_v4() && r.dst.len == 128))
    return r.dst.addr.format();
  return r.dst.format();
}

bool linkdown(Context& ctx, const Route& r) {
  Device* d = ctx.ns->find(r.ifindex);
  return d && !d->carrier() && r.type == kRtnUnicast;
}

std::string scope_text(uint8_t scope) {
  switch (scope) {
    case kScopeUniverse:
      return "global";
    case kScopeLink:
      return "link";
    case kScopeHost:
      return "host";
    default:
      return std::to_string(scope);
  }
}

// Which of type, protocol and scope a route line shows: the non-default ones, and with -d
// all of them (except what a filter fixes).
struct RouteFields {
  bool type, proto, scope;
};
RouteFields route_fields(Context& ctx, const Route& r, const RouteFilter& f) {
  bool v4 = r.dst.addr.is_v4();
  bool d = ctx.opt.details > 0;
  return {d || r.type != kRtnUnicast,
          !f.proto && (d || (r.proto != kProtoBoot && !(v4 && r.proto == kProtoUnspec))),
          !f.scope && (d || (v4 && r.scope != kScopeUniverse))};
}

std::string route_text(Context& ctx, const Route& r, const RouteFilter& f) {
  bool v4 = r.dst.addr.is_v4();
  RouteFields show = route_fields(ctx, r, f);
  std::string s;
  if (show.type) s += std::string(type_name(r.type)) + " ";
  s += dst_text(r);
  if (r.gateway) s += " via " + r.gateway->format();
  Device* d = ctx.ns->find(r.ifindex);
  if (d && !f.ifindex) s += " dev " + d->name();
  if (show.proto) s += " proto " + proto_name(r.proto);
  if (show.scope) s += " scope " + scope_text(r.scope);
  if (r.prefsrc) s += " src " + r.prefsrc->format();
  if (r.metric || !v4) s += fmt::format(" metric {}", r.metric);
  if (linkdown(ctx, r)) s += " linkdown";
  if (!v4) s += " pref medium";
  return s + (v4 ? " \n" : "\n");
}

void route_json(Context& ctx, const Route& r, const RouteFilter& f, JsonWriter& jw) {
  bool v4 = r.dst.addr.is_v4();
  RouteFields show = route_fields(ctx, r, f);
  jw.start_object();
  if (show.type) jw.member("type", type_name(r.type));
  jw.member("dst", dst_text(r));
  if (r.gateway) jw.member("gateway", r.gateway->format());
  Device* d = ctx.ns->find(r.ifindex);
  if (d && !f.ifindex) jw.member("dev", d->name());
  if (show.proto) jw.member("protocol", proto_name(r.proto));
  if (show.scope) jw.member("scope", scope_text(r.scope));
  if (r.prefsrc) jw.member("prefsrc", r.prefsrc->format());
  if (r.metric || !v4) jw.member("metric", r.metric);
  jw.key("flags");
  jw.start_array();
  if (linkdown(ctx, r)) jw.value("linkdown");
  jw.end_array();
  if (!v4) jw.member("pref", "medium");
  jw.end_object();
}

int parse_route(Context& ctx, ArgIt it, ArgIt end, Route& r, RouteFilter* flt, bool& has_dst) {
  has_dst = false;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "via") {
      if (++it == end) return incomplete(ctx);
      auto g = IpAddr::parse(*it);
      if (!g) return bad_address(ctx, *it);
      r.gateway = *g;
    } else if (w == "dev" || w == "oif") {
      if (++it == end) return incomplete(ctx);
      Device* d = ctx.ns->find(*it);
      if (!d) return no_device(ctx, *it);
      r.ifindex = d->ifindex();
      if (flt) flt->ifindex = d->ifindex();
    } else if (w == "src") {
      if (++it == end) return incomplete(ctx);
      auto a = IpAddr::parse(*it);
      if (!a) return bad_address(ctx, *it);
      r.prefsrc = *a;
    } else if (w == "metric" || w == "priority" || w == "preference") {
      if (++it == end) return incomplete(ctx);
      auto v = parse_uint(*it, UINT32_MAX);
      if (!v) return invarg(ctx, "\"metric\" value is invalid\n", *it);
      r.metric = uint32_t(*v);
    } else if (w == "proto" || w == "protocol") {
      if (++it == end) return incomplete(ctx);
      auto p = parse_proto(*it);
      if (!p) return invarg(ctx, "\"protocol\" value is invalid\n", *it);
      r.proto = *p;
      if (flt) flt->proto = *p;
    } else if (w == "scope") {
      if (++it == end) return incomplete(ctx);
      uint8_t sc = *it == "link" ? kScopeLink : *it == "host" ? kScopeHost : kScopeUniverse;
      r.scope = sc;
      if (flt) flt->scope = sc;
    } else if (w == "table") {
      if (++it == end) return incomplete(ctx);
      if (*it == "main") {
        r.table = kTableMain;
      } else if (*it == "local") {
        r.table = kTableLocal;
      } else if (auto v = parse_uint(*it, UINT32_MAX)) {
        r.table = uint32_t(*v);
      } else {
        return invarg(ctx, flt ? "table id value is invalid\n" : "\"table\" value is invalid\n",
                      *it);
      }
    } else if (w == "onlink") {
      r.onlink = true;
    } else if (w == "match" && flt) {
      if (++it == end) return incomplete(ctx);
      auto a = IpAddr::parse(*it);
      if (!a) return bad_prefix(ctx, *it);
      flt->match = *a;
    } else if (w == "type" && flt) {
      if (++it == end) return incomplete(ctx);
      for (uint8_t t : {kRtnUnicast, kRtnLocal, kRtnBroadcast, kRtnBlackhole, kRtnUnreachable,
                        kRtnProhibit})
        if (*it == type_name(t)) flt->type = t;
    } else if (w == "blackhole" || w == "unreachable" || w == "prohibit" || w == "unicast" ||
               w == "local" || w == "broadcast") {
      for (uint8_t t : {kRtnUnicast, kRtnLocal, kRtnBroadcast, kRtnBlackhole, kRtnUnreachable,
                        kRtnProhibit})
        if (w == type_name(t)) r.type = t;
    } else {
      std::string d = w;
      if (w == "to") {
        if (++it == end) return incomplete(ctx);
        d = *it;
      }
      if (has_dst) return duparg2(ctx, "to", d);
      if (d == "default" || d == "all" || d == "any") {
        bool six = ctx.opt.family == 6;
        r.dst = *IpPrefix::parse(six ? "::/0" : "0.0.0.0/0");
      } else {
        auto p = IpPrefix::parse(d);
        if (!p) return bad_prefix(ctx, d);
        r.dst = *p;
      }
      has_dst = true;
      if (flt) flt->exact = r.dst;
    }
  }
  if (r.gateway && has_dst && r.gateway->is_v4() != r.dst.addr.is_v4() && r.dst.len == 0)
    r.dst = *IpPrefix::parse(r.gateway->is_v4() ? "0.0.0.0/0" : "::/0");
  return 0;
}

int usage_route(Context& ctx) {
  ctx.err +=
      "Usage: ip route { list | flush } SELECTOR\n"
      "       ip route save SELECTOR\n"
      "       ip route restore\n"
      "       ip route showdump\n"
      "       ip route get [ ROUTE_GET_FLAGS ] ADDRESS\n"
      "                            [ from ADDRESS iif STRING ]\n"
      "                            [ oif STRING ] [ tos TOS ]\n"
      "                            [ mark NUMBER ] [ vrf NAME ]\n"
      "                            [ uid NUMBER ] [ ipproto PROTOCOL ]\n"
      "                            [ sport NUMBER ] [ dport NUMBER ]\n"
      "       ip route { add | del | change | append | replace } ROUTE\n";
  return kExitUsage;
}

int route_show(Context& ctx, ArgIt it, ArgIt end, bool flush) {
  Route r;
  RouteFilter f;
  f.family = ctx.opt.family ? ctx.opt.family : 4;
  bool has_dst;
  if (int rc = parse_route(ctx, it, end, r, &f, has_dst)) return rc;
  if (has_dst) f.family = r.dst.addr.is_v4() ? 4 : 6;
  if (flush && !has_dst && !f.ifindex && !f.proto && !f.type)
    return fail(ctx, 1, "\"ip route flush\" requires arguments.");
  HostStack& st = ctx.ns->stack();
  std::vector<Route> list;
  if (r.table == kTableMain) {
    for (auto& x : st.routes())
      if (f.matches(x)) list.push_back(x);
  } else if (r.table == kTableLocal && !flush) {
    for (auto& x : local_table(*ctx.ns, f.family))
      if (f.matches(x)) list.push_back(x);
  }
  if (flush) {
    for (auto& x : list) (void)st.route_del(x);
    if (ctx.opt.stats) {
      ctx.out += list.empty() ? std::string("Nothing to flush.\n")
                              : fmt::format(
                                    "\n*** Round 1, deleting {} entries ***\n"
                                    "*** Flush is complete after 1 round ***\n",
                                    list.size());
    }
    return 0;
  }
  if (ctx.opt.json) {
    JsonWriter jw(ctx.opt.pretty);
    jw.start_array();
    for (auto& x : list) route_json(ctx, x, f, jw);
    jw.end_array();
    ctx.out += jw.str() + "\n";
    return 0;
  }
  for (auto& x : list) ctx.out += route_text(ctx, x, f);
  return 0;
}

int route_modify(Context& ctx, ArgIt it, ArgIt end, bool add, bool replace, bool excl,
                 bool change) {
  if (it == end) return usage_route(ctx);
  Route r;
  r.proto = add ? kProtoBoot : kProtoUnspec;
  bool has_dst;
  if (int rc = parse_route(ctx, it, end, r, nullptr, has_dst)) return rc;
  HostStack& st = ctx.ns->stack();
  if (!add) {
    auto s = st.route_del(r);
    return s ? 0 : kernel_error(ctx, s.error());
  }
  if (r.type != kRtnUnicast) {
    r.ifindex = 0;
  } else if (!r.ifindex && !r.gateway) {
    return kernel_error(ctx, Error::errno_only(ENODEV));
  }
  if (change) {
    bool found = false;
    for (auto& x : st.routes()) found |= x.dst == r.dst.network() && x.table == r.table;
    if (!found) return kernel_error(ctx, Error::errno_only(ENOENT));
  }
  auto s = st.route_add(r, replace || change, excl);
  return s ? 0 : kernel_error(ctx, s.error());
}

int route_get(Context& ctx, ArgIt it, ArgIt end) {
  std::optional<IpAddr> dst, from;
  int oif = 0;
  for (; it != end; ++it) {
    if (*it == "from") {
      if (++it == end) return incomplete(ctx);
      from = IpAddr::parse(*it);
      if (!from) return bad_prefix(ctx, *it);
    } else if (*it == "oif" || *it == "dev") {
      if (++it == end) return incomplete(ctx);
      Device* d = ctx.ns->find(*it);
      if (!d) return no_device(ctx, *it);
      oif = d->ifindex();
    } else {
      const std::string& w = *it == "to" && it + 1 != end ? *++it : *it;
      dst = IpAddr::parse(w);
      if (!dst) return bad_prefix(ctx, w);
    }
  }
  if (!dst) return fail(ctx, 1, "need at least a destination address");
  HostStack& st = ctx.ns->stack();
  bool v4 = dst->is_v4();
  std::string line;
  if (st.is_local(*dst)) {
    line = fmt::format("local {} dev lo src {} uid 0 ", dst->format(),
                       from ? from->format() : dst->format());
    ctx.out += line + "\n    cache <local> \n";
    return 0;
  }
  const Route* r = st.route_lookup(*dst, oif);
  if (!r) return kernel_error(ctx, Error::errno_only(ENETUNREACH));
  if (r->type == kRtnBlackhole) return kernel_error(ctx, Error::errno_only(EINVAL));
  if (r->type == kRtnUnreachable) return kernel_error(ctx, Error::errno_only(EHOSTUNREACH));
  if (r->type == kRtnProhibit) return kernel_error(ctx, Error::errno_only(EACCES));
  Device* d = ctx.ns->find(r->ifindex);
  // The source comes from the next hop's subnet (inet_select_addr on the gateway).
  auto src = from ? from
                  : (r->prefsrc ? r->prefsrc
                                : st.pick_source(r->gateway ? *r->gateway : *dst, r->ifindex));
  if (ctx.opt.json) {
    JsonWriter jw(ctx.opt.pretty);
    jw.start_array();
    jw.start_object();
    jw.member("dst", dst->format());
    if (from) jw.member("from", from->format());
    if (r->gateway) jw.member("gateway", r->gateway->format());
    jw.member("dev", d ? d->name() : "");
    if (!from && src) jw.member("prefsrc", src->format());
    jw.key("flags");
    jw.start_array();
    jw.end_array();
    jw.member("uid", 0);
    jw.key("cache");
    jw.start_array();
    jw.end_array();
    jw.end_object();
    jw.end_array();
    ctx.out += jw.str() + "\n";
    return 0;
  }
  line = dst->format();
  if (from) line += " from " + from->format();
  else if (!v4) line += " from ::";
  if (r->gateway) line += " via " + r->gateway->format();
  line += " dev " + (d ? d->name() : std::string("?"));
  if (!v4 && r->proto != kProtoBoot) line += " proto " + proto_name(r->proto);
  if (!from && src) line += " src " + src->format();
  if (v4) {
    line += " uid 0 \n    cache \n";
  } else {
    line += fmt::format(" metric {} pref medium\n", r->metric);
  }
  ctx.out += ctx.opt.oneline ? line.substr(0, line.find('\n')) + "\\" +
                                   line.substr(line.find('\n') + 1)
                             : line;
  return 0;
}

}  // namespace

int ip_route(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return route_show(ctx, it, end, false);
  const std::string& cmd = *it++;
  if (matches(cmd, "add")) return route_modify(ctx, it, end, true, false, true, false);
  if (matches(cmd, "change") || cmd == "chg") return route_modify(ctx, it, end, true, true, false, true);
  if (matches(cmd, "replace")) return route_modify(ctx, it, end, true, true, false, false);
  if (matches(cmd, "prepend") || matches(cmd, "append"))
    return route_modify(ctx, it, end, true, false, false, false);
  if (matches(cmd, "delete")) return route_modify(ctx, it, end, false, false, false, false);
  if (matches(cmd, "show") || matches(cmd, "list") || cmd == "lst")
    return route_show(ctx, it, end, false);
  if (matches(cmd, "flush")) return route_show(ctx, it, end, true);
  if (matches(cmd, "get")) return route_get(ctx, it, end);
  if (matches(cmd, "help")) return usage_route(ctx);
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"ip route help\".\n", cmd);
  return kExitUsage;
}

}  // namespace uvn::cli
