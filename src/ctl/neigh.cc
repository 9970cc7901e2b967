#include "ctl/neigh.h"

#include "world/stack/host_stack.h"

namespace uvn::ctl {

namespace {

constexpr uint16_t kNudValid =
    kNudPermanent | kNudNoarp | kNudReachable | kNudProbe | kNudStale | kNudDelay;

const Neighbour* lookup(Netns& ns, int ifindex, const IpAddr& addr) {
  for (auto& [k, n] : ns.stack().neighbours())
    if (n.ifindex == ifindex && n.addr == addr) return &n;
  return nullptr;
}

size_t addr_len(const Device& dev) {
  return dev.info().link_type == "none" ? 0 : 6;
}

}  // namespace

Status neigh_add(Netns& ns, const NeighRequest& req, NeighMode mode) {
  Device* dev = ns.find(req.ifindex);
  if (!dev) return Error::errno_only(ENODEV);
  if (req.lladdr && req.lladdr->size() < addr_len(*dev))
    return Error::with(EINVAL, "Invalid link address");
  const Neighbour* old = lookup(ns, req.ifindex, req.addr);
  if (!old && mode == NeighMode::kChange) return Error::errno_only(ENOENT);
  if (old && mode == NeighMode::kAdd) return Error::errno_only(EEXIST);
  Neighbour n;
  n.ifindex = req.ifindex;
  n.addr = req.addr;
  n.state = req.state;
  n.router = req.router;
  if (req.lladdr && addr_len(*dev)) {
    MacAddr m;
    for (size_t i = 0; i < 6; ++i) m.b[i] = (*req.lladdr)[i];
    n.lladdr = m;
  } else if (!req.lladdr && (n.state & kNudValid) && addr_len(*dev)) {
    // __neigh_update keeps the entry's address, and needs one.
    if (!old || !(old->state & kNudValid) || !old->lladdr)
      return Error::with(EINVAL, "No link layer address given");
    n.lladdr = old->lladdr;
  }
  return ns.stack().neigh_add(n, mode != NeighMode::kAdd, mode == NeighMode::kAdd);
}

Status neigh_del(Netns& ns, int ifindex, const IpAddr& addr) {
  return ns.stack().neigh_del(ifindex, addr);
}

Result<const Neighbour*> neigh_get(Netns& ns, int ifindex, const IpAddr& addr) {
  if (const Neighbour* n = lookup(ns, ifindex, addr)) return n;
  return Error::with(ENOENT, "Neighbour entry not found");
}

}  // namespace uvn::ctl
