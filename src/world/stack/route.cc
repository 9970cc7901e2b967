// Routes (`ip route`): the main table, longest-prefix match, kernel rules for adding (the
// gateway must be reachable through a connected route, the device must be up).
#include <algorithm>

#include "world/netns.h"
#include "world/stack/host_stack.h"
#include "world/world.h"

namespace uvn {

namespace {

bool same_key(const Route& a, const Route& b) {
  return a.table == b.table && a.dst == b.dst && a.metric == b.metric &&
         a.dst.addr.is_v4() == b.dst.addr.is_v4();
}

// Sort order of `ip route show`: IPv4 by address then length (the FIB trie's walk), IPv6 by
// address with the default route last.
bool route_less(const Route& a, const Route& b) {
  if (a.dst.addr.is_v4() != b.dst.addr.is_v4()) return a.dst.addr.is_v4();
  if (a.dst.addr.is_v4()) {
    if (a.dst.addr.v4().v != b.dst.addr.v4().v) return a.dst.addr.v4().v < b.dst.addr.v4().v;
    if (a.dst.len != b.dst.len) return a.dst.len < b.dst.len;
    return a.metric < b.metric;
  }
  bool ad = a.dst.len == 0, bd = b.dst.len == 0;
  if (ad != bd) return bd;
  if (a.dst.addr.v6() != b.dst.addr.v6()) return a.dst.addr.v6() < b.dst.addr.v6();
  if (a.dst.len != b.dst.len) return a.dst.len < b.dst.len;
  return a.metric < b.metric;
}

}  // namespace

Status HostStack::route_add(Route r, bool replace, bool excl) {
  r.dst = r.dst.network();
  if (r.type == kRtnUnicast) {
    if (r.gateway && !r.onlink) {
      // The gateway must be on a connected network (fib_check_nh).
      const Route* via = nullptr;
      for (auto& x : routes_)
        if (x.table == kTableMain && !x.gateway && x.type == kRtnUnicast &&
            x.dst.contains(*r.gateway) && (!r.ifindex || x.ifindex == r.ifindex) &&
            (!via || x.dst.len > via->dst.len))
          via = &x;
      bool local_gw = is_local(*r.gateway);
      if (!via && !local_gw) {
        if (!r.gateway->is_v4()) return Error::errno_only(EHOSTUNREACH);
        return Error::with(EINVAL, "Nexthop has invalid gateway");
      }
      if (!r.ifindex) r.ifindex = via ? via->ifindex : 0;
      if (!r.ifindex && local_gw) r.ifindex = find_addr(*r.gateway)->ifindex;
    }
    if (!r.ifindex) return Error::errno_only(ENODEV);
    Device* dev = ns_.find(r.ifindex);
    if (!dev) return Error::errno_only(ENODEV);
    if (!dev->is_up()) return Error::with(ENETDOWN, "Device for nexthop is not up");
    if (!r.gateway && r.scope == kScopeUniverse && r.dst.addr.is_v4() && r.proto != kProtoKernel)
      r.scope = kScopeLink;
  }
  if (!r.dst.addr.is_v4() && r.metric == 0) r.metric = 1024;
  for (auto& x : routes_) {
    if (!same_key(x, r)) continue;
    if (excl || !replace) return Error::errno_only(EEXIST);
    x = r;
    return {};
  }
  auto it = routes_.insert(std::upper_bound(routes_.begin(), routes_.end(), r, route_less), r);
  ns_.world().events().publish(
      Event{EventType::kNewRoute, &ns_, ns_.find(r.ifindex), nullptr, nullptr, &*it, 0});
  return {};
}

Status HostStack::route_del(const Route& m) {
  for (auto it = routes_.begin(); it != routes_.end(); ++it) {
    const Route& r = *it;
    if (r.dst.addr.is_v4() != m.dst.addr.is_v4() || r.dst != m.dst.network() ||
        r.table != m.table)
      continue;
    if (m.gateway && r.gateway != m.gateway) continue;
    if (m.ifindex && r.ifindex != m.ifindex) continue;
    if (m.metric && r.metric != m.metric) continue;
    if (m.type != kRtnUnicast && r.type != m.type) continue;
    Route gone = r;
    routes_.erase(it);
    ns_.world().events().publish(
        Event{EventType::kDelRoute, &ns_, ns_.find(gone.ifindex), nullptr, nullptr, &gone, 0});
    return {};
  }
  return Error::errno_only(ESRCH);
}

const Route* HostStack::route_lookup(const IpAddr& dst, int oif) const {
  const Route* best = nullptr;
  for (auto& r : routes_) {
    if (r.table != kTableMain || !r.dst.contains(dst)) continue;
    if (oif && r.ifindex != oif && r.type == kRtnUnicast) continue;
    if (!best || r.dst.len > best->dst.len || (r.dst.len == best->dst.len && r.metric < best->metric))
      best = &r;
  }
  return best;
}

}  // namespace uvn
