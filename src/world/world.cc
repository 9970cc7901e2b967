#include "world/world.h"

#include <algorithm>

#include "dev/veth/veth.h"
#include "world/stack/host_stack.h"

namespace uvn {

World::World(uint64_t seed) : rng_(seed) {
  init_ = std::make_unique<Netns>(*this, "", next_ns_id_++);
}

World::~World() {
  // Break veth pairs first so no destructor reaches a freed peer.
  for (auto& ns : named_)
    for (auto& [i, d] : ns->devices()) d->on_unregister();
  for (auto& [i, d] : init_->devices()) d->on_unregister();
  named_.clear();
  init_.reset();
}

Netns* World::find_netns(std::string_view name) {
  if (name.empty()) return init_.get();
  for (auto& ns : named_)
    if (ns->name() == name) return ns.get();
  return nullptr;
}

Netns& World::add_netns(const std::string& name) {
  named_.push_back(std::make_unique<Netns>(*this, name, next_ns_id_++));
  return *named_.back();
}

void World::destroy_device(Device& dev) {
  // Deleting either end of a veth pair deletes both.
  Device* peer = nullptr;
  if (auto* v = dynamic_cast<VethDevice*>(&dev)) peer = v->peer();
  destroy_one(dev);
  if (peer) destroy_one(*peer);
}

void World::destroy_one(Device& dev) {
  auto* ns = static_cast<Netns*>(dev.ctx());
  events_.publish(Event{EventType::kDelLink, ns, &dev, nullptr, nullptr, nullptr, 0});
  dev.close();
  if (Device* m = dev.master()) m->remove_slave(dev);
  dev.on_unregister();  // a master lets its slaves go here
  if (dev.master()) dev.set_master(nullptr);
  for (auto& [i, d] : ns->devices())
    if (d->master() == &dev) d->set_master(nullptr);
  auto owned = ns->detach(&dev);
  if (owned) owned->purge_backlog(engine_);
}

void World::move_device(Device& dev, Netns& to, const std::string& new_name) {
  auto* from = static_cast<Netns*>(dev.ctx());
  events_.publish(Event{EventType::kDelLink, from, &dev, nullptr, nullptr, nullptr, 0});
  // Leaving a namespace brings the device down and drops its master (as dev_close and
  // netdev_upper unlinking do in dev_change_net_namespace).
  dev.close();
  if (Device* m = dev.master()) m->remove_slave(dev);
  if (dev.master()) dev.set_master(nullptr);
  int idx = dev.ifindex();
  auto owned = from->detach(&dev);
  owned->purge_backlog(engine_);
  if (!new_name.empty()) owned->set_name(new_name);
  to.attach(std::move(owned), idx);
  // Both ends of a cross-namespace link get nsids for each other.
  if (Device* peer = dev.link()) {
    auto* pns = static_cast<Netns*>(peer->ctx());
    if (pns && pns != &to) {
      to.nsid_of(pns, true);
      pns->nsid_of(&to, true);
    }
  }
}

void World::del_netns(Netns& ns) {
  // Virtual devices are destroyed with their namespace; a veth peer elsewhere goes too.
  std::vector<int> doomed;
  for (auto& [i, d] : ns.devices())
    if (i != 1) doomed.push_back(i);
  for (int i : doomed)
    if (Device* d = ns.find(i)) destroy_device(*d);  // may already be gone with its peer
  for (auto& other : named_) other->forget_nsid(&ns);
  init_->forget_nsid(&ns);
  auto it = std::find_if(named_.begin(), named_.end(), [&](auto& p) { return p.get() == &ns; });
  if (it != named_.end()) named_.erase(it);
}

}  // namespace uvn
