#include "dev/core/options.h"

#include <fmt/format.h>

#include "base/mac.h"
#include "base/strings.h"

namespace uvn {

int OptionTable::find(std::string_view name) const {
  for (size_t i = 0; i < specs_.size(); ++i)
    if (specs_[i].name == name) return int(i);
  return -1;
}

std::vector<uint64_t> OptionTable::defaults() const {
  std::vector<uint64_t> v;
  for (auto& s : specs_) v.push_back(s.def);
  return v;
}

std::optional<uint64_t> OptionTable::parse(size_t i, std::string_view text) const {
  const OptionSpec& s = specs_[i];
  if (s.read_only) return std::nullopt;
  switch (s.type) {
    case OptType::kBridgeId:
    case OptType::kHexStr:
    case OptType::kTimerCs: return std::nullopt;
    case OptType::kOnOff:
      if (text == "on") return 1;
      if (text == "off") return 0;
      return std::nullopt;
    case OptType::kEnum:
      for (size_t k = 0; k < s.names.size(); ++k)
        if (s.names[k] == text) return k;
      if (auto n = parse_uint(text); n && *n < s.names.size()) return *n;
      return std::nullopt;
    case OptType::kMac: {
      auto m = MacAddr::parse(text);
      if (!m) return std::nullopt;
      return m->as_u64();
    }
    case OptType::kUint:
    case OptType::kBool01:
    case OptType::kHex: {
      auto n = parse_uint(text);
      if (!n || *n < s.min || *n > s.max) return std::nullopt;
      return *n;
    }
  }
  return std::nullopt;
}

std::string OptionTable::format(size_t i, uint64_t v) const {
  const OptionSpec& s = specs_[i];
  switch (s.type) {
    case OptType::kOnOff: return v ? "on" : "off";
    case OptType::kEnum: return v < s.names.size() ? std::string(s.names[v]) : std::to_string(v);
    case OptType::kHex: return v ? fmt::format("{:#x}", v) : "0";
    case OptType::kHexStr: return fmt::format("{:#x}", v);
    case OptType::kBridgeId:
      return fmt::format("{:04x}.{}", uint16_t(v >> 48), MacAddr::from_u64(v).format_unpadded());
    case OptType::kTimerCs: return fmt::format("{:4}.{:02}", v / 100, v % 100);
    case OptType::kMac: return MacAddr::from_u64(v).format();
    case OptType::kUint:
    case OptType::kBool01: return std::to_string(v);
  }
  return std::to_string(v);
}

}  // namespace uvn
