// Running another program and collecting what it prints (live mode hands the kernel's own
// objects, addresses, routes, namespaces, to the system's iproute2).
#pragma once

#include <string>
#include <vector>

namespace uvn::sys {

// Runs argv[0] (a path) with argv, stdin closed; returns its exit status (127 when it could
// not be started, 128+N when killed by signal N) and what it wrote to stdout and stderr.
int run_program(const std::vector<std::string>& argv, std::string& out, std::string& err);

// The system's `ip` (iproute2), not uvn's link of that name.
std::string system_ip();
// The system's program NAME from /usr/sbin, /sbin, /usr/bin or /bin ("/sbin/NAME" if none).
std::string system_tool(const std::string& name);

}  // namespace uvn::sys
