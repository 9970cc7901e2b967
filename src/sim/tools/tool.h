// Simulated tools: programs that run inside a namespace of the simulated world (ping,
// arping, udp streams) and print what the real programs print. A tool runs to completion,
// advancing virtual time as the real one would wait.
#pragma once

#include <string>
#include <vector>

#include "world/world.h"

namespace uvn::sim {

using Args = std::vector<std::string>;

class UdpSinks;

struct ToolEnv {
  World& world;
  Netns& ns;
  std::string& out;
  std::string& err;
  UdpSinks* sinks = nullptr;
};

int ping_main(ToolEnv& env, const Args& args);
int arping_main(ToolEnv& env, const Args& args);
int udp_sink_main(ToolEnv& env, const Args& args);
int udp_stream_main(ToolEnv& env, const Args& args);
int mausezahn_main(ToolEnv& env, const Args& args);
// cat /proc/net/vlan/config | /proc/net/vlan/DEV (the only files it knows; sim/proc_vlan.h).
int cat_main(ToolEnv& env, const Args& args);
// sysctl net.ipv6.conf.{all,default}.disable_ipv6 (sysctl.cc).
int sysctl_main(ToolEnv& env, const Args& args);

}  // namespace uvn::sim
