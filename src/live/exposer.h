// Exposer: live mode's bridge between uvn devices and the kernel (issue 8, first slice).
// Every device of a named uvn namespace (loopback aside) appears in the kernel namespace of
// the same name as a TAP with the device's name, MAC and MTU, up while the device is up and
// with carrier while it has carrier. The kernel's stack is that namespace's stack: what the
// uvn device would hand to its host stack is written to the TAP, and what the kernel sends
// through the TAP leaves by the uvn device (Device::transmit), as if uvn's own stack sent it.
// Addresses, routes and neighbours therefore live in the kernel.
//
// Two-way: a change made on the TAP with the system's tools (up/down, MTU, MAC) comes back
// by rtnetlink (sys/link_monitor.h) and is applied to the uvn device through ctl, as if
// `uvn ip link set` had asked; what uvn refuses is put back on the TAP. The initial
// namespace is not exposed (uvn never creates TAPs there).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "live/log.h"
#include "sys/link_monitor.h"
#include "sys/tap.h"
#include "world/world.h"

namespace uvn::live {

// Where the daemon's event loop learns of descriptors to watch.
class FdWatch {
 public:
  virtual ~FdWatch() = default;
  virtual void watch(int fd, std::function<void()> readable) = 0;
  virtual void unwatch(int fd) = 0;
};

class Exposer : public ExternalStack {
 public:
  Exposer(World& w, FdWatch& fds, Log& log);
  ~Exposer() override;

  // A named namespace that now exists in uvn and in the kernel: its devices are exposed.
  void adopt_netns(Netns& ns);
  // The namespace is going: its taps close (the kernel removes them).
  void forget_netns(Netns& ns);

  // ExternalStack.
  void deliver(Device& dev, Frame&& f) override;

  size_t tap_count() const { return taps_.size(); }
  // uvnd --keep: the taps stay in the kernel after uvnd exits (persistent).
  void keep_all();

 private:
  struct Exposed {
    Device* dev;
    int ifindex = 0;
    std::unique_ptr<sys::KernelTap> tap;
    bool up = false, carrier = true;
    MacAddr mac;
    uint32_t mtu = 0;
  };
  void on_event(const Event& e);
  void expose(Netns& ns, Device& dev);
  void unexpose(Device& dev);
  void sync(Exposed& x);
  void readable(Device* dev);
  void kernel_changed(const std::string& netns, int ifindex);
  void reconcile(Exposed& x);

  World& w_;
  FdWatch& fds_;
  Log& log_;
  std::map<Device*, Exposed> taps_;
  std::map<std::string, std::unique_ptr<sys::LinkMonitor>> monitors_;  // per namespace
  int sub_ = 0;
};

}  // namespace uvn::live
