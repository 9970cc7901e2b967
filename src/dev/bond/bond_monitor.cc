// The MII monitor (bond_mii_monitor): every miimon ms each slave's carrier is looked at
// (inspect), proposed link changes are applied (commit), and a failover follows when the
// active slave went down or a better one came up. downdelay/updelay count miimon ticks in
// the GOING_DOWN/GOING_BACK states; updelay is skipped while the bond has no active slave.
// Peer notifications still owed after a failover go out here, one every peer_notify_delay
// ticks.
#include "dev/bond/bond.h"

namespace uvn {

bool BondDevice::miimon_inspect() {
  bool commit = false;
  // updelay is skipped while nothing carries traffic: no active slave in active-backup, no
  // slave that can send in the modes that hash.
  // (Linux keeps the array of usable slaves only where the hash picks the slave.)
  const bool hashed = bond_mode_hashes(mode()) ||
                      ((mode() == BondMode::kTlb || mode() == BondMode::kAlb) &&
                       !opt(kBondTlbDynamicLb));
  const bool ignore_updelay = mode() == BondMode::kActiveBackup ? curr_active_ == nullptr
                              : hashed                          ? usable_.empty()
                                                                : false;
  for (auto& sp : slaves_) {
    BondSlave& s = *sp;
    s.link_changed = false;
    const bool link_state = s.is_up();
    auto propose = [&](BondLink l) {
      s.new_link = l;
      s.link_changed = true;
      commit = true;
    };
    switch (s.link) {
      case BondLink::kUp:
        if (link_state) continue;
        propose(BondLink::kFail);
        s.delay = int(opt(kBondDowndelay));
        [[fallthrough]];
      case BondLink::kFail:
        if (link_state) {
          propose(BondLink::kUp);  // back before downdelay ran out
          s.last_link_up = now();
          continue;
        }
        if (s.delay <= 0) {
          propose(BondLink::kDown);
          continue;
        }
        --s.delay;
        break;
      case BondLink::kDown:
        if (!link_state) continue;
        propose(BondLink::kBack);
        s.delay = int(opt(kBondUpdelay));
        [[fallthrough]];
      case BondLink::kBack:
        if (!link_state) {
          propose(BondLink::kDown);
          continue;
        }
        if (ignore_updelay) s.delay = 0;
        if (s.delay <= 0) {
          propose(BondLink::kUp);
          continue;
        }
        --s.delay;
        break;
    }
  }
  return commit;
}

void BondDevice::miimon_commit() {
  bool do_failover = false;
  for (auto& sp : slaves_) {
    BondSlave& s = *sp;
    if (!s.link_changed) continue;
    s.link_changed = false;
    switch (s.new_link) {
      case BondLink::kUp: {
        s.link = BondLink::kUp;
        s.last_link_up = now();
        if (mode() == BondMode::k8023ad) {
          s.backup = true;  // the LACP engine decides
        } else if (mode() != BondMode::kActiveBackup) {
          s.backup = false;  // bond_set_active_slave: receive stays as it was
        }
        if (!curr_active_ || &s == primary_slave_ || s.prio() > curr_active_->prio())
          do_failover = true;
        ad_link_changed(s);
        break;
      }
      case BondLink::kDown:
        if (s.link_failure_count < UINT32_MAX) ++s.link_failure_count;
        s.link = BondLink::kDown;
        if (mode() == BondMode::kActiveBackup || mode() == BondMode::k8023ad)
          set_slave_inactive(s);
        if (&s == curr_active_) do_failover = true;
        ad_link_changed(s);
        break;
      case BondLink::kFail:
      case BondLink::kBack:
        // Intermediate states are only shown (mii_status GOING_DOWN / GOING_BACK).
        s.link = s.new_link;
        break;
    }
  }
  update_usable();
  if (mode() == BondMode::kTlb || mode() == BondMode::kAlb) alb_slave_changed();
  if (do_failover) select_active_slave();
  set_carrier_from_slaves();
}

void BondDevice::mii_monitor() {
  const Nanos interval = Nanos(opt(kBondMiimon)) * kMsec;
  if (!slaves_.empty()) {
    bool notify = should_notify_peers();
    bool commit = miimon_inspect();
    if (send_peer_notif_) --send_peer_notif_;
    if (commit) miimon_commit();
    if (notify) notify_peers();
  }
  if (interval && is_up()) schedule_mii(interval);
}

}  // namespace uvn
