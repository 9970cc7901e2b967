// Simulated tools: programs that run inside a namespace of the simulated world (ping,
// arping, udp streams) and print what the real programs print. A tool runs to completion,
// advancing virtual time as the real one would wait.
#pragma once

#include <string>
#include <vector>

#include "world/world.h"

namespace uvn::sim {

using Args = std::vector<std::string>;

struct ToolEnv {
  World& world;
  Netns& ns;
  std::string& out;
  std::string& err;
};

int ping_main(ToolEnv& env, const Args& args);

}  // namespace uvn::sim
