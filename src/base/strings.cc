#include "base/strings.h"

#include <cerrno>
#include <cstdlib>

namespace uvn {

std::optional<uint64_t> parse_uint(std::string_view s, uint64_t max, int base) {
  if (s.empty() || s[0] == '-' || s[0] == '+' || s[0] == ' ') return std::nullopt;
  std::string str(s);
  char* end = nullptr;
  errno = 0;
  unsigned long long v = strtoull(str.c_str(), &end, base);
  if (errno || *end != '\0' || v > max) return std::nullopt;
  return v;
}

std::optional<int64_t> parse_int(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string str(s);
  char* end = nullptr;
  errno = 0;
  long long v = strtoll(str.c_str(), &end, 0);
  if (errno || *end != '\0') return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string str(s);
  char* end = nullptr;
  errno = 0;
  double v = strtod(str.c_str(), &end);
  if (errno || *end != '\0') return std::nullopt;
  return v;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string r;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) r += sep;
    r += parts[i];
  }
  return r;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool matches(std::string_view word, std::string_view keyword) {
  return !word.empty() && word.size() <= keyword.size() && keyword.substr(0, word.size()) == word;
}

}  // namespace uvn
