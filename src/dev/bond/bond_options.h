// The bond's and its slaves' options (`ip link add type bond ...`, `type bond_slave ...`) as
// data: keyword, JSON key, value names, default and the kernel's range (bond_options.c), in
// the order iproute2 prints them with -d. Rules between options (mode restrictions, "only
// without slaves", "only while down", miimon vs arp_interval) are in ctl/bond.cc; the
// values iproute2 itself accepts (u8/u16/u32 widths) are in cli/link_bond.cc.
//
// Storage notes: updelay, downdelay and peer_notify_delay are kept as Linux keeps them, in
// miimon ticks, and printed as ticks x miimon (so changing miimon changes what they show).
// active_slave and primary are ifindexes (0: none); arp_ip_target and ns_ip6_target are
// lists held by the device. ad_actor_system is a MAC in the low 48 bits (0: the bond's).
//
// Beyond iproute2 6.1 (uvn models a newer kernel where the issue asks for it):
// `ad_select actor_port_prio` (index 3) and the slave option `actor_port_prio`, as newer
// iproute2; `coupled_control` (shown only when off); `lacp_fallback on|off`, uvn's own opt-in
// fallback to active-backup when no LACP partner answers (as Open vSwitch's
// lacp-fallback-ab), shown only when on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dev/core/options.h"
#include "packet/flow_hash.h"

namespace uvn {

enum BondOpt : size_t {
  kBondMode,
  kBondActiveSlave,  // ifindex (status; set through active_slave/clear_active_slave)
  kBondMiimon,
  kBondUpdelay,          // miimon ticks
  kBondDowndelay,        // miimon ticks
  kBondPeerNotifyDelay,  // miimon ticks
  kBondUseCarrier,
  kBondArpInterval,
  kBondArpMissedMax,
  kBondArpValidate,
  kBondArpAllTargets,
  kBondPrimary,  // ifindex
  kBondPrimaryReselect,
  kBondFailOverMac,
  kBondXmitHashPolicy,
  kBondResendIgmp,
  kBondNumPeerNotif,
  kBondAllSlavesActive,
  kBondMinLinks,
  kBondLpInterval,
  kBondPacketsPerSlave,
  kBondLacpActive,
  kBondLacpRate,
  kBondCoupledControl,
  kBondAdSelect,
  kBondAdActorSysPrio,
  kBondAdUserPortKey,
  kBondAdActorSystem,
  kBondTlbDynamicLb,
  kBondLacpFallback,
  kBondCount
};

enum BondSlaveOpt : size_t { kBsQueueId, kBsPrio, kBsActorPortPrio, kBsCount };

enum class BondMode : uint8_t {
  kRoundRobin = 0,
  kActiveBackup = 1,
  kXor = 2,
  kBroadcast = 3,
  k8023ad = 4,
  kTlb = 5,
  kAlb = 6,
};

// arp_validate values (BOND_ARP_VALIDATE_* and the filter bit).
enum BondArpValidate : uint8_t {
  kArpValidateNone = 0,
  kArpValidateActive = 1,
  kArpValidateBackup = 2,
  kArpValidateAll = 3,
  kArpValidateFilter = 4,
  kArpValidateFilterActive = 5,
  kArpValidateFilterBackup = 6,
};

enum class PrimaryReselect : uint8_t { kAlways = 0, kBetter = 1, kFailure = 2 };
enum class FailOverMac : uint8_t { kNone = 0, kActive = 1, kFollow = 2 };
// xmit_hash_policy in Linux's numbering (BOND_XMIT_POLICY_*): packet/flow_hash.h's.
using XmitHashPolicy = FlowHashPolicy;
enum class AdSelect : uint8_t { kStable = 0, kBandwidth = 1, kCount = 2, kActorPortPrio = 3 };

extern const OptionTable kBondOptionTable;
extern const OptionTable kBondSlaveOptionTable;

// Sets an option's value with the effects the kernel's setter has on the other values (mode:
// arp_interval off and miimon 100 for 802.3ad/tlb/alb, arp_validate reset, tlb_dynamic_lb on
// for alb; miimon and arp_interval turning each other off; delays given in ms kept in miimon
// ticks). Used by the device and by ctl to foresee the state a request leads to.
void bond_params_set(OptionValues& o, BondOpt opt, uint64_t v);

inline constexpr size_t kBondMaxArpTargets = 16;  // BOND_MAX_ARP_TARGETS

// Names as /proc/net/bonding prints them ("load balancing (round-robin)", ...).
std::string_view bond_mode_long_name(BondMode m);
std::string_view bond_mode_name(BondMode m);  // "balance-rr", ...
// Modes with one active slave (primary, active_slave): active-backup, tlb, alb.
inline bool bond_uses_primary(BondMode m) {
  return m == BondMode::kActiveBackup || m == BondMode::kTlb || m == BondMode::kAlb;
}
// Modes that transmit by xmit_hash_policy: balance-xor and 802.3ad (tlb with
// tlb_dynamic_lb 0 too; the caller checks that).
inline bool bond_mode_hashes(BondMode m) { return m == BondMode::kXor || m == BondMode::k8023ad; }
// Modes in which the ARP monitor cannot run: 802.3ad, tlb, alb.
inline bool bond_mode_no_arp(BondMode m) {
  return m == BondMode::k8023ad || m == BondMode::kTlb || m == BondMode::kAlb;
}

}  // namespace uvn
