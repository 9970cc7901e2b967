// Teamd: libteam's teamd (1.31) as a process of the simulated world, driving one team
// device (dev/team) the way the real daemon drives the kernel's through netlink: it sets the
// team's mode and options, adds and removes ports, runs link watchers on every port and a
// runner that decides which ports are enabled (and, for lacp, the team's carrier).
//
//   teamd.cc         start-up (device name, -o/-r/-n, the configured ports), quit, ports
//   teamd_state.cc   the state document (`teamdctl state dump`), state items, config dumps and
//                    the control methods of the UNIX socket protocol (teamd/usock.h)
//   link_watch.cc    ethtool, arp_ping, nsna_ping and tipc watchers
//   runner_*.cc      broadcast/roundrobin/random, activebackup, loadbalance, lacp
//
// A port's link, as teamd's: the OR of its watchers (all of them with the uvn extension
// link_watch_policy "all"), up when it has none. teamd gives it to the kernel as the port's
// user_linkup (with user_linkup_enabled set), and to the runner. Events from the world
// (a port's carrier, a port released or deleted by someone else, the team going away) come
// through the event bus, later, as netlink messages come to teamd.
//
// Differences from teamd: no D-Bus, ZeroMQ or TIPC transport (a tipc watcher stays down);
// logs go to the simulator's background output instead of syslog; a pid is a number the
// world gives, not a process.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "dev/team/team.h"
#include "teamd/config.h"
#include "teamd/usock.h"
#include "world/netns.h"
#include "world/world.h"

namespace uvn::teamd {

class Teamd;
struct TeamdPort;

// One watcher instance on one port.
class LinkWatch {
 public:
  LinkWatch(Teamd& td, TeamdPort& port, const WatchConfig& cfg, int id)
      : td_(td), port_(port), cfg_(cfg), id_(id) {}
  virtual ~LinkWatch() = default;
  const WatchConfig& config() const { return cfg_; }
  int id() const { return id_; }
  bool up() const { return up_; }
  uint64_t down_count() const { return down_count_; }
  virtual void start() = 0;
  // The port device changed (flags, carrier) or the port's enabled state did.
  virtual void refresh() {}
  // A frame received on the port (what teamd's packet sockets on the port see).
  virtual void receive(const Frame& f) { (void)f; }
  // Kind-specific keys of the state document.
  virtual void dump(Json& j) const { (void)j; }

 protected:
  void set_up(bool up);
  Teamd& td_;
  TeamdPort& port_;
  WatchConfig cfg_;
  int id_;
  bool up_ = false;
  uint64_t down_count_ = 0;
};

std::unique_ptr<LinkWatch> make_link_watch(Teamd& td, TeamdPort& port, const WatchConfig& cfg,
                                           int id);

// Per-port data a runner keeps.
struct RunnerPort {
  virtual ~RunnerPort() = default;
};

struct TeamdPort {
  std::string name;
  Device* dev = nullptr;
  int ifindex = 0;
  PortConfig cfg;
  std::vector<std::unique_ptr<LinkWatch>> watches;
  bool link_up = false;  // the watchers' verdict
  std::unique_ptr<RunnerPort> runner;
  std::unique_ptr<FrameTap> tap;
};

class Runner {
 public:
  explicit Runner(Teamd& td) : td_(td) {}
  virtual ~Runner() = default;
  virtual TeamMode mode() const = 0;
  virtual void start() {}
  virtual void stop() {}
  virtual void port_added(TeamdPort& p) = 0;
  virtual void port_removing(TeamdPort& p) { (void)p; }
  virtual void port_link_changed(TeamdPort& p) = 0;
  virtual void port_receive(TeamdPort& p, const Frame& f) { (void)p, (void)f; }
  // `teamdctl port config update` changed the port's configuration.
  virtual void port_config_changed(TeamdPort& p) { port_link_changed(p); }
  // The team's MAC changed (hwaddr policies).
  virtual void team_mac_changed() {}
  // The top-level "runner" object of the state (nullopt: none) and a port's "runner".
  virtual std::optional<Json> dump() const { return std::nullopt; }
  virtual std::optional<Json> port_dump(const TeamdPort& p) const {
    (void)p;
    return std::nullopt;
  }
  // Settable state items of this runner: nullopt when `path` is not one of them, else the
  // outcome (an error's message is teamd's error code name).
  virtual std::optional<Status> item_set(const std::string& path, const std::string& value) {
    (void)path, (void)value;
    return std::nullopt;
  }

