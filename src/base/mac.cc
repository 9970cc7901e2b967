#include "base/mac.h"

#include <fmt/format.h>

namespace uvn {

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<MacAddr> MacAddr::parse(std::string_view s) {
  MacAddr m;
  size_t pos = 0;
  for (int i = 0; i < 6; ++i) {
    int digits = 0, v = 0;
    while (pos < s.size() && digits < 2 && hexval(s[pos]) >= 0) {
      v = v * 16 + hexval(s[pos++]);
      ++digits;
    }
    if (digits == 0) return std::nullopt;
    m.b[i] = uint8_t(v);
    if (i < 5) {
      if (pos >= s.size() || s[pos] != ':') return std::nullopt;
      ++pos;
    }
  }
  if (pos != s.size()) return std::nullopt;
  return m;
}

std::string MacAddr::format() const {
  return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", b[0], b[1], b[2], b[3], b[4],
                     b[5]);
}

std::string MacAddr::format_unpadded() const {
  return fmt::format("{:x}:{:x}:{:x}:{:x}:{:x}:{:x}", b[0], b[1], b[2], b[3], b[4], b[5]);
}

}  // namespace uvn
