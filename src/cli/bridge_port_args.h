// The port-option grammar shared by `ip link set DEV type bridge_slave ...` and `bridge link
// set dev DEV ...` (their keywords differ a little), and the option grammar of `type bridge`.
#pragma once

#include "cli/context.h"
#include "ctl/bridge.h"

namespace uvn::cli {

using ArgIt = Args::const_iterator;

enum class PortGrammar { kIpLink, kBridgeLink };
// Parses port options until the end; returns 0 or an exit status (message written).
int parse_port_args(Context& ctx, ArgIt it, ArgIt end, PortGrammar g, ctl::PortSet& out);
// Parses `type bridge` options; returns 0 or an exit status.
int parse_bridge_args(Context& ctx, ArgIt it, ArgIt end, ctl::BridgeOptList& out);

}  // namespace uvn::cli
