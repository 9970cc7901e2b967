#include "ctl/team.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>

namespace uvn::ctl {

namespace {

using T = TeamOptType;
constexpr TeamMode kAb = TeamMode::kActiveBackup;
constexpr TeamMode kLb = TeamMode::kLoadBalance;

// team_options[] (rx_enabled and tx_enabled right after enabled), ab_options[], lb_options[].
constexpr TeamOptionDef kDefs[] = {
    {"mode", T::kString},
    {"notify_peers_count", T::kU32},
    {"notify_peers_interval", T::kU32},
    {"mcast_rejoin_count", T::kU32},
    {"mcast_rejoin_interval", T::kU32},
    {"enabled", T::kBool, true},
    {"rx_enabled", T::kBool, true},
    {"tx_enabled", T::kBool, true},
    {"user_linkup", T::kBool, true},
    {"user_linkup_enabled", T::kBool, true},
    {"priority", T::kS32, true},
    {"queue_id", T::kU32, true},
    {"activeport", T::kU32, false, 0, kAb},
    {"bpf_hash_func", T::kBinary, false, 0, kLb},
    {"lb_tx_method", T::kString, false, 0, kLb},
    {"lb_tx_hash_to_port_mapping", T::kU32, false, kTeamLbBuckets, kLb},
    {"lb_hash_stats", T::kBinary, false, kTeamLbBuckets, kLb, false},
    {"lb_port_stats", T::kBinary, true, 0, kLb, false},
    {"lb_stats_refresh_interval", T::kU32, false, 0, kLb},
};

constexpr size_t kStringMax = 32;  // TEAM_STRING_MAX_LEN, the NUL included

std::vector<uint8_t> le64(uint64_t v) {
  std::vector<uint8_t> b(8);
  for (int i = 0; i < 8; ++i) b[i] = uint8_t(v >> (8 * i));
  return b;
}

// The getter of one instance (`p`: its port, `idx`: its array index).
TeamOptValue get_value(const TeamDevice& t, const TeamOptionDef& d, const TeamPort* p,
                       uint32_t idx) {
  std::string_view n = d.name;
  if (n == "mode") return std::string(team_mode_name(t.mode()));
  if (n == "notify_peers_count") return t.notify_peers_count;
  if (n == "notify_peers_interval") return t.notify_peers_interval;
  if (n == "mcast_rejoin_count") return t.mcast_rejoin_count;
  if (n == "mcast_rejoin_interval") return t.mcast_rejoin_interval;
  if (n == "enabled") return p->enabled();
  if (n == "rx_enabled") return p->rx_enabled();
  if (n == "tx_enabled") return p->tx_enabled();
  if (n == "user_linkup") return p->user_linkup;
  if (n == "user_linkup_enabled") return p->user_linkup_enabled;
  if (n == "priority") return p->priority;
  if (n == "queue_id") return p->queue_id;
  if (n == "activeport") return uint32_t(t.active_port() ? t.active_port()->dev().ifindex() : 0);
  if (n == "bpf_hash_func") return t.lb_bpf_func();
  if (n == "lb_tx_method") return std::string(team_lb_tx_method_name(t.lb_tx_method()));
  if (n == "lb_tx_hash_to_port_mapping") return uint32_t(t.lb_mapping(uint8_t(idx)));
  if (n == "lb_hash_stats") return le64(t.lb_hash_stats(uint8_t(idx)));
  if (n == "lb_port_stats") return le64(p->lb_stats);
  return t.lb_stats_refresh_interval();  // lb_stats_refresh_interval
}

// The instance `id` names, as the kernel's and libteam's lookups find it.
struct Found {
  const TeamOptionDef* def = nullptr;
  TeamPort* port = nullptr;
  uint32_t idx = 0;
};

Result<Found> find(const TeamDevice& t, const TeamOptionId& id) {
  const TeamOptionDef* d = team_option_def(id.name);
  if (!d || !team_option_present(*d, t.mode())) return Error::errno_only(ENOENT);
  Found f{d};
  if (d->per_port) {
    f.port = id.port_ifindex ? t.port_by_ifindex(id.port_ifindex) : nullptr;
    if (!f.port) return Error::errno_only(ENOENT);
  } else if (id.port_ifindex) {
    return Error::errno_only(ENOENT);
  }
  if (d->array_size) {
    if (!id.array_index || *id.array_index >= d->array_size) return Error::errno_only(ENOENT);
    f.idx = *id.array_index;
  } else if (id.array_index) {
    return Error::errno_only(ENOENT);
  }
  return f;
}

Status set_mode(TeamDevice& t, const std::string& kind) {
  // team_change_mode: ports first, then the same mode, then an unknown one.
  if (!t.ports().empty()) return Error::errno_only(EBUSY);
  auto m = team_mode_from_name(kind);
  if (!m) return Error::errno_only(EINVAL);
  return t.set_mode(*m);
}

Status set_value(TeamDevice& t, const Found& f, const TeamOptValue& v, std::string* note) {
  std::string_view n = f.def->name;
  TeamPort* p = f.port;
  auto u32 = [&] { return std::get<uint32_t>(v); };
  auto b = [&] { return std::get<bool>(v); };
  if (n == "mode") return set_mode(t, std::get<std::string>(v));
  if (n == "notify_peers_count") {
    t.notify_peers_count = u32();
  } else if (n == "notify_peers_interval") {
    t.notify_peers_interval = u32();
  } else if (n == "mcast_rejoin_count") {
    t.mcast_rejoin_count = u32();
  } else if (n == "mcast_rejoin_interval") {
    t.mcast_rejoin_interval = u32();
  } else if (n == "enabled") {
    t.set_port_enabled(*p, b());
  } else if (n == "rx_enabled") {
    t.set_port_rx_enabled(*p, b());
  } else if (n == "tx_enabled") {
    t.set_port_tx_enabled(*p, b());
  } else if (n == "user_linkup") {
    t.set_user_linkup(*p, b());
  } else if (n == "user_linkup_enabled") {
    t.set_user_linkup_enabled(*p, b());
  } else if (n == "priority") {
    p->priority = std::get<int32_t>(v);
  } else if (n == "queue_id") {
    uint16_t q = uint16_t(u32());  // team_queue_id_option_set takes it as u16
    if (q == p->queue_id) return {};
    return t.set_queue_id(*p, q);
  } else if (n == "activeport") {
    return t.set_active_port(int(u32()));
  } else if (n == "bpf_hash_func") {
    const auto& prog = std::get<std::vector<uint8_t>>(v);
    bool empty = prog.empty();
    if (auto st = t.set_lb_bpf_func(prog); !st) return st;
    if (note && !empty)
      *note =
          "uvn does not run bpf_hash_func: the program is kept, and the team hashes with the "
          "C++ function teamd's tx_hash builds";
  } else if (n == "lb_tx_method") {
    auto m = team_lb_tx_method_from_name(std::get<std::string>(v));
    if (!m) return Error::errno_only(EINVAL);
    t.set_lb_tx_method(*m);
  } else if (n == "lb_tx_hash_to_port_mapping") {
    return t.set_lb_mapping(uint8_t(f.idx), int(u32()));
  } else if (n == "lb_stats_refresh_interval") {
    t.set_lb_stats_refresh_interval(u32());
  }
  return {};
}

// strtoul / strtol as libteam calls them: base `base`, the whole text taken.
Result<uint64_t> parse_unsigned(const std::string& s, int base) {
  errno = 0;
  char* end = nullptr;
  unsigned long v = std::strtoul(s.c_str(), &end, base);
  // ULONG_MAX: libteam returns -errno (ERANGE on overflow; "-1" leaves errno as it was,
  // taken here as ERANGE too).
  if (v == ULONG_MAX) return Error::errno_only(ERANGE);
  if (*end) return Error::errno_only(EINVAL);
  return uint64_t(v);
}

}  // namespace

std::string_view team_opt_type_name(TeamOptType t) {
  constexpr std::string_view kNames[] = {"u32", "string", "binary", "bool", "s32"};
  return kNames[size_t(t)];
}

std::span<const TeamOptionDef> team_option_defs() { return kDefs; }

const TeamOptionDef* team_option_def(std::string_view name) {
  for (const auto& d : kDefs)
    if (d.name == name) return &d;
  return nullptr;
}

bool team_option_present(const TeamOptionDef& d, TeamMode m) {
  return d.mode == TeamMode::kNone || d.mode == m;
}

std::string_view team_lb_tx_method_name(TeamLbTxMethod m) {
  return m == TeamLbTxMethod::kHash ? "hash" : "hash_to_port_mapping";
}

std::optional<TeamLbTxMethod> team_lb_tx_method_from_name(std::string_view s) {
  if (s == "hash") return TeamLbTxMethod::kHash;
  if (s == "hash_to_port_mapping") return TeamLbTxMethod::kHashToPortMapping;
  return std::nullopt;
}

std::vector<TeamOptionInst> team_option_list(const TeamDevice& t) {
  std::vector<TeamOptionInst> out;
  auto add = [&](const TeamOptionDef& d, const TeamPort* p) {
    uint32_t n = d.array_size ? d.array_size : 1;
    for (uint32_t i = 0; i < n; ++i) {
      TeamOptionInst in{&d, p ? p->dev().ifindex() : 0, std::nullopt, get_value(t, d, p, i)};
      if (d.array_size) in.array_index = i;
      out.push_back(std::move(in));
    }
  };
  for (const auto& d : kDefs)
    if (!d.per_port && team_option_present(d, t.mode())) add(d, nullptr);
  for (const auto& p : t.ports())
    for (const auto& d : kDefs)
      if (d.per_port && team_option_present(d, t.mode())) add(d, p.get());
  return out;
}

Result<TeamOptValue> team_option_get(const TeamDevice& t, const TeamOptionId& id) {
  auto f = find(t, id);
  if (!f) return f.error();
  return get_value(t, *f->def, f->port, f->idx);
}

Status team_option_set(TeamDevice& t, const TeamOptionId& id, const TeamOptValue& v,
                       std::string* note) {
  if (note) note->clear();
  auto f = find(t, id);
  if (!f) return f.error();
  // The kernel's lookup matches the type as well.
  if (team_opt_value_type(v) != f->def->type) return Error::errno_only(ENOENT);
  if (f->def->type == T::kString && std::get<std::string>(v).size() + 1 > kStringMax)
    return Error::errno_only(EINVAL);
  if (!f->def->settable) return Error::errno_only(EOPNOTSUPP);
  return set_value(t, *f, v, note);
}

std::string team_opt_value_text(const TeamOptValue& v) {
  switch (team_opt_value_type(v)) {
    case T::kU32: return std::to_string(std::get<uint32_t>(v));
    case T::kString: return std::get<std::string>(v);
    case T::kBinary: {
      std::string s;
      char buf[8];
      for (uint8_t c : std::get<std::vector<uint8_t>>(v)) {
        std::snprintf(buf, sizeof buf, "\\%02x", c);
        s += buf;
      }
      return s;
    }
    case T::kBool: return std::get<bool>(v) ? "true" : "false";
    case T::kS32: return std::to_string(std::get<int32_t>(v));
  }
  return {};
}

Result<TeamOptValue> team_opt_value_parse(TeamOptType t, std::string_view text) {
  std::string s(text);
  switch (t) {
    case T::kU32: {
      auto v = parse_unsigned(s, 10);
      if (!v) return v.error();
      if (*v > UINT32_MAX) return Error::errno_only(ERANGE);
      return TeamOptValue(uint32_t(*v));
    }
    case T::kString: return TeamOptValue(s);
    case T::kBinary: {
      // "\xx" per byte.
      if (s.size() % 3) return Error::errno_only(EINVAL);
      std::vector<uint8_t> out;
      for (size_t i = 0; i < s.size(); i += 3) {
        if (s[i] != '\\') return Error::errno_only(EINVAL);
        auto v = parse_unsigned(s.substr(i + 1, 2), 16);
        if (!v) return v.error();
        if (*v > 0xff) return Error::errno_only(ERANGE);
        out.push_back(uint8_t(*v));
      }
      return TeamOptValue(std::move(out));
    }
    case T::kBool:
      if (s == "true") return TeamOptValue(true);
      if (s == "false") return TeamOptValue(false);
      return Error::errno_only(EINVAL);
    case T::kS32: {
      errno = 0;
      char* end = nullptr;
      long v = std::strtol(s.c_str(), &end, 10);
      if (v == LONG_MIN || v == LONG_MAX) return Error::errno_only(ERANGE);
      if (*end) return Error::errno_only(EINVAL);
      if (v < INT32_MIN || v > INT32_MAX) return Error::errno_only(ERANGE);
      return TeamOptValue(int32_t(v));
    }
  }
  return Error::errno_only(EINVAL);
}

Result<std::string> team_option_get_text(const TeamDevice& t, const TeamOptionId& id) {
  auto v = team_option_get(t, id);
  if (!v) return v.error();
  return team_opt_value_text(*v);
}

Status team_option_set_text(TeamDevice& t, const TeamOptionId& id, std::string_view text,
                            std::string* note) {
  if (note) note->clear();
  auto f = find(t, id);
  if (!f) return f.error();
  auto v = team_opt_value_parse(f->def->type, text);
  if (!v) return v.error();
  return team_option_set(t, id, *v, note);
}

}  // namespace uvn::ctl
