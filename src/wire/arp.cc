#include "wire/arp.h"

#include <cstring>

#include "base/be.h"
#include "wire/ethernet.h"

namespace uvn::wire {

std::optional<ArpView> ArpView::parse(const uint8_t* p, size_t len) {
  if (p == nullptr || len < kArpFixedLen) return std::nullopt;
  ArpView v(p, len);
  if (v.packet_len() > len) return std::nullopt;
  return v;
}

uint16_t ArpView::htype() const {
  return load_be16(p_);
}
uint16_t ArpView::ptype() const {
  return load_be16(p_ + 2);
}
uint16_t ArpView::op() const {
  return load_be16(p_ + 6);
}

std::optional<ArpRepr> ArpRepr::parse(const ArpView& v) {
  if (v.htype() != kArpHtypeEthernet || v.ptype() != kEtherTypeIpv4 || v.hlen() != 6 ||
      v.plen() != 4)
    return std::nullopt;
  uint16_t op = v.op();
  if (op != uint16_t(ArpOp::kRequest) && op != uint16_t(ArpOp::kReply)) return std::nullopt;
  return ArpRepr{ArpOp(op), MacAddr::from_bytes(v.sha()), Ipv4Addr::from_bytes(v.spa()),
                 MacAddr::from_bytes(v.tha()), Ipv4Addr::from_bytes(v.tpa())};
}

void ArpRepr::emit(uint8_t* out) const {
  store_be16(out, kArpHtypeEthernet);
  store_be16(out + 2, kEtherTypeIpv4);
  out[4] = 6;
  out[5] = 4;
  store_be16(out + 6, uint16_t(op));
  std::memcpy(out + 8, sender_mac.b.data(), 6);
  sender_ip.to_bytes(out + 14);
  std::memcpy(out + 18, target_mac.b.data(), 6);
  target_ip.to_bytes(out + 24);
}

}  // namespace uvn::wire
