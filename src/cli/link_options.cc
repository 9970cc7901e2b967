#include "cli/link_options.h"

#include <fmt/format.h>

namespace uvn::cli {

void options_text(const OptionValues& o, std::string& out) {
  auto specs = o.table->specs();
  for (size_t i = 0; i < specs.size(); ++i) {
    const OptionSpec& s = specs[i];
    uint64_t v = o.get(i);
    switch (s.show) {
      case OptShow::kNever: continue;
      case OptShow::kIfSet:
        if (v == s.def) continue;
        break;
      case OptShow::kFlagWord:
        if (v) out += std::string(s.name) + " ";
        continue;
      case OptShow::kAlways: break;
    }
    out += std::string(s.name) + " " + o.table->format(i, v) + " ";
  }
}

void options_json(const OptionValues& o, JsonWriter& jw) {
  auto specs = o.table->specs();
  for (size_t i = 0; i < specs.size(); ++i) {
    const OptionSpec& s = specs[i];
    uint64_t v = o.get(i);
    if (s.show == OptShow::kNever || (s.show == OptShow::kIfSet && v == s.def)) continue;
    jw.key(s.json_key());
    switch (s.type) {
      case OptType::kOnOff: jw.value(v != 0); break;
      case OptType::kEnum:
      case OptType::kMac:
      case OptType::kBridgeId:
      case OptType::kHexStr:
      case OptType::kHex: jw.value(o.table->format(i, v)); break;
      case OptType::kTimerCs: jw.value_raw(fmt::format("{}.{:02}", v / 100, v % 100)); break;
      case OptType::kUint:
      case OptType::kBool01: jw.value(v); break;
    }
  }
}

}  // namespace uvn::cli
