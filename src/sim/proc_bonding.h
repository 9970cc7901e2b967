// /proc/net/bonding/BOND (Linux drivers/net/bonding/bond_procfs.c), per namespace: the bond's
// mode and monitor settings, its 802.3ad state, then one block per slave. The byte layout is in
// tests/reference/bond-ground-truth.md sections 3 and 6.9; uvn prints what a root reader sees.
// The driver line names the kernel release uvn models (kProcBondingRelease).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "world/netns.h"

namespace uvn::sim {

inline constexpr std::string_view kProcBondingRelease = "6.1.0-uvn";

// The file of bond `name` in `ns`, or nullopt when there is no such bond.
std::optional<std::string> proc_bonding(const Netns& ns, std::string_view name);

}  // namespace uvn::sim
