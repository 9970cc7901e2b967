#include "dev/bridge/bridge_options.h"

namespace uvn {

namespace {

constexpr std::string_view kVlanProtocols[] = {"802.1Q", "802.1ad"};
constexpr std::string_view kStpProtos[] = {"stp", "rstp"};
constexpr std::string_view kStpModes[] = {"auto", "user", "kernel"};
constexpr std::string_view kP2pModes[] = {"auto", "on", "off"};  // proto::RstpP2p order
constexpr std::string_view kPortRoles[] = {"", "disabled", "root", "designated", "alternate",
                                           "backup"};
constexpr std::string_view kPortStates[] = {"disabled", "listening", "learning", "forwarding",
                                            "blocking"};
constexpr uint64_t kU16 = 0xffff;
using T = OptType;
using S = OptShow;

constexpr OptionSpec kBridgeSpecs[] = {
    {.name = "forward_delay", .def = 1500},
    {.name = "hello_time", .def = 200},
    {.name = "max_age", .def = 2000},
    {.name = "ageing_time", .def = 30000},
    {.name = "stp_state", .def = 0, .max = 2},
    // Linux 6.x's IFLA_BR_STP_MODE; newer iproute2 prints it after stp_state, as a string.
    {.name = "stp_mode", .type = T::kEnum, .names = kStpModes},
    {.name = "priority", .def = 32768, .max = kU16},
    {.name = "vlan_filtering", .type = T::kBool01, .max = 1},
    {.name = "vlan_protocol", .type = T::kEnum, .names = kVlanProtocols},
    {.name = "bridge_id", .type = T::kBridgeId, .read_only = true},
    {.name = "designated_root", .json = "root_id", .type = T::kBridgeId, .read_only = true},
    {.name = "root_port", .read_only = true},
    {.name = "root_path_cost", .read_only = true},
    {.name = "topology_change", .read_only = true},
    {.name = "topology_change_detected", .read_only = true},
    {.name = "hello_timer", .type = T::kTimerCs, .read_only = true},
    {.name = "tcn_timer", .type = T::kTimerCs, .read_only = true},
    {.name = "topology_change_timer", .type = T::kTimerCs, .read_only = true},
    {.name = "gc_timer", .type = T::kTimerCs, .read_only = true},
    {.name = "fdb_n_learned", .read_only = true},
    {.name = "fdb_max_learned", .max = UINT32_MAX},
    {.name = "vlan_default_pvid", .def = 1, .max = 4094},
    {.name = "vlan_stats_enabled", .type = T::kBool01, .max = 1},
    {.name = "vlan_stats_per_port", .type = T::kBool01, .max = 1},
    {.name = "group_fwd_mask", .type = T::kHex, .max = kU16},
    {.name = "group_address", .json = "group_addr", .type = T::kMac, .def = 0x0180c2000000},
    {.name = "mcast_snooping", .type = T::kBool01, .def = 1, .max = 1},
    {.name = "no_linklocal_learn", .type = T::kBool01, .max = 1},
    {.name = "mcast_vlan_snooping", .type = T::kBool01, .max = 1},
    {.name = "mst_enabled", .type = T::kBool01, .max = 1},
    {.name = "mcast_router", .def = 1, .max = 2},
    {.name = "mcast_query_use_ifaddr", .type = T::kBool01, .max = 1},
    {.name = "mcast_querier", .type = T::kBool01, .max = 1},
    {.name = "mcast_hash_elasticity", .def = 16, .max = UINT32_MAX},
    {.name = "mcast_hash_max", .def = 4096, .min = 1, .max = UINT32_MAX},
    {.name = "mcast_last_member_count", .json = "mcast_last_member_cnt", .def = 2, .max = UINT32_MAX},
    {.name = "mcast_startup_query_count", .json = "mcast_startup_query_cnt", .def = 2,
     .max = UINT32_MAX},
    {.name = "mcast_last_member_interval", .json = "mcast_last_member_intvl", .def = 100},
    {.name = "mcast_membership_interval", .json = "mcast_membership_intvl", .def = 26000},
    {.name = "mcast_querier_interval", .json = "mcast_querier_intvl", .def = 25500},
    {.name = "mcast_query_interval", .json = "mcast_query_intvl", .def = 12500},
    {.name = "mcast_query_response_interval", .json = "mcast_query_response_intvl", .def = 1000},
    {.name = "mcast_startup_query_interval", .json = "mcast_startup_query_intvl", .def = 3124},
    {.name = "mcast_stats_enabled", .type = T::kBool01, .max = 1},
    {.name = "mcast_igmp_version", .def = 2, .min = 2, .max = 3},
    {.name = "mcast_mld_version", .def = 1, .min = 1, .max = 2},
    {.name = "nf_call_iptables", .type = T::kBool01, .max = 1},
    {.name = "nf_call_ip6tables", .type = T::kBool01, .max = 1},
    {.name = "nf_call_arptables", .type = T::kBool01, .max = 1},
    {.name = "fdb_local_vlan_0", .type = T::kBool01, .max = 1, .show = S::kIfSet},
    // uvn's extension: RSTP (802.1D-2004) instead of the kernel's 802.1D STP. Shown only
    // when set, so the default output stays iproute2's.
    {.name = "stp_proto", .type = T::kEnum, .names = kStpProtos, .show = S::kIfSet},
};
static_assert(std::size(kBridgeSpecs) == kBrCount);

constexpr OptionSpec kPortSpecs[] = {
    {.name = "state", .type = T::kEnum, .def = kBrStateForwarding, .names = kPortStates},
    {.name = "priority", .def = 32, .max = 63},
    {.name = "cost", .def = 2, .min = 1, .max = UINT32_MAX},
    {.name = "hairpin", .json = "hairpin", .type = T::kOnOff},
    {.name = "guard", .type = T::kOnOff},
    {.name = "root_block", .type = T::kOnOff},
    {.name = "fastleave", .type = T::kOnOff},
    {.name = "learning", .type = T::kOnOff, .def = 1},
    {.name = "flood", .type = T::kOnOff, .def = 1},
    {.name = "port_id", .json = "id", .type = T::kHex, .read_only = true},
    {.name = "port_no", .json = "no", .type = T::kHex, .read_only = true},
    {.name = "designated_port", .read_only = true},
    {.name = "designated_cost", .read_only = true},
    {.name = "designated_bridge", .json = "bridge_id", .type = T::kBridgeId, .read_only = true},
    {.name = "designated_root", .json = "root_id", .type = T::kBridgeId, .read_only = true},
    {.name = "hold_timer", .type = T::kTimerCs, .read_only = true},
    {.name = "message_age_timer", .type = T::kTimerCs, .read_only = true},
    {.name = "forward_delay_timer", .type = T::kTimerCs, .read_only = true},
    {.name = "topology_change_ack", .read_only = true},
    {.name = "config_pending", .read_only = true},
    {.name = "proxy_arp", .type = T::kOnOff},
    {.name = "proxy_arp_wifi", .type = T::kOnOff},
    {.name = "mcast_router", .json = "multicast_router", .def = 1, .max = 3},
    {.name = "mcast_fast_leave", .type = T::kOnOff},
    {.name = "mcast_flood", .type = T::kOnOff, .def = 1},
    {.name = "bcast_flood", .type = T::kOnOff, .def = 1},
    {.name = "mcast_to_unicast", .type = T::kOnOff},
    {.name = "neigh_suppress", .type = T::kOnOff},
    {.name = "neigh_vlan_suppress", .type = T::kOnOff},
    {.name = "neigh_forward_grat", .type = T::kOnOff},
    {.name = "group_fwd_mask", .type = T::kHex, .max = kU16},
    {.name = "group_fwd_mask_str", .type = T::kHexStr, .read_only = true},
    {.name = "vlan_tunnel", .type = T::kOnOff},
    {.name = "isolated", .type = T::kOnOff},
    {.name = "locked", .type = T::kOnOff},
    {.name = "mab", .type = T::kOnOff},
    {.name = "mcast_n_groups", .show = S::kIfSet, .read_only = true},
    {.name = "mcast_max_groups", .max = UINT32_MAX, .show = S::kIfSet},
    {.name = "backup_nhid", .max = UINT32_MAX, .show = S::kIfSet},
    // RSTP (uvn's extension): admin edge port, admin point-to-point, and the port role.
    // cli/link_bridge.cc prints them (with the operational edge and point-to-point values)
    // under RSTP only, so STP output stays Linux's.
    {.name = "edge", .type = T::kOnOff, .show = S::kNever},
    {.name = "p2p", .type = T::kEnum, .names = kP2pModes, .show = S::kNever},
    {.name = "role", .type = T::kEnum, .names = kPortRoles, .show = S::kNever, .read_only = true},
};
static_assert(std::size(kPortSpecs) == kBpCount);

}  // namespace

const OptionTable kBridgeOptionTable{kBridgeSpecs};
const OptionTable kBridgePortOptionTable{kPortSpecs};

}  // namespace uvn
