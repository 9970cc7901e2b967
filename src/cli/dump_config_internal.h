// The pieces of `dump-config` (cli/dump_config.h), shared by its files: dump_config.cc
// (the command, namespaces, addresses, admin state, routes, neighbours), dump_config_links.cc
// (devices and their kinds' options, masters, bond slave and bridge port options) and
// dump_config_bridge.cc (bridge VLANs, FDB and MDB entries).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dev/core/device.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn::cli::dump {

// The dump being written: the lines so far and what each phase has done.
struct Dump {
  World& world;
  std::string out;
  std::set<const Device*> created;  // devices whose creation line is written
  std::set<const Device*> visited;  // per-phase walks (cleared between phases)

  void line(const std::string& s) { out += s + "\n"; }
};

// The namespace a device lives in.
Netns& ns_of(const Device& d);
// Command prefixes for a namespace: "ip " / "ip -n NS ", "bridge " / "bridge -n NS ", and for
// tools without -n (teamd, teamdctl) "" / "ip netns exec NS ".
std::string ip(const Netns& ns);
std::string bridge(const Netns& ns);
std::string exec(const Netns& ns);
// A word for the command line: quoted (single quotes, as split_command_line and sh read
// them) when it holds blanks, quotes or '#'.
std::string quote(std::string_view s);
// `ip [-n NS] link set DEV` and `ip [-n NS] link add NAME`, with `dev`/`name` before a name
// that `ip link` would read as one of its keywords (`br` is `broadcast`, `d` is `down`).
std::string link_set(const Device& dev);
std::string link_add(const Netns& ns, const std::string& name);
// Every namespace (the initial one first, then the named ones in creation order).
std::vector<Netns*> namespaces(World& w);
// Every device, namespace by namespace, in ifindex order.
std::vector<Device*> devices(World& w);

// The address a device had before a bond or team took it as a port (its own one otherwise).
MacAddr own_mac(const Device& d);
// The MTU it had before that.
uint32_t own_mtu(const Device& d);
// Whether the kernel derives the device's address (a bond from its first slave, a bridge
// from its lowest port, a VLAN from its lower; a bridge without ports has a random one), so
// `address` is left out.
bool mac_derived(const Device& d);

// dump_config_links.cc
void dump_devices(Dump& d);      // creation lines with attributes, in dependency order
void dump_masters(Dump& d);      // enslaving (inner masters first), bond slave options
void dump_port_options(Dump& d); // bridge port options (after every port joined)

// dump_config_bridge.cc
void dump_bridge_vlans(Dump& d);  // VLANs and the bridges' FDB entries, in their order
void dump_fdb(Dump& d);           // the devices' own unicast address lists (`self`)
void dump_mdb(Dump& d);

}  // namespace uvn::cli::dump
