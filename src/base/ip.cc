#include "base/ip.h"

#include <arpa/inet.h>

#include <charconv>

namespace uvn {

std::optional<Ipv4Addr> Ipv4Addr::parse(std::string_view s) {
  std::string str(s);
  in_addr a{};
  if (inet_pton(AF_INET, str.c_str(), &a) != 1) return std::nullopt;
  return Ipv4Addr{ntohl(a.s_addr)};
}

std::string Ipv4Addr::format() const {
  in_addr a{htonl(v)};
  char buf[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &a, buf, sizeof buf);
  return buf;
}

std::optional<Ipv6Addr> Ipv6Addr::parse(std::string_view s) {
  std::string str(s);
  Ipv6Addr r;
  if (inet_pton(AF_INET6, str.c_str(), r.b.data()) != 1) return std::nullopt;
  return r;
}

std::string Ipv6Addr::format() const {
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(AF_INET6, b.data(), buf, sizeof buf);
  return buf;
}

Ipv6Addr Ipv6Addr::link_local_eui64(const uint8_t* m) {
  Ipv6Addr a;
  a.b[0] = 0xfe;
  a.b[1] = 0x80;
  a.b[8] = m[0] ^ 0x02;
  a.b[9] = m[1];
  a.b[10] = m[2];
  a.b[11] = 0xff;
  a.b[12] = 0xfe;
  a.b[13] = m[3];
  a.b[14] = m[4];
  a.b[15] = m[5];
  return a;
}

Ipv6Addr Ipv6Addr::solicited_node() const {
  Ipv6Addr r;
  r.b[0] = 0xff;
  r.b[1] = 0x02;
  r.b[11] = 0x01;
  r.b[12] = 0xff;
  r.b[13] = b[13];
  r.b[14] = b[14];
  r.b[15] = b[15];
  return r;
}

bool Ipv6Addr::matches(const Ipv6Addr& o, int len) const {
  for (int i = 0; i < 16 && len > 0; ++i, len -= 8) {
    uint8_t mask = len >= 8 ? 0xff : uint8_t(0xff << (8 - len));
    if ((b[i] & mask) != (o.b[i] & mask)) return false;
  }
  return true;
}

std::optional<IpAddr> IpAddr::parse(std::string_view s) {
  if (auto v4 = Ipv4Addr::parse(s)) return IpAddr{*v4};
  if (auto v6 = Ipv6Addr::parse(s)) return IpAddr{*v6};
  return std::nullopt;
}

std::optional<IpPrefix> IpPrefix::parse(std::string_view s) {
  auto slash = s.find('/');
  auto addr = IpAddr::parse(s.substr(0, slash));
  if (!addr) return std::nullopt;
  IpPrefix p{*addr, addr->is_v4() ? 32 : 128};
  if (slash != std::string_view::npos) {
    auto num = s.substr(slash + 1);
    int len = -1;
    auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), len);
    if (ec != std::errc() || ptr != num.data() + num.size() || num.empty() || len < 0 ||
        len > p.max_len())
      return std::nullopt;
    p.len = len;
  }
  return p;
}

bool IpPrefix::contains(const IpAddr& x) const {
  if (x.is_v4() != addr.is_v4()) return false;
  if (x.is_v4()) return ((x.v4().v ^ addr.v4().v) & ipv4_mask(len)) == 0;
  return x.v6().matches(addr.v6(), len);
}

IpPrefix IpPrefix::network() const {
  if (addr.is_v4()) return IpPrefix{IpAddr{Ipv4Addr{addr.v4().v & ipv4_mask(len)}}, len};
  Ipv6Addr n = addr.v6();
  int l = len;
  for (int i = 0; i < 16; ++i, l -= 8) {
    if (l >= 8) continue;
    n.b[i] &= l <= 0 ? 0 : uint8_t(0xff << (8 - l));
  }
  return IpPrefix{IpAddr{n}, len};
}

std::string IpPrefix::format() const { return addr.format() + "/" + std::to_string(len); }

}  // namespace uvn
