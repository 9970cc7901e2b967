#include "wire/checksum.h"

#include "base/be.h"

namespace uvn::wire {

void InternetChecksum::add(const uint8_t* p, size_t len) {
  if (len == 0) return;
  if (odd_) {
    acc_ += p[0];
    ++p;
    --len;
    odd_ = false;
  }
  // Summing 32-bit big-endian words and folding later gives the same ones' complement sum as
  // summing 16-bit words; a 64-bit accumulator cannot overflow for any realistic length.
  while (len >= 4) {
    acc_ += load_be32(p);
    p += 4;
    len -= 4;
  }
  if (len >= 2) {
    acc_ += load_be16(p);
    p += 2;
    len -= 2;
  }
  if (len == 1) {
    acc_ += uint32_t(p[0]) << 8;
    odd_ = true;
  }
}

void InternetChecksum::add16(uint16_t v) {
  if (odd_) {
    // Keep byte alignment: the high byte completes the pending word, the low byte starts one.
    acc_ += v >> 8;
    acc_ += uint32_t(v & 0xff) << 8;
  } else {
    acc_ += v;
  }
}

uint16_t InternetChecksum::sum() const {
  uint64_t s = acc_;
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return uint16_t(s);
}

uint16_t internet_checksum(const uint8_t* p, size_t len) {
  InternetChecksum c;
  c.add(p, len);
  return c.checksum();
}

void add_pseudo_header_v4(InternetChecksum& c, const Ipv4Addr& src, const Ipv4Addr& dst,
                          uint8_t protocol, uint16_t length) {
  c.add32(src.v);
  c.add32(dst.v);
  c.add16(protocol);
  c.add16(length);
}

void add_pseudo_header_v6(InternetChecksum& c, const Ipv6Addr& src, const Ipv6Addr& dst,
                          uint8_t next_header, uint32_t length) {
  c.add(src.b.data(), src.b.size());
  c.add(dst.b.data(), dst.b.size());
  c.add32(length);
  c.add16(0);
  c.add16(next_header);
}

uint16_t checksum_update16(uint16_t checksum, uint16_t old_value, uint16_t new_value) {
  // HC' = ~(~HC + ~m + m')
  uint32_t s = uint32_t(uint16_t(~checksum)) + uint16_t(~old_value) + new_value;
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return uint16_t(~s);
}

}  // namespace uvn::wire
