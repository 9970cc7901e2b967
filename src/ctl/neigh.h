// Neighbour requests (`ip neigh add/change/replace/del/get`): the checks of the kernel's
// neigh_add/__neigh_update that the host stack leaves out (link address length, a valid
// state needs a link address), and the extack text that goes with its errnos.
#pragma once

#include <optional>
#include <vector>

#include "base/result.h"
#include "world/netns.h"
#include "world/stack/types.h"

namespace uvn::ctl {

enum class NeighMode { kAdd, kChange, kReplace };

struct NeighRequest {
  int ifindex = 0;
  IpAddr addr;
  std::optional<std::vector<uint8_t>> lladdr;  // as given: any length
  uint16_t state = kNudPermanent;
  bool router = false;
};

Status neigh_add(Netns& ns, const NeighRequest& req, NeighMode mode);
Status neigh_del(Netns& ns, int ifindex, const IpAddr& addr);
// `ip neigh get`: the entry, or ENOENT with the kernel's text.
Result<const Neighbour*> neigh_get(Netns& ns, int ifindex, const IpAddr& addr);

}  // namespace uvn::ctl
