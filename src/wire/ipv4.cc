#include "wire/ipv4.h"

#include <cstring>

#include "base/be.h"

namespace uvn::wire {

bool Ipv4View::verify_checksum() const {
  return internet_checksum(p_, header_len()) == 0;
}

std::optional<Ipv4Repr> Ipv4Repr::parse(const Ipv4View& v, ChecksumCheck check) {
  if (v.version() != 4) return std::nullopt;
  if (check == ChecksumCheck::kVerify && !v.verify_checksum()) return std::nullopt;
  Ipv4Repr r;
  r.src = v.src();
  r.dst = v.dst();
  r.protocol = v.protocol();
  r.ttl = v.ttl();
  r.tos = v.tos();
  r.ident = v.ident();
  r.dont_frag = v.dont_frag();
  r.more_frags = v.more_frags();
  r.frag_offset = v.frag_offset();
  r.payload_len = uint16_t(v.payload_len());
  r.options_len = uint8_t(v.options_len());
  std::memcpy(r.options.data(), v.options(), r.options_len);
  return r;
}

void Ipv4Repr::emit(uint8_t* out) const {
  size_t opts = options_len <= kIpv4MaxOptionsLen ? options_len & ~size_t(3) : kIpv4MaxOptionsLen;
  size_t hl = kIpv4MinHeaderLen + opts;
  out[0] = uint8_t(0x40 | hl / 4);
  out[1] = tos;
  store_be16(out + 2, uint16_t(hl + payload_len));
  store_be16(out + 4, ident);
  uint16_t ff = uint16_t((frag_offset / 8) & 0x1fff);
  if (dont_frag) ff |= 0x4000;
  if (more_frags) ff |= 0x2000;
  store_be16(out + 6, ff);
  out[8] = ttl;
  out[9] = protocol;
  store_be16(out + 10, 0);
  src.to_bytes(out + 12);
  dst.to_bytes(out + 16);
  std::memcpy(out + kIpv4MinHeaderLen, options.data(), opts);
  store_be16(out + 10, internet_checksum(out, hl));
}

}  // namespace uvn::wire
