#include "dev/core/rx_mode_sync.h"

#include <algorithm>

#include "dev/core/device.h"

namespace uvn {

void RxModeSync::sync(const Device& upper, Device& lower) {
  if (upper.promiscuity() > 0 && !promisc_held) {
    promisc_held = true;
    lower.inc_promiscuity(1);
  }
  if (upper.allmulti() > 0 && !allmulti_held) {
    allmulti_held = true;
    lower.inc_allmulti(1);
  }
  if (!upper.is_up()) return;
  std::vector<MacAddr> uc, mc;
  for (auto& a : upper.uc_list()) uc.push_back(a.mac);
  for (auto& a : upper.mc_list()) mc.push_back(a.mac);
  auto apply = [&](std::vector<MacAddr>& have, const std::vector<MacAddr>& want, bool unicast) {
    for (auto it = have.begin(); it != have.end();) {
      if (std::find(want.begin(), want.end(), *it) == want.end()) {
        unicast ? lower.uc_del(*it) : lower.mc_del(*it);
        it = have.erase(it);
      } else {
        ++it;
      }
    }
    for (auto& m : want)
      if (std::find(have.begin(), have.end(), m) == have.end()) {
        have.push_back(m);
        unicast ? lower.uc_add(m) : lower.mc_add(m);
      }
  };
  apply(synced_uc, uc, true);
  apply(synced_mc, mc, false);
}

void RxModeSync::change_flag(Device& lower, uint32_t flag, bool on) {
  bool& held = flag == kIffPromisc ? promisc_held : allmulti_held;
  if (held == on) return;
  held = on;
  if (flag == kIffPromisc)
    lower.inc_promiscuity(on ? 1 : -1);
  else
    lower.inc_allmulti(on ? 1 : -1);
}

void RxModeSync::unsync(Device& lower) {
  if (promisc_held) lower.inc_promiscuity(-1);
  if (allmulti_held) lower.inc_allmulti(-1);
  promisc_held = allmulti_held = false;
  unsync_lists(lower);
}

void RxModeSync::unsync_lists(Device& lower) {
  for (auto& m : synced_uc) lower.uc_del(m);
  for (auto& m : synced_mc) lower.mc_del(m);
  synced_uc.clear();
  synced_mc.clear();
}

}  // namespace uvn
