// The Internet checksum (RFC 1071): the 16-bit ones' complement of the ones' complement sum of
// the data taken as big-endian 16-bit words. InternetChecksum accumulates it over any number of
// pieces (odd-length pieces included, so a header and a payload can be summed separately), and
// the pseudo-header helpers add the IPv4 (RFC 768, RFC 1071) and IPv6 (RFC 8200 8.1) pseudo
// headers that UDP and ICMPv6 cover. checksum_update16() is the incremental update of RFC 1624
// (eqn. 3), for rewriting one 16-bit field of a header in place.
//
// Every parser in wire/ that checks a checksum takes a ChecksumCheck: kVerify for frames from
// outside, kSkip where the frame was built in-process or a device has already verified it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/ip.h"

namespace uvn::wire {

enum class ChecksumCheck { kVerify, kSkip };

class InternetChecksum {
 public:
  // Adds `len` bytes. Pieces need not be of even length: a byte left over from one piece is
  // paired with the first byte of the next, as if the pieces were contiguous.
  void add(const uint8_t* p, size_t len);
  void add16(uint16_t v);
  void add32(uint32_t v) {
    add16(uint16_t(v >> 16));
    add16(uint16_t(v));
  }
  // The folded ones' complement sum (not complemented).
  uint16_t sum() const;
  // The value to put in a checksum field: ~sum(). A message whose checksum field holds the
  // right value sums to 0xffff, so checksum() == 0 means "verified".
  uint16_t checksum() const { return uint16_t(~sum()); }

 private:
  uint64_t acc_ = 0;
  bool odd_ = false;  // an odd number of bytes so far: the next byte is a low-order byte
};

// The checksum of one contiguous buffer.
uint16_t internet_checksum(const uint8_t* p, size_t len);

// Adds the IPv4 pseudo header: source, destination, zero, protocol, upper-layer length.
void add_pseudo_header_v4(InternetChecksum& c, const Ipv4Addr& src, const Ipv4Addr& dst,
                          uint8_t protocol, uint16_t length);
// Adds the IPv6 pseudo header: source, destination, 32-bit upper-layer length, 24 zero bits,
// next header.
void add_pseudo_header_v6(InternetChecksum& c, const Ipv6Addr& src, const Ipv6Addr& dst,
                          uint8_t next_header, uint32_t length);

// RFC 1624: the new checksum after a 16-bit field covered by `checksum` changes from
// `old_value` to `new_value`.
uint16_t checksum_update16(uint16_t checksum, uint16_t old_value, uint16_t new_value);

}  // namespace uvn::wire
