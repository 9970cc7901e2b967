#include "cli/route_local.h"

#include <algorithm>

#include "world/stack/host_stack.h"

namespace uvn::cli {

namespace {

Route local_route(uint8_t type, const IpPrefix& dst, int ifindex, uint8_t scope) {
  Route r;
  r.type = type;
  r.dst = dst;
  r.ifindex = ifindex;
  r.proto = kProtoKernel;
  r.scope = scope;
  r.table = kTableLocal;
  return r;
}

void add_v4(Netns& ns, const IfAddr& a, std::vector<Route>& out) {
  Device* dev = ns.find(a.ifindex);
  Ipv4Addr addr = a.local.addr.v4();
  auto add = [&](uint8_t type, IpPrefix dst, uint8_t scope) {
    Route r = local_route(type, dst, a.ifindex, scope);
    r.prefsrc = a.local.addr;
    for (const Route& x : out)
      if (x.type == r.type && x.dst == r.dst) return;
    out.push_back(r);
  };
  add(kRtnLocal, IpPrefix{IpAddr{addr}, 32}, kScopeHost);
  bool primary = !(a.flags & kIfaSecondary);
  if (primary && dev->info().link_type == "loopback" && a.local.len < 32)
    add(kRtnLocal, a.local.network(), kScopeHost);
  if (primary && a.local.len < 31)
    add(kRtnBroadcast, IpPrefix{IpAddr{Ipv4Addr{addr.v | ~ipv4_mask(a.local.len)}}, 32},
        kScopeLink);
  if (a.brd) add(kRtnBroadcast, IpPrefix{IpAddr{*a.brd}, 32}, kScopeLink);
}

bool local_less(const Route& a, const Route& b) {
  if (a.dst.addr.is_v4()) {
    if (a.dst.addr.v4().v != b.dst.addr.v4().v) return a.dst.addr.v4().v < b.dst.addr.v4().v;
  } else if (a.dst.addr.v6() != b.dst.addr.v6()) {
    return a.dst.addr.v6() < b.dst.addr.v6();
  }
  if (a.dst.len != b.dst.len) return a.dst.len < b.dst.len;
  return a.ifindex < b.ifindex;
}

}  // namespace

std::vector<Route> local_table(Netns& ns, int family) {
  std::vector<Route> out;
  for (const IfAddr& a : ns.stack().addrs()) {
    Device* dev = ns.find(a.ifindex);
    if (!dev || !dev->is_up() || a.local.addr.is_v4() != (family == 4)) continue;
    if (family == 4) {
      add_v4(ns, a, out);
    } else if (!(a.flags & kIfaTentative)) {
      out.push_back(local_route(kRtnLocal, IpPrefix{a.local.addr, 128}, a.ifindex, 0));
    }
  }
  if (family == 6) {
    for (auto& [idx, dev] : ns.devices()) {
      if (!dev->is_up() || dev->info().link_type == "loopback") continue;
      bool has_v6 = false;
      for (const IfAddr& a : ns.stack().addrs())
        has_v6 |= a.ifindex == idx && !a.local.addr.is_v4();
      if (!has_v6) continue;
      Route m = local_route(kRtnMulticast, *IpPrefix::parse("ff00::/8"), idx, 0);
      m.metric = 256;
      out.push_back(m);
    }
  }
  std::stable_sort(out.begin(), out.end(), local_less);
  return out;
}

}  // namespace uvn::cli
