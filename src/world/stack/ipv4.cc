// IPv4 receive and send, ARP, ICMP echo (RFC 792) and the UDP demux. Weak host model, as
// Linux: a frame for any address of the namespace is taken on any device.
#include <cstring>

#include "base/be.h"
#include "wire/arp.h"
#include "wire/ethernet.h"
#include "wire/icmp.h"
#include "wire/ip_proto.h"
#include "wire/ipv4.h"
#include "wire/ipv6.h"
#include "wire/udp.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"

namespace uvn {

namespace {

constexpr size_t kEth = wire::kEthernetHeaderLen;

bool is_broadcast_for(const std::vector<IfAddr>& addrs, int ifindex, const Ipv4Addr& d) {
  if (d.is_broadcast()) return true;
  for (auto& a : addrs) {
    if (a.ifindex != ifindex || !a.local.addr.is_v4() || a.local.len >= 31) continue;
    uint32_t host = ~ipv4_mask(a.local.len);
    if ((d.v & ~host) == (a.local.addr.v4().v & ~host) && (d.v & host) == host) return true;
    if (a.brd && *a.brd == d) return true;
  }
  return false;
}

}  // namespace

void HostStack::send_arp(Device& dev, uint16_t op, const Ipv4Addr& sip, const MacAddr& sha,
                         const Ipv4Addr& tip, const MacAddr& tha, const MacAddr& eth_dst) {
  ++counters_.arp_out;
  dev.transmit(build_arp(op, sip, sha, tip, tha, eth_dst, dev.mac()));
}

Frame HostStack::build_arp(uint16_t op, const Ipv4Addr& sip, const MacAddr& sha,
                           const Ipv4Addr& tip, const MacAddr& tha, const MacAddr& eth_dst,
                           const MacAddr& eth_src) {
  wire::ArpRepr arp;
  arp.op = op == 1 ? wire::ArpOp::kRequest : wire::ArpOp::kReply;
  arp.sender_mac = sha;
  arp.sender_ip = sip;
  arp.target_mac = tha;
  arp.target_ip = tip;
  Frame f = ns_.engine().pool().alloc(kEth + arp.buffer_len());
  wire::EthernetRepr{eth_dst, eth_src, wire::kEtherTypeArp}.emit(f.data());
  arp.emit(f.data() + kEth);
  return f;
}

void HostStack::receive_arp(Device& dev, Frame& f) {
  auto v = wire::ArpView::parse(f.data() + kEth, f.size() - kEth);
  if (!v) return;
  auto arp = wire::ArpRepr::parse(*v);
  if (!arp) return;
  ++counters_.arp_in;
  uint16_t op = arp->op == wire::ArpOp::kRequest ? 1 : 2;
  for (auto& [id, h] : arp_socks_) h(dev, op, arp->sender_ip, arp->sender_mac, arp->target_ip);
  if (dev.admin_flags() & kIffNoarp) return;
  if (arp->sender_ip.is_zero() && op == 1) {
    // A duplicate address probe: answer if the address is ours.
    if (is_local(IpAddr{arp->target_ip}))
      send_arp(dev, 2, arp->target_ip, dev.mac(), arp->sender_ip, arp->sender_mac,
               arp->sender_mac);
    return;
  }
  IpAddr sender{arp->sender_ip};
  bool for_us = is_local(IpAddr{arp->target_ip}) && arp->sender_ip != arp->target_ip;
  if (op == 1 && for_us) {
    neigh_update(dev, sender, arp->sender_mac, false, true);
    send_arp(dev, 2, arp->target_ip, dev.mac(), arp->sender_ip, arp->sender_mac,
             arp->sender_mac);
    return;
  }
  // Replies and gratuitous ARP update an entry we already have (arp_accept=0).
  if (Neighbour* n = neigh_lookup(dev.ifindex(), sender)) {
    bool solicited = op == 2 && (n->state & (kNudIncomplete | kNudProbe | kNudDelay)) &&
                     !MacAddr::from_bytes(f.data()).is_broadcast();
    (void)n;
    neigh_update(dev, sender, arp->sender_mac, solicited, true);
  }
}

Frame HostStack::build_ip(const IpAddr& src, const IpAddr& dst, uint8_t proto, const uint8_t* l4,
                          size_t l4_len, uint8_t ttl, bool l4_is_icmpv6) {
  (void)l4_is_icmpv6;
  if (src.is_v4()) {
    wire::Ipv4Repr ip;
    ip.src = src.v4();
    ip.dst = dst.v4();
    ip.protocol = proto;
    ip.ttl = ttl;
    ip.ident = ip_id_++;
    ip.dont_frag = true;
    ip.payload_len = uint16_t(l4_len);
    Frame f = ns_.engine().pool().alloc(kEth + ip.header_len() + l4_len);
    store_be16(f.data() + 12, wire::kEtherTypeIpv4);
    ip.emit(f.data() + kEth);
    std::memcpy(f.data() + kEth + ip.header_len(), l4, l4_len);
    return f;
  }
  wire::Ipv6Repr ip;
  ip.src = src.v6();
  ip.dst = dst.v6();
  ip.next_header = proto;
  ip.hop_limit = ttl;
  ip.payload_len = uint16_t(l4_len);
  Frame f = ns_.engine().pool().alloc(kEth + wire::kIpv6HeaderLen + l4_len);
  store_be16(f.data() + 12, wire::kEtherTypeIpv6);
  ip.emit(f.data() + kEth);
  std::memcpy(f.data() + kEth + wire::kIpv6HeaderLen, l4, l4_len);
  return f;
}

void HostStack::receive_ipv4(Device& dev, Frame& f) {
  const uint8_t* p = f.data() + kEth;
  size_t len = f.size() - kEth;
  auto v = wire::Ipv4View::parse(p, len);
  if (!v) return;
  auto ip = wire::Ipv4Repr::parse(*v);
  if (!ip || ip->is_fragment()) {
    ++counters_.dropped;
    return;
  }
  IpAddr dst{ip->dst}, src{ip->src};
  bool bcast = is_broadcast_for(addrs_, dev.ifindex(), ip->dst);
  bool mcast = ip->dst.is_multicast();
  if (!bcast && !mcast && !is_local(dst)) {
    ++counters_.dropped;  // not a router: no forwarding
    return;
  }
  // ip_check_mc_rcu: multicast only for groups joined on this device.
  if (mcast && !mc_is_member(dev.ifindex(), dst)) {
    ++counters_.mc_not_joined;
    ++counters_.dropped;
    return;
  }
  ++counters_.ip_in;
  const uint8_t* l4 = v->payload();
  size_t l4_len = v->payload_len();
  if (ip->protocol == wire::kIpProtoIgmp) {
    receive_igmp(dev, f, p, len);
    return;
  }
  if (ip->protocol == wire::kIpProtoIcmp) {
    auto iv = wire::IcmpView::parse(l4, l4_len);
    if (!iv) return;
    auto icmp = wire::IcmpRepr::parse(*iv);
    if (!icmp) return;
    ++counters_.icmp_in;
    if (icmp->type == wire::kIcmpEchoRequest) {
      if (bcast || mcast) return;  // icmp_echo_ignore_broadcasts=1
      auto reply = wire::IcmpRepr::echo_reply(icmp->ident(), icmp->seq(), icmp->payload);
      std::vector<uint8_t> buf(reply.buffer_len());
      reply.emit(buf.data());
      ++counters_.icmp_out;
      send_ip(src, wire::kIpProtoIcmp, buf.data(), buf.size(), dst);
    } else if (icmp->type == wire::kIcmpEchoReply) {
      IcmpEvent ev{src, icmp->type, icmp->code, icmp->ident(), icmp->seq(), ip->ttl,
                   icmp->payload.size(), icmp->payload.data(), false};
      deliver_icmp(ev);
    } else if (icmp->type == wire::kIcmpDestUnreachable || icmp->type == wire::kIcmpTimeExceeded) {
      // The quoted header: our echo request's identifier and sequence.
      auto inner = wire::Ipv4View::parse(icmp->payload.data(), icmp->payload.size());
      if (!inner || inner->protocol() != wire::kIpProtoIcmp) return;
      const uint8_t* q = icmp->payload.data() + inner->header_len();
      if (icmp->payload.size() < inner->header_len() + 8 || q[0] != wire::kIcmpEchoRequest) return;
      IcmpEvent ev{src, icmp->type, icmp->code, load_be16(q + 4), load_be16(q + 6), ip->ttl, 0,
                   nullptr, true};
      deliver_icmp(ev);
    }
    return;
  }
  if (ip->protocol == wire::kIpProtoUdp) {
    auto uv = wire::UdpView::parse(l4, l4_len);
    if (!uv) return;
    auto udp = wire::UdpRepr::parse(*uv, ip->src, ip->dst);
    if (!udp) return;
    ++counters_.udp_in;
    auto it = udp_socks_.find(udp->dst_port);
    if (it == udp_socks_.end()) {
      ++counters_.udp_no_port;
      if (bcast || mcast) return;
      size_t quote = std::min<size_t>(v->header_len() + 8, len);
      auto err = wire::IcmpRepr::dest_unreachable(wire::kIcmpPortUnreachable, {p, quote});
      std::vector<uint8_t> buf(err.buffer_len());
      err.emit(buf.data());
      send_ip(src, wire::kIpProtoIcmp, buf.data(), buf.size(), dst);
      return;
    }
    UdpDatagram d{src, dst, udp->src_port, udp->dst_port, l4 + wire::kUdpHeaderLen,
                  udp->payload_len};
    it->second(d);
  }
}

void HostStack::link_failure(Frame& f) {
  if (f.size() < kEth + 1) return;
  uint16_t et = load_be16(f.data() + 12);
  const uint8_t* p = f.data() + kEth;
  size_t len = f.size() - kEth;
  if (et == wire::kEtherTypeIpv4) {
    auto v = wire::Ipv4View::parse(p, len);
    if (!v || v->protocol() != wire::kIpProtoIcmp || v->payload_len() < 8) return;
    const uint8_t* q = v->payload();
    if (q[0] != wire::kIcmpEchoRequest) return;
    IcmpEvent ev{IpAddr{v->src()}, wire::kIcmpDestUnreachable, wire::kIcmpHostUnreachable,
                 load_be16(q + 4), load_be16(q + 6), 0, 0, nullptr, true};
    deliver_icmp(ev);
  } else if (et == wire::kEtherTypeIpv6) {
    auto v = wire::Ipv6View::parse(p, len);
    if (!v || v->next_header() != wire::kIpProtoIcmpv6 || len < wire::kIpv6HeaderLen + 8) return;
    const uint8_t* q = p + wire::kIpv6HeaderLen;
    if (q[0] != 128) return;
    // ICMPv6 destination unreachable, code 3: address unreachable.
    IcmpEvent ev{IpAddr{v->src()}, 1, 3, load_be16(q + 4), load_be16(q + 6), 0, 0, nullptr, true};
    deliver_icmp(ev);
  }
}

}  // namespace uvn
