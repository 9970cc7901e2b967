// vlan: an 802.1Q or 802.1ad VLAN device stacked on a lower device (Linux net/8021q).
//
// Transmit pushes the device's tag (its TPID, TCI = VID with PCP 0 and DEI 0) in front of the
// frame's EtherType and sends it on the lower device. Receive: the first VLAN created on a
// lower installs a VlanGroup as the lower's first rx handler (ahead of a bridge or other
// master, as Linux demuxes VLANs before any rx_handler). It matches the outer tag's (TPID,
// VID) against the lower's VLANs, removes the tag and re-injects the frame as received on
// the VLAN device. Untagged frames go on to the lower's own handlers and stack. A tagged frame
// with an unknown VID is counted (DropReason::kVlanUnknown) and dropped on a lower that has no
// master; on a bridge or bond port it goes on unchanged. A priority-tagged frame (VID 0) with
// no VLAN-0 device loses its tag and is demuxed again (an inner tag) or passed on untagged.
//
// Device rules, as Linux: the MAC and MTU come from the lower at creation (the MAC is
// re-copied while it is inherited; an explicit address breaks that), the MTU never exceeds
// the lower's, the carrier follows the lower's, and without loose_binding the admin state
// follows the lower's (a VLAN cannot be opened while the lower is down: ENETDOWN). Deleting
// the lower deletes its VLANs (world/ asks lower()).
//
// Not modelled yet: QoS maps (egress PCP is always 0, ingress priority is not kept),
// bridge_binding, reorder_hdr off (taps on the VLAN device see untagged frames either way),
// GVRP/MRP PDUs (gvrp and mvrp are stored and printed only).
#pragma once

#include <cstdint>
#include <memory>

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

  Device* link() const override { return lower_; }
  Device* lower() const override { return lower_; }
  const OptionValues* kind_options() const override { return &opts_; }
  Status check_open() const override;
  // A user-given address: the VLAN stops following the lower's.
  void set_mac(const MacAddr& m) override;
  void on_unregister() override;

  // Joins the lower's group and starts following it (the device is registered).
  void attach_to_lower();

 protected:
  void xmit_frame(Frame&& f) override;
  void on_open() override;

 private:
  void device_changed(Device& dev, uint32_t changes) override;
  void detach_from_lower();

  Device* lower_;
  OptionValues opts_;
  std::shared_ptr<VlanGroup> group_;
  bool mac_inherited_ = true;
  bool lower_was_up_ = false;
};

}  // namespace uvn
