#include "live/exposer.h"

#include <fmt/format.h>

#include <vector>

#include "dev/nic/nic.h"
#include "live/offload.h"
#include "world/netns.h"

namespace uvn::live {

Exposer::Exposer(World& w, FdWatch& fds, std::string* log) : w_(w), fds_(fds), log_(log) {
  sub_ = w_.events().subscribe([this](const Event& e) { on_event(e); });
}

Exposer::~Exposer() {
  w_.events().unsubscribe(sub_);
  for (auto& [dev, x] : taps_) fds_.unwatch(x.tap->fd());
  taps_.clear();
}

void Exposer::adopt_netns(Netns& ns) {
  ns.set_external_stack(this);
  for (auto& [i, d] : ns.devices()) expose(ns, *d);
}

void Exposer::forget_netns(Netns& ns) {
  std::vector<Device*> gone;
  for (auto& [dev, x] : taps_)
    if (dev->ctx() == &ns) gone.push_back(dev);
  for (Device* d : gone) unexpose(*d);
  ns.set_external_stack(nullptr);
}

void Exposer::expose(Netns& ns, Device& dev) {
  if (ns.is_init() || ns.external_stack() != this || taps_.count(&dev) ||
      dev.info().link_type == "loopback" || dynamic_cast<NicDevice*>(&dev))
    return;  // a NIC here is a kernel interface uvn adopted (live/adopter.h): it has one
  auto tap = sys::KernelTap::create(ns.name(), dev.name());
  if (!tap) {
    if (log_) *log_ += fmt::format("uvnd: cannot expose {}/{}: {}\n", ns.name(), dev.name(),
                                   tap.error().message);
    return;
  }
  Exposed x;
  x.dev = &dev;
  x.tap = std::move(*tap);
  int fd = x.tap->fd();
  auto& slot = taps_[&dev] = std::move(x);
  sync(slot);
  Device* d = &dev;
  fds_.watch(fd, [this, d] { readable(d); });
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
