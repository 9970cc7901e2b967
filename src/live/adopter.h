// Adopter: kernel interfaces as uvn ports (live mode, issue 8). `ip [-n NS] link add NAME
// type host [dev KIF]` makes uvn device NAME (a NIC to the rest of uvn, dev/nic) whose cable
// is kernel interface KIF (default NAME) of the kernel namespace twinned with NS (the
// daemon's own for the initial namespace): a physical NIC, a veth end, a VM's tap.
//  * Frames: an AF_PACKET socket on KIF (sys/packet_socket.h: a TPACKET_V2 or V3 ring or
//    recvmmsg, qdisc bypass, promiscuous, vnet headers so GSO super-frames pass whole); the
//    kernel's own stack is kept off KIF (sys/stack_guard.h), as a port's rx_handler would.
//  * Carrier: rtnetlink link events of that namespace (sys/link_monitor.h), so a bond or
//    team over the port fails over when the kernel reports the loss, not at its next miimon.
//  * Admin state and MTU: uvn's `ip link set NAME up|down|mtu N` applies to KIF too; KIF's
//    MAC and MTU are the device's at adoption. Deleting NAME gives KIF back (left down).
// uvn never creates or deletes KIF: the user (or their VM manager) does.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dev/nic/nic.h"
#include "live/exposer.h"
#include "live/log.h"
#include "sys/link_monitor.h"
#include "sys/packet_socket.h"
#include "world/world.h"

namespace uvn::live {

class Adopter : public HostLinks {
 public:
  Adopter(World& w, FdWatch& fds, Log& log, sys::PacketSocket::Options opts = {});
  ~Adopter() override;

  Result<std::unique_ptr<Device>> open_host_link(Netns& ns,
                                                 const std::string& kernel_if) override;
  size_t port_count() const { return ports_.size(); }

 private:
  struct Port : NicWire {
    Adopter* owner = nullptr;
    NicDevice* nic = nullptr;
    std::string netns, ifname;
    std::unique_ptr<sys::PacketSocket> sock;
    bool up = false;
    uint32_t mtu = 0;
    void carry(Frame&& f) override;
    void unplugged(NicDevice& nic) override;
    std::string kernel_ifname() const override { return ifname; }
  };
  struct Monitor {
    std::unique_ptr<sys::LinkMonitor> mon;
    int users = 0;
  };
  void readable(Port* p);
  void link_state(const std::string& netns, const sys::LinkState& s);
  void on_event(const Event& e);
  void release(Port* p);
  Monitor* monitor_for(const std::string& netns);

  World& w_;
  FdWatch& fds_;
  Log& log_;
  sys::PacketSocket::Options opts_;
  std::map<Device*, std::unique_ptr<Port>> ports_;
  std::map<std::string, Monitor> monitors_;
  std::vector<std::unique_ptr<Port>> released_;  // unplugged inside their own callback
  int sub_ = 0;
};

}  // namespace uvn::live
