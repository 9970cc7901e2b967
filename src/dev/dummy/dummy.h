// dummy: a device that drops everything it sends (drivers/net/dummy.c); useful to hold
// addresses and to stand in for NICs in scenarios. NOARP, operstate UNKNOWN when up.
#pragma once

#include "dev/core/device.h"

namespace uvn {

extern const KindInfo kDummyInfo;

class DummyDevice : public Device {
 public:
  explicit DummyDevice(NetContext* ctx) : Device(kDummyInfo, ctx) {}

 protected:
  void xmit_frame(Frame&&) override {}
};

}  // namespace uvn
