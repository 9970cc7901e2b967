// `bridge`: iproute2's bridge tool (link, fdb, vlan; monitor), over the same world as `ip`.
// Global options -d -s -j -p -n -o -t -com (-c is -color); objects matched by prefix; kernel
// errors exit 255 as the real tool does, `fdb get` of a missing entry 254.
#pragma once

#include "cli/context.h"

namespace uvn::cli {

int bridge_main(Context& ctx, const Args& args);

}  // namespace uvn::cli
