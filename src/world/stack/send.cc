// The send path shared by IPv4 and IPv6: choose the device and next hop (local addresses go
// through lo), pick the source address, build the packet and hand it to the neighbour layer.
#include <cstring>

#include "wire/icmp.h"
#include "wire/icmpv6.h"
#include "wire/ip_proto.h"
#include "wire/mcast.h"
#include "wire/udp.h"
#include "world/netns.h"
#include "world/stack/host_stack.h"

namespace uvn {

namespace {

struct Path {
  Device* dev = nullptr;
  IpAddr nexthop;
  IpAddr src;
  bool broadcast = false;
};

}  // namespace

// Finds the way to `dst`. Fills err on failure.
static std::optional<Path> resolve(HostStack& st, Netns& ns, const IpAddr& dst,
                                   std::optional<IpAddr> src, int oif, SendError& err) {
  Path p;
  p.nexthop = dst;
  if (st.is_local(dst)) {
    p.dev = ns.loopback();
    p.src = src.value_or(dst);
    return p;
  }
  bool v4 = dst.is_v4();
  if (v4 && dst.v4().is_broadcast()) {
    p.dev = oif ? ns.find(oif) : nullptr;
    p.broadcast = true;
  } else if (v4 && dst.v4().is_multicast()) {
    // The chosen device (IP_MULTICAST_IF, SO_BINDTODEVICE), else the route to the group.
    p.broadcast = true;
    if (oif) {
      p.dev = ns.find(oif);
    } else if (const Route* r = st.route_lookup(dst); r && r->type == kRtnUnicast) {
      p.dev = ns.find(r->ifindex);
      if (!src && r->prefsrc) src = r->prefsrc;
    }
  } else if (!v4 && dst.v6().is_multicast()) {
    p.dev = oif ? ns.find(oif) : nullptr;
    p.broadcast = true;
  } else {
    const Route* r = st.route_lookup(dst, oif);
    if (!r || r->type != kRtnUnicast) {
      err = SendError::kNoRoute;
      return std::nullopt;
    }
    p.dev = ns.find(r->ifindex);
    if (r->gateway) p.nexthop = *r->gateway;
    if (!src && r->prefsrc) src = r->prefsrc;
  }
  if (!p.dev) {
    err = SendError::kNoRoute;
    return std::nullopt;
  }
  if (!p.dev->is_up()) {
    err = SendError::kNetDown;
    return std::nullopt;
  }
  if (!src) src = st.pick_source(dst, p.dev->ifindex());
  if (!src) {
    err = SendError::kNoAddress;
    return std::nullopt;
  }
  p.src = *src;
  return p;
}

SendError HostStack::send_ip(const IpAddr& dst, uint8_t proto, const uint8_t* l4, size_t l4_len,
                             std::optional<IpAddr> src, int oif, uint8_t ttl, uint32_t priority) {
  SendError err = SendError::kOk;
  auto path = resolve(*this, ns_, dst, src, oif, err);
  if (!path) return err;
  Frame f = build_ip(path->src, dst, proto, l4, l4_len, ttl, false);
  f.meta.priority = priority;
  const MacAddr& sm = path->dev->mac();
  std::memcpy(f.data() + 6, sm.b.data(), 6);
  ++counters_.ip_out;
  if (path->dev->info().link_type == "loopback") {
    std::memset(f.data(), 0, 6);
    path->dev->transmit(std::move(f));
    return SendError::kOk;
  }
  if (path->broadcast) {
    bool bcast = dst.is_v4() && dst.v4().is_broadcast();
    MacAddr m = bcast ? MacAddr::broadcast() : wire::multicast_mac(dst);
    std::memcpy(f.data(), m.b.data(), 6);
    Device& dev = *path->dev;
    dev.transmit(std::move(f));
    // IP_MULTICAST_LOOP (on by default): our own socket hears a group we joined there.
    if (!bcast && proto == wire::kIpProtoUdp && mc_is_member(dev.ifindex(), dst))
      loop_multicast_udp(path->src, dst, l4, l4_len);
    return SendError::kOk;
  }
  neigh_output(*path->dev, path->nexthop, std::move(f));
  return SendError::kOk;
}

SendError HostStack::send_echo(const IpAddr& dst, uint16_t id, uint16_t seq, const uint8_t* payload,
                               size_t len, int oif, uint8_t ttl, uint32_t priority) {
  ++counters_.icmp_out;
  if (dst.is_v4()) {
    auto req = wire::IcmpRepr::echo_request(id, seq, {payload, len});
    std::vector<uint8_t> buf(req.buffer_len());
    req.emit(buf.data());
    return send_ip(dst, wire::kIpProtoIcmp, buf.data(), buf.size(), std::nullopt, oif, ttl,
                   priority);
  }
  // ICMPv6's checksum covers the addresses: pick the source first.
  SendError err = SendError::kOk;
  auto path = resolve(*this, ns_, dst, std::nullopt, oif, err);
  if (!path) return err;
  wire::Icmpv6Repr req{wire::Icmpv6Echo{true, id, seq, {payload, len}}};
  std::vector<uint8_t> buf(req.buffer_len());
  req.emit(buf.data(), path->src.v6(), dst.v6());
  return send_ip(dst, wire::kIpProtoIcmpv6, buf.data(), buf.size(), path->src, oif, ttl,
                 priority);
}

SendError HostStack::send_udp(const IpAddr& dst, uint16_t sport, uint16_t dport,
                              const uint8_t* data, size_t len, int oif, uint32_t priority) {
  SendError err = SendError::kOk;
  auto path = resolve(*this, ns_, dst, std::nullopt, oif, err);
  if (!path) return err;
  wire::UdpRepr udp{sport, dport, uint16_t(len)};
  std::vector<uint8_t> buf(udp.buffer_len());
  std::memcpy(buf.data() + wire::kUdpHeaderLen, data, len);
  if (dst.is_v4())
    udp.emit(buf.data(), path->src.v4(), dst.v4());
  else
    udp.emit(buf.data(), path->src.v6(), dst.v6());
  ++counters_.udp_out;
  // IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS default to 1.
  bool mcast = dst.is_v4() ? dst.v4().is_multicast() : dst.v6().is_multicast();
  return send_ip(dst, wire::kIpProtoUdp, buf.data(), buf.size(), path->src, oif, mcast ? 1 : 64,
                 priority);
}

void HostStack::loop_multicast_udp(const IpAddr& src, const IpAddr& dst, const uint8_t* l4,
                                   size_t len) {
  auto uv = wire::UdpView::parse(l4, len);
  if (!uv) return;
  ++counters_.udp_in;
  auto it = udp_socks_.find(uv->dst_port());
  if (it == udp_socks_.end()) {
    ++counters_.udp_no_port;
    return;
  }
  UdpDatagram d{src, dst, uv->src_port(), uv->dst_port(), l4 + wire::kUdpHeaderLen,
                uv->payload_len()};
  it->second(d);
}

}  // namespace uvn
