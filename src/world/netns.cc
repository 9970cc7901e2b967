#include "world/netns.h"

#include "dev/loopback/loopback.h"
#include "dev/vlan/vlan.h"
#include "world/stack/host_stack.h"
#include "world/world.h"

namespace uvn {

Netns::Netns(World& world, std::string name, int id)
    : world_(world), name_(std::move(name)), id_(id), stack_(std::make_unique<HostStack>(*this)) {
  auto lo = std::make_unique<LoopbackDevice>(this);
  lo->set_name("lo");
  attach(std::move(lo), 1);
}

Netns::~Netns() {
  // Devices go first (their destructors may still touch the engine), then the stack.
  devices_.clear();
  stack_.reset();
}

Engine& Netns::engine() { return world_.engine(); }

void Netns::deliver_to_stack(Device& dev, Frame&& f) {
  if (external_) {
    external_->deliver(dev, std::move(f));
    return;
  }
  stack_->receive(dev, std::move(f));
}

void Netns::notify(Device& dev, uint32_t changes) {
  if (changes & kChangeName) {
    for (auto it = by_name_.begin(); it != by_name_.end(); ++it)
      if (it->second == &dev) {
        by_name_.erase(it);
        break;
      }
    by_name_[dev.name()] = &dev;
  }
  if (!find(dev.ifindex())) return;  // not registered yet
  if (!external_) stack_->on_device_change(dev, changes);
  // No message for a device being unregistered (rtmsg_ifinfo checks reg_state), nor for a
  // carrier change of a device that is down; a carrier change is announced by linkwatch.
  if (!dev.registered()) return;
  if (changes & kChangeCarrier) {
    if (dev.is_up()) world_.linkwatch(*this, dev);
    changes &= ~uint32_t(kChangeCarrier);
    if (!changes) return;
  }
  world_.events().publish(Event{EventType::kNewLink, this, &dev, nullptr, nullptr, nullptr,
                                changes});
}

void Netns::notify_fdb(Device& bridge, const FdbEntry& e, bool added) {
  Event ev{added ? EventType::kNewFdb : EventType::kDelFdb, this, &bridge};
  ev.fdb = &e;
  world_.events().publish(ev);
}

MacAddr Netns::random_mac() { return world_.random_mac(); }

void Netns::notify_peers(Device& dev) {
  stack_->notify_peers(dev);
  // vlan_device_event passes NETDEV_NOTIFY_PEERS on to the VLANs of the device.
  std::vector<Device*> uppers;
  for (auto& [i, d] : devices_)
    if (d->kind() == "vlan" && d->lower() == &dev) uppers.push_back(d.get());
  for (Device* u : uppers) notify_peers(*u);
}

std::optional<Frame> Netns::bond_probe(Device& bond, const IpAddr& target,
                                       const MacAddr& src_mac) {
  return stack_->build_bond_probe(bond, target, src_mac);
}

std::vector<std::pair<uint16_t, uint16_t>> Netns::vlans_above(const Device& dev) {
  std::vector<std::pair<uint16_t, uint16_t>> r;
  for (auto& [i, d] : devices_)
    if (auto* v = dynamic_cast<VlanDevice*>(d.get()); v && v->lower() == &dev)
      r.emplace_back(v->tpid(), v->vid());
  return r;
}

std::optional<IpAddr> Netns::source_for(const Device& dev, const IpAddr& dst) {
  return stack_->pick_source(dst, dev.ifindex());
}

bool Netns::has_addr_on_or_above(const Device& dev, const IpAddr& a) {
  return stack_->has_addr_on_or_above(dev, a);
}

void Netns::notify_mdb(Device& bridge, const proto::MdbEntry& e, const proto::PortGroup* pg,
                       bool added) {
  Event ev{added ? EventType::kNewMdb : EventType::kDelMdb, this, &bridge};
  ev.mdb = &e;
  ev.pg = pg;
  world_.events().publish(ev);
}

void Netns::mc_join(Device& dev, const IpAddr& group, bool join) {
  if (join)
    (void)stack_->mc_join(dev.ifindex(), group);
  else
    (void)stack_->mc_leave(dev.ifindex(), group);
}

void Netns::notify_mdb_router(Device& bridge, Device& port, bool added) {
  Event ev{added ? EventType::kNewMdbRouter : EventType::kDelMdbRouter, this, &bridge};
  ev.port = &port;
  world_.events().publish(ev);
}

void Netns::notify_bridge_port(Device& port, bool added) {
  world_.events().publish(
      Event{added ? EventType::kNewBridgePort : EventType::kDelBridgePort, this, &port});
}

Device* Netns::find(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? nullptr : it->second;
}

Device* Netns::find(int ifindex) const {
  auto it = devices_.find(ifindex);
  return it == devices_.end() ? nullptr : it->second.get();
}

int Netns::alloc_ifindex(int want) {
  if (want > 0 && ifindex_free(want)) return want;
  // Cyclic allocation, as the kernel's per-namespace ifindex allocator.
  int i = last_ifindex_;
  do {
    i = i >= INT32_MAX - 1 ? 1 : i + 1;
  } while (!ifindex_free(i));
  last_ifindex_ = i;
  return i;
}

Device* Netns::attach(std::unique_ptr<Device> dev, int want_ifindex) {
  int idx = alloc_ifindex(want_ifindex);
  if (idx > last_ifindex_) last_ifindex_ = idx;
  dev->set_ifindex(idx);
  dev->set_ctx(this);
  dev->set_registered(true);
  Device* d = dev.get();
  by_name_[d->name()] = d;
  devices_[idx] = std::move(dev);
  if (stack_) stack_->on_device_added(*d);
  world_.events().publish(Event{EventType::kNewLink, this, d, nullptr, nullptr, nullptr, 0});
  return d;
}

std::unique_ptr<Device> Netns::detach(Device* dev) {
  auto it = devices_.find(dev->ifindex());
  if (it == devices_.end() || it->second.get() != dev) return nullptr;
  stack_->on_device_gone(*dev);
  auto owned = std::move(it->second);
  devices_.erase(it);
  by_name_.erase(dev->name());
  return owned;
}

int Netns::nsid_of(const Netns* other, bool alloc) {
  auto it = nsids_.find(other);
  if (it != nsids_.end()) return it->second;
  if (!alloc) return -1;
  int id = 0;
  while (used_nsids_.count(id)) ++id;
  set_nsid(other, id);
  return id;
}

void Netns::set_nsid(const Netns* other, int id) {
  forget_nsid(other);
  nsids_[other] = id;
  used_nsids_.insert(id);
}

void Netns::forget_nsid(const Netns* other) {
  auto it = nsids_.find(other);
  if (it == nsids_.end()) return;
  used_nsids_.erase(it->second);
  nsids_.erase(it);
}

const Netns* Netns::netns_by_nsid(int nsid) const {
  for (auto& [ns, n] : nsids_)
    if (n == nsid) return ns;
  return nullptr;
}

}  // namespace uvn
