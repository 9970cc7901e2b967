// HostStack: construction, the receive demux, sockets and device events. The address, route,
// neighbour and protocol pieces are in addr.cc, route.cc, neigh.cc, ipv4.cc and ipv6.cc.
#include "world/stack/host_stack.h"

#include "dev/vlan/vlan.h"
#include "wire/ethernet.h"
#include "wire/vlan.h"
#include "world/netns.h"
#include "world/stack/mcast.h"

namespace uvn {

HostStack::HostStack(Netns& ns) : ns_(ns) {}

HostStack::~HostStack() {
  for (auto& [k, n] : neigh_) ns_.engine().cancel(n.timer);
  mc_cancel_all();
}

void HostStack::receive(Device& dev, Frame&& f) {
  auto eth = wire::EthernetView::parse(f.data(), f.size());
  if (!eth) {
    dev.count_drop(DropReason::kMalformed, true);
    return;
  }
  MacAddr dst = eth->dst();
  bool for_us = dst == dev.mac() || dst.is_multicast() || dev.info().link_type == "loopback";
  if (!for_us) {
    // PACKET_OTHERHOST: a promiscuous device sees it, the stack does not take it.
    ++counters_.dropped;
    return;
  }
  switch (eth->ethertype()) {
    case wire::kEtherTypeArp:
      receive_arp(dev, f);
      return;
    case wire::kEtherTypeIpv4:
      receive_ipv4(dev, f);
      return;
    case wire::kEtherTypeIpv6:
      receive_ipv6(dev, f);
      return;
    default:
      ++dev.stats().rx_nohandler;
      ++counters_.dropped;
      return;
  }
}

int HostStack::open_icmp(IcmpHandler h) {
  int id = next_icmp_id_++;
  icmp_socks_[id] = std::move(h);
  return id;
}
void HostStack::close_icmp(int id) { icmp_socks_.erase(id); }

int HostStack::open_arp(ArpHandler h) {
  int id = next_arp_++;
  arp_socks_[id] = std::move(h);
  return id;
}
void HostStack::close_arp(int h) { arp_socks_.erase(h); }

bool HostStack::bind_udp(uint16_t port, UdpHandler h) {
  if (udp_socks_.count(port)) return false;
  udp_socks_[port] = std::move(h);
  return true;
}
void HostStack::unbind_udp(uint16_t port) { udp_socks_.erase(port); }

void HostStack::deliver_icmp(const IcmpEvent& ev) {
  auto it = icmp_socks_.find(ev.id);
  if (it != icmp_socks_.end()) it->second(ev);
}

void HostStack::on_device_change(Device& dev, uint32_t changes) {
  if (changes & kChangeFlags) {
    if (dev.is_up() && !up_.count(dev.ifindex())) {
      up_.insert(dev.ifindex());
      on_up(dev);
    } else if (!dev.is_up() && up_.count(dev.ifindex())) {
      up_.erase(dev.ifindex());
      on_down(dev);
    }
  }
  // A carrier reported before the device's own up (a veth's open) waits for on_up, which
  // configures the link as the kernel's NETDEV_UP does, after IPv4.
  if ((changes & kChangeCarrier) && dev.carrier() && dev.is_up() && up_.count(dev.ifindex())) {
    // IPv6 configures a link only once it is ready (addrconf_link_ready): the link-local
    // address comes with the carrier, and DAD waits for it. The groups are reported again.
    mc_carrier_on(dev);
    add_link_local(dev);
    for (auto& a : addrs_)
      if (a.ifindex == dev.ifindex() && (a.flags & kIfaTentative) && !a.dad_done_at) start_dad(a);
  }
}

void HostStack::on_device_added(Device& dev) {
  // IPv6 joins ff01::1 and ff02::1 on every device when it is registered.
  mc_device_added(dev);
}

void HostStack::on_device_gone(Device& dev) {
  if (up_.erase(dev.ifindex())) on_down(dev);
  mc_device_gone(dev);
  std::erase_if(addrs_, [&](const IfAddr& a) { return a.ifindex == dev.ifindex(); });
  std::erase_if(routes_, [&](const Route& r) { return r.ifindex == dev.ifindex(); });
  for (auto it = neigh_.begin(); it != neigh_.end();) {
    if (it->first.first == dev.ifindex()) {
      ns_.engine().cancel(it->second.timer);
      it = neigh_.erase(it);
    } else {
      ++it;
    }
  }
}

void HostStack::notify_peers(Device& dev) {
  if (!dev.is_up()) return;
  std::vector<IfAddr> mine;
  for (auto& a : addrs_)
    if (a.ifindex == dev.ifindex()) mine.push_back(a);
  for (auto& a : mine) {
    if (!a.local.addr.is_v4()) continue;
    Ipv4Addr ip = a.local.addr.v4();
    send_arp(dev, 1, ip, dev.mac(), ip, MacAddr::zero(), MacAddr::broadcast());
  }
  for (auto& a : mine) {
    if (a.local.addr.is_v4() || (a.flags & kIfaTentative)) continue;
    send_nd(dev, false, a.local.addr.v6(), *Ipv6Addr::parse("ff02::1"), MacAddr::broadcast(), false);
  }
}

bool HostStack::has_addr_on_or_above(const Device& dev, const IpAddr& a) const {
  if (has_addr(dev.ifindex(), a)) return true;
  for (auto& [i, d] : ns_.devices())
    if (d->kind() == "vlan" && d->lower() == &dev && has_addr_on_or_above(*d, a)) return true;
  return false;
}

std::optional<Frame> HostStack::build_bond_probe(Device& bond, const IpAddr& target,
                                                 const MacAddr& slave_mac) {
  const bool v4 = target.is_v4();
  IpAddr src = v4 ? IpAddr{Ipv4Addr{}} : IpAddr{Ipv6Addr{}};
  std::vector<wire::VlanTag> tags;  // innermost first
  if (const Route* r = route_lookup(target)) {
    Device* d = ns_.find(r->ifindex);
    while (d && d != &bond) {
      auto* v = dynamic_cast<VlanDevice*>(d);
      if (!v) return std::nullopt;  // not the bond's: skipped
      tags.push_back(wire::VlanTag{v->tpid(), v->vid()});
      d = v->lower();
    }
    if (!d) return std::nullopt;
    if (auto s = pick_source(target, r->ifindex)) src = *s;
  }
  Frame f;
  if (v4) {
    f = build_arp(1, src.v4(), slave_mac, target.v4(), MacAddr::zero(), MacAddr::broadcast(),
                  slave_mac);
  } else {
    Ipv6Addr t = target.v6();
    f = build_nd(true, src.v6(), t, t.solicited_node(), MacAddr::broadcast(), false, slave_mac);
  }
  for (const auto& tag : tags) {
    if (!wire::vlan_push(f.data(), f.size(), f.headroom(), tag)) return std::nullopt;
    f.push(wire::kVlanTagLen);
  }
  return f;
}

}  // namespace uvn
