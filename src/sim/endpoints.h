// Simulated things at the edge of the network: physical NICs joined by patch cords, and
// virtual machines whose NIC sits behind a tap device (the seed's "VM1 on tap1").
//   nic add [NS/]NAME [address MAC]            a NIC with no cable (NO-CARRIER when up)
//   cable connect [NS/]NIC [NS/]NIC            a patch cord between two NICs
//   vm add VM tap [NS/]TAP [address MAC]        namespace VM with NIC eth0 behind TAP
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dev/nic/nic.h"
#include "dev/tap/tap.h"
#include "world/world.h"

namespace uvn::sim {

// The process side of a tap joined to a VM's NIC. Outlives both; forgets whichever goes.
class VmLink : public TapReader, public NicWire {
 public:
  VmLink(TapDevice& tap, NicDevice& nic);
  ~VmLink() override;
  void deliver(Frame&& f) override;  // tap -> VM
  void tap_gone() override;
  void carry(Frame&& f) override;    // VM -> tap
  void unplugged(NicDevice& nic) override;

 private:
  TapDevice* tap_;
  NicDevice* nic_;
};

class Endpoints {
 public:
  // Each returns 0 or writes an error and returns 1.
  int nic_add(World& w, Netns& ns, const std::string& name, const MacAddr* mac, std::string& err);
  int cable_connect(NicDevice& a, NicDevice& b);
  int vm_add(World& w, const std::string& vm, TapDevice& tap, const MacAddr* mac, std::string& err);

 private:
  std::vector<std::unique_ptr<NicCable>> cables_;
  std::vector<std::unique_ptr<VmLink>> vms_;
};

}  // namespace uvn::sim
