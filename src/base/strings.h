// Small string helpers shared by the command layers: number parsing as iproute2's get_u32
// (decimal, 0x hex, leading 0 octal), splitting, joining.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace uvn {

// strtoul(s, 0)-style unsigned parse: whole string, base from prefix; nullopt on garbage or
// overflow past max.
std::optional<uint64_t> parse_uint(std::string_view s, uint64_t max = UINT64_MAX, int base = 0);
std::optional<int64_t> parse_int(std::string_view s);
std::optional<double> parse_double(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
bool starts_with(std::string_view s, std::string_view prefix);
// iproute2's matches(): `word` is a non-empty prefix of `keyword`.
bool matches(std::string_view word, std::string_view keyword);

}  // namespace uvn
