// IPv6 receive, ICMPv6 echo, and neighbour discovery (RFC 4861): NS/NA for resolution and
// for duplicate address detection (RFC 4862).
#include <cstring>

#include "base/be.h"
#include "wire/ethernet.h"
#include "wire/icmpv6.h"
#include "wire/ip_proto.h"
#include "wire/ipv6.h"
#include "wire/mcast.h"
#include "wire/udp.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"

namespace uvn {

namespace {

constexpr size_t kEth = wire::kEthernetHeaderLen;

bool is_mld_type(uint8_t t) {
  return t == wire::kMldQuery || t == wire::kMldReport || t == wire::kMldDone ||
         t == wire::kMldv2Report;
}

}  // namespace

void HostStack::send_nd(Device& dev, bool solicit, const Ipv6Addr& target, const Ipv6Addr& dst,
                        const MacAddr& eth_dst, bool solicited_flag) {
  Ipv6Addr src;
  const IfAddr* own = find_addr(IpAddr{target});
  if (solicit) {
    // From our link-local address, or from :: while the target is our tentative address.
    if (!(own && own->ifindex == dev.ifindex() && (own->flags & kIfaTentative))) {
      auto s = pick_source(IpAddr{dst}, dev.ifindex());
      if (s && !s->is_v4()) src = s->v6();
    }
  } else {
    src = target;
  }
  ++counters_.nd_out;
  dev.transmit(build_nd(solicit, src, target, dst, eth_dst, solicited_flag, dev.mac()));
}

Frame HostStack::build_nd(bool solicit, const Ipv6Addr& src, const Ipv6Addr& target,
                          const Ipv6Addr& dst, const MacAddr& eth_dst, bool solicited_flag,
                          const MacAddr& lladdr) {
  wire::Icmpv6Repr msg;
  if (solicit) {
    wire::NdpNeighborSolicit ns{target, std::nullopt};
    if (!src.is_zero()) ns.source_lladdr = lladdr;
    msg.msg = ns;
  } else {
    msg.msg = wire::NdpNeighborAdvert{false, solicited_flag, true, target, lladdr};
  }
  wire::Ipv6Repr ip;
  ip.src = src;
  ip.dst = dst;
  ip.next_header = wire::kIpProtoIcmpv6;
  ip.hop_limit = wire::kNdpHopLimit;
  ip.payload_len = uint16_t(msg.buffer_len());
  Frame f = ns_.engine().pool().alloc(kEth + wire::kIpv6HeaderLen + msg.buffer_len());
  MacAddr ed = dst.is_multicast() ? wire::multicast_mac(dst) : eth_dst;
  wire::EthernetRepr{ed, lladdr, wire::kEtherTypeIpv6}.emit(f.data());
  ip.emit(f.data() + kEth);
  msg.emit(f.data() + kEth + wire::kIpv6HeaderLen, src, dst);
  return f;
}

void HostStack::receive_ipv6(Device& dev, Frame& f) {
  if (ipv6_disabled_) return;  // ipv6_rcv drops what a disabled device receives
  const uint8_t* p = f.data() + kEth;
  size_t len = f.size() - kEth;
  auto v = wire::Ipv6View::parse(p, len);
  if (!v) return;
  auto ip = wire::Ipv6Repr::parse(*v);
  if (!ip) return;
  const Ipv6Addr& d = ip->dst;
  bool ours = false;
  if (d.is_multicast()) {
    // ipv6_chk_mcast_addr: the groups joined on this device (ff02::1, solicited-node, ...).
    ours = mc_is_member(dev.ifindex(), IpAddr{d});
    if (!ours) ++counters_.mc_not_joined;
  } else {
    for (auto& a : addrs_) ours |= !a.local.addr.is_v4() && a.local.addr.v6() == d;
  }
  if (!ours) {
    ++counters_.dropped;
    return;
  }
  ++counters_.ip_in;
  const uint8_t* l4 = p + wire::kIpv6HeaderLen;
  size_t l4_len = ip->payload_len;
  uint8_t nh = ip->next_header;
  // Skip a hop-by-hop options header (MLD reports carry one).
  bool hop_by_hop = false;
  if (nh == wire::kIpProtoHopByHop && l4_len >= 8) {
    size_t hl = (size_t(l4[1]) + 1) * 8;
    if (hl > l4_len) return;
    nh = l4[0];
    l4 += hl;
    l4_len -= hl;
    hop_by_hop = true;
  }
  if (nh == wire::kIpProtoIcmpv6 && l4_len >= 1 && is_mld_type(l4[0])) {
    // MLD comes behind a Hop-by-Hop header with the Router Alert option (a query without it
    // is dropped); one without the header is not looked at.
    if (hop_by_hop) receive_mld(dev, f, p, len);
    return;
  }
  if (nh == wire::kIpProtoIcmpv6) {
    auto iv = wire::Icmpv6View::parse(l4, l4_len);
    if (!iv) return;
    wire::Ipv6Repr inner_ip = *ip;
    auto msg = wire::Icmpv6Repr::parse(*iv, inner_ip);
    if (!msg) return;
    ++counters_.icmp_in;
    if (auto* echo = std::get_if<wire::Icmpv6Echo>(&msg->msg)) {
      if (echo->request) {
        if (d.is_multicast()) return;
        wire::Icmpv6Repr reply{wire::Icmpv6Echo{false, echo->ident, echo->seq, echo->data}};
        std::vector<uint8_t> buf(reply.buffer_len());
        reply.emit(buf.data(), d, ip->src);
        ++counters_.icmp_out;
        send_ip(IpAddr{ip->src}, wire::kIpProtoIcmpv6, buf.data(), buf.size(), IpAddr{d},
                ip->src.is_link_local() ? dev.ifindex() : 0);
      } else {
        IcmpEvent ev{IpAddr{ip->src}, 129, 0, echo->ident, echo->seq, ip->hop_limit,
                     echo->data.size(), echo->data.data(), false};
        deliver_icmp(ev);
      }
      return;
    }
    if (auto* ns = std::get_if<wire::NdpNeighborSolicit>(&msg->msg)) {
      ++counters_.nd_in;
      const IfAddr* own = find_addr(IpAddr{ns->target});
      if (!own || own->ifindex != dev.ifindex()) return;
      if (own->flags & kIfaTentative) {
        // Someone else probes the address we are probing: both lose it (RFC 4862 5.4.3).
        if (ip->src.is_zero()) dad_done(dev.ifindex(), ns->target, true);
        return;
      }
      if (ip->src.is_zero()) {
        send_nd(dev, false, ns->target, *Ipv6Addr::parse("ff02::1"), MacAddr{}, false);
        return;
      }
      if (ns->source_lladdr) neigh_update(dev, IpAddr{ip->src}, *ns->source_lladdr, false, true);
      MacAddr to = ns->source_lladdr.value_or(MacAddr::from_bytes(f.data() + 6));
      send_nd(dev, false, ns->target, ip->src, to, true);
      return;
    }
    if (auto* na = std::get_if<wire::NdpNeighborAdvert>(&msg->msg)) {
      ++counters_.nd_in;
      const IfAddr* own = find_addr(IpAddr{na->target});
      if (own) {
        if (own->flags & kIfaTentative) dad_done(own->ifindex, na->target, true);
        return;
      }
      if (!na->target_lladdr) return;
      if (neigh_lookup(dev.ifindex(), IpAddr{na->target}))
        neigh_update(dev, IpAddr{na->target}, *na->target_lladdr, na->solicited,
                     na->override_flag);
      return;
    }
    if (auto* other = std::get_if<wire::Icmpv6Other>(&msg->msg)) {
      if (other->type == 1 || other->type == 3) {
        // Quoted packet: IPv6 header then our echo request.
        const auto& b = other->body;
        if (b.size() < wire::kIpv6HeaderLen + 8 || b[6] != wire::kIpProtoIcmpv6) return;
        const uint8_t* q = b.data() + wire::kIpv6HeaderLen;
        if (q[0] != 128) return;
        IcmpEvent ev{IpAddr{ip->src}, other->type, other->code, load_be16(q + 4),
                     load_be16(q + 6), ip->hop_limit, 0, nullptr, true};
        deliver_icmp(ev);
      }
    }
    return;
  }
  if (nh == wire::kIpProtoUdp) {
    auto uv = wire::UdpView::parse(l4, l4_len);
    if (!uv) return;
    auto udp = wire::UdpRepr::parse(*uv, ip->src, ip->dst);
    if (!udp) return;
    ++counters_.udp_in;
    auto it = udp_socks_.find(udp->dst_port);
    if (it == udp_socks_.end()) {
      ++counters_.udp_no_port;
      return;
    }
    UdpDatagram dg{IpAddr{ip->src}, IpAddr{d}, udp->src_port, udp->dst_port,
                   l4 + wire::kUdpHeaderLen, udp->payload_len};
    it->second(dg);
  }
}

}  // namespace uvn
