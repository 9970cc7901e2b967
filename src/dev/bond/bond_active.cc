// The bond's active slave: choosing it (primary, primary_reselect, slave prio), changing it
// (MAC by fail_over_mac, promiscuity moved, peer notifications and IGMP rejoins scheduled),
// and the active_slave / primary options. Kernel names kept: bond_choose_primary_or_current,
// bond_find_best_slave, bond_change_active_slave, bond_select_active_slave.
#include <cerrno>

#include "dev/bond/bond.h"

namespace uvn {

namespace {

// bond_choose_primary_or_current: the primary while it is up (or the up slave with the
// highest prio when there is no usable primary), weighed against the current active slave
// by primary_reselect.
BondSlave* choose_primary_or_current(BondDevice& b, bool& force_primary) {
  BondSlave* prim = b.primary_slave();
  BondSlave* curr = b.curr_active();
  if (!prim || prim->link != BondLink::kUp) {
    BondSlave* hprio = nullptr;
    for (auto& s : b.slaves())
      if (s->link == BondLink::kUp && (!hprio || s->prio() > hprio->prio())) hprio = s.get();
    if (!hprio || hprio == curr) return curr && curr->link == BondLink::kUp ? curr : nullptr;
    prim = hprio;
  } else if (force_primary) {
    force_primary = false;
    return prim;
  }
  if (!curr || curr->link != BondLink::kUp) return prim;
  switch (PrimaryReselect(b.opt(kBondPrimaryReselect))) {
    case PrimaryReselect::kAlways: return prim;
    case PrimaryReselect::kBetter:
      if (prim->speed() < curr->speed()) return curr;
      if (prim->speed() == curr->speed() && prim->full_duplex() <= curr->full_duplex())
        return curr;
      return prim;
    case PrimaryReselect::kFailure: return curr;
  }
  return curr;
}

}  // namespace

BondSlave* BondDevice::find_best_slave() {
  if (BondSlave* s = choose_primary_or_current(*this, force_primary_)) return s;
  // A slave coming back (GOING_BACK) with the least updelay left, when none is up.
  BondSlave* best = nullptr;
  int mintime = int(opt(kBondUpdelay));
  for (auto& s : slaves_) {
    if (s->link == BondLink::kUp) return s.get();
    if (s->link == BondLink::kBack && s->is_up() && s->delay < mintime) {
      mintime = s->delay;
      best = s.get();
    }
  }
  return best;
}

void BondDevice::select_active_slave() {
  BondSlave* best = find_best_slave();
  if (best != curr_active_) {
    change_active_slave(best);
    // bond_select_active_slave then re-evaluates the carrier.
    set_carrier_from_slaves();
  }
}

void BondDevice::hw_addr_swap(BondSlave* new_active, BondSlave* old_active) {
  // bond_hw_addr_swap: the bond's promiscuity, allmulti and address lists move with the
  // active role (curr_active_ is not yet the new one: undo on the old first).
  if (old_active) unsync_rx_mode(*old_active);
  if (new_active) sync_rx_mode(*new_active);
}

void BondDevice::do_fail_over_mac(BondSlave* new_active, BondSlave* old_active) {
  switch (FailOverMac(opt(kBondFailOverMac))) {
    case FailOverMac::kNone: return;
    case FailOverMac::kActive:
      // The bond takes the new active slave's address.
      if (new_active) Device::set_mac(new_active->dev().mac());
      return;
    case FailOverMac::kFollow: {
      // The new active slave takes the bond's address; the slave that had it (the old
      // active one, or bond_get_old_active: whichever still carries it) gets the new one's.
      if (!new_active) return;
      if (!old_active)
        for (auto& s : slaves_)
          if (s.get() != new_active && s->dev().mac() == mac()) old_active = s.get();
      MacAddr new_old = new_active->dev().mac();
      new_active->dev().set_mac(mac());
      if (old_active) old_active->dev().set_mac(new_old);
      return;
    }
  }
}

void BondDevice::change_active_slave(BondSlave* new_active) {
  BondSlave* old_active = curr_active_;
  if (old_active == new_active) return;
  if (new_active) {
    new_active->last_link_up = now();
    if (new_active->link == BondLink::kBack) {
      // Made active before its updelay ran out.
      new_active->delay = 0;
      set_link(*new_active, BondLink::kUp);
      ad_link_changed(*new_active);
      if (mode() == BondMode::kTlb || mode() == BondMode::kAlb) alb_slave_changed();
    }
  }
  if (bond_uses_primary(mode())) hw_addr_swap(new_active, old_active);
  curr_active_ = new_active;
  if (mode() == BondMode::kTlb || mode() == BondMode::kAlb) {
    alb_active_changed(new_active, old_active);
    if (old_active) set_slave_inactive(*old_active);
    if (new_active) set_slave_active(*new_active);
  }
  if (mode() == BondMode::kActiveBackup) {
    if (old_active) set_slave_inactive(*old_active);
    if (new_active) {
      set_slave_active(*new_active);
      if (opt(kBondFailOverMac)) do_fail_over_mac(new_active, old_active);
      bool notify = false;
      if (is_up()) {
        uint32_t d = std::max<uint32_t>(1, uint32_t(opt(kBondPeerNotifyDelay)));
        send_peer_notif_ = uint32_t(opt(kBondNumPeerNotif)) * d;
        notify = should_notify_peers();
      }
      if (old_active) ++failovers;
      if (notify) {
        --send_peer_notif_;
        notify_peers();
      }
    }
  }
  // IGMP joins go out again after the active slave changed (or, in balance-rr, because
  // they were all sent on the first slave).
  if (is_up() && opt(kBondResendIgmp) > 0 &&
      ((bond_uses_primary(mode()) && new_active) || mode() == BondMode::kRoundRobin)) {
    igmp_retrans_ = uint32_t(opt(kBondResendIgmp));
    if (ctx()) {
      Engine& e = ctx()->engine();
      e.cancel(igmp_timer_);
      igmp_timer_ = e.after(kMsec * 4, [this] { resend_igmp(); });  // one jiffy
    }
  }
  update_usable();
  update_ns_maddrs();
}

bool BondDevice::should_notify_peers() const {
  uint32_t d = std::max<uint32_t>(1, uint32_t(opt(kBondPeerNotifyDelay)));
  if (!curr_active_ || !send_peer_notif_ || send_peer_notif_ % d != 0 || !carrier()) return false;
  return true;
}

void BondDevice::notify_peers() {
  ++peer_notifications;
  if (ctx()) ctx()->notify_peers(*this);
}

void BondDevice::resend_igmp() {
  igmp_timer_ = 0;
  ++igmp_resends;
  if (ctx()) ctx()->resend_igmp(*this);
  if (igmp_retrans_ > 1) {
    --igmp_retrans_;
    if (ctx()) igmp_timer_ = ctx()->engine().after(200 * kMsec, [this] { resend_igmp(); });
  }
}

void BondDevice::set_link(BondSlave& s, BondLink l) {
  s.link = l;
  s.new_link = l;
}

Status BondDevice::set_active_slave(BondSlave* s) {
  if (!s) {
    curr_active_ = nullptr;
    select_active_slave();
    return {};
  }
  if (s == curr_active_) return {};
  // Only from an existing active slave to one that is up with its link up.
  if (curr_active_ && s->link == BondLink::kUp && s->is_up()) {
    change_active_slave(s);
    return {};
  }
  return Error::errno_only(EINVAL);
}

void BondDevice::set_primary(const std::string& name) {
  for (auto& s : slaves_)
    if (s->dev().name() == name) {
      primary_slave_ = s.get();
      primary_name_ = name;
      force_primary_ = true;
      select_active_slave();
      return;
    }
  if (primary_slave_) {
    primary_slave_ = nullptr;
    select_active_slave();
  }
  primary_name_ = name;
}

}  // namespace uvn
