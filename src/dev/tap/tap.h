// tun/tap (drivers/net/tun.c as `ip tuntap` makes them): a device whose other side is a
// process. In the simulator that process is a TapReader (e.g. a simulated VM's NIC); in live
// mode, the daemon's TAP backend. Frames the device sends go to the reader; frames the
// reader writes are received by the device. Without a reader a persistent device has no
// carrier and drops what it sends.
#pragma once

#include <string>

#include "dev/core/device.h"

namespace uvn {

extern const KindInfo kTapInfo;
extern const KindInfo kTunInfo;
extern const OptionTable kTunOptionTable;

class TapReader {
 public:
  virtual ~TapReader() = default;
  virtual void deliver(Frame&& f) = 0;
  // The device is going away: forget it.
  virtual void tap_gone() = 0;
};

struct TunOptions {
  bool tap = true;  // mode tap (else tun)
  bool pi = false;
  bool vnet_hdr = false;
  bool multi_queue = false;
  bool one_queue = false;
  bool persist = true;
  long user = -1;
  long group = -1;
};

class TapDevice : public Device {
 public:
  TapDevice(NetContext* ctx, const TunOptions& o);
  ~TapDevice() override;

  const TunOptions& options() const { return opts_; }
  const OptionValues* kind_options() const override { return &values_; }
  void attach(TapReader* r);
  void detach();
  TapReader* reader() const { return reader_; }
  // The process writes a frame: the device receives it.
  void inject(Frame&& f) { rx(std::move(f)); }
  void on_unregister() override;

 protected:
  void xmit_frame(Frame&& f) override;

 private:
  TunOptions opts_;
  OptionValues values_;  // opts_ as the tun option table shows them
  TapReader* reader_ = nullptr;
};

}  // namespace uvn
