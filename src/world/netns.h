// Netns: one network namespace: its devices (names and ifindexes are per namespace), its
// host stack, and the ids it gives other namespaces (nsids, for `link-netnsid`).
// The initial namespace has an empty name.
#pragma once

#include <map>
#include <set>
#include <memory>
#include <string>
#include <unordered_map>

#include "base/result.h"
#include "dev/core/device.h"

namespace uvn {

class World;
class HostStack;

// Live mode: the kernel's stack stands in for uvn's host stack of a namespace. Frames for the
// stack go to it, and uvn's own stack stays silent (no link-local addresses, DAD or router
// solicitations of its own).
class ExternalStack {
 public:
  virtual ~ExternalStack() = default;
  virtual void deliver(Device& dev, Frame&& f) = 0;
};

class Netns : public NetContext {
 public:
  Netns(World& world, std::string name, int id);
  ~Netns() override;

  World& world() { return world_; }
  const std::string& name() const { return name_; }
  bool is_init() const { return name_.empty(); }
  HostStack& stack() { return *stack_; }
  void set_external_stack(ExternalStack* s) { external_ = s; }
  ExternalStack* external_stack() const { return external_; }

  // NetContext.
  Engine& engine() override;
  void deliver_to_stack(Device& dev, Frame&& f) override;
  void notify(Device& dev, uint32_t changes) override;
  void notify_fdb(Device& bridge, const FdbEntry& e, bool added) override;
  void notify_bridge_port(Device& port, bool added) override;
  void notify_mdb(Device& bridge, const proto::MdbEntry& e, const proto::PortGroup* pg,
                  bool added) override;
  void notify_mdb_router(Device& bridge, Device& port, bool added) override;
  void mc_join(Device& dev, const IpAddr& group, bool join) override;
  MacAddr random_mac() override;
  void notify_peers(Device& dev) override;
  std::optional<Frame> bond_probe(Device& bond, const IpAddr& target,
                                  const MacAddr& src_mac) override;
  bool has_addr_on_or_above(const Device& dev, const IpAddr& a) override;
  std::optional<IpAddr> source_for(const Device& dev, const IpAddr& dst) override;
  std::vector<std::pair<uint16_t, uint16_t>> vlans_above(const Device& dev) override;
  Device* device_by_index(int ifindex) override { return find(ifindex); }
  int netns_id() const override { return id_; }

  Device* find(std::string_view name) const;
  Device* find(int ifindex) const;
  // Devices in ifindex order.
  const std::map<int, std::unique_ptr<Device>>& devices() const { return devices_; }
  Device* loopback() const { return find(1); }

  // Takes the device, giving it `want_ifindex` if that is free (else the next free one).
  Device* attach(std::unique_ptr<Device> dev, int want_ifindex = 0);
  // Gives the device up (for a move or for deletion); the caller announces deletion.
  std::unique_ptr<Device> detach(Device* dev);
  bool ifindex_free(int i) const { return !devices_.count(i); }

  // The nsid this namespace uses for `other` (allocating the lowest free one if asked).
  int nsid_of(const Netns* other, bool alloc);
  void set_nsid(const Netns* other, int id);
  void forget_nsid(const Netns* other);
  const Netns* netns_by_nsid(int nsid) const;
  const std::map<const Netns*, int>& nsids() const { return nsids_; }

 private:
  int alloc_ifindex(int want);

  World& world_;
  std::string name_;
  int id_;
  std::map<int, std::unique_ptr<Device>> devices_;
  std::unordered_map<std::string, Device*> by_name_;
  int last_ifindex_ = 0;
  std::map<const Netns*, int> nsids_;
  std::set<int> used_nsids_;
  std::unique_ptr<HostStack> stack_;
  ExternalStack* external_ = nullptr;
};

}  // namespace uvn
