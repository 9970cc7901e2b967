// Daemon: uvnd's core (issue 8, first slice): the world on the real clock, driven by an
// epoll loop over the control socket, the exposed devices' taps and the engine's next timer.
//
// A command from `uvn` is one command line, run as the simulator runs it (sim::Runner's
// dispatch: ip, bridge, teamd, teamdctl, teamnl, bond2team) with these live rules:
// * `ip netns add NAME` makes the kernel namespace too (with the system's iproute2) and
//   exposes its devices; `ip netns del NAME` removes both; `ip netns list|exec|identify|pids`
//   are the system's, except `ip netns exec NS TOOL` for uvn's own tools (teamd, teamdctl,
//   ip, bridge, teamnl), which run in uvn's namespace NS.
// * A teamd listens on /var/run/teamd/DEV.sock for the system's teamdctl (TeamdSockets).
// * Layer 3 belongs to the kernel: `ip addr|route|neigh|rule|...` go to the system's `ip`
//   (with the same options, so `-n NS` works: the kernel namespace exists).
// * Everything at layer 2 (links, bridges, bonds, teams, VLANs, fdb, ...) is uvn's.
// Tools that the simulator fakes (ping, arping, udp-stream, ...) are refused: in live mode
// the real ones run in the kernel namespaces (`ip netns exec NS ping ...`).
//
// Persistence: `dump-config` prints the network as commands (uvn's devices from the world,
// addresses and routes from the kernel, live/kernel_l3.h). With a state file, uvnd writes
// that after every command that changed something (a temporary file, then rename) and runs
// it at start; a line that fails at start is logged and skipped. `keep`: a clean shutdown
// leaves the kernel namespaces and the TAPs (persistent) in place, so a restarted uvnd
// finds the kernel's side, addresses included, as it was.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/time.h"
#include "live/adopter.h"
#include "live/exposer.h"
#include "live/teamd_sockets.h"
#include "sim/runner.h"

namespace uvn::live {

struct DaemonOptions {
  sys::PacketSocket::Options packet;
  std::string state_file;  // "" = no persistence
  bool keep = false;
  Nanos busy_poll = 0;  // spin this long after the last event before sleeping
  int control_gid = -1;  // members of this group may use the control socket too
};

class Daemon : public FdWatch {
 public:
  using Clock = std::function<Nanos()>;
  Daemon(Clock clock, Log& log, DaemonOptions opts = {});
  ~Daemon() override;

  // Runs one command line; returns the exit status.
  int command(const std::vector<std::string>& argv, std::string& out, std::string& err);

  // Serves the control socket at `path` until stop() (or a signal handled by the caller sets
  // *stop_flag). Returns non-zero if the socket cannot be made.
  int serve(const std::string& path, const volatile bool* stop_flag);
  void stop() { stopping_ = true; }

  // Shutdown: uvn's namespaces and their kernel twins removed (kept with `keep`).
  void shutdown();

  // The configuration as commands (`uvn dump-config` in live mode).
  std::string dump();
  // Runs the state file's commands; returns how many failed.
  int restore();

  // FdWatch.
  void watch(int fd, std::function<void()> readable) override;
  void unwatch(int fd) override;

  World& world() { return runner_->world(); }

 private:
  void advance();
  void save();
  std::string world_dump();  // uvn's devices (dump-config in the world)
  std::string kernel_l3();   // the kernel's addresses and routes (live/kernel_l3.h)
  // The system's `ip`, noting that the kernel's side may have changed.
  int run_system(const std::vector<std::string>& argv, std::string& out, std::string& err);
  int ip_command(const std::vector<std::string>& argv, std::string& out, std::string& err);

  Clock clock_;
  Log& log_;
  std::unique_ptr<sim::Runner> runner_;
  std::unique_ptr<Exposer> exposer_;
  std::unique_ptr<Adopter> adopter_;
  std::unique_ptr<TeamdSockets> teamd_sockets_;
  int epfd_ = -1;
  std::map<int, std::function<void()>> fds_;
  std::vector<std::string> kernel_netns_;  // the kernel namespaces uvnd made
  bool stopping_ = false;
  DaemonOptions opts_;
  bool restoring_ = false;
  std::string saved_;  // what the state file holds
  std::string saved_world_, kernel_cache_;  // its two parts, as last computed
  bool kernel_touched_ = false;
};

}  // namespace uvn::live
