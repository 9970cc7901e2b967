// Neighbours (`ip neigh`): the NUD state machine of Linux's neighbour.c, for ARP and IPv6 ND.
//   none -> INCOMPLETE (solicit, mcast_solicit=3 tries, retrans 1 s) -> REACHABLE | FAILED
//   REACHABLE --(reachable_time, 15-45 s)--> STALE --(used)--> DELAY --(5 s)--> PROBE
//   PROBE (ucast_solicit=3 unicast tries) -> REACHABLE | FAILED
// Frames wait in the entry's queue while it resolves; when resolution fails they are
// dropped and the senders get "host unreachable".
#include <fmt/format.h>

#include "wire/ethernet.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"
#include "world/world.h"

namespace uvn {

namespace {

constexpr Nanos kRetrans = kSec;
constexpr Nanos kDelayFirstProbe = 5 * kSec;
constexpr Nanos kBaseReachable = 30 * kSec;
constexpr int kMcastSolicit = 3;
constexpr int kUcastSolicit = 3;
constexpr size_t kQueueBytes = 212992;  // unres_qlen_bytes

std::pair<int, std::string> key_of(int ifindex, const IpAddr& a) { return {ifindex, a.format()}; }

}  // namespace

Neighbour* HostStack::neigh_lookup(int ifindex, const IpAddr& a) {
  auto it = neigh_.find(key_of(ifindex, a));
  return it == neigh_.end() ? nullptr : &it->second;
}

Neighbour& HostStack::neigh_create(int ifindex, const IpAddr& a) {
  Neighbour& n = neigh_[key_of(ifindex, a)];
  n.addr = a;
  n.ifindex = ifindex;
  n.updated = n.used = ns_.engine().now();
  return n;
}

Status HostStack::neigh_add(const Neighbour& want, bool replace, bool excl) {
  Device* dev = ns_.find(want.ifindex);
  if (!dev) return Error::errno_only(ENODEV);
  Neighbour* n = neigh_lookup(want.ifindex, want.addr);
  if (n && excl) return Error::errno_only(EEXIST);
  if (!n && !replace && !excl) return Error::errno_only(ENOENT);  // `change` of a missing one
  bool created = !n;
  if (!n) n = &neigh_create(want.ifindex, want.addr);
  ns_.engine().cancel(n->timer);
  n->timer = 0;
  n->lladdr = want.lladdr;
  n->state = want.state ? want.state : uint16_t(kNudPermanent);
  n->router = want.router;
  n->updated = ns_.engine().now();
  n->probes = 0;
  (void)created;
  neigh_publish(*n, true);
  if (n->lladdr && !n->queue.empty()) {
    auto q = std::move(n->queue);
    n->queue.clear();
    for (auto& f : q) neigh_output(*dev, n->addr, std::move(f));
  }
  return {};
}

Status HostStack::neigh_del(int ifindex, const IpAddr& a) {
  auto it = neigh_.find(key_of(ifindex, a));
  if (it == neigh_.end()) return Error::errno_only(ENOENT);
  ns_.engine().cancel(it->second.timer);
  Neighbour gone = std::move(it->second);
  neigh_.erase(it);
  neigh_publish(gone, false);
  return {};
}

size_t HostStack::neigh_flush(int ifindex, uint16_t state_mask) {
  size_t n = 0;
  for (auto it = neigh_.begin(); it != neigh_.end();) {
    Neighbour& e = it->second;
    bool match = (!ifindex || e.ifindex == ifindex) && (e.state & state_mask) &&
                 !(e.state & (kNudPermanent | kNudNoarp));
    if (match) {
      ns_.engine().cancel(e.timer);
      Neighbour gone = std::move(e);
      it = neigh_.erase(it);
      neigh_publish(gone, false);
      ++n;
    } else {
      ++it;
    }
  }
  return n;
}

void HostStack::neigh_solicit(Device& dev, Neighbour& n) {
  bool unicast = n.state == kNudProbe && n.lladdr;
  if (n.addr.is_v4()) {
    std::optional<IpAddr> src = pick_source(n.addr, dev.ifindex());
    Ipv4Addr sip = src ? src->v4() : Ipv4Addr{};
    send_arp(dev, 1, sip, dev.mac(), n.addr.v4(), MacAddr::zero(),
             unicast ? *n.lladdr : MacAddr::broadcast());
  } else {
    Ipv6Addr target = n.addr.v6();
    if (unicast)
      send_nd(dev, true, target, target, *n.lladdr, false);
    else
      send_nd(dev, true, target, target.solicited_node(), MacAddr{}, false);
  }
  ++n.probes;
}

void HostStack::neigh_timer(int ifindex, std::string key) {
  auto it = neigh_.find({ifindex, key});
  if (it == neigh_.end()) return;
  Neighbour& n = it->second;
  n.timer = 0;
  Device* dev = ns_.find(ifindex);
  if (!dev) return;
  Engine& eng = ns_.engine();
  auto rearm = [&](Nanos d) { n.timer = eng.after(d, [this, ifindex, key] { neigh_timer(ifindex, key); }); };
  switch (n.state) {
    case kNudReachable:
      n.state = kNudStale;
      n.updated = eng.now();
      neigh_publish(n, true);
      return;
    case kNudDelay:
      n.state = kNudProbe;
      n.probes = 0;
      n.updated = eng.now();
      neigh_publish(n, true);
      neigh_solicit(*dev, n);
      rearm(kRetrans);
      return;
    case kNudIncomplete:
    case kNudProbe: {
      int max = n.state == kNudIncomplete ? kMcastSolicit : kUcastSolicit;
      if (n.probes >= max) {
        n.state = kNudFailed;
        n.updated = eng.now();
        // The waiting senders learn the host is unreachable (ICMP from ourselves).
        auto q = std::move(n.queue);
        n.queue.clear();
        neigh_publish(n, true);
        for (auto& f : q) link_failure(f);
        return;
      }
      neigh_solicit(*dev, n);
      rearm(kRetrans);
      return;
    }
    default:
      return;
  }
}

void HostStack::neigh_update(Device& dev, const IpAddr& a, const MacAddr& mac, bool solicited,
                             bool override_) {
  Neighbour* n = neigh_lookup(dev.ifindex(), a);
  Engine& eng = ns_.engine();
  if (!n) {
    n = &neigh_create(dev.ifindex(), a);
    n->state = kNudNone;
  }
  if (n->state & (kNudPermanent | kNudNoarp)) return;
  bool changed = !n->lladdr || *n->lladdr != mac;
  uint16_t old = n->state;
  if (solicited) {
    if (changed && !override_ && n->lladdr && (old & (kNudReachable | kNudDelay | kNudProbe))) {
      // Keep the known address; a stale one is only replaced by an overriding answer.
      n->state = kNudStale;
    } else {
      n->lladdr = mac;
      n->state = kNudReachable;
      n->confirmed = eng.now();
    }
  } else {
    if (old == kNudNone || old == kNudIncomplete || old == kNudFailed || changed) {
      n->lladdr = mac;
      n->state = kNudStale;
    }
  }
  n->updated = eng.now();
  if (n->state != old || changed) {
    eng.cancel(n->timer);
    n->timer = 0;
    n->probes = 0;
    if (n->state == kNudReachable) {
      Nanos rt = kBaseReachable / 2 + Nanos(ns_.world().rng().below(1000)) * kBaseReachable / 1000;
      int ifindex = dev.ifindex();
      std::string key = a.format();
      n->timer = eng.after(rt, [this, ifindex, key] { neigh_timer(ifindex, key); });
    }
    neigh_publish(*n, true);
  }
  if (n->lladdr && !n->queue.empty()) {
    auto q = std::move(n->queue);
    n->queue.clear();
    for (auto& f : q) neigh_output(dev, a, std::move(f));
  }
}

void HostStack::neigh_output(Device& dev, const IpAddr& nexthop, Frame&& f) {
  Engine& eng = ns_.engine();
  auto* eth = f.data();
  auto fill_and_send = [&](const MacAddr& dst) {
    for (int i = 0; i < 6; ++i) eth[i] = dst.b[i];
    dev.transmit(std::move(f));
  };
  if (dev.info().link_type != "ether" || (dev.admin_flags() & kIffNoarp)) {
    fill_and_send(dev.info().link_type == "ether" ? dev.broadcast() : MacAddr::zero());
    return;
  }
  Neighbour* n = neigh_lookup(dev.ifindex(), nexthop);
  if (!n) {
    n = &neigh_create(dev.ifindex(), nexthop);
    n->state = kNudNone;
  }
  n->used = eng.now();
  int ifindex = dev.ifindex();
  std::string key = nexthop.format();
  switch (n->state) {
    case kNudReachable:
    case kNudPermanent:
    case kNudNoarp:
    case kNudDelay:
    case kNudProbe:
      fill_and_send(*n->lladdr);
      return;
    case kNudStale:
      n->state = kNudDelay;
      n->updated = eng.now();
      eng.cancel(n->timer);
      n->timer = eng.after(kDelayFirstProbe, [this, ifindex, key] { neigh_timer(ifindex, key); });
      neigh_publish(*n, true);
      fill_and_send(*n->lladdr);
      return;
    default: {
      // NONE, FAILED or INCOMPLETE: queue and resolve.
      size_t bytes = 0;
      for (auto& q : n->queue) bytes += q.size();
      if (bytes + f.size() <= kQueueBytes) n->queue.push_back(std::move(f));
      if (n->state != kNudIncomplete) {
        n->state = kNudIncomplete;
        n->probes = 0;
        n->updated = eng.now();
        neigh_publish(*n, true);
        neigh_solicit(dev, *n);
        eng.cancel(n->timer);
        n->timer = eng.after(kRetrans, [this, ifindex, key] { neigh_timer(ifindex, key); });
      }
      return;
    }
  }
}

void HostStack::neigh_publish(const Neighbour& n, bool added) {
  ns_.world().events().publish(Event{added ? EventType::kNewNeigh : EventType::kDelNeigh, &ns_,
                                     ns_.find(n.ifindex), nullptr, &n, nullptr, 0});
}

}  // namespace uvn
