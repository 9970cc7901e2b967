// `ip`: global options (-d -s -j -p -br -o -n -4 -6 -force -batch -all), the object
// dispatcher (iproute2 matches object names by prefix, in its own table order) and batch
// mode. Each object lives in its own file: ip_link.cc, ip_addr.cc, ip_route.cc,
// ip_neigh.cc, ip_netns.cc, ip_tuntap.cc, ip_monitor.cc.
#pragma once

#include "cli/context.h"

namespace uvn::cli {

// Runs `ip ARGS...` (args exclude "ip" itself). Returns the exit status.
int ip_main(Context& ctx, const Args& args);

// Splits a batch-file line into words as iproute2's makeargs does (quotes, # comments).
Args split_command_line(std::string_view line);

}  // namespace uvn::cli
