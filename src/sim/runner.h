// Runner: executes a .uvn script in a simulated world, one command per line.
//
// Script language (docs/simulator.md has the full reference):
//   ip ... / ping ... / any tool      a command, run in the initial namespace
//   ip netns exec NS CMD...           CMD run in NS
//   ! CMD                             CMD must fail (non-zero exit)
//   sleep SECONDS                     advance virtual time (fractions allowed)
//   expect REGEX / expect-not REGEX   the last command's output must (not) match
//   cable cut|restore DEV [-n NS]     unplug a veth (both ends lose carrier) and plug it back
//   carrier DEV on|off [-n NS]        set a device's carrier
//   capture DEV FILE [-n NS]          record frames on DEV to a pcap file
//   echo TEXT                         print TEXT
//   # comment
// A failing command stops the run with FILE:LINE and the error, like `set -e`.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "cli/context.h"
#include "world/world.h"

namespace uvn::sim {

struct RunOptions {
  bool echo = false;     // print "$ LINE" before each command's output
  uint64_t seed = 1;
};

class Runner : public cli::CommandRunner {
 public:
  explicit Runner(const RunOptions& opts);
  ~Runner() override;

  World& world() { return *world_; }

  // Runs one command line in the initial namespace. Returns the exit status; output goes to
  // out/err.
  int run_line(const std::string& line, std::string& out, std::string& err);
  // cli::CommandRunner: a command line inside `ns` (for `ip netns exec`).
  int run_in(Netns& ns, const cli::Args& argv, std::string& out, std::string& err) override;

  // Runs a whole script; prints to `out`/`err`; returns the process exit status.
  int run_script(const std::string& path, std::ostream& out, std::ostream& err);

 private:
  int run_sim_command(Netns& ns, const cli::Args& argv, std::string& out, std::string& err,
                      bool& handled);

  RunOptions opts_;
  std::unique_ptr<World> world_;
  std::string last_output_;
  struct Capture;
  std::vector<std::unique_ptr<Capture>> captures_;
  struct Cut;
  std::vector<std::unique_ptr<Cut>> cuts_;
  std::string monitor_out_;
  std::vector<int> monitors_;
};

}  // namespace uvn::sim
