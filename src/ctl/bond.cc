#include "ctl/bond.h"

#include <cerrno>

namespace uvn::ctl {

namespace {

// The order bond_changelink applies attributes in (then uvn's own options).
constexpr BondOpt kApplyOrder[] = {
    kBondMode,          kBondActiveSlave,     kBondMiimon,         kBondUpdelay,
    kBondDowndelay,     kBondPeerNotifyDelay, kBondUseCarrier,     kBondArpInterval,
    kBondArpValidate,   kBondArpAllTargets,   kBondPrimary,        kBondPrimaryReselect,
    kBondFailOverMac,   kBondXmitHashPolicy,  kBondResendIgmp,     kBondNumPeerNotif,
    kBondAllSlavesActive, kBondMinLinks,      kBondLpInterval,     kBondPacketsPerSlave,
    kBondLacpActive,    kBondLacpRate,        kBondCoupledControl, kBondAdSelect,
    kBondAdActorSysPrio, kBondAdUserPortKey,  kBondAdActorSystem,  kBondTlbDynamicLb,
    kBondArpMissedMax,  kBondLacpFallback,
};

constexpr uint32_t bit(BondMode m) { return 1u << unsigned(m); }
constexpr uint32_t kAllModes = 0x7f;
constexpr uint32_t kPrimaryModes = bit(BondMode::kActiveBackup) | bit(BondMode::kTlb) |
                                   bit(BondMode::kAlb);
constexpr uint32_t kArpModes = kAllModes & ~(bit(BondMode::k8023ad) | bit(BondMode::kTlb) |
                                             bit(BondMode::kAlb));
constexpr uint32_t k3adOnly = bit(BondMode::k8023ad);

// Where an option may be set and what it needs (bond_options.c flags).
struct OptRule {
  uint32_t modes = kAllModes;
  bool no_slaves = false;  // BOND_OPTFLAG_NOSLAVES
  bool down = false;       // BOND_OPTFLAG_IFDOWN
};

OptRule rule(BondOpt o) {
  switch (o) {
    case kBondMode: return {.no_slaves = true, .down = true};
    case kBondActiveSlave:
    case kBondPrimary: return {.modes = kPrimaryModes};
    case kBondArpInterval:
    case kBondArpMissedMax:
    case kBondArpValidate: return {.modes = kArpModes};
    case kBondFailOverMac: return {.no_slaves = true};
    case kBondPacketsPerSlave: return {.modes = bit(BondMode::kRoundRobin)};
    case kBondLacpActive:
    case kBondLacpRate:
    case kBondAdUserPortKey:
    case kBondCoupledControl: return {.modes = k3adOnly, .down = true};
    case kBondAdActorSysPrio:
    case kBondAdActorSystem:
    case kBondLacpFallback: return {.modes = k3adOnly};
    case kBondAdSelect: return {.down = true};
    case kBondTlbDynamicLb:
      return {.modes = bit(BondMode::kTlb) | bit(BondMode::kAlb), .down = true};
    default: return {};
  }
}

Status invalid() { return Error::with(EINVAL, "invalid option value"); }

// bond_opt_check_deps, in its order.
Status check_deps(BondOpt o, BondMode mode, bool has_slaves, bool up) {
  OptRule r = rule(o);
  if (!(r.modes & bit(mode))) return Error::with(EACCES, "option not supported in mode");
  if (r.no_slaves && has_slaves)
    return Error::with(ENOTEMPTY, "unable to set option because the bond device has slaves");
  if (r.down && up) return Error::with(EBUSY, "unable to set option because the bond is up");
  return {};
}

const uint64_t* find_opt(const BondArgs& a, BondOpt o) {
  const uint64_t* v = nullptr;
  for (auto& [k, x] : a.opts)
    if (k == o) v = &x;  // the last one given, as the kernel's attribute parse keeps
  return v;
}

bool given(const BondArgs& a, BondOpt o) {
  switch (o) {
    case kBondActiveSlave: return a.active_slave.has_value();
    case kBondPrimary: return a.primary.has_value();
    case kBondAdActorSystem: return a.ad_actor_system.has_value();
    default: return find_opt(a, o) != nullptr;
  }
}

Status check_value(BondOpt o, uint64_t v) {
  const OptionSpec& s = kBondOptionTable.specs()[o];
  if (s.type == OptType::kEnum) return v < s.names.size() ? Status{} : invalid();
  if (v < s.min || v > s.max) return invalid();
  return {};
}

Status check_targets(const BondArgs& a) {
  if (a.arp_targets) {
    for (size_t i = 0; i < a.arp_targets->size(); ++i) {
      const Ipv4Addr& t = (*a.arp_targets)[i];
      if (t.is_zero() || t.is_broadcast()) return invalid();
      for (size_t k = 0; k < i; ++k)
        if ((*a.arp_targets)[k] == t) return invalid();
    }
    if (a.arp_targets->size() > kBondMaxArpTargets) return invalid();
  }
  if (a.ns_targets) {
    for (size_t i = 0; i < a.ns_targets->size(); ++i) {
      const Ipv6Addr& t = (*a.ns_targets)[i];
      if (t.is_zero() || t.is_loopback() || t.is_multicast()) return invalid();
      for (size_t k = 0; k < i; ++k)
        if ((*a.ns_targets)[k] == t) return invalid();
    }
    if (a.ns_targets->size() > kBondMaxArpTargets) return invalid();
  }
  return {};
}

// active_slave DEV: a slave of this bond, made active only from an existing active slave and
// when its device and link are up (bond_option_active_slave_set).
Status check_active_slave(Netns& ns, const BondDevice* b, const std::string& name) {
  if (name.empty()) return {};
  Device* d = ns.find(name);
  if (!d) return Error::errno_only(ENODEV);
  const BondSlave* s = b ? b->slave_of(*d) : nullptr;
  if (!s) return invalid();
  if (s == b->curr_active()) return {};
  if (!b->curr_active() || s->link != BondLink::kUp || !s->is_up()) return invalid();
  return {};
}

}  // namespace

Status bond_check(Netns& ns, const BondDevice* b, const BondArgs& a) {
  // The attribute policy (bond_policy) is checked while the request is parsed, before any
  // option: ad_actor_system is NLA_BINARY of at most 6 bytes, peer_notify_delay a u32 of at
  // most 300000 (NLA_POLICY_FULL_RANGE).
  if (a.ad_actor_system && a.ad_actor_system->size() > 6)
    return Error::with(EINVAL, "Attribute failed policy validation");
  if (const uint64_t* d = find_opt(a, kBondPeerNotifyDelay); d && *d > 300000)
    return Error::with(ERANGE, "integer out of range");
  OptionValues proj = b ? *b->kind_options() : OptionValues{&kBondOptionTable,
                                                            kBondOptionTable.defaults()};
  const bool has_slaves = b && !b->slaves().empty();
  const bool up = b && b->is_up();
  // bond_changelink refuses ARP monitoring and validation next to a non-zero miimon of the
  // same request (not against the miimon the bond already has).
  const uint64_t* miimon_given = find_opt(a, kBondMiimon);
  const bool request_miimon = miimon_given && *miimon_given;
  for (BondOpt o : kApplyOrder) {
    if (o == kBondArpValidate) {
      // arp_ip_target and ns_ip6_target come between arp_interval and arp_validate; they
      // may be set in every mode.
      if (auto st = check_targets(a); !st) return st;
    }
    if (!given(a, o)) continue;
    if (o == kBondArpInterval && *find_opt(a, o) && request_miimon)
      return Error::with(EINVAL, "ARP monitoring cannot be used with MII monitoring");
    if (o == kBondArpValidate && *find_opt(a, o) && request_miimon)
      return Error::with(EINVAL, "ARP validating cannot be used with MII monitoring");
    // bond_changelink checks the actor system's length before __bond_opt_set, so before
    // the mode restriction (no extack: "RTNETLINK answers: Invalid argument").
    if (o == kBondAdActorSystem && a.ad_actor_system->size() != 6)
      return Error::errno_only(EINVAL);
    if (auto st = check_deps(o, BondMode(proj.get(kBondMode)), has_slaves, up); !st) return st;
    switch (o) {
      case kBondActiveSlave:
        if (auto st = check_active_slave(ns, b, *a.active_slave); !st) return st;
        continue;
      case kBondPrimary: continue;
      case kBondAdActorSystem:
        // bond_option_ad_actor_system_set: no multicast address.
        if ((*a.ad_actor_system)[0] & 1) return invalid();
        continue;
      default: break;
    }
    uint64_t v = *find_opt(a, o);
    // __bond_opt_set: the value's range (EINVAL) is checked before the setter runs.
    if (auto st = check_value(o, v); !st) return st;
    // _bond_option_delay_set: without miimon there is nothing to count in (EPERM).
    if ((o == kBondUpdelay || o == kBondDowndelay || o == kBondPeerNotifyDelay) &&
        !proj.get(kBondMiimon))
      return Error::errno_only(EPERM);
    bond_params_set(proj, o, v);
  }
  return {};
}

void bond_apply(Netns& ns, BondDevice& b, const BondArgs& a) {
  for (BondOpt o : kApplyOrder) {
    if (o == kBondArpValidate) {
      if (a.arp_targets) b.set_arp_targets(*a.arp_targets);
      if (a.ns_targets) b.set_ns_targets(*a.ns_targets);
    }
    if (!given(a, o)) continue;
    switch (o) {
      case kBondActiveSlave: {
        Device* d = a.active_slave->empty() ? nullptr : ns.find(*a.active_slave);
        (void)b.set_active_slave(d ? b.slave_of(*d) : nullptr);
        continue;
      }
      case kBondPrimary: b.set_primary(*a.primary); continue;
      case kBondAdActorSystem: {
        uint64_t m = 0;
        for (uint8_t x : *a.ad_actor_system) m = m << 8 | x;
        b.set_opt(o, m);
        continue;
      }
      default: b.set_opt(o, *find_opt(a, o));
    }
  }
}

Status bond_slave_check(const BondDevice& b, const BondSlave& s, const BondSlaveArgs& a) {
  if (a.queue_id) {
    // bond_option_queue_id_set: within the bond's queues, and unique unless 0.
    if (*a.queue_id > b.num_tx_queues) return Error::errno_only(EPERM);
    if (*a.queue_id)
      for (auto& o : b.slaves())
        if (o.get() != &s && o->opt(kBsQueueId) == *a.queue_id) return Error::errno_only(EPERM);
  }
  if (a.prio && !bond_uses_primary(b.mode()))
    return Error::with(EACCES, "option not supported in mode");
  if (a.actor_port_prio && b.mode() != BondMode::k8023ad)
    return Error::with(EACCES, "option not supported in mode");
  return {};
}

void bond_slave_apply(BondDevice& b, BondSlave& s, const BondSlaveArgs& a) {
  if (a.queue_id) s.set_opt(kBsQueueId, *a.queue_id);
  if (a.prio) {
    s.set_opt(kBsPrio, uint64_t(uint32_t(int32_t(*a.prio))));
    // A primary slave overrides priorities; otherwise the choice is made again.
    if (!b.primary_slave()) b.select_active_slave();
  }
  if (a.actor_port_prio) b.set_actor_port_prio(s, uint16_t(*a.actor_port_prio));
}

}  // namespace uvn::ctl
