// nic: a simulated physical Ethernet NIC (no rtnetlink kind, as a real NIC has none), whose
// cable is a NicWire: another NIC, a tap's process side (a VM's NIC behind a tap), or, in
// live mode, a real interface. Carrier follows the cable. `ip link add` cannot make one;
// the simulator does (`nic add`, `vm add`).
#pragma once

#include <string>

#include "dev/core/device.h"

namespace uvn {

extern const KindInfo kNicInfo;

// The far side of a NIC's cable.
class NicDevice;

class NicWire {
 public:
  virtual ~NicWire() = default;
  virtual void carry(Frame&& f) = 0;
  // The NIC is going away: forget it.
  virtual void unplugged(NicDevice& nic) = 0;
  // `cable cut` / `cable restore` seen from `nic`: false when this kind of wire has no far
  // NIC to cut from (the caller then only drops the near end's carrier).
  virtual bool set_cut(NicDevice& nic, bool cut) {
    (void)nic, (void)cut;
    return false;
  }
  // Live mode: the kernel interface this wire is (live/adopter.h), "" for simulated wires.
  virtual std::string kernel_ifname() const { return {}; }
};

class NicDevice : public Device {
 public:
  explicit NicDevice(NetContext* ctx) : Device(kNicInfo, ctx) { set_carrier(false); }

  // Plugs the cable in (carrier on) or out (nullptr: carrier off).
  void plug(NicWire* w) {
    wire_ = w;
    set_carrier(w != nullptr);
  }
  NicWire* wire() const { return wire_; }
  void on_unregister() override;

 protected:
  void xmit_frame(Frame&& f) override;

 private:
  NicWire* wire_ = nullptr;
};

// Two NICs joined by a patch cord. Owned by whoever made it; safe to outlive either NIC.
class NicCable {
 public:
  NicCable(NicDevice& a, NicDevice& b);
  ~NicCable();
  NicCable(const NicCable&) = delete;
  NicCable& operator=(const NicCable&) = delete;

 private:
  struct End : NicWire {
    NicCable* cable = nullptr;
    NicDevice* to = nullptr;    // where frames put on this end arrive
    NicDevice* from = nullptr;  // the NIC plugged into this end
    void carry(Frame&& f) override;
    void unplugged(NicDevice& nic) override;
    bool set_cut(NicDevice& nic, bool cut) override;
  };
  End end_a_, end_b_;  // end_a_: the cable as seen by NIC a
  bool cut_ = false;   // cut: nothing passes and both NICs lose carrier
};

}  // namespace uvn
