// The port-option grammar shared by `ip link set DEV type bridge_slave ...` and `bridge link
// set dev DEV ...` (their keywords differ a little), and the option grammar of `type bridge`.
#pragma once

#include "cli/context.h"
#include "ctl/bridge.h"

namespace uvn::cli {

using ArgIt = Args::const_iterator;

enum class PortGrammar { kIpLink, kBridgeLink };
// `bridge link set` words that are not port options: where the request goes (self, master)
// and hwmode (a valid one given).
struct BridgeLinkFlags {
  bool self = false, master = false, hwmode = false;
};
// Parses port options until the end; returns 0 or an exit status (message written).
int parse_port_args(Context& ctx, ArgIt it, ArgIt end, PortGrammar g, ctl::PortSet& out,
                    BridgeLinkFlags* flags = nullptr);
// `bridge link` usage (stderr); returns 255.
int bridge_link_usage(Context& ctx);
// Parses `type bridge` options; returns 0 or an exit status.
int parse_bridge_args(Context& ctx, ArgIt it, ArgIt end, ctl::BridgeOptList& out);

}  // namespace uvn::cli
