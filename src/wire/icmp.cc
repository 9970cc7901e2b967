#include "wire/icmp.h"

#include <algorithm>
#include <cstring>

#include "base/be.h"

namespace uvn::wire {

std::optional<IcmpView> IcmpView::parse(const uint8_t* p, size_t len) {
  if (p == nullptr || len < kIcmpHeaderLen) return std::nullopt;
  return IcmpView(p, len);
}

uint16_t IcmpView::checksum() const {
  return load_be16(p_ + 2);
}
uint32_t IcmpView::rest_of_header() const {
  return load_be32(p_ + 4);
}
uint16_t IcmpView::ident() const {
  return load_be16(p_ + 4);
}
uint16_t IcmpView::seq() const {
  return load_be16(p_ + 6);
}
bool IcmpView::verify_checksum() const {
  return internet_checksum(p_, len_) == 0;
}

IcmpRepr IcmpRepr::echo_request(uint16_t ident, uint16_t seq, std::span<const uint8_t> data) {
  return IcmpRepr{kIcmpEchoRequest, 0, uint32_t(ident) << 16 | seq, data};
}

IcmpRepr IcmpRepr::echo_reply(uint16_t ident, uint16_t seq, std::span<const uint8_t> data) {
  return IcmpRepr{kIcmpEchoReply, 0, uint32_t(ident) << 16 | seq, data};
}

IcmpRepr IcmpRepr::dest_unreachable(uint8_t code, std::span<const uint8_t> original,
                                    uint16_t next_hop_mtu) {
  return IcmpRepr{kIcmpDestUnreachable, code, next_hop_mtu, original};
}

IcmpRepr IcmpRepr::time_exceeded(uint8_t code, std::span<const uint8_t> original) {
  return IcmpRepr{kIcmpTimeExceeded, code, 0, original};
}

std::optional<IcmpRepr> IcmpRepr::parse(const IcmpView& v, ChecksumCheck check) {
  if (check == ChecksumCheck::kVerify && !v.verify_checksum()) return std::nullopt;
  return IcmpRepr{v.type(), v.code(), v.rest_of_header(), {v.payload(), v.payload_len()}};
}

void IcmpRepr::emit(uint8_t* out) const {
  if (!payload.empty()) std::memmove(out + kIcmpHeaderLen, payload.data(), payload.size());
  out[0] = type;
  out[1] = code;
  store_be16(out + 2, 0);
  store_be32(out + 4, rest);
  store_be16(out + 2, internet_checksum(out, buffer_len()));
}

bool operator==(const IcmpRepr& a, const IcmpRepr& b) {
  return a.type == b.type && a.code == b.code && a.rest == b.rest &&
         std::equal(a.payload.begin(), a.payload.end(), b.payload.begin(), b.payload.end());
}

}  // namespace uvn::wire
