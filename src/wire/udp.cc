#include "wire/udp.h"

#include "base/be.h"
#include "wire/ip_proto.h"

namespace uvn::wire {

namespace {

// The checksum field value for `len` bytes at `p` (header with a zero or the received checksum,
// and payload); 0 when the bytes, checksum field included, verify.
uint16_t udp_sum_v4(const uint8_t* p, size_t len, const Ipv4Addr& src, const Ipv4Addr& dst) {
  InternetChecksum c;
  add_pseudo_header_v4(c, src, dst, kIpProtoUdp, uint16_t(len));
  c.add(p, len);
  return c.checksum();
}

uint16_t udp_sum_v6(const uint8_t* p, size_t len, const Ipv6Addr& src, const Ipv6Addr& dst) {
  InternetChecksum c;
  add_pseudo_header_v6(c, src, dst, kIpProtoUdp, uint32_t(len));
  c.add(p, len);
  return c.checksum();
}

}  // namespace

bool UdpView::verify_checksum(const Ipv4Addr& src, const Ipv4Addr& dst) const {
  return checksum() == 0 || udp_sum_v4(p_, length(), src, dst) == 0;
}

bool UdpView::verify_checksum(const Ipv6Addr& src, const Ipv6Addr& dst) const {
  return checksum() != 0 && udp_sum_v6(p_, length(), src, dst) == 0;
}

std::optional<UdpRepr> UdpRepr::parse(const UdpView& v, const Ipv4Addr& src, const Ipv4Addr& dst,
                                      ChecksumCheck check) {
  if (check == ChecksumCheck::kVerify && !v.verify_checksum(src, dst)) return std::nullopt;
  return UdpRepr{v.src_port(), v.dst_port(), uint16_t(v.payload_len())};
}

std::optional<UdpRepr> UdpRepr::parse(const UdpView& v, const Ipv6Addr& src, const Ipv6Addr& dst,
                                      ChecksumCheck check) {
  if (check == ChecksumCheck::kVerify && !v.verify_checksum(src, dst)) return std::nullopt;
  return UdpRepr{v.src_port(), v.dst_port(), uint16_t(v.payload_len())};
}

void UdpRepr::emit(uint8_t* out) const {
  store_be16(out, src_port);
  store_be16(out + 2, dst_port);
  store_be16(out + 4, uint16_t(buffer_len()));
  store_be16(out + 6, 0);
}

void UdpRepr::emit(uint8_t* out, const Ipv4Addr& src, const Ipv4Addr& dst) const {
  emit(out);
  uint16_t c = udp_sum_v4(out, buffer_len(), src, dst);
  store_be16(out + 6, c == 0 ? 0xffff : c);
}

void UdpRepr::emit(uint8_t* out, const Ipv6Addr& src, const Ipv6Addr& dst) const {
  emit(out);
  uint16_t c = udp_sum_v6(out, buffer_len(), src, dst);
  store_be16(out + 6, c == 0 ? 0xffff : c);
}

}  // namespace uvn::wire
