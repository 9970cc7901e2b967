#include "sim/endpoints.h"

#include <fmt/format.h>

#include "ctl/link.h"
#include "world/netns.h"

namespace uvn::sim {

VmLink::VmLink(TapDevice& tap, NicDevice& nic) : tap_(&tap), nic_(&nic) {
  tap.attach(this);
  nic.plug(this);
}

VmLink::~VmLink() {
  if (tap_ && tap_->reader() == this) tap_->detach();
  if (nic_ && nic_->wire() == this) nic_->plug(nullptr);
}

void VmLink::deliver(Frame&& f) {
  if (nic_ && nic_->is_up()) nic_->rx(std::move(f));
}

void VmLink::carry(Frame&& f) {
  if (tap_) tap_->inject(std::move(f));
}

void VmLink::tap_gone() {
  tap_ = nullptr;
  if (nic_) nic_->plug(nullptr);
}

void VmLink::unplugged(NicDevice&) {
  nic_ = nullptr;
  if (tap_) tap_->detach();
}

int Endpoints::nic_add(World& w, Netns& ns, const std::string& name, const MacAddr* mac,
                       std::string& err) {
  if (!ctl::valid_ifname(name)) {
    err += fmt::format("nic: \"{}\" is not a valid interface name\n", name);
    return 1;
  }
  if (ns.find(name)) {
    err += "RTNETLINK answers: File exists\n";
    return 1;
  }
  auto nic = std::make_unique<NicDevice>(&ns);
  nic->set_name(name);
  nic->set_mac(mac ? *mac : w.random_mac());
  ns.attach(std::move(nic));
  return 0;
}

int Endpoints::cable_connect(NicDevice& a, NicDevice& b) {
  cables_.push_back(std::make_unique<NicCable>(a, b));
  return 0;
}

int Endpoints::vm_add(World& w, const std::string& vm, TapDevice& tap, const MacAddr* mac,
                      std::string& err) {
  if (w.find_netns(vm)) {
    err += fmt::format("vm: a namespace named \"{}\" exists\n", vm);
    return 1;
  }
  if (tap.reader()) {
    err += fmt::format("vm: {} is already attached to a process\n", tap.name());
    return 1;
  }
  Netns& ns = w.add_netns(vm);
  if (nic_add(w, ns, "eth0", mac, err)) return 1;
  vms_.push_back(std::make_unique<VmLink>(tap, *static_cast<NicDevice*>(ns.find("eth0"))));
  return 0;
}

}  // namespace uvn::sim
