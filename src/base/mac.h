// MacAddr: a 48-bit Ethernet address. Parsing accepts iproute2's forms (hex pairs separated
// by ':'; one-digit groups are allowed, as ether_aton does). Formatting is zero-padded
// lower case, as `ip link` prints; format_unpadded() is glibc ether_ntoa's form, which the
// bridge ID uses.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace uvn {

struct MacAddr {
  std::array<uint8_t, 6> b{};

  static constexpr MacAddr broadcast() { return MacAddr{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}; }
  static constexpr MacAddr zero() { return MacAddr{}; }
  static MacAddr from_bytes(const uint8_t* p) {
    MacAddr m;
    for (int i = 0; i < 6; ++i) m.b[i] = p[i];
    return m;
  }
  static std::optional<MacAddr> parse(std::string_view s);

  bool is_multicast() const { return b[0] & 1; }
  bool is_broadcast() const { return *this == broadcast(); }
  bool is_zero() const { return *this == zero(); }
  bool is_local() const { return b[0] & 2; }
  bool is_unicast_valid() const { return !is_multicast() && !is_zero(); }
  std::string format() const;
  std::string format_unpadded() const;
  // The address in the low 48 bits of `v` (the inverse of as_u64).
  static constexpr MacAddr from_u64(uint64_t v) {
    MacAddr m;
    for (int k = 0; k < 6; ++k) m.b[k] = uint8_t(v >> (8 * (5 - k)));
    return m;
  }
  uint64_t as_u64() const {
    uint64_t v = 0;
    for (auto x : b) v = v << 8 | x;
    return v;
  }
  friend bool operator==(const MacAddr&, const MacAddr&) = default;
  friend auto operator<=>(const MacAddr&, const MacAddr&) = default;
};

}  // namespace uvn
