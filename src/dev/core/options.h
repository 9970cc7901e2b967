// Options as data: a kind describes each of its options once — keyword, JSON key, type,
// default, range or value names, when it is shown — and the parser, validation, `-d` text,
// JSON output and help all come from that table (cli/link_options.cc prints and parses;
// this file holds the data and the value checks, with no wording of iproute2's).
//
// Values are stored as uint64_t in table order (booleans 0/1, enums by index, MACs in the
// low 48 bits); rules that tie options together ("only without slaves", "miimon and
// arp_interval exclude each other") are checked by the kind's ctl code.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace uvn {

enum class OptType : uint8_t {
  kUint,    // decimal number
  kBool01,  // printed 0/1 in text, a number in JSON (bridge's stp_state, ...)
  kOnOff,   // on/off in text, true/false in JSON
  kEnum,    // a name from `names` (numeric index accepted when parsing)
  kMac,     // a MAC address
  kHex,     // printed 0x... (0 as "0") in text, the same string in JSON
  kHexStr,  // always 0x..., 0 too
  kBridgeId,  // priority << 48 | MAC: "8000.2:42:ac:11:0:2" (MAC not zero-padded)
  kTimerCs,   // centiseconds left on a timer: "%4i.%02i" in text, a number like 1.50 in JSON
};

enum class OptShow : uint8_t {
  kAlways,    // `name value`
  kIfSet,     // only when different from the default
  kFlagWord,  // text: the bare name when set, nothing otherwise; JSON: a boolean always
  kNever,     // settable, never printed
};

struct OptionSpec {
  std::string_view name = {};  // keyword and -d text name
  std::string_view json = {};  // JSON key ("" = same as name)
  OptType type = OptType::kUint;
  uint64_t def = 0;
  uint64_t min = 0, max = UINT64_MAX;
  std::span<const std::string_view> names = {};  // kEnum
  OptShow show = OptShow::kAlways;
  bool read_only = false;  // status, reported but never set (bridge_id, timers, ...)

  std::string_view json_key() const { return json.empty() ? name : json; }
};

class OptionTable {
 public:
  constexpr explicit OptionTable(std::span<const OptionSpec> specs) : specs_(specs) {}
  std::span<const OptionSpec> specs() const { return specs_; }
  // Index of the option named `name`, or -1.
  int find(std::string_view name) const;
  std::vector<uint64_t> defaults() const;
  // Parses a value for option `i` (range-checked); nullopt when invalid.
  std::optional<uint64_t> parse(size_t i, std::string_view text) const;
  // The value as -d text shows it ("on", "1", "tap", "0x8001", MAC).
  std::string format(size_t i, uint64_t v) const;

 private:
  std::span<const OptionSpec> specs_;
};

// A kind's current option values, in table order.
struct OptionValues {
  const OptionTable* table = nullptr;
  std::vector<uint64_t> v;

  uint64_t get(size_t i) const { return v[i]; }
  void set(size_t i, uint64_t x) { v[i] = x; }
};

}  // namespace uvn
