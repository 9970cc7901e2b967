// `bridge`: iproute2's bridge tool (link, fdb, vlan; monitor), over the same world as `ip`.
// Global options -d -s -j -p -n -o -t -com (-c is -color); objects matched by prefix; kernel
// errors exit 255 as the real tool does, `fdb get` of a missing entry 254.
#pragma once

#include "cli/context.h"

namespace uvn {
class BridgeDevice;
namespace proto {
struct MdbEntry;
struct PortGroup;
}  // namespace proto
}  // namespace uvn

namespace uvn::cli {

int bridge_main(Context& ctx, const Args& args);

// One line of `bridge mdb show` (and of `bridge monitor mdb`) for an entry's port group, or
// for the bridge's own membership when pg is nullptr; -d and -s from `opt`.
std::string mdb_entry_text(const IpOptions& opt, const uvn::BridgeDevice& br,
                           const proto::MdbEntry& e, const proto::PortGroup* pg, Nanos now);

}  // namespace uvn::cli
