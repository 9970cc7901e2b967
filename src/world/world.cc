#include "world/world.h"

#include <algorithm>

#include "dev/veth/veth.h"
#include "world/stack/host_stack.h"

namespace uvn {

World::World(uint64_t seed) : rng_(seed) {
  init_ = std::make_unique<Netns>(*this, "", next_ns_id_++);
}

World::~World() {
  graveyard_.clear();
  processes_.clear();
  // Listeners (monitors) write into their owners' buffers, which may be gone by now.
  events_.clear();
  // Break veth pairs first so no destructor reaches a freed peer.
  for (auto& ns : named_)
    for (auto& [i, d] : ns->devices()) d->on_unregister();
  for (auto& [i, d] : init_->devices()) d->on_unregister();
  named_.clear();
  init_.reset();
}

Process* World::find_process(const std::string& name) const {
  auto it = processes_.find(name);
  return it == processes_.end() ? nullptr : it->second.get();
}

std::vector<std::string> World::process_names() const {
  std::vector<std::string> r;
  for (auto& [name, p] : processes_) r.push_back(name);
  return r;
}

void World::add_process(const std::string& name, std::unique_ptr<Process> p) {
  processes_[name] = std::move(p);
}

void World::end_process(const std::string& name) {
  auto it = processes_.find(name);
  if (it == processes_.end()) return;
  // Moved out now (so a new one may take the name), freed once the caller is done.
  graveyard_.push_back(std::move(it->second));
  processes_.erase(it);
  engine_.after(0, [this] { graveyard_.clear(); });
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
  // Devices stacked on this one (VLANs on their lower; on either end of a veth) go first,
  // as the lower's NETDEV_UNREGISTER takes them along.
  Device* pair = dev.link() && dev.link()->link() == &dev ? dev.link() : nullptr;
  for (bool again = true; again;) {
    again = false;
    std::vector<Netns*> all{init_.get()};
    for (auto& n : named_) all.push_back(n.get());
    for (Netns* ns : all) {
      for (auto& [i, d] : ns->devices())
        if (d->lower() && (d->lower() == &dev || d->lower() == pair)) {
          destroy_device(*d);
          again = true;
          break;
        }
      if (again) break;
    }
  }
  // rtnl_dellink order: the kind's dellink first (a bridge lets its ports go, a veth forgets
  // its peer, so both ends report IFLA_LINK 0: NAME@NONE), then every device of the batch is
  // closed, then each is unregistered (its master lets it go) and announced as deleted.
  Device* peer = nullptr;
  if (auto* v = dynamic_cast<VethDevice*>(&dev)) peer = v->peer();
  dev.on_unregister();
  if (peer) peer->on_unregister();
  dev.close();
  if (peer) peer->close();
  destroy_one(dev);
  if (peer) destroy_one(*peer);
}

void World::destroy_one(Device& dev) {
  auto* ns = static_cast<Netns*>(dev.ctx());
  dev.close();
  dev.set_registered(false);  // no more messages about it (reg_state UNREGISTERING)
  if (Device* m = dev.master()) m->remove_slave(dev);
  dev.on_unregister();  // a master lets its slaves go here
  if (dev.master()) dev.set_master(nullptr);
  for (auto& [i, d] : ns->devices())
    if (d->master() == &dev) d->set_master(nullptr);
  events_.publish(Event{EventType::kDelLink, ns, &dev, nullptr, nullptr, nullptr, 0});
  std::erase_if(linkwatch_, [&](const Pending& p) { return p.dev == &dev; });
  auto owned = ns->detach(&dev);
  if (owned) owned->purge_backlog(engine_);
}

void World::move_device(Device& dev, Netns& to, const std::string& new_name) {
  auto* from = static_cast<Netns*>(dev.ctx());
  // Leaving a namespace brings the device down and drops its master (as dev_close and
  // netdev_upper unlinking do in dev_change_net_namespace), then RTM_DELLINK goes out.
  dev.close();
  if (Device* m = dev.master()) m->remove_slave(dev);
  if (dev.master()) dev.set_master(nullptr);
  events_.publish(Event{EventType::kDelLink, from, &dev, nullptr, nullptr, nullptr, 0});
  int idx = dev.ifindex();
  auto owned = from->detach(&dev);
  owned->purge_backlog(engine_);
  owned->reset_qdisc();  // dev_shutdown: the qdisc is noop until the device opens again
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

void World::linkwatch(Netns& ns, Device& dev) {
  if (events_.empty()) return;  // nobody listens: nothing to announce
  for (auto& p : linkwatch_)
    if (p.dev == &dev) return;  // already queued (linkwatch_add_event)
  linkwatch_.push_back({&ns, &dev, dev.ifindex()});
  if (!linkwatch_timer_)
    linkwatch_timer_ = engine_.at(engine_.now(), [this] {
      linkwatch_timer_ = 0;
      linkwatch_run();
    });
}

void World::linkwatch_run() {
  std::vector<Pending> todo;
  todo.swap(linkwatch_);
  for (auto& p : todo) {
    bool ns_alive = p.ns == init_.get();
    for (auto& n : named_) ns_alive |= n.get() == p.ns;
    // Gone, moved or down since: nothing to announce (linkwatch_do_dev checks IFF_UP).
    if (!ns_alive || p.ns->find(p.ifindex) != p.dev || !p.dev->registered() || !p.dev->is_up())
      continue;
    events_.publish(Event{EventType::kNewLink, p.ns, p.dev, nullptr, nullptr, nullptr,
                          kChangeCarrier});
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
