#include "dev/nic/nic.h"

namespace uvn {

const KindInfo kNicInfo{.kind = "",
                        .link_type = "ether",
                        .min_mtu = 68,
                        .max_mtu = 9216,
                        .qdisc_up = "mq",
                        .speed_mbps = 1000,
                        .rx_multicast = KindInfo::RxMcast::kGroup};

void NicDevice::xmit_frame(Frame&& f) {
  if (!wire_ || !carrier()) {
    count_drop(DropReason::kNoCarrier, false);
    return;
  }
  f.meta = FrameMeta{};
  wire_->carry(std::move(f));
}

void NicDevice::on_unregister() {
  if (wire_) wire_->unplugged(*this);
  wire_ = nullptr;
}

NicCable::NicCable(NicDevice& a, NicDevice& b) {
  end_a_.cable = end_b_.cable = this;
  end_a_.from = end_b_.to = &a;
  end_b_.from = end_a_.to = &b;
  a.plug(&end_a_);
  b.plug(&end_b_);
}

NicCable::~NicCable() {
  for (End* e : {&end_a_, &end_b_})
    if (e->from && e->from->wire() == e) e->from->plug(nullptr);
}

void NicCable::End::carry(Frame&& f) {
  if (!cable->cut_ && to && to->is_up()) to->rx(std::move(f));
}

bool NicCable::End::set_cut(NicDevice&, bool cut) {
  cable->cut_ = cut;
  for (End* e : {&cable->end_a_, &cable->end_b_})
    if (e->from && e->from->wire() == e) e->from->set_carrier(!cut);
  return true;
}

void NicCable::End::unplugged(NicDevice& nic) {
  // One NIC is gone: the other loses its carrier.
  End& other = this == &cable->end_a_ ? cable->end_b_ : cable->end_a_;
  if (other.from && other.from->wire() == &other) other.from->plug(nullptr);
  other.from = nullptr;
  other.to = nullptr;
  from = nullptr;
  to = nullptr;
  (void)nic;
}

}  // namespace uvn
