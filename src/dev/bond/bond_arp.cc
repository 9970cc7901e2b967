// The ARP and NS link monitors (bond_activebackup_arp_mon, bond_loadbalance_arp_mon): every
// arp_interval ms the bond sends ARP requests for each arp_ip_target and NS for each
// ns_ip6_target (built by the host stack along the route, tagged when the route goes through a
// VLAN above the bond) and judges each slave by when it last sent (last_tx) and received
// (last_rx). What counts as received depends on arp_validate: without validation for the
// slave's role every frame (with filter*: every ARP or IPv6 frame); with validation only an
// ARP from a target to one of the bond's addresses (on a backup, the active slave's own request
// seen coming back, or a reply during a probe). Active-backup: the active slave goes down when
// it neither sent nor received within arp_missed_max intervals, a backup after
// arp_missed_max + 1 without receiving; without an active slave the backups are probed in turn
// (GOING_BACK) until one answers. Other modes: a slave is up while it sent and received within
// arp_missed_max intervals. Kernel names kept: bond_ab_arp_inspect/commit/probe.
#include "base/be.h"
#include "dev/bond/bond.h"
#include "wire/arp.h"
#include "wire/icmpv6.h"
#include "wire/ipv6.h"
#include "wire/ethernet.h"
#include "wire/vlan.h"

