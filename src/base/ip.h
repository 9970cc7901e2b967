// IPv4 and IPv6 addresses and prefixes. Text forms are those of inet_pton/inet_ntop, which
// iproute2 uses, so printing matches `ip addr` and `ip route`.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace uvn {

struct Ipv4Addr {
  uint32_t v = 0;  // host byte order

  static std::optional<Ipv4Addr> parse(std::string_view s);
  static Ipv4Addr from_bytes(const uint8_t* p) {
    return Ipv4Addr{uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]};
  }
  void to_bytes(uint8_t* p) const {
    p[0] = uint8_t(v >> 24);
    p[1] = uint8_t(v >> 16);
    p[2] = uint8_t(v >> 8);
    p[3] = uint8_t(v);
  }
  std::string format() const;
  bool is_zero() const { return v == 0; }
  bool is_multicast() const { return (v >> 28) == 0xe; }
  bool is_broadcast() const { return v == 0xffffffffu; }
  bool is_loopback() const { return (v >> 24) == 127; }
  friend bool operator==(const Ipv4Addr&, const Ipv4Addr&) = default;
  friend auto operator<=>(const Ipv4Addr&, const Ipv4Addr&) = default;
};

inline uint32_t ipv4_mask(int len) { return len <= 0 ? 0 : ~uint32_t(0) << (32 - len); }

struct Ipv6Addr {
  std::array<uint8_t, 16> b{};

  static std::optional<Ipv6Addr> parse(std::string_view s);
  static Ipv6Addr from_bytes(const uint8_t* p) {
    Ipv6Addr a;
    for (int i = 0; i < 16; ++i) a.b[i] = p[i];
    return a;
  }
  std::string format() const;
  bool is_zero() const { return *this == Ipv6Addr{}; }
  bool is_multicast() const { return b[0] == 0xff; }
  bool is_link_local() const { return b[0] == 0xfe && (b[1] & 0xc0) == 0x80; }
  bool is_loopback() const {
    Ipv6Addr l;
    l.b[15] = 1;
    return *this == l;
  }
  // The solicited-node multicast group ff02::1:ffXX:XXXX of this address (RFC 4291 2.7.1).
  Ipv6Addr solicited_node() const;
  // fe80::/64 with the modified EUI-64 interface identifier of a 48-bit MAC (RFC 4291 A).
  static Ipv6Addr link_local_eui64(const uint8_t* mac48);
  bool matches(const Ipv6Addr& other, int prefix_len) const;
  friend bool operator==(const Ipv6Addr&, const Ipv6Addr&) = default;
  friend auto operator<=>(const Ipv6Addr&, const Ipv6Addr&) = default;
};

enum class Family { kInet, kInet6 };

struct IpAddr {
  std::variant<Ipv4Addr, Ipv6Addr> a;

  static std::optional<IpAddr> parse(std::string_view s);
  Family family() const { return a.index() == 0 ? Family::kInet : Family::kInet6; }
  bool is_v4() const { return a.index() == 0; }
  const Ipv4Addr& v4() const { return std::get<0>(a); }
  const Ipv6Addr& v6() const { return std::get<1>(a); }
  std::string format() const { return is_v4() ? v4().format() : v6().format(); }
  friend bool operator==(const IpAddr&, const IpAddr&) = default;
};

// An address with a prefix length, as `ip addr add 10.0.0.1/24` takes it.
struct IpPrefix {
  IpAddr addr;
  int len = 0;

  // Parses ADDR[/LEN]; without /LEN the length is the full width.
  static std::optional<IpPrefix> parse(std::string_view s);
  int max_len() const { return addr.is_v4() ? 32 : 128; }
  bool contains(const IpAddr& x) const;
  IpPrefix network() const;  // host bits cleared
  std::string format() const;
  friend bool operator==(const IpPrefix&, const IpPrefix&) = default;
};

}  // namespace uvn
