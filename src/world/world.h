// World: everything uvn simulates or carries: the namespaces (the initial one first), the
// engine (frames and time), the random source and the event bus.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/rng.h"
#include "engine/engine.h"
#include "world/events.h"
#include "world/netns.h"

namespace uvn {

// A long-lived user-space program the world runs besides its devices (teamd). It lives
// until it quits or the world ends, whichever is first; the world destroys processes before
// its namespaces, so a process may hold on to devices until then.
class Process {
 public:
  virtual ~Process() = default;
};

// Live mode's adopter of kernel interfaces (`ip link add NAME type host [dev KIF]`, see
// live/adopter.h): it opens kernel interface `kernel_if` of the kernel namespace twinned
// with `ns` and returns the uvn device standing for it, unnamed and not yet attached. The
// simulator has none.
class HostLinks {
 public:
  virtual ~HostLinks() = default;
  virtual Result<std::unique_ptr<Device>> open_host_link(Netns& ns,
                                                         const std::string& kernel_if) = 0;
};

class World {
 public:
  explicit World(uint64_t seed = 1);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  Engine& engine() { return engine_; }
  Rng& rng() { return rng_; }
  EventBus& events() { return events_; }

  Netns& init_ns() { return *init_; }
  Netns* find_netns(std::string_view name);
  // Named namespaces in creation order (as `ip netns list` shows them: newest first).
  const std::vector<std::unique_ptr<Netns>>& named() const { return named_; }
  Netns& add_netns(const std::string& name);
  // Deletes the namespace: its virtual devices are destroyed (and their veth peers).
  void del_netns(Netns& ns);

  // Removes a device for good: announces RTM_DELLINK, detaches relations, frees it. A veth
  // takes its peer with it.
  void destroy_device(Device& dev);
  // Moves a device to another namespace, renaming it if `new_name` is given.
  void move_device(Device& dev, Netns& to, const std::string& new_name);
  MacAddr random_mac() { return uvn::random_mac(rng_.next()); }

  void set_host_links(HostLinks* h) { host_links_ = h; }
  HostLinks* host_links() const { return host_links_; }

  // Processes by name (teamd: "teamd/DEV", as its socket /var/run/teamd/DEV.sock is one per
  // machine). end_process() removes one once what runs now is done, so a process may end
  // itself from inside its own callbacks.
  Process* find_process(const std::string& name) const;
  std::vector<std::string> process_names() const;
  void add_process(const std::string& name, std::unique_ptr<Process> p);
  void end_process(const std::string& name);
  // A process id for a new process (teamd's PID in `teamdctl -v state`): 4242, 4243, ...
  int alloc_pid() { return next_pid_++; }

  // Announces a carrier change of `dev` later, as the kernel's linkwatch work does: once what
  // runs now is done (an engine timer due now), if the device is still there and up.
  void linkwatch(Netns& ns, Device& dev);

 private:
  void destroy_one(Device& dev);
  void linkwatch_run();

  Engine engine_;
  Rng rng_;
  EventBus events_;
  int next_ns_id_ = 0;
  std::unique_ptr<Netns> init_;
  std::vector<std::unique_ptr<Netns>> named_;
  struct Pending {
    Netns* ns;
    Device* dev;
    int ifindex;
  };
  std::vector<Pending> linkwatch_;
  TimerId linkwatch_timer_ = 0;
  std::map<std::string, std::unique_ptr<Process>> processes_;
  std::vector<std::unique_ptr<Process>> graveyard_;
  int next_pid_ = 4242;
  HostLinks* host_links_ = nullptr;
};

}  // namespace uvn