namespace uvn {

namespace {

constexpr int kStateActive = 0, kStateBackup = 1;

}  // namespace

// bond_time_in_interval: `t` within (mod + 1/2) intervals before now.
static bool in_interval(Nanos now, Nanos t, Nanos delta, int mod) {
  return now >= t - delta && now <= t + mod * delta + delta / 2;
}

void BondDevice::arp_rcv(BondSlave& s, const Frame& f) {
  const uint64_t validate = opt(kBondArpValidate);
  const int state = s.backup ? kStateBackup : kStateActive;
  const bool validates = validate & (1u << state);
  const bool filter = validate & kArpValidateFilter;
  auto tags = wire::parse_vlan_tags(f.data(), f.size());
  const uint16_t et = tags ? tags->ethertype : 0;
  const bool is_arp = et == wire::kEtherTypeArp, is_ipv6 = et == wire::kEtherTypeIpv6;
  if (!validates) {
    if (!filter || is_arp || is_ipv6) s.last_rx = now();
    return;
  }
  if (!tags) return;
  if (is_ipv6) {
    na_rcv(s, f, *tags);
    return;
  }
  if (!is_arp) return;
  // bond_arp_rcv: an Ethernet/IPv4 ARP not meant for another host.
  auto v = wire::ArpView::parse(f.data() + tags->l3_offset, f.size() - tags->l3_offset);
  if (!v) return;
  auto arp = wire::ArpRepr::parse(*v);
  if (!arp) return;
  const MacAddr dst = MacAddr::from_bytes(f.data());
  if (!dst.is_multicast() && dst != s.dev().mac()) return;  // PACKET_OTHERHOST
  auto validate_arp = [&](Ipv4Addr sip, Ipv4Addr tip) {
    if (sip.is_zero() || !ctx() || !ctx()->has_addr_on_or_above(*this, IpAddr{tip})) return;
    for (size_t i = 0; i < arp_targets_.size(); ++i)
      if (arp_targets_[i] == sip) {
        s.last_rx = now();
        s.target_last_arp_rx[i] = now();
        return;
      }
  };
  const Nanos delta = Nanos(opt(kBondArpInterval)) * kMsec;
  if (!s.backup)
    validate_arp(arp->sender_ip, arp->target_ip);
  else if (curr_active_ && slave_last_rx(*curr_active_) > curr_active_->last_link_up)
    validate_arp(arp->target_ip, arp->sender_ip);
  else if (current_arp_slave_ && arp->op == wire::ArpOp::kReply &&
           in_interval(now(), current_arp_slave_->last_tx, delta, 1))
    validate_arp(arp->sender_ip, arp->target_ip);
}

// bond_na_rcv: an NS or NA whose target is one of ns_ip6_target. On the active (or probing)
// slave it must come from the target to one of our addresses or all-nodes (the answer to our
// probe); on a backup the active slave's own NS for the target, seen coming back, counts.
void BondDevice::na_rcv(BondSlave& s, const Frame& f, const wire::VlanTags& tags) {
  const MacAddr dst_mac = MacAddr::from_bytes(f.data());
  if (!dst_mac.is_multicast() && dst_mac != s.dev().mac()) return;  // PACKET_OTHERHOST
  auto ip = wire::Ipv6View::parse(f.data() + tags.l3_offset, f.size() - tags.l3_offset);
  if (!ip || ip->next_header() != 58) return;
  auto icmp = wire::Icmpv6View::parse(ip->payload(), ip->payload_len());
  if (!icmp || icmp->code() != 0 ||
      (icmp->type() != wire::kNdpNeighborSolicit && icmp->type() != wire::kNdpNeighborAdvert))
    return;
  const Ipv6Addr target = icmp->target(), dst = ip->dst();
  auto target_index = [&](const Ipv6Addr& a) -> int {
    for (size_t i = 0; i < ns_targets_.size(); ++i)
      if (ns_targets_[i] == a) return int(i);
    return -1;
  };
  auto seen = [&](int i) {
    s.last_rx = now();
    s.target_last_arp_rx[size_t(i)] = now();
  };
  const Nanos delta = Nanos(opt(kBondArpInterval)) * kMsec;
  const bool answer_ok =
      dst == *Ipv6Addr::parse("ff02::1") || (ctx() && ctx()->has_addr_on_or_above(*this, IpAddr{dst}));
  const int i = target_index(target);
  if (i < 0) return;
  if (!s.backup || (current_arp_slave_ && in_interval(now(), current_arp_slave_->last_tx, delta, 1))) {
    if (icmp->type() == wire::kNdpNeighborAdvert && answer_ok) seen(i);
  } else if (curr_active_ && slave_last_rx(*curr_active_) > curr_active_->last_link_up) {
    // The active slave's probe: an NS for the target to its solicited-node group.
    if (icmp->type() == wire::kNdpNeighborSolicit && dst == target.solicited_node()) seen(i);
  }
}

void BondDevice::update_ns_maddrs() {
  // bond_slave_ns_maddrs_add/del: with NS targets and validation, backups listen to the
  // targets' solicited-node groups (to see the active slave's probes); the active does not.
  for (auto& sp : slaves_) {
    BondSlave& s = *sp;
    std::vector<MacAddr> want;
    if (opt(kBondArpValidate) && mode() == BondMode::kActiveBackup && &s != curr_active_)
      for (auto& t : ns_targets_) {
        Ipv6Addr g = t.solicited_node();
        want.push_back(MacAddr{{0x33, 0x33, g.b[12], g.b[13], g.b[14], g.b[15]}});
      }
    for (auto& m : s.ns_maddrs)
      if (std::find(want.begin(), want.end(), m) == want.end()) s.dev().mc_del(m);
    for (auto& m : want)
      if (std::find(s.ns_maddrs.begin(), s.ns_maddrs.end(), m) == s.ns_maddrs.end())
        s.dev().mc_add(m);
    s.ns_maddrs = want;
  }
}

Nanos BondDevice::slave_last_rx(const BondSlave& s) const {
  if (opt(kBondArpAllTargets) == 0 || arp_targets_.empty()) return s.last_rx;
  // arp_all_targets all: the oldest of the per-target receive times.
  Nanos oldest = s.target_last_arp_rx[0];
  for (size_t i = 1; i < arp_targets_.size(); ++i)
    oldest = std::min(oldest, s.target_last_arp_rx[i]);
  return oldest;
}

void BondDevice::send_probes(BondSlave& s) {
  if (!ctx()) return;
  auto send = [&](const IpAddr& target) {
    if (auto f = ctx()->bond_probe(*this, target, s.dev().mac())) {
      s.last_tx = now();
      s.dev().transmit(std::move(*f));
    }
  };
  for (auto& t : arp_targets_) send(IpAddr{t});
  for (auto& t : ns_targets_) send(IpAddr{t});
}

bool BondDevice::ab_arp_inspect() {
  const Nanos delta = Nanos(opt(kBondArpInterval)) * kMsec, t = now();
  const int missed = int(opt(kBondArpMissedMax));
  bool commit = false;
  for (auto& sp : slaves_) {
    BondSlave& s = *sp;
    s.link_changed = false;
    auto propose = [&](BondLink l) {
      s.new_link = l;
      s.link_changed = true;
      commit = true;
    };
    const Nanos last_rx = slave_last_rx(s);
    if (s.link != BondLink::kUp) {
      if (in_interval(t, last_rx, delta, 1))
        propose(BondLink::kUp);
      else if (s.link == BondLink::kBack)
        propose(BondLink::kFail);
      continue;
    }
    // Two intervals of grace after becoming up or active.
    if (in_interval(t, s.last_link_up, delta, 2)) continue;
    if (s.backup && !current_arp_slave_ && !in_interval(t, last_rx, delta, missed + 1))
      propose(BondLink::kDown);
    if (!s.backup &&
        (!in_interval(t, s.last_tx, delta, missed) || !in_interval(t, last_rx, delta, missed)))
      propose(BondLink::kDown);
  }
  return commit;
}

void BondDevice::ab_arp_commit() {
  const Nanos delta = Nanos(opt(kBondArpInterval)) * kMsec;
  for (auto& sp : slaves_) {
    BondSlave& s = *sp;
    if (!s.link_changed) continue;
    s.link_changed = false;
    bool failover = false;
    switch (s.new_link) {
      case BondLink::kUp:
        if (curr_active_ != &s || in_interval(now(), s.last_tx, delta, 1)) {
          set_link(s, BondLink::kUp);
          if (current_arp_slave_) {
            set_slave_inactive(*current_arp_slave_);
            current_arp_slave_ = nullptr;
          }
          failover = !curr_active_ || &s == primary_slave_ || s.prio() > curr_active_->prio();
        }
        break;
      case BondLink::kDown:
        if (s.link_failure_count < UINT32_MAX) ++s.link_failure_count;
        set_link(s, BondLink::kDown);
        set_slave_inactive(s);
        if (&s == curr_active_) {
          current_arp_slave_ = nullptr;
          failover = true;
        }
        break;
      case BondLink::kFail:
        set_link(s, BondLink::kFail);
        set_slave_inactive(s);
        if (curr_active_) current_arp_slave_ = nullptr;
        break;
      case BondLink::kBack: break;
    }
    if (failover) select_active_slave();
  }
  update_usable();
  set_carrier_from_slaves();
}

void BondDevice::ab_arp_probe() {
  if (curr_active_) {
    send_probes(*curr_active_);
    return;
  }
  // No active slave: probe the next slave that is up after the last one probed.
  BondSlave* cur = current_arp_slave_;
  if (!cur) {
    if (slaves_.empty()) return;
    cur = slaves_.front().get();
  }
  BondSlave *before = nullptr, *next = nullptr;
  bool found = false;
  for (auto& sp : slaves_) {
    BondSlave& s = *sp;
    if (!found && !before && s.is_up()) before = &s;
    if (found && !next && s.is_up()) next = &s;
    if (!s.is_up() && s.link == BondLink::kUp) {
      // Lost while nobody was active: down at once.
      set_link(s, BondLink::kDown);
      if (s.link_failure_count < UINT32_MAX) ++s.link_failure_count;
      set_slave_inactive(s);
    }
    if (&s == cur) found = true;
  }
  if (!next) next = before;
  if (!next) return;
  set_link(*next, BondLink::kBack);
  set_slave_active(*next);
  send_probes(*next);
  next->last_link_up = now();
  current_arp_slave_ = next;
}

void BondDevice::loadbalance_arp_mon() {
  const Nanos delta = Nanos(opt(kBondArpInterval)) * kMsec, t = now();
  const int missed = int(opt(kBondArpMissedMax));
  BondSlave* oldcurrent = curr_active_;
  bool changed = false, failover = false;
  for (auto& sp : slaves_) {
    BondSlave& s = *sp;
    if (s.link != BondLink::kUp) {
      if (in_interval(t, s.last_tx, delta, 1) && in_interval(t, s.last_rx, delta, 1)) {
        s.new_link = BondLink::kUp;
        s.link_changed = changed = true;
        if (!oldcurrent) failover = true;
      }
    } else if (!in_interval(t, s.last_tx, delta, missed) ||
               !in_interval(t, s.last_rx, delta, missed)) {
      s.new_link = BondLink::kDown;
      s.link_changed = changed = true;
      if (s.link_failure_count < UINT32_MAX) ++s.link_failure_count;
      if (&s == oldcurrent) failover = true;
    }
    if (s.is_up()) send_probes(s);
  }
  if (!changed && !failover) return;
  for (auto& sp : slaves_) {
    if (sp->link_changed) sp->link = sp->new_link;
    sp->link_changed = false;
    // bond_slave_state_change: up slaves active, down ones backup.
    if (sp->link == BondLink::kUp) sp->backup = false;
    if (sp->link == BondLink::kDown) sp->backup = true;
  }
  update_usable();
  if (failover) select_active_slave();
  set_carrier_from_slaves();
}

void BondDevice::arp_monitor() {
  const Nanos interval = Nanos(opt(kBondArpInterval)) * kMsec;
  if (!slaves_.empty()) {
    if (mode() == BondMode::kActiveBackup) {
      bool notify = should_notify_peers();
      if (ab_arp_inspect()) ab_arp_commit();
      ab_arp_probe();
      if (notify && send_peer_notif_) {
        --send_peer_notif_;
        notify_peers();
      }
    } else {
      loadbalance_arp_mon();
    }
  }
  if (interval && is_up()) schedule_arp(interval);
}

}  // namespace uvn
