// Helpers shared by the wire tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/ip.h"
#include "base/mac.h"

namespace uvn::wire::test {

using Bytes = std::vector<uint8_t>;

inline Bytes bytes_of(std::span<const uint8_t> s) {
  return Bytes(s.begin(), s.end());
}
inline Bytes bytes_of(std::span<const uint8_t> s, size_t off, size_t len) {
  return bytes_of(s.subspan(off, len));
}
inline Bytes bytes_of(std::span<const uint8_t> s, size_t off) {
  return bytes_of(s.subspan(off));
}
inline std::span<const uint8_t> bytes_span(const char* s, size_t n) {
  return {reinterpret_cast<const uint8_t*>(s), n};
}

inline MacAddr mac(const char* s) {
  return *MacAddr::parse(s);
}
inline Ipv4Addr ip4(const char* s) {
  return *Ipv4Addr::parse(s);
}
inline Ipv6Addr ip6(const char* s) {
  return *Ipv6Addr::parse(s);
}

inline const MacAddr kMac1 = mac("02:00:00:00:00:01");
inline const MacAddr kMac2 = mac("02:00:00:00:00:02");

}  // namespace uvn::wire::test
