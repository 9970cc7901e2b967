#include "dev/veth/veth.h"

namespace uvn {

const KindInfo kVethInfo{
    .kind = "veth", .link_type = "ether", .min_mtu = 68, .max_mtu = 65535, .speed_mbps = 10000};

VethDevice::~VethDevice() {
  if (peer_) peer_->peer_ = nullptr;
}

void VethDevice::pair(VethDevice& a, VethDevice& b) {
  a.peer_ = &b;
  b.peer_ = &a;
}

void VethDevice::on_unregister() {
  if (peer_) {
    peer_->peer_ = nullptr;
    peer_->set_carrier(false);
    peer_ = nullptr;
  }
}

void VethDevice::set_cable_cut(bool cut) {
  cut_ = cut;
  if (peer_) peer_->cut_ = cut;
  update_carrier();
}

void VethDevice::update_carrier() {
  bool on = peer_ && is_up() && peer_->is_up() && !cable_cut();
  set_carrier(on);
  if (peer_) peer_->set_carrier(on);
}

void VethDevice::on_open() { update_carrier(); }
void VethDevice::on_close() { update_carrier(); }

void VethDevice::xmit_frame(Frame&& f) {
  if (!peer_ || !peer_->is_up() || cable_cut()) {
    count_drop(DropReason::kNoCarrier, false);
    return;
  }
  // Like is_skb_forwardable(): the frame must fit the receiver's MTU (plus one VLAN tag),
  // unless it is a GSO super-frame (live mode), cut to size where it leaves uvn.
  if (f.size() > peer_->mtu() + 18 && !f.offload.gso_type) {
    count_drop(DropReason::kTooBig, false);
    return;
  }
  f.meta = FrameMeta{};
  peer_->rx(std::move(f));
}

}  // namespace uvn
