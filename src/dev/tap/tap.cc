#include "dev/tap/tap.h"

namespace uvn {

const KindInfo kTapInfo{.kind = "tun",
                        .link_type = "ether",
                        .min_mtu = 68,
                        .max_mtu = 65521,
                        .oper_unknown = true,
                        .qdisc_up = "pfifo_fast",
                        .speed_mbps = 10};
const KindInfo kTunInfo{.kind = "tun",
                        .link_type = "none",
                        .min_mtu = 68,
                        .max_mtu = 65535,
                        .default_flags = kIffPointopoint | kIffMulticast | kIffNoarp,
                        .txqlen = 500,
                        .oper_unknown = true,
                        .qdisc_up = "pfifo_fast"};

namespace {
constexpr std::string_view kTunTypes[] = {"tun", "tap"};
constexpr uint64_t kUnset = UINT64_MAX;
// Order and presentation of `ip -d link` "tun type tap pi off vnet_hdr off persist on".
constexpr OptionSpec kTunSpecs[] = {
    {.name = "type", .type = OptType::kEnum, .def = 1, .names = kTunTypes},
    {.name = "pi", .type = OptType::kOnOff},
    {.name = "vnet_hdr", .type = OptType::kOnOff},
    {.name = "multi_queue", .type = OptType::kOnOff, .show = OptShow::kFlagWord},
    {.name = "persist", .type = OptType::kOnOff, .def = 1},
    {.name = "user", .def = kUnset, .show = OptShow::kIfSet},
    {.name = "group", .def = kUnset, .show = OptShow::kIfSet},
};
}  // namespace

const OptionTable kTunOptionTable{kTunSpecs};

TapDevice::TapDevice(NetContext* ctx, const TunOptions& o)
    : Device(o.tap ? kTapInfo : kTunInfo, ctx), opts_(o) {
  set_carrier(false);
  values_.table = &kTunOptionTable;
  values_.v = {o.tap ? 1u : 0u, o.pi, o.vnet_hdr, o.multi_queue, o.persist,
               o.user >= 0 ? uint64_t(o.user) : kUnset, o.group >= 0 ? uint64_t(o.group) : kUnset};
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

void TapDevice::xmit_frame(Frame&& f) {
  if (!reader_) {
    count_drop(DropReason::kNoCarrier, false);
    return;
  }
  f.meta = FrameMeta{};
  reader_->deliver(std::move(f));
}

}  // namespace uvn
