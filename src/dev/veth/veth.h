// veth: a pair of Ethernet devices joined back to back (Linux drivers/net/veth.c behaviour).
// What one end sends, the other receives. The carrier of each end is on only while both ends
// are administratively up. Deleting one end deletes both (world/ does that: it asks
// peer()). The ends may live in different namespaces.
#pragma once

#include "dev/core/device.h"

namespace uvn {

extern const KindInfo kVethInfo;

class VethDevice : public Device {
 public:
  explicit VethDevice(NetContext* ctx) : Device(kVethInfo, ctx) { set_carrier(false); }
  ~VethDevice() override;

  // Joins two fresh ends.
  static void pair(VethDevice& a, VethDevice& b);
  VethDevice* peer() const { return peer_; }
  Device* link() const override { return peer_; }
  void on_unregister() override;
  // Fault injection: an unplugged cable takes the carrier from both ends while their admin
  // state stays as it is.
  void set_cable_cut(bool cut);
  bool cable_cut() const { return cut_ || (peer_ && peer_->cut_); }

 protected:
  void xmit_frame(Frame&& f) override;
  void on_open() override;
  void on_close() override;

 private:
  void update_carrier();
  VethDevice* peer_ = nullptr;
  bool cut_ = false;
};

}  // namespace uvn
