// Addresses (`ip addr`): IPv4 with Linux's list order (primaries sorted by scope, secondaries
// last) and secondary marking; IPv6 with link-local addresses from the MAC (EUI-64) when a
// device comes up, duplicate address detection (tentative for about a second), and removal on
// link down (keep_addr_on_down=0). Prefix routes follow the addresses.
#include <algorithm>

#include "world/netns.h"
#include "world/stack/host_stack.h"
#include "world/world.h"

namespace uvn {

namespace {

IpAddr solicited_group(const IpAddr& a) { return IpAddr{a.v6().solicited_node()}; }

bool is_multicast(const IpAddr& a) {
  return a.is_v4() ? a.v4().is_multicast() : a.v6().is_multicast();
}

int v6_src_scope(const Ipv6Addr& a) {
  if (a.is_loopback() || a.is_link_local()) return 2;
  return 14;
}

bool same_subnet_v4(const IfAddr& a, const IfAddr& b) {
  return a.local.len == b.local.len && a.local.network() == b.local.network();
}

}  // namespace

void HostStack::insert_addr(IfAddr a) {
  a.seq = ++addr_seq_;
  // Position among this device's addresses of the same family.
  auto pos = addrs_.end();
  if (a.local.addr.is_v4()) {
    if (!(a.flags & kIfaSecondary)) {
      // After the last primary whose scope is at least ours (numerically), else first.
      auto first = std::find_if(addrs_.begin(), addrs_.end(), [&](const IfAddr& x) {
        return x.ifindex == a.ifindex && x.local.addr.is_v4();
      });
      pos = first;
      for (auto it = addrs_.begin(); it != addrs_.end(); ++it)
        if (it->ifindex == a.ifindex && it->local.addr.is_v4() && !(it->flags & kIfaSecondary) &&
            a.scope <= it->scope)
          pos = it + 1;
    }
  } else {
    int sc = v6_src_scope(a.local.addr.v6());
    pos = std::find_if(addrs_.begin(), addrs_.end(), [&](const IfAddr& x) {
      return x.ifindex == a.ifindex && !x.local.addr.is_v4() &&
             sc >= v6_src_scope(x.local.addr.v6());
    });
  }
  addrs_.insert(pos, std::move(a));
}

Status HostStack::addr_add(IfAddr a, bool replace) {
  Device* dev = ns_.find(a.ifindex);
  if (!dev) return Error::errno_only(ENODEV);
  bool v4 = a.local.addr.is_v4();
  for (auto it = addrs_.begin(); it != addrs_.end(); ++it) {
    if (it->ifindex != a.ifindex || it->local.addr.is_v4() != v4) continue;
    if (it->local.addr == a.local.addr && (!v4 || it->local.len == a.local.len)) {
      if (!replace) return Error::errno_only(EEXIST);
      it->label = a.label;
      it->brd = a.brd;
      // A replace does not join (or leave) a group: the autojoin flag stays as it was.
      uint32_t keep = kIfaSecondary | kIfaTentative | kIfaMcAutojoin;
      it->flags = (it->flags & keep) | (a.flags & ~keep);
      return {};
    }
    if (v4 && same_subnet_v4(*it, a)) {
      if (it->scope != a.scope) return Error::errno_only(EINVAL);
      a.flags |= kIfaSecondary;
    }
  }
  if (!v4) {
    if (!(a.flags & kIfaNodad) && dev->info().link_type != "loopback") a.flags |= kIfaTentative;
    // IPv6 takes the scope from the address (ipv6_addr_scope), whatever the request said.
    const Ipv6Addr& x = a.local.addr.v6();
    a.scope = x.is_loopback() ? kScopeHost : x.is_link_local() ? kScopeLink : kScopeUniverse;
  }
  // IFA_F_MCAUTOJOIN: the namespace's autojoin socket joins the group before the address is
  // added (inet_rtm_newaddr, inet6_addr_add).
  if (a.flags & kIfaMcAutojoin) {
    if (!is_multicast(a.local.addr)) a.flags &= ~kIfaMcAutojoin;
    else if (auto st = autojoin(a.ifindex, a.local.addr, true); !st) return st;
  }
  if (!v4) (void)mc_join(a.ifindex, solicited_group(a.local.addr));
  insert_addr(a);
  IfAddr& stored = *std::find_if(addrs_.begin(), addrs_.end(), [&](const IfAddr& x) {
    return x.ifindex == a.ifindex && x.local == a.local;
  });
  addr_publish(stored, true);
  if (dev->is_up()) {
    if (!(stored.flags & kIfaSecondary)) add_prefix_routes(stored);
    if ((stored.flags & kIfaTentative) && dev->carrier()) start_dad(stored);
  }
  return {};
}

Status HostStack::addr_del(int ifindex, const IpPrefix& p, bool match_len) {
  auto it = std::find_if(addrs_.begin(), addrs_.end(), [&](const IfAddr& x) {
    return x.ifindex == ifindex && x.local.addr == p.addr && (!match_len || x.local.len == p.len);
  });
  if (it == addrs_.end()) return Error::errno_only(EADDRNOTAVAIL);
  IfAddr gone = *it;
  addrs_.erase(it);
  if (!gone.local.addr.is_v4()) (void)mc_leave(ifindex, solicited_group(gone.local.addr));
  // Deleting a multicast address leaves its group on the autojoin socket, autojoin or not.
  if (is_multicast(gone.local.addr)) (void)autojoin(ifindex, gone.local.addr, false);
  addr_publish(gone, false);
  del_prefix_routes(gone);
  if (gone.local.addr.is_v4() && !(gone.flags & kIfaSecondary)) {
    // promote_secondaries=0 (a new namespace's default): the secondaries go too.
    std::vector<IfAddr> secs;
    for (auto& x : addrs_)
      if (x.ifindex == ifindex && x.local.addr.is_v4() && (x.flags & kIfaSecondary) &&
          same_subnet_v4(x, gone))
        secs.push_back(x);
    for (auto& s : secs) {
      std::erase_if(addrs_, [&](const IfAddr& x) { return x.ifindex == ifindex && x.local == s.local; });
      addr_publish(s, false);
    }
  }
  return {};
}

bool HostStack::has_addr(int ifindex, const IpAddr& a) const {
  for (auto& x : addrs_)
    if (x.ifindex == ifindex && x.local.addr == a) return true;
  return false;
}

const IfAddr* HostStack::find_addr(const IpAddr& a) const {
  for (auto& x : addrs_)
    if (x.local.addr == a) return &x;
  return nullptr;
}

bool HostStack::is_local(const IpAddr& a, int ifindex) const {
  for (auto& x : addrs_)
    if (x.local.addr == a && (!ifindex || x.ifindex == ifindex)) return true;
  if (a.is_v4() && a.v4().is_loopback()) {
    Device* lo = ns_.loopback();
    return lo && lo->is_up();
  }
  return false;
}

std::optional<IpAddr> HostStack::pick_source(const IpAddr& dst, int ifindex) const {
  bool v4 = dst.is_v4();
  const IfAddr* best = nullptr;
  for (auto& x : addrs_) {
    if (x.local.addr.is_v4() != v4 || (x.flags & (kIfaTentative | kIfaDadfailed))) continue;
    if (x.ifindex != ifindex) continue;
    if (!v4) {
      // RFC 6724 rule 2 in short: the same scope as the destination wins.
      bool want_ll = dst.v6().is_link_local() || dst.v6().is_multicast();
      bool is_ll = x.local.addr.v6().is_link_local();
      if (want_ll == is_ll) return x.local.addr;
      if (!best) best = &x;
      continue;
    }
    if (x.flags & kIfaSecondary) continue;
    if (x.local.contains(dst)) return x.local.addr;
    if (!best || (best->scope > x.scope)) best = &x;
  }
  if (best) return best->local.addr;
  // Any usable address in the namespace (inet_select_addr falls back the same way).
  for (auto& x : addrs_)
    if (x.local.addr.is_v4() == v4 && !(x.flags & kIfaTentative) && x.scope == kScopeUniverse)
      return x.local.addr;
  return std::nullopt;
}

void HostStack::set_ipv6_disabled(bool on) {
  if (on == ipv6_disabled_) return;
  ipv6_disabled_ = on;
  if (on) {
    // addrconf_ifdown: every IPv6 address goes (::1 included).
    std::vector<std::pair<int, IpPrefix>> v6;
    for (auto& a : addrs_)
      if (!a.local.addr.is_v4()) v6.emplace_back(a.ifindex, a.local);
    for (auto& [idx, p] : v6) (void)addr_del(idx, p, true);
    return;
  }
  for (auto& [idx, d] : ns_.devices())
    if (d->is_up()) add_link_local(*d);
}

void HostStack::add_link_local(Device& dev) {
  if (dev.info().link_type == "loopback") {
    IfAddr a6;
    a6.ifindex = dev.ifindex();
    a6.local = *IpPrefix::parse("::1/128");
    a6.scope = kScopeHost;
    if (!has_addr(dev.ifindex(), a6.local.addr)) (void)addr_add(a6);
    return;
  }
  // addrconf leaves bond and team slaves alone (IFF_SLAVE is set before they are opened).
  if (dev.admin_flags() & kIffSlave) return;
  if (dev.info().link_type != "ether" || !dev.carrier()) return;
  // addrgenmode none: no link-local address at all; none either with IPv6 disabled.
  if (dev.addr_gen_mode == 1 || ipv6_disabled_) return;
  Ipv6Addr ll;
  ll.b[0] = 0xfe;
  ll.b[1] = 0x80;
  IfAddr a;
  if (dev.addr_gen_mode == 3) {
    // random: an interface identifier drawn once for the device (a random secret, kept),
    // marked stable-privacy as Linux marks it.
    auto& iid = random_iid_[dev.ifindex()];
    if (iid[0] == 0 && iid[7] == 0) {
      MacAddr r1 = ns_.world().random_mac(), r2 = ns_.world().random_mac();
      for (int k = 0; k < 4; ++k) iid[k] = r1.b[2 + k], iid[4 + k] = r2.b[2 + k];
    }
    for (int k = 0; k < 8; ++k) ll.b[8 + k] = iid[k];
    a.flags |= kIfaStablePrivacy;
  } else {
    ll = Ipv6Addr::link_local_eui64(dev.mac().b.data());
  }
  a.ifindex = dev.ifindex();
  a.local = IpPrefix{IpAddr{ll}, 64};
  a.scope = kScopeLink;
  if (!has_addr(dev.ifindex(), a.local.addr)) (void)addr_add(a);
}

void HostStack::on_up(Device& dev) {
  mc_up(dev);  // IPv4 all-hosts joined; groups reported again
  if (dev.info().link_type == "loopback") {
    // lo gets 127.0.0.1/8 when it first comes up (inetdev's NETDEV_UP on loopback).
    IfAddr a;
    a.ifindex = dev.ifindex();
    a.local = *IpPrefix::parse("127.0.0.1/8");
    a.scope = kScopeHost;
    if (!has_addr(dev.ifindex(), a.local.addr)) (void)addr_add(a);
  }
  for (auto& a : addrs_)
    if (a.ifindex == dev.ifindex() && a.local.addr.is_v4() && !(a.flags & kIfaSecondary))
      add_prefix_routes(a);
  add_link_local(dev);
  // IPv6 addresses added while down start DAD now.
  for (auto& a : addrs_)
    if (a.ifindex == dev.ifindex() && !a.local.addr.is_v4()) {
      add_prefix_routes(a);
      if ((a.flags & kIfaTentative) && dev.carrier() && !a.dad_done_at) start_dad(a);
    }
}

void HostStack::on_down(Device& dev) {
  int idx = dev.ifindex();
  // Routes through the device go; IPv6 addresses go too (keep_addr_on_down=0).
  std::vector<Route> gone;
  for (auto& r : routes_)
    if (r.ifindex == idx) gone.push_back(r);
  std::erase_if(routes_, [&](const Route& r) { return r.ifindex == idx; });
  std::vector<IfAddr> v6;
  for (auto& a : addrs_)
    if (a.ifindex == idx && !a.local.addr.is_v4()) v6.push_back(a);
  std::erase_if(addrs_, [&](const IfAddr& a) { return a.ifindex == idx && !a.local.addr.is_v4(); });
  for (auto& a : v6) {
    // The solicited-node group goes with the address; an autojoin membership stays with the
    // socket (only `ip addr del` leaves it, as inet6_addr_del does).
    (void)mc_leave(idx, solicited_group(a.local.addr));
    addr_publish(a, false);
  }
  mc_down(dev);  // timers stopped, all-hosts left
  for (auto it = neigh_.begin(); it != neigh_.end();) {
    if (it->first.first == idx && !(it->second.state & (kNudPermanent | kNudNoarp))) {
      ns_.engine().cancel(it->second.timer);
      it = neigh_.erase(it);
    } else {
      ++it;
    }
  }
}

void HostStack::add_prefix_routes(const IfAddr& a) {
  if (a.flags & kIfaNoprefixroute) return;
  Route r;
  r.ifindex = a.ifindex;
  r.proto = kProtoKernel;
  if (a.local.addr.is_v4()) {
    if (a.local.len == 32 || a.scope == kScopeHost) return;
    r.dst = a.local.network();
    r.scope = kScopeLink;
    r.prefsrc = a.local.addr;
  } else {
    if (a.local.len == 128) return;
    r.dst = a.local.network();
    r.metric = 256;
  }
  (void)route_add(r, false, false);
}

void HostStack::del_prefix_routes(const IfAddr& a) {
  IpPrefix net = a.local.network();
  // Another address on the device may still need the route.
  for (auto& x : addrs_)
    if (x.ifindex == a.ifindex && x.local.addr.is_v4() == a.local.addr.is_v4() &&
        x.local.network() == net && !(x.flags & kIfaSecondary))
      return;
  std::erase_if(routes_, [&](const Route& r) {
    return r.ifindex == a.ifindex && r.proto == kProtoKernel && r.dst == net;
  });
}

void HostStack::start_dad(IfAddr& a) {
  // One probe (dad_transmits=1) after a random delay below rtr_solicit_delay (1 s), then
  // retrans_time (1 s) to hear a conflict.
  Nanos delay = Nanos(ns_.world().rng().below(1000)) * kMsec;
  a.dad_done_at = ns_.engine().now() + delay + kSec;
  int idx = a.ifindex;
  Ipv6Addr addr = a.local.addr.v6();
  // The timers may outlive the stack (its namespace deleted while the address is tentative):
  // they hold the stack's liveness token, not only `this`.
  std::weak_ptr<int> alive = alive_;
  ns_.engine().after(delay, [this, idx, addr, alive] {
    if (alive.expired()) return;
    Device* dev = ns_.find(idx);
    if (!dev || !find_addr(IpAddr{addr})) return;
    send_nd(*dev, true, addr, addr.solicited_node(), MacAddr{}, false);
  });
  ns_.engine().after(delay + kSec, [this, idx, addr, alive] {
    if (!alive.expired()) dad_done(idx, addr, false);
  });
}

void HostStack::dad_done(int ifindex, Ipv6Addr addr, bool failed) {
  for (auto& a : addrs_) {
    if (a.ifindex != ifindex || a.local.addr != IpAddr{addr} || !(a.flags & kIfaTentative))
      continue;
    a.flags &= ~kIfaTentative;
    if (failed) a.flags |= kIfaDadfailed;
    addr_publish(a, true);
    // The first link-local address to pass DAD: every group reported (ipv6_mc_dad_complete).
    if (!failed && addr.is_link_local()) {
      bool lonely = true;
      for (auto& x : addrs_) {
        if (x.ifindex != ifindex || x.local.addr.is_v4() || x.local.addr.v6() == addr) continue;
        lonely &= !(x.local.addr.v6().is_link_local() &&
                    !(x.flags & (kIfaTentative | kIfaDadfailed)));
      }
      if (Device* dev = ns_.find(ifindex); dev && lonely) mc_dad_complete(*dev);
    }
    return;
  }
}

void HostStack::addr_publish(const IfAddr& a, bool added) {
  ns_.world().events().publish(Event{added ? EventType::kNewAddr : EventType::kDelAddr, &ns_,
                                     ns_.find(a.ifindex), &a, nullptr, nullptr, 0});
}

}  // namespace uvn
