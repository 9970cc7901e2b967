#include "dev/bond/bond_options.h"

#include <climits>

namespace uvn {

namespace {

using T = OptType;

constexpr std::string_view kModes[] = {"balance-rr", "active-backup", "balance-xor", "broadcast",
                                       "802.3ad",    "balance-tlb",   "balance-alb"};
constexpr std::string_view kArpValidate[] = {"none",   "active",        "backup",       "all",
                                             "filter", "filter_active", "filter_backup"};
constexpr std::string_view kArpAllTargets[] = {"any", "all"};
constexpr std::string_view kPrimaryReselect[] = {"always", "better", "failure"};
constexpr std::string_view kFailOverMac[] = {"none", "active", "follow"};
constexpr std::string_view kXmitHash[] = {"layer2",   "layer3+4", "layer2+3",
                                          "encap2+3", "encap3+4", "vlan+srcmac"};
constexpr std::string_view kOffOn[] = {"off", "on"};
constexpr std::string_view kLacpRate[] = {"slow", "fast"};
constexpr std::string_view kAdSelect[] = {"stable", "bandwidth", "count", "actor_port_prio"};

constexpr uint64_t kIntMax = INT_MAX;

// Ranges are the kernel's (bond_options.c value tables); iproute2's own width checks come
// first, in the cli.
constexpr OptionSpec kBondSpecs[] = {
    {.name = "mode", .type = T::kEnum, .names = kModes},
    {.name = "active_slave", .show = OptShow::kIfSet, .read_only = true},
    {.name = "miimon", .max = kIntMax},
    {.name = "updelay", .max = kIntMax},
    {.name = "downdelay", .max = kIntMax},
    {.name = "peer_notify_delay", .max = 300000},
    {.name = "use_carrier", .def = 1, .max = 1},
    {.name = "arp_interval", .max = kIntMax},
    {.name = "arp_missed_max", .def = 2, .min = 1, .max = 255},
    {.name = "arp_validate", .type = T::kEnum, .names = kArpValidate},
    {.name = "arp_all_targets", .type = T::kEnum, .names = kArpAllTargets},
    {.name = "primary", .show = OptShow::kIfSet, .read_only = true},
    {.name = "primary_reselect", .type = T::kEnum, .names = kPrimaryReselect},
    {.name = "fail_over_mac", .type = T::kEnum, .names = kFailOverMac},
    {.name = "xmit_hash_policy", .type = T::kEnum, .names = kXmitHash},
    {.name = "resend_igmp", .def = 1, .max = 255},
    {.name = "num_grat_arp", .json = "num_peer_notif", .def = 1, .max = 255},
    {.name = "all_slaves_active", .max = 1},
    {.name = "min_links", .max = kIntMax},
    {.name = "lp_interval", .def = 1, .min = 1, .max = kIntMax},
    {.name = "packets_per_slave", .def = 1, .max = 65535},
    {.name = "lacp_active", .json = "ad_lacp_active", .type = T::kEnum, .def = 1, .names = kOffOn},
    {.name = "lacp_rate", .json = "ad_lacp_rate", .type = T::kEnum, .names = kLacpRate},
    {.name = "coupled_control", .type = T::kOnOff, .def = 1, .max = 1, .show = OptShow::kIfSet},
    {.name = "ad_select", .type = T::kEnum, .names = kAdSelect},
    {.name = "ad_actor_sys_prio", .def = 65535, .min = 1, .max = 65535},
    {.name = "ad_user_port_key", .max = 1023},
    {.name = "ad_actor_system", .type = T::kMac},
    {.name = "tlb_dynamic_lb", .def = 1, .max = 1},
    {.name = "lacp_fallback", .type = T::kOnOff, .max = 1, .show = OptShow::kIfSet},
};
static_assert(std::size(kBondSpecs) == kBondCount);

constexpr OptionSpec kBondSlaveSpecs[] = {
    {.name = "queue_id", .max = 65535},
    {.name = "prio"},  // s32, stored as its 64-bit two's complement
    {.name = "actor_port_prio", .def = 255, .max = 65535},
};
static_assert(std::size(kBondSlaveSpecs) == kBsCount);

}  // namespace

const OptionTable kBondOptionTable{kBondSpecs};
const OptionTable kBondSlaveOptionTable{kBondSlaveSpecs};

void bond_params_set(OptionValues& o, BondOpt opt, uint64_t v) {
  switch (opt) {
    case kBondMode:
      if (bond_mode_no_arp(BondMode(v))) {
        o.set(kBondArpInterval, 0);
        if (!o.get(kBondMiimon)) o.set(kBondMiimon, 100);
      }
      if (BondMode(v) == BondMode::kAlb) o.set(kBondTlbDynamicLb, 1);
      o.set(kBondArpValidate, kArpValidateNone);
      break;
    case kBondMiimon:
      // updelay/downdelay stay tick counts, so their ms values follow the new interval.
      if (v && o.get(kBondArpInterval)) {
        o.set(kBondArpInterval, 0);
        o.set(kBondArpValidate, kArpValidateNone);
      }
      break;
    case kBondUpdelay:
    case kBondDowndelay:
    case kBondPeerNotifyDelay: {
      uint64_t mii = o.get(kBondMiimon);
      v = mii ? v / mii : 0;
      break;
    }
    case kBondArpInterval:
      if (v) o.set(kBondMiimon, 0);
      break;
    default: break;
  }
  o.set(opt, v);
}

std::string_view bond_mode_name(BondMode m) {
  auto i = size_t(m);
  return i < std::size(kModes) ? kModes[i] : "UNKNOWN";
}

std::string_view bond_mode_long_name(BondMode m) {
  switch (m) {
    case BondMode::kRoundRobin: return "load balancing (round-robin)";
    case BondMode::kActiveBackup: return "fault-tolerance (active-backup)";
    case BondMode::kXor: return "load balancing (xor)";
    case BondMode::kBroadcast: return "fault-tolerance (broadcast)";
    case BondMode::k8023ad: return "IEEE 802.3ad Dynamic link aggregation";
    case BondMode::kTlb: return "transmit load balancing";
    case BondMode::kAlb: return "adaptive load balancing";
  }
  return "unknown";
}

}  // namespace uvn