 protected:
  Teamd& td_;
};

std::unique_ptr<Runner> make_runner(Teamd& td, const std::string& name);
// The kernel team mode a runner uses ("lacp" runs the kernel's loadbalance).
TeamMode runner_kernel_mode(const std::string& name);

struct TeamdOptions {
  std::string device;  // -t
  std::string pid_file;
  bool daemonize = false, take_over = false, recreate = false, no_quit_destroy = false;
  bool no_ports = false, usock = true, dbus = false, log_output = false;
  int debug = 0;
};

class Teamd : public Process {
 public:
  // Starts a daemon for `cfg` in `ns`: the team device is made (or taken over), the runner
  // starts, the configured ports join (unless no_ports). The error's message holds teamd's
  // lines. On success the daemon is registered in the world as "teamd/DEV".
  static Result<Teamd*> start(World& w, Netns& ns, Config cfg, const TeamdOptions& opts,
                              std::string* log);
  ~Teamd() override;
  // Quits as teamd does on SIGTERM: ports removed, the device deleted (unless -N).
  void quit();

  World& world() { return world_; }
  Netns& ns() { return ns_; }
  TeamDevice& team() { return *team_; }
  const TeamDevice& team() const { return *team_; }
  Engine& engine() { return world_.engine(); }
  Nanos now() const { return world_.engine().now(); }
  const Config& config() const { return cfg_; }
  const TeamdOptions& options() const { return opts_; }
  const std::string& devname() const { return devname_; }
  int pid() const { return pid_; }
  Runner& runner() { return *runner_; }

  // Ports (PortAdd / PortRemove): an error's message is the protocol's error code.
  Status port_add(const std::string& ifname);
  Status port_remove(const std::string& ifname);
  const std::vector<std::unique_ptr<TeamdPort>>& ports() const { return ports_; }
  TeamdPort* port(std::string_view name) const;
  TeamdPort* port_of(const Device& d) const;

  // For watchers and runners.
  void watch_changed(TeamdPort& p);
  void set_port_enabled(TeamdPort& p, bool on);
  bool port_enabled(const TeamdPort& p) const;
  // Some port of the team is enabled (ping watchers send on all ports when none is).
  bool any_port_enabled() const;
  void log(int level, const std::string& line);

  // The control methods (the UNIX socket protocol).
  Reply handle(const Request& r);
  Json state_dump() const;
  Json config_dump(bool actual) const;
  Result<std::string> item_get(const std::string& path) const;
  Status item_set(const std::string& path, const std::string& value);
  Status port_config_update(const std::string& ifname, const std::string& json_text);

 private:
  Teamd(World& w, Netns& ns, Config cfg, const TeamdOptions& opts, std::string* log);
  Status init(std::string& err);
  void on_event(const Event& e);
  void sync_ports();
  void adopt_port(Device& dev);
  void drop_port(TeamdPort& p);
  // The port's configured prio and queue_id, as the team driver's options.
  void apply_port_options(TeamdPort& p);
  void refresh_port_watches(TeamdPort& p);
  PortConfig port_config(const std::string& name);

  World& world_;
  Netns& ns_;
  Config cfg_;
  TeamdOptions opts_;
  std::string* log_;
  std::string devname_;
  TeamDevice* team_ = nullptr;
  std::unique_ptr<Runner> runner_;
  std::vector<std::unique_ptr<TeamdPort>> ports_;
  int pid_ = 0;
  int events_sub_ = 0;
  TimerId sync_timer_ = 0;
  bool quit_ = false;
};

// The daemon controlling device DEV, if one runs.
Teamd* find_teamd(World& w, std::string_view dev);

}  // namespace uvn::teamd
