// Team options as data: the team driver's options (team_core, activebackup and loadbalance)
// as the team generic-netlink family carries them and teamnl lists them, with typed and
// textual get/set applied to a TeamDevice. One table says each option's name, type (u32,
// string, binary, bool, s32), whether it is per port, its array size, the mode that registers
// it and whether it has a setter; instances, lookups and errors follow the kernel:
//
// - Instances (team_option_list) come in the kernel's option_inst_list order: the core's
//   team-wide options, then the mode's team-wide ones (arrays index by index), then per port,
//   in the order ports joined, the per-port options (core first, then the mode's). teamnl
//   prints them in the reverse order (libteam prepends each option it learns).
// - An instance is named by option name, port (per-port options only) and array index
//   (array options only); anything else names none: ENOENT (team_nl_options_set_doit's
//   "!opt_found", libteam's failed lookup). A value of another type than the option's names
//   none either (the kernel matches the type too): ENOENT.
// - The setters' errnos: mode with ports EBUSY, the same or an unknown mode EINVAL, a string
//   longer than 31 bytes EINVAL (TEAM_STRING_MAX_LEN); activeport not a port ENOENT;
//   lb_tx_method unknown EINVAL; lb_tx_hash_to_port_mapping not a tx-enabled port ENODEV;
//   queue_id (taken as u16, as the kernel does) not below the team's 16 tx queues EINVAL;
//   bpf_hash_func not whole BPF instructions EINVAL; lb_hash_stats and lb_port_stats have no
//   setter: EOPNOTSUPP.
// - Text (libteam's stringify): u32 and s32 in decimal (strtoul / strtol: a value out of range
//   ERANGE, trailing text EINVAL), bool "true" | "false" (else EINVAL), string as is, binary
//   as "\xx" per byte in hex (a length not a multiple of 3 or a group not "\" + hex EINVAL).
//
// Where uvn differs: bpf_hash_func is kept, not run (the team hashes with teamd's C++
// function; team_option_set says so through `note`); lb_hash_stats / lb_port_stats are the
// 8 bytes of a u64 in little-endian order, as on x86.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"
#include "dev/team/team.h"

namespace uvn::ctl {

// TEAM_OPTION_TYPE_*, in the kernel's order.
enum class TeamOptType : uint8_t { kU32, kString, kBinary, kBool, kS32 };
std::string_view team_opt_type_name(TeamOptType t);  // "u32", "string", "binary", "bool", "s32"

struct TeamOptionDef {
  std::string_view name;
  TeamOptType type;
  bool per_port = false;
  uint32_t array_size = 0;          // 0: not an array
  TeamMode mode = TeamMode::kNone;  // kNone: the team core's, present in every mode
  bool settable = true;             // no setter: EOPNOTSUPP
};

// Every option in registration order (core, then activebackup's, then loadbalance's).
std::span<const TeamOptionDef> team_option_defs();
const TeamOptionDef* team_option_def(std::string_view name);
// Whether a team in mode `m` has the option.
bool team_option_present(const TeamOptionDef& d, TeamMode m);

// A value; the alternative's index is its TeamOptType.
using TeamOptValue = std::variant<uint32_t, std::string, std::vector<uint8_t>, bool, int32_t>;
inline TeamOptType team_opt_value_type(const TeamOptValue& v) { return TeamOptType(v.index()); }

// Which instance: the option, its port (per-port options) and array index (arrays).
struct TeamOptionId {
  std::string name;
  int port_ifindex = 0;  // 0: none
  std::optional<uint32_t> array_index;
};

struct TeamOptionInst {
  const TeamOptionDef* def = nullptr;
  int port_ifindex = 0;
  std::optional<uint32_t> array_index;
  TeamOptValue value;
};

// Every instance of the team's options, in the kernel's order (see above).
std::vector<TeamOptionInst> team_option_list(const TeamDevice& t);

Result<TeamOptValue> team_option_get(const TeamDevice& t, const TeamOptionId& id);
// Sets one instance with the kernel's checks and errnos. Where uvn does not do what Linux
// would (bpf_hash_func), `note` (when given) receives a sentence saying so; else it is cleared.
Status team_option_set(TeamDevice& t, const TeamOptionId& id, const TeamOptValue& v,
                       std::string* note = nullptr);

// libteam's text forms: a value as team_option_value_str prints it (plain), and text parsed
// for a type as team_set_option_value_from_string does (EINVAL, ERANGE).
std::string team_opt_value_text(const TeamOptValue& v);
Result<TeamOptValue> team_opt_value_parse(TeamOptType t, std::string_view text);

// get/set by text: ENOENT for no such instance, then the parse and the setter's errors.
Result<std::string> team_option_get_text(const TeamDevice& t, const TeamOptionId& id);
Status team_option_set_text(TeamDevice& t, const TeamOptionId& id, std::string_view text,
                            std::string* note = nullptr);

// lb_tx_method's values.
std::string_view team_lb_tx_method_name(TeamLbTxMethod m);
std::optional<TeamLbTxMethod> team_lb_tx_method_from_name(std::string_view s);

}  // namespace uvn::ctl
