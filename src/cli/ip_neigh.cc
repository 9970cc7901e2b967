// `ip neigh`: show (filters dev, address, nud), add, change, replace, del, flush, get.
#include <fmt/format.h>

#include "base/strings.h"
#include "cli/ip_errors.h"
#include "cli/ip_link.h"
#include "cli/ip_objects.h"
#include "cli/json_writer.h"
#include "ctl/neigh.h"
#include "world/stack/host_stack.h"

namespace uvn::cli {

namespace {

struct NudName {
  uint16_t bit;
  const char* name;
};
constexpr NudName kNud[] = {{kNudIncomplete, "INCOMPLETE"}, {kNudReachable, "REACHABLE"},
                            {kNudStale, "STALE"},           {kNudDelay, "DELAY"},
                            {kNudProbe, "PROBE"},           {kNudFailed, "FAILED"},
                            {kNudNoarp, "NOARP"},           {kNudPermanent, "PERMANENT"}};

std::optional<uint16_t> parse_nud(std::string_view s) {
  if (s == "all") return 0xff;
  if (s == "none") return kNudNone;
  for (auto& n : kNud) {
    std::string lower;
    for (const char* c = n.name; *c; ++c) lower += char(std::tolower(*c));
    if (s == lower || s == n.name) return n.bit;
  }
  if (s == "perm") return kNudPermanent;
  if (s == "noarp") return kNudNoarp;
  return std::nullopt;
}

std::vector<const char*> nud_names(uint16_t st) {
  std::vector<const char*> out;
  for (auto& n : kNud)
    if (st & n.bit) out.push_back(n.name);
  if (out.empty()) out.push_back("NONE");
  return out;
}

struct NeighFilter {
  int family = 0;
  int ifindex = 0;
  std::optional<IpPrefix> addr;
  bool any = false;                            // `all`: an address filter that matches everything
  uint16_t nud = uint16_t(~kNudNoarp & 0xff);  // iproute2 hides NOARP by default
  bool nud_given = false;
};

int parse_filter(Context& ctx, ArgIt it, ArgIt end, NeighFilter& f) {
  f.family = ctx.opt.family;
  for (; it != end; ++it) {
    if (*it == "dev") {
      if (++it == end) return incomplete(ctx);
      Device* d = ctx.ns->find(*it);
      if (!d) return no_device(ctx, *it);
      f.ifindex = d->ifindex();
    } else if (*it == "nud") {
      if (++it == end) return incomplete(ctx);
      auto n = parse_nud(*it);
      if (!n) return invarg(ctx, "nud state is bad", *it);
      f.nud = f.nud_given ? uint16_t(f.nud | *n) : *n;
      f.nud_given = true;
    } else if (*it == "proxy" || *it == "unused") {
    } else {
      const std::string& w = *it == "to" && it + 1 != end ? *++it : *it;
      if (w == "all" || w == "any" || w == "default") {
        f.any = true;  // get_prefix's zero-length prefix: every address
        continue;
      }
      auto p = IpPrefix::parse(w);
      if (!p) return bad_prefix(ctx, w);
      f.addr = p->network();
    }
  }
  return 0;
}

bool keep(const Neighbour& n, const NeighFilter& f) {
  if (f.family == 4 && !n.addr.is_v4()) return false;
  if (f.family == 6 && n.addr.is_v4()) return false;
  if (f.ifindex && n.ifindex != f.ifindex) return false;
  if (f.addr && !f.addr->contains(n.addr)) return false;
  if (n.state == kNudNone) return f.nud == 0xff;
  return n.state & f.nud;
}

std::string neigh_text(Context& ctx, const Neighbour& n, bool show_dev) {
  std::string s = n.addr.format();
  Device* d = ctx.ns->find(n.ifindex);
  if (show_dev && d) s += " dev " + d->name();
  if (n.lladdr && !(n.state & (kNudIncomplete | kNudFailed))) s += " lladdr " + n.lladdr->format();
  if (n.router) s += " router";
  if (ctx.opt.stats) {
    Nanos now = ctx.world.engine().now();
    s += fmt::format("  used {}/{}/{}probes {}", (now - n.used) / kSec, (now - n.confirmed) / kSec,
                     (now - n.updated) / kSec, n.probes);
  }
  for (const char* nm : nud_names(n.state)) s += std::string(" ") + nm;
  return s + " \n";
}

void neigh_json(Context& ctx, const Neighbour& n, bool show_dev, JsonWriter& jw) {
  jw.start_object();
  jw.member("dst", n.addr.format());
  Device* d = ctx.ns->find(n.ifindex);
  if (show_dev && d) jw.member("dev", d->name());
  if (n.lladdr && !(n.state & (kNudIncomplete | kNudFailed))) jw.member("lladdr", n.lladdr->format());
  if (n.router) jw.member("router", true);
  jw.key("state");
  jw.start_array();
  for (const char* nm : nud_names(n.state)) jw.value(nm);
  jw.end_array();
  jw.end_object();
}

int neigh_show(Context& ctx, ArgIt it, ArgIt end, bool flush) {
  NeighFilter f;
  if (int rc = parse_filter(ctx, it, end, f)) return rc;
  if (flush && !f.ifindex && !f.addr && !f.any && !f.nud_given)
    return fail(ctx, 1, "Flush requires arguments.");
  HostStack& st = ctx.ns->stack();
  if (flush) {
    std::vector<std::pair<int, IpAddr>> doomed;
    for (auto& [k, n] : st.neighbours()) {
      // Without `nud`, flush leaves static entries alone; `nud all` takes them too.
      if (!keep(n, f) || (!f.nud_given && (n.state & (kNudPermanent | kNudNoarp)))) continue;
      if (ctx.opt.stats > 1) ctx.out += neigh_text(ctx, n, !f.ifindex);
      doomed.push_back({n.ifindex, n.addr});
    }
    for (auto& [i, a] : doomed) (void)st.neigh_del(i, a);
    if (ctx.opt.stats) {
      ctx.out += doomed.empty() ? std::string("Nothing to flush.\n")
                                : fmt::format(
                                      "\n*** Round 1, deleting {} entries ***\n"
                                      "*** Flush is complete after 1 round ***\n",
                                      doomed.size());
    }
    return 0;
  }
  std::vector<const Neighbour*> list;
  for (int fam : {4, 6})
    for (auto& [k, n] : st.neighbours())
      if (n.addr.is_v4() == (fam == 4) && keep(n, f)) list.push_back(&n);
  if (ctx.opt.json) {
    JsonWriter jw(ctx.opt.pretty);
    jw.start_array();
    for (auto* n : list) neigh_json(ctx, *n, !f.ifindex, jw);
    jw.end_array();
    ctx.out += jw.str() + "\n";
    return 0;
  }
  for (auto* n : list) {
    if (ctx.opt.brief) {
      Device* d = ctx.ns->find(n->ifindex);
      ctx.out += fmt::format("{:<39} {:<16} {}\n", n->addr.format(), d ? d->name() : "",
                             n->lladdr ? n->lladdr->format() : "");
      continue;
    }
    ctx.out += neigh_text(ctx, *n, !f.ifindex);
  }
  return 0;
}

int neigh_modify(Context& ctx, ArgIt it, ArgIt end, bool add, ctl::NeighMode mode) {
  ctl::NeighRequest req;
  std::optional<IpAddr> dst;
  std::string dev;
  for (; it != end; ++it) {
    const std::string& w = *it;
    if (w == "lladdr") {
      if (++it == end) return incomplete(ctx);
      std::vector<uint8_t> bytes;
      if (int rc = parse_lladdr_bytes(ctx, *it, bytes)) return rc;
      req.lladdr = std::move(bytes);
    } else if (w == "nud") {
      if (++it == end) return incomplete(ctx);
      auto s = parse_nud(*it);
      if (!s || *s == 0xff) return invarg(ctx, "nud state is bad", *it);
      req.state = *s;
    } else if (w == "dev") {
      if (++it == end) return incomplete(ctx);
      dev = *it;
    } else if (w == "router") {
      req.router = true;
    } else if (w == "proxy" || w == "extern_learn" || w == "managed") {
    } else {
      const std::string& a = w == "to" && it + 1 != end ? *++it : w;
      if (dst) return duparg2(ctx, "to", a);
      dst = IpAddr::parse(a);
      if (!dst) return bad_address(ctx, a);
    }
  }
  if (!dst || dev.empty())
    return fail(ctx, kExitUsage, "Device and destination are required arguments.");
  Device* d = ctx.ns->find(dev);
  if (!d) return no_device(ctx, dev);
  req.ifindex = d->ifindex();
  req.addr = *dst;
  auto s = add ? ctl::neigh_add(*ctx.ns, req, mode) : ctl::neigh_del(*ctx.ns, req.ifindex, *dst);
  return s ? 0 : kernel_error(ctx, s.error());
}

int neigh_get(Context& ctx, ArgIt it, ArgIt end) {
  std::optional<IpAddr> dst;
  std::string dev;
  for (; it != end; ++it) {
    if (*it == "dev") {
      if (++it == end) return incomplete(ctx);
      dev = *it;
    } else {
      dst = IpAddr::parse(*it);
      if (!dst) return bad_address(ctx, *it);
    }
  }
  if (!dst || dev.empty()) return fail(ctx, 1, "Device and address are required arguments.");
  Device* d = ctx.ns->find(dev);
  if (!d) return no_device(ctx, dev);
  auto n = ctl::neigh_get(*ctx.ns, d->ifindex(), *dst);
  if (!n) return kernel_error(ctx, n.error());
  ctx.out += neigh_text(ctx, **n, true);
  return 0;
}

int usage_neigh(Context& ctx) {
  ctx.err +=
      "Usage: ip neigh { add | del | change | replace }\n"
      "                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }\n"
      "                [ dev DEV ] [ router ]\n"
      "\tip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n"
      "\tip neigh get { ADDR | proxy ADDR } dev DEV\n"
      "STATE := { delay | failed | incomplete | noarp | none |\n"
      "           permanent | probe | reachable | stale }\n";
  return kExitUsage;
}

}  // namespace

int ip_neigh(Context& ctx, ArgIt it, ArgIt end) {
  if (it == end) return neigh_show(ctx, it, end, false);
  const std::string& cmd = *it++;
  if (matches(cmd, "add")) return neigh_modify(ctx, it, end, true, ctl::NeighMode::kAdd);
  if (matches(cmd, "change") || cmd == "chg")
    return neigh_modify(ctx, it, end, true, ctl::NeighMode::kChange);
  if (matches(cmd, "replace")) return neigh_modify(ctx, it, end, true, ctl::NeighMode::kReplace);
  if (matches(cmd, "delete")) return neigh_modify(ctx, it, end, false, ctl::NeighMode::kAdd);
  if (matches(cmd, "show") || matches(cmd, "list") || cmd == "lst")
    return neigh_show(ctx, it, end, false);
  if (matches(cmd, "flush")) return neigh_show(ctx, it, end, true);
  if (matches(cmd, "get")) return neigh_get(ctx, it, end);
  if (matches(cmd, "help")) return usage_neigh(ctx);
  ctx.err += fmt::format("Command \"{}\" is unknown, try \"ip neigh help\".\n", cmd);
  return kExitUsage;
}

}  // namespace uvn::cli
