#include "live/exposer.h"

#include <fmt/format.h>

#include <linux/if.h>

#include <cstring>
#include <vector>

#include "ctl/link.h"
#include "dev/nic/nic.h"
#include "live/offload.h"
#include "world/netns.h"

namespace uvn::live {

Exposer::Exposer(World& w, FdWatch& fds, Log& log) : w_(w), fds_(fds), log_(log) {
  sub_ = w_.events().subscribe([this](const Event& e) { on_event(e); });
}

Exposer::~Exposer() {
  w_.events().unsubscribe(sub_);
  for (auto& [dev, x] : taps_) fds_.unwatch(x.tap->fd());
  taps_.clear();
  for (auto& [name, m] : monitors_) fds_.unwatch(m->fd());
}

void Exposer::adopt_netns(Netns& ns) {
  ns.set_external_stack(this);
  if (auto mon = sys::LinkMonitor::open(ns.name())) {
    std::string name = ns.name();
    fds_.watch((*mon)->fd(), [this, name] {
      auto it = monitors_.find(name);
      if (it == monitors_.end()) return;
      it->second->receive([&](const sys::LinkState& s) { kernel_changed(name, s.ifindex); });
    });
    monitors_[name] = std::move(*mon);
  } else {
    log_.warn("changes made in kernel namespace {} will not reach uvn: {}", ns.name(),
              mon.error().message);
  }
  for (auto& [i, d] : ns.devices()) expose(ns, *d);
}

void Exposer::forget_netns(Netns& ns) {
  std::vector<Device*> gone;
  for (auto& [dev, x] : taps_)
    if (dev->ctx() == &ns) gone.push_back(dev);
  for (Device* d : gone) unexpose(*d);
  ns.set_external_stack(nullptr);
  if (auto it = monitors_.find(ns.name()); it != monitors_.end()) {
    fds_.unwatch(it->second->fd());
    monitors_.erase(it);
  }
}

void Exposer::expose(Netns& ns, Device& dev) {
  if (ns.is_init() || ns.external_stack() != this || taps_.count(&dev) ||
      dev.info().link_type == "loopback" || dynamic_cast<NicDevice*>(&dev))
    return;  // a NIC here is a kernel interface uvn adopted (live/adopter.h): it has one
  auto tap = sys::KernelTap::create(ns.name(), dev.name());
  if (!tap) {
    log_.error("cannot expose {}/{}: {}", ns.name(), dev.name(), tap.error().message);
    return;
  }
  (void)(*tap)->set_persist(false);  // one kept by an earlier uvnd --keep: ours again
  Exposed x;
  x.dev = &dev;
  x.tap = std::move(*tap);
  int fd = x.tap->fd();
  if (auto idx = x.tap->netif().ifindex()) x.ifindex = *idx;
  auto& slot = taps_[&dev] = std::move(x);
  sync(slot);
  log_.debug("exposed {}/{} as a TAP", ns.name(), dev.name());
  Device* d = &dev;
  fds_.watch(fd, [this, d] { readable(d); });
}

void Exposer::keep_all() {
  for (auto& [dev, x] : taps_)
    if (auto st = x.tap->set_persist(true); !st) log_.warn("{}", st.error().message);
}

void Exposer::unexpose(Device& dev) {
  auto it = taps_.find(&dev);
  if (it == taps_.end()) return;
  fds_.unwatch(it->second.tap->fd());
  taps_.erase(it);
}

void Exposer::sync(Exposed& x) {
  Device& d = *x.dev;
  if (x.mac != d.mac()) {
    if (x.up) (void)x.tap->set_up(false);  // some kernels refuse a new address while up
    (void)x.tap->set_mac(d.mac());
    x.mac = d.mac();
    if (x.up) (void)x.tap->set_up(true);
  }
  if (x.mtu != d.mtu()) {
    (void)x.tap->set_mtu(d.mtu());
    x.mtu = d.mtu();
  }
  if (x.carrier != d.carrier()) {
    (void)x.tap->set_carrier(d.carrier());
    x.carrier = d.carrier();
  }
  if (x.up != d.is_up()) {
    (void)x.tap->set_up(d.is_up());
    x.up = d.is_up();
  }
}

void Exposer::on_event(const Event& e) {
  if (!e.ns || !e.dev) return;
  if (e.type == EventType::kDelLink) {
    unexpose(*e.dev);
    return;
  }
  if (e.type != EventType::kNewLink) return;
  auto it = taps_.find(e.dev);
  if (it == taps_.end()) {
    expose(*e.ns, *e.dev);
    return;
  }
  if (it->second.tap->name() != e.dev->name()) {
    // Renamed: a new tap under the new name (addresses on the old one are lost, as they are
    // when a kernel interface is recreated).
    unexpose(*e.dev);
    expose(*e.ns, *e.dev);
    return;
  }
  sync(it->second);
}

void Exposer::kernel_changed(const std::string& netns, int ifindex) {
  for (auto& [dev, x] : taps_) {
    auto* ns = static_cast<Netns*>(dev->ctx());
    if (x.ifindex == ifindex && ns && ns->name() == netns) {
      reconcile(x);
      return;
    }
  }
}

// What the kernel's TAP is now (read afresh: an event may be stale) against what uvn last
// set on it; a difference is somebody else's change, applied to the uvn device.
void Exposer::reconcile(Exposed& x) {
  auto flags = x.tap->netif().flags();
  auto mtu = x.tap->netif().mtu();
  auto mac = x.tap->netif().mac();
  if (!flags || !mtu || !mac) return;
  ctl::LinkSpec spec;
  bool up = *flags & IFF_UP;
  if (up != x.up) spec.up = up;
  if (*mtu != x.mtu) spec.mtu = *mtu;
  if (*mac != x.mac) spec.address = *mac;
  if (!spec.up && !spec.mtu && !spec.address) return;
  Device& d = *x.dev;
  auto* ns = static_cast<Netns*>(d.ctx());
  x.up = up;
  x.mtu = *mtu;
  x.mac = *mac;
  if (auto st = ctl::link_set(w_, *ns, d, spec); !st) {
    log_.warn("{}/{}: the kernel's change is refused by uvn ({}); put back", ns->name(),
              d.name(), st.error().message.empty() ? std::strerror(st.error().code)
                                                   : st.error().message);
    x.up = !d.is_up();  // force sync() to write uvn's state back
    x.mtu = 0;
    x.mac = MacAddr{};
    sync(x);
    return;
  }
  log_.debug("{}/{}: took the kernel's change (up {}, mtu {}, address {})", ns->name(),
             d.name(), up, *mtu, mac->format());
}

void Exposer::deliver(Device& dev, Frame&& f) {
  auto it = taps_.find(&dev);
  if (it == taps_.end()) return;
  (void)it->second.tap->write_frame(vnet_from_offload(f.offload), f.data(), f.size());
}

void Exposer::readable(Device* dev) {
  auto it = taps_.find(dev);
  if (it == taps_.end()) return;
  static uint8_t buf[65536 + 64];
  for (int i = 0; i < 256; ++i) {
    sys::VnetHdr vh;
    size_t n = it->second.tap->read_frame(vh, buf, sizeof buf);
    if (!n) break;
    Frame f = w_.engine().pool().from_bytes(buf, n);
    f.offload = offload_from_vnet(vh);
    dev->transmit(std::move(f));
  }
}

}  // namespace uvn::live
