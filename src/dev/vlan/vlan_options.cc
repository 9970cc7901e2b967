#include "dev/vlan/vlan_options.h"

#include "wire/ethernet.h"

namespace uvn {

namespace {

constexpr std::string_view kProtocols[] = {"802.1Q", "802.1ad"};
using T = OptType;

constexpr OptionSpec kVlanSpecs[] = {
    {.name = "protocol", .type = T::kEnum, .names = kProtocols},
    {.name = "id", .max = 4094},
    {.name = "reorder_hdr", .type = T::kOnOff, .def = 1, .max = 1},
    {.name = "gvrp", .type = T::kOnOff, .max = 1},
    {.name = "mvrp", .type = T::kOnOff, .max = 1},
    {.name = "loose_binding", .type = T::kOnOff, .max = 1},
    {.name = "bridge_binding", .type = T::kOnOff, .max = 1},
};
static_assert(std::size(kVlanSpecs) == kVlanCount);

}  // namespace

const OptionTable kVlanOptionTable{kVlanSpecs};

const char* vlan_flag_label(size_t opt) {
  switch (opt) {
    case kVlanReorderHdr: return "REORDER_HDR";
    case kVlanGvrp: return "GVRP";
    case kVlanMvrp: return "MVRP";
    case kVlanLooseBinding: return "LOOSE_BINDING";
    case kVlanBridgeBinding: return "BRIDGE_BINDING";
    default: return "";
  }
}

uint16_t vlan_tpid_of(uint64_t protocol) {
  return protocol == 1 ? wire::kEtherTypeQinQ : wire::kEtherTypeVlan;
}

uint64_t vlan_protocol_of(uint16_t tpid) { return tpid == wire::kEtherTypeQinQ ? 1 : 0; }

}  // namespace uvn
