#include "dev/loopback/loopback.h"

namespace uvn {

const KindInfo kLoopbackInfo{.kind = "",
                             .link_type = "loopback",
                             .min_mtu = 0,
                             .max_mtu = 0,
                             .default_mtu = 65536,
                             .default_flags = kIffLoopback,
                             .netns_local = true,
                             .oper_unknown = true};

LoopbackDevice::LoopbackDevice(NetContext* ctx) : Device(kLoopbackInfo, ctx) {
  set_mac(MacAddr::zero());
  set_broadcast(MacAddr::zero());
}

void LoopbackDevice::xmit_frame(Frame&& f) {
  f.meta = FrameMeta{};
  rx(std::move(f));
}

}  // namespace uvn
