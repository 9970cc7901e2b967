// Runner: executes a .uvn script in a simulated world, one command per line.
//
// Script language (docs/simulator.md has the full reference):
//   ip ... / ping ... / any tool      a command, run in the initial namespace
//   ip netns exec NS CMD...           CMD run in NS
//   ! CMD                             CMD must fail (non-zero exit)
//   sleep SECONDS                     advance virtual time (fractions allowed)
//   after SECONDS CMD...              run CMD once SECONDS of virtual time have passed (while
//                                     later commands, e.g. a ping or udp-stream, run)
//   expect REGEX / expect-not REGEX   the last command's output must (not) match
//   cable cut|restore [NS/]DEV        unplug a veth or NIC cable (both ends lose carrier)
//   carrier [NS/]DEV on|off           set a device's carrier
//   capture [NS/]DEV FILE             record frames on DEV to a pcap file (tshark reads it)
//   nic add [NS/]NAME [address MAC]   a simulated physical NIC (see sim/endpoints.h)
//   cable connect [NS/]NIC [NS/]NIC   a patch cord between two NICs
//   vm add VM tap [NS/]TAP            a VM (namespace VM, NIC eth0) behind a tap
//   cat /proc/net/vlan/config|DEV     the namespace's 8021q files (sim/proc_vlan.h)
// A device may always be named NS/DEV; "-n NS" before the command's words works too.
//   echo TEXT                         print TEXT
//   # comment
// A failing command stops the run with FILE:LINE and the error, like `set -e`.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "cli/context.h"
#include "sim/capture.h"
#include "sim/counter.h"
#include "sim/endpoints.h"
#include "sim/tools/udp.h"
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
  int count_command(Netns& here, const cli::Args& argv, std::string& out, std::string& err);
  int run_sim_command(Netns& ns, const cli::Args& argv, std::string& out, std::string& err,
                      bool& handled);

  // Resolves "[NS/]DEV" (or DEV with a "-n NS" given earlier); writes iproute2's message.
  Device* find_dev(Netns& here, const std::string& spec, std::string& err);

  RunOptions opts_;
  std::unique_ptr<World> world_;  // first: destroyed last
  std::unique_ptr<Endpoints> endpoints_;
  std::unique_ptr<UdpSinks> sinks_;
  std::vector<std::unique_ptr<Capture>> captures_;
  std::vector<std::unique_ptr<FrameCounter>> counters_;
  std::string last_output_;
  std::string monitor_out_;     // background output: monitors, `after` commands
  std::string deferred_error_;  // a failed `after` command, reported at the next line
};

}  // namespace uvn::sim
