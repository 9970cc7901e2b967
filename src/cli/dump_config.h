// `uvn dump-config`: prints the configuration of the whole world (every namespace) as a batch
// of commands, one per line, in the grammar of uvn's `ip`, `bridge`, `teamd`, `teamdctl` and
// `teamnl` (iproute2's and libteam's), which run in order on an empty world rebuild the same
// network. The lines run as a `.uvn` script (`uvn run FILE`) or one at a time (`-batch`-style,
// through sim::Runner::run_line); lines starting with `#` are comments naming what is not
// rebuilt.
//
// Order: namespaces and the ids they give each other (`ip netns set`); devices, each
// namespace's in the order of their ifindexes (a VLAN after its lower, a veth pair once, an
// end in another namespace named with `netns`), with the address (`address`, left out where
// the kernel derives it: a bond from its first slave, a bridge from its lowest port, a VLAN
// from its lower) and the generic attributes that differ from a new device's (mtu,
// txqueuelen, alias, group, arp, multicast, promisc, allmulticast, addrgenmode, broadcast);
// a team run by teamd as `teamd -d -n -c JSON` (its running configuration, with `hwaddr` set
// to the team's address); masters, inner ones first (a bond's `primary` before its first
// slave, teamd's ports with `teamdctl T port add`), bond slave and bridge port options;
// bridge VLANs and the static and permanent FDB entries users made, in the order the FDB's
// sequence numbers tell (so that an entry made without `vlan` gets the same copies); other
// devices' unicast address lists (`bridge fdb add ... self`); admin state (up from lowers to
// uppers, leaving out what a lower or a master opens, then down for what is down now);
// addresses; routes users added; permanent and noarp neighbours; permanent MDB entries (the
// bridge must be up for them). Kind options come from the option tables
// (dev/core/options.h); only values that differ from the kind's default are printed, and only
// while the kind's own checks (ctl) accept them.
//
// Left out: learned, dynamic and extern_learn FDB entries; snooped and temporary MDB entries;
// the multicast address lists (the host stack's groups cannot be told from a user's) and the
// address lists of bond and team ports (their masters sync them); runtime state: STP port
// and per-VLAN states under STP or MST, bond active slave and link states, LACP, team runner
// state (the active port), counters, neighbour cache entries, cut veth cables, DAD results;
// the kernel's own addresses and routes (link-local addresses made from a MAC, lo's, connected
// and prefix routes); the wiring of simulated NICs and VMs (`cable connect`, `vm add`); a
// bridge's address while it has no port (random, or zero after its last port left); the
// ids namespaces give the initial one; a kernel team's options other than its mode; history
// only the kernel keeps (bridge port numbers, which of a bridge and a port sharing an address
// holds a local FDB entry, a never-opened device's noop qdisc once its lower came up).
#pragma once

#include <string>

#include "cli/context.h"

namespace uvn::cli {

// `dump-config [-h]`: the world's configuration on ctx.out. Returns the exit status.
int dump_config_main(Context& ctx, const Args& args);

// The commands themselves, one per line (each ending in '\n').
std::string dump_config_text(World& world);

}  // namespace uvn::cli
