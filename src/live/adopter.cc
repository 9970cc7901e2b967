#include "live/adopter.h"

#include <linux/if.h>

#include <fmt/format.h>

#include "live/offload.h"
#include "sys/stack_guard.h"
#include "world/netns.h"

namespace uvn::live {

Adopter::Adopter(World& w, FdWatch& fds, Log& log, sys::PacketSocket::Options opts)
    : w_(w), fds_(fds), log_(log), opts_(opts) {
  w_.set_host_links(this);
  sub_ = w_.events().subscribe([this](const Event& e) { on_event(e); });
}

Adopter::~Adopter() {
  w_.events().unsubscribe(sub_);
  w_.set_host_links(nullptr);
  for (auto& [nic, p] : ports_) {
    fds_.unwatch(p->sock->fd());
    (void)p->sock->netif().set_up(false);
    sys::unguard_stack(p->netns, p->ifname);
    p->nic->plug(nullptr);
  }
  for (auto& [name, m] : monitors_) fds_.unwatch(m.mon->fd());
}

Adopter::Monitor* Adopter::monitor_for(const std::string& netns) {
  auto it = monitors_.find(netns);
  if (it != monitors_.end()) return &it->second;
  auto mon = sys::LinkMonitor::open(netns);
  if (!mon) {
    log_.error("no link events for namespace \"{}\": {}", netns, mon.error().message);
    return nullptr;
  }
  Monitor& m = monitors_[netns];
  m.mon = std::move(*mon);
  int fd = m.mon->fd();
  fds_.watch(fd, [this, netns] {
    auto it2 = monitors_.find(netns);
    if (it2 == monitors_.end()) return;
    it2->second.mon->receive([&](const sys::LinkState& s) { link_state(netns, s); });
  });
  return &m;
}

Result<std::unique_ptr<Device>> Adopter::open_host_link(Netns& ns, const std::string& kif) {
  released_.clear();
  std::string netns = ns.is_init() ? "" : ns.name();
  for (auto& [nic, p] : ports_)
    if (p->netns == netns && p->ifname == kif)
      return Error::with(EBUSY, fmt::format("{} is already a uvn port", kif));
  auto sock = sys::PacketSocket::open(netns, kif, opts_);
  if (!sock) {
    int code = sock.error().code == ENODEV ? ENODEV : sock.error().code;
    return Error::with(code, fmt::format("cannot adopt kernel interface \"{}\": {}", kif,
                                         sock.error().message));
  }
  auto mac = (*sock)->netif().mac();
  auto mtu = (*sock)->netif().mtu();
  if (!mac || !mtu) return Error::with(EIO, "cannot read " + kif + "'s address or MTU");
  Monitor* mon = monitor_for(netns);
  if (!mon) return Error::with(EIO, "no rtnetlink socket for " + kif);
  // The kernel's stack keeps off KIF from now on (a port has no stack of its own).
  if (auto st = sys::guard_stack(netns, kif); !st)
    log_.warn("{} stays visible to the kernel's stack: {}", kif, st.error().message);
  auto nic = std::make_unique<NicDevice>(&ns);
  nic->set_mac(*mac);
  nic->set_mtu(*mtu);
  auto port = std::make_unique<Port>();
  port->owner = this;
  port->nic = nic.get();
  port->netns = netns;
  port->ifname = kif;
  port->sock = std::move(*sock);
  port->mtu = *mtu;
  port->up = (*port->sock->netif().flags() & IFF_UP) != 0;
  nic->plug(port.get());
  nic->set_carrier(false);  // until the kernel says (the answer to request below)
  ++mon->users;
  (void)mon->mon->request(port->sock->ifindex());
  Port* p = port.get();
  fds_.watch(p->sock->fd(), [this, p] { readable(p); });
  log_.info("adopted kernel interface {} of namespace \"{}\" ({})", kif, netns,
            opts_.mode == sys::PacketSocket::Mode::kRingV3   ? "TPACKET_V3 ring"
            : opts_.mode == sys::PacketSocket::Mode::kRingV2 ? "TPACKET_V2 ring"
                                                             : "recvmmsg");
  ports_[nic.get()] = std::move(port);
  return std::unique_ptr<Device>(std::move(nic));
}

void Adopter::readable(Port* p) {
  if (!p->nic || !p->sock) return;
  NicDevice* nic = p->nic;
  Pool& pool = w_.engine().pool();
  p->sock->receive([&](const sys::VnetHdr& vh, const uint8_t* data, size_t len) {
    Frame f = pool.from_bytes(data, len);
    f.offload = offload_from_vnet(vh);
    nic->rx(std::move(f));
  });
}

void Adopter::Port::carry(Frame&& f) {
  if (!sock) return;
  (void)sock->send(vnet_from_offload(f.offload), f.data(), f.size());
}

void Adopter::Port::unplugged(NicDevice&) { owner->release(this); }

void Adopter::release(Port* p) {
  auto it = ports_.find(p->nic);
  if (it == ports_.end()) return;
  fds_.unwatch(p->sock->fd());
  (void)p->sock->netif().set_up(false);
  p->sock.reset();
  sys::unguard_stack(p->netns, p->ifname);
  p->nic = nullptr;
  auto m = monitors_.find(p->netns);
  if (m != monitors_.end() && --m->second.users == 0) {
    fds_.unwatch(m->second.mon->fd());
    monitors_.erase(m);
  }
  released_.push_back(std::move(it->second));
  ports_.erase(it);
}

void Adopter::link_state(const std::string& netns, const sys::LinkState& s) {
  for (auto& [nic, p] : ports_) {
    if (p->netns != netns || !p->sock || p->sock->ifindex() != s.ifindex) continue;
    bool carrier = !s.deleted && (s.flags & IFF_LOWER_UP);
    if (nic->carrier() != carrier) nic->set_carrier(carrier);
    if (s.deleted) log_.warn("kernel interface {} of port {} is gone", p->ifname, nic->name());
    if (!s.deleted) log_.debug("port {}: kernel carrier {}", nic->name(), carrier ? "on" : "off");
  }
}

void Adopter::on_event(const Event& e) {
  if (e.type != EventType::kNewLink || !e.dev) return;
  auto it = ports_.find(e.dev);
  if (it == ports_.end()) return;
  Port& p = *it->second;
  if (p.up != e.dev->is_up()) {
    p.up = e.dev->is_up();
    if (auto st = p.sock->netif().set_up(p.up); !st) log_.error("{}", st.error().message);
  }
  if (p.mtu != e.dev->mtu()) {
    p.mtu = e.dev->mtu();
    if (auto st = p.sock->netif().set_mtu(p.mtu); !st) log_.error("{}", st.error().message);
  }
}

}  // namespace uvn::live
