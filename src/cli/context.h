// Context: one invocation of a command (`ip ...`, `ping ...`): the world and namespace it
// acts on, iproute2's global options, and where its output goes. Commands write to out/err
// and return the exit status the real tool would.
#pragma once

#include <string>
#include <vector>

#include "world/world.h"

namespace uvn::cli {

using Args = std::vector<std::string>;

// Runs a whole command line in a namespace (for `ip netns exec NS CMD...`). The simulator
// implements it, so that `exec` can start tools that live above cli (ping, arping, ...).
class CommandRunner {
 public:
  virtual ~CommandRunner() = default;
  virtual int run_in(Netns& ns, const Args& argv, std::string& out, std::string& err) = 0;
};

struct IpOptions {
  int details = 0;    // -d
  int stats = 0;      // -s (repeatable)
  bool json = false;  // -j
  bool pretty = false;
  bool brief = false;
  bool oneline = false;
  int family = 0;     // 0 any, 4, 6 (or 'l' link)
  bool force = false;
  std::string batch;  // -batch FILE
  bool all_netns = false;
  int timestamp = 0;  // -t (`bridge monitor`)
  bool compress_vlans = false;  // `bridge -compressvlans` (`bridge vlan show`)
};

struct Context {
  World& world;
  Netns* ns;
  std::string& out;
  std::string& err;
  CommandRunner* runner = nullptr;
  IpOptions opt;
  // Where long-running commands (`ip monitor`) keep writing after they return; the
  // simulator prints it as events happen. Null: such commands are refused.
  std::string* background = nullptr;
  // Set where iproute2 would have called exit() rather than returned (bad prefixes and
  // addresses; every exit status 255 is such a case too): a -batch run stops there.
  bool exited = false;
};

}  // namespace uvn::cli
