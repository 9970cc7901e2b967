// loopback: the namespace's `lo` (drivers/net/loopback.c): what it sends it receives. One per
// namespace, created with it, down at creation, and it cannot move to another namespace.
#pragma once

#include "dev/core/device.h"

namespace uvn {

extern const KindInfo kLoopbackInfo;

class LoopbackDevice : public Device {
 public:
  explicit LoopbackDevice(NetContext* ctx);

 protected:
  void xmit_frame(Frame&& f) override;
};

}  // namespace uvn
