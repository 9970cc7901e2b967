#include "dev/tap/tap.h"

namespace uvn {

const KindInfo kTapInfo{.kind = "tun",
                        .link_type = "ether",
                        .min_mtu = 68,
                        .max_mtu = 65521,
                        .oper_unknown = true,
                        .qdisc_up = "pfifo_fast"};
const KindInfo kTunInfo{.kind = "tun",
                        .link_type = "none",
                        .min_mtu = 68,
                        .max_mtu = 65535,
                        .default_flags = kIffPointopoint | kIffMulticast | kIffNoarp,
                        .txqlen = 500,
                        .oper_unknown = true,
                        .qdisc_up = "pfifo_fast"};

TapDevice::TapDevice(NetContext* ctx, const TunOptions& o)
    : Device(o.tap ? kTapInfo : kTunInfo, ctx), opts_(o) {
  set_carrier(false);
}

TapDevice::~TapDevice() = default;

void TapDevice::attach(TapReader* r) {
  reader_ = r;
  set_carrier(r != nullptr);
}

void TapDevice::detach() { attach(nullptr); }

void TapDevice::on_unregister() {
  if (reader_) reader_->tap_gone();
  reader_ = nullptr;
}

void TapDevice::xmit(Batch& b) {
  for (auto& f : b) {
    if (!reader_) {
      count_drop(DropReason::kNoCarrier, false);
      continue;
    }
    f.meta = FrameMeta{};
    reader_->deliver(std::move(f));
  }
}

}  // namespace uvn
