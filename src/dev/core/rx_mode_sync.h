// RxModeSync: what an upper device (bond, team) has passed down to one lower device of its
// own receive mode: a promiscuity and an allmulti reference while the upper has the flag
// (dev_set_promiscuity / dev_set_allmulti on the lower), and its unicast and multicast
// address lists (dev_uc_sync / dev_mc_sync). The lists move only while the upper is up, as
// ndo_set_rx_mode is not called on a device that is down; what was passed on stays until the
// lower leaves (unsync).
#pragma once

#include <cstdint>
#include <vector>

#include "base/mac.h"

namespace uvn {

class Device;

struct RxModeSync {
  bool promisc_held = false, allmulti_held = false;
  std::vector<MacAddr> synced_uc, synced_mc;

  // Brings `lower` in line with `upper` (flags always, lists while `upper` is up).
  void sync(const Device& upper, Device& lower);
  // The upper's IFF_PROMISC or IFF_ALLMULTI changed (ndo_change_rx_flags).
  void change_flag(Device& lower, uint32_t flag, bool on);
  // Gives back the address lists only (the upper closing: team_close).
  void unsync_lists(Device& lower);
  // Gives back everything passed to `lower`.
  void unsync(Device& lower);
};

}  // namespace uvn
