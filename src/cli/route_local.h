// The local routing table (`ip route show table local`), derived from a namespace's
// addresses as the kernel derives it (fib_add_ifaddr, addrconf): for IPv4 a local route per
// address, the loopback prefix, and broadcast routes; for IPv6 a local route per address and
// ff00::/8 per device. uvn's host stack answers local addresses directly and keeps no such
// table, so only the display needs it.
#pragma once

#include <vector>

#include "world/netns.h"
#include "world/stack/types.h"

namespace uvn::cli {

// The entries of one family (4 or 6) in the order `ip route show table local` lists them.
std::vector<Route> local_table(Netns& ns, int family);

}  // namespace uvn::cli
