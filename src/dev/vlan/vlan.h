// vlan: an 802.1Q or 802.1ad VLAN device stacked on a lower device (Linux net/8021q).
//
// Transmit pushes the device's tag (its TPID, TCI = VID, the PCP from the egress QoS map and
// DEI 0) in front of the frame's EtherType and sends it on the lower device. Receive: the
// first VLAN created on a lower installs a VlanGroup as the lower's first rx handler (ahead
// of a bridge or other master, as Linux demuxes VLANs before any rx_handler). It matches the
// outer tag's (TPID, VID) against the lower's VLANs, sets the frame's priority from that
// VLAN's ingress map, removes the tag and re-injects the frame as received on the VLAN device.
// Untagged frames go on to the lower's own handlers and stack. A tagged frame with an unknown VID
// is counted (DropReason::kVlanUnknown) and dropped on a lower that has no master; on a bridge or
// bond port it goes on unchanged. A priority-tagged frame (VID 0) with no VLAN-0 device loses its
// tag and is demuxed again (an inner tag) or passed on untagged.
//
// Device rules, as Linux: the MAC and MTU come from the lower at creation (the MAC is
// re-copied while it is inherited; an explicit address breaks that), the MTU never exceeds
// the lower's, the carrier follows the lower's, and without loose_binding the admin state
// follows the lower's (a VLAN cannot be opened while the lower is down: ENETDOWN). Deleting
// the lower deletes its VLANs (world/ asks lower()).
//
// QoS maps, as Linux keeps them: the ingress map gives a received frame's priority from its
// tag's PCP (8 entries); the egress map gives the PCP of a sent frame from its priority
// (FrameMeta::priority), kept in 16 buckets by priority & 15 with the newest mapping first in
// its bucket; a priority without an exact mapping sends PCP 0. DEI is sent as 0.
//
// bridge_binding on a bridge lower: the carrier is on while the bridge has carrier and a port
// that is a member of the VID is up and running (Device::vlan_has_active_port), instead of the
// bridge's carrier; on other lowers the flag changes nothing in uvn.
//
// Not modelled yet: reorder_hdr off (taps on the VLAN device see untagged
// frames either way), GVRP/MRP PDUs (gvrp and mvrp are stored and printed only).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "dev/core/device.h"
#include "dev/vlan/vlan_options.h"

namespace uvn {

extern const KindInfo kVlanInfo;

class VlanGroup;

class VlanDevice : public Device, private DeviceWatcher {
 public:
  // `opts` holds kVlanOptionTable values (protocol, id, flags), already validated.
  VlanDevice(NetContext* ctx, Device& lower, OptionValues opts);
  ~VlanDevice() override;

  // The VLAN device on `lower` with this TPID and VID, if any.
  static VlanDevice* find(const Device& lower, uint16_t tpid, uint16_t vid);
  // Whether `lower` can carry VLANs (Ethernet-like and not loopback).
  static bool lower_ok(const Device& lower);

  uint16_t tpid() const { return vlan_tpid_of(opts_.get(kVlanProtocol)); }
  uint16_t vid() const { return uint16_t(opts_.get(kVlanId)); }
  bool flag(VlanOpt o) const { return opts_.get(o) != 0; }
  // Changes a flag option (ip link set DEV type vlan FLAG on|off; vlan_dev_change_flags).
  void set_vlan_flag(VlanOpt o, bool on) {
    opts_.set(o, on ? 1 : 0);
    if (o == kVlanBridgeBinding) update_carrier();
  }

  // QoS maps (vlan_dev_set_ingress_priority / vlan_dev_set_egress_priority). Ingress: PCP
  // `from & 7` gives priority `to`. Egress: priority `from` gives PCP `to & 7`; an existing
  // mapping of that priority is changed in place, a new one goes first in its bucket.
  void set_ingress_map(uint32_t from, uint32_t to) { ingress_[from & 7] = to; }
  void set_egress_map(uint32_t from, uint32_t to);
  uint32_t ingress_priority(uint8_t pcp) const { return ingress_[pcp & 7]; }
  uint8_t egress_pcp(uint32_t priority) const;
  // The mappings as the kernel dumps them: ingress (PCP, priority) in PCP order, egress
  // (priority, PCP) in bucket order; only non-zero targets.
  std::vector<std::pair<uint32_t, uint32_t>> ingress_dump() const;
  std::vector<std::pair<uint32_t, uint32_t>> egress_dump() const;
  // Every egress mapping (priority, PCP) in bucket order, newest first in its bucket, those
  // set back to PCP 0 included (the kernel keeps them; /proc/net/vlan/DEV lists them).
  std::vector<std::pair<uint32_t, uint32_t>> egress_entries() const;

  Device* link() const override { return lower_; }
  Device* lower() const override { return lower_; }
  const OptionValues* kind_options() const override { return &opts_; }
  Status check_open() const override;
  // A user-given address: the VLAN stops following the lower's.
  void set_mac(const MacAddr& m) override;
  void on_unregister() override;

  // Announces a change made by `ip link set DEV type vlan ...` (netdev_state_change).
  void options_changed() { notify(kChangeOther); }

  // Joins the lower's group and starts following it (the device is registered).
  void attach_to_lower();

 protected:
  void xmit_frame(Frame&& f) override;
  void on_open() override;

 private:
  // The carrier from the lower (or, with bridge_binding, from the bridge's VLAN ports).
  void update_carrier();
  void device_changed(Device& dev, uint32_t changes) override;
  void detach_from_lower();

  Device* lower_;
  OptionValues opts_;
  std::shared_ptr<VlanGroup> group_;
  std::array<uint32_t, 8> ingress_{};
  // Each bucket in the order the mappings were made (the newest is the last).
  std::array<std::vector<std::pair<uint32_t, uint8_t>>, 16> egress_;
  bool mac_inherited_ = true;
  bool lower_was_up_ = false;
};

}  // namespace uvn
