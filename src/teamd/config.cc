#include "teamd/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <set>

namespace uvn::teamd {

namespace {

// The JSON type in words, for "must be" messages.
std::string type_word(const Json& v) {
  if (v.is_boolean()) return "a boolean";
  if (v.is_number_integer()) return "an integer";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  if (v.is_object()) return "an object";
  return "null";
}

Error bad(const std::string& path, const std::string& msg) {
  return Error::with(EINVAL, fmt::format("{}: {}", path, msg));
}

Error wrong_type(const std::string& path, const Json& v, std::string_view want) {
  return bad(path, fmt::format("must be {}, not {}.", want, type_word(v)));
}

std::string join(const std::string& path, std::string_view key) {
  // Keys with dots are quoted, as teamdctl's item paths quote port names.
  bool quote = key.find('.') != std::string_view::npos;
  std::string k = quote ? fmt::format("\"{}\"", key) : std::string(key);
  return path.empty() ? k : path + "." + k;
}

// Typed readers: absent keys leave `out` alone; present ones must have the type.
Status get_int(const Json& obj, std::string_view key, const std::string& path, int& out,
               int64_t lo = INT_MIN, int64_t hi = INT_MAX, std::string_view range_msg = {}) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  std::string p = join(path, key);
  if (!it->is_number_integer()) return wrong_type(p, *it, "an integer");
  int64_t v = it->get<int64_t>();
  if (v < lo || v > hi) {
    if (!range_msg.empty()) return bad(p, std::string(range_msg));
    return bad(p, fmt::format("value {} is out of range {}..{}.", v, lo, hi));
  }
  out = int(v);
  return {};
}

Status get_nonneg(const Json& obj, std::string_view key, const std::string& path, int& out) {
  return get_int(obj, key, path, out, 0, INT_MAX,
                 fmt::format("\"{}\" must not be negative number.", key));
}

Status get_bool(const Json& obj, std::string_view key, const std::string& path, bool& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (!it->is_boolean()) return wrong_type(join(path, key), *it, "a boolean");
  out = it->get<bool>();
  return {};
}

Status get_string(const Json& obj, std::string_view key, const std::string& path,
                  std::string& out) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (!it->is_string()) return wrong_type(join(path, key), *it, "a string");
  out = it->get<std::string>();
  return {};
}

Status need_object(const Json& v, const std::string& path) {
  if (!v.is_object()) return wrong_type(path, v, "an object");
  return {};
}

#define UVN_TRY(expr)              \
  do {                             \
    if (auto st_ = (expr); !st_) { \
      return st_.error();          \
    }                              \
  } while (0)

Result<WatchConfig> watch_from_json(const Json& j, const std::string& path) {
  UVN_TRY(need_object(j, path));
  WatchConfig w;
  auto name = j.find("name");
  if (name == j.end()) return bad(path, "Failed to get link watch name.");
  UVN_TRY(get_string(j, "name", path, w.name));
  if (w.name == "ethtool") {
    UVN_TRY(get_nonneg(j, "delay_up", path, w.delay_up));
    UVN_TRY(get_nonneg(j, "delay_down", path, w.delay_down));
    return w;
  }
  if (w.name == "tipc") {
    UVN_TRY(get_string(j, "tipc_bearer", path, w.tipc_bearer));
    return w;
  }
  if (w.name != "arp_ping" && w.name != "nsna_ping")
    return bad(join(path, "name"), fmt::format("No link_watch named \"{}\" available.", w.name));
  const bool arp = w.name == "arp_ping";
  UVN_TRY(get_nonneg(j, "interval", path, w.interval));
  UVN_TRY(get_nonneg(j, "init_wait", path, w.init_wait));
  UVN_TRY(get_nonneg(j, "missed_max", path, w.missed_max));
  if (!j.contains("target_host"))
    return bad(path, "Failed to get \"target_host\" link-watch option.");
  UVN_TRY(get_string(j, "target_host", path, w.target_host_text));
  auto target = IpAddr::parse(w.target_host_text);
  if (!target || target->is_v4() != arp)
    return bad(join(path, "target_host"),
               fmt::format("getaddrinfo failed: \"{}\" is not an {} address.", w.target_host_text,
                           arp ? "IPv4" : "IPv6"));
  w.target_host = *target;
  if (arp) {
    std::string src;
    UVN_TRY(get_string(j, "source_host", path, src));
    if (!src.empty()) {
      auto s = Ipv4Addr::parse(src);
      if (!s)
        return bad(join(path, "source_host"),
                   fmt::format("getaddrinfo failed: \"{}\" is not an IPv4 address.", src));
      w.source_host = *s;
    }
    UVN_TRY(get_bool(j, "validate_active", path, w.validate_active));
    UVN_TRY(get_bool(j, "validate_inactive", path, w.validate_inactive));
    UVN_TRY(get_bool(j, "send_always", path, w.send_always));
    if (j.contains("vlanid")) {
      int vid = 0;
      UVN_TRY(get_int(j, "vlanid", path, vid, 0, 4095, "Wrong \"vlanid\" option value."));
      w.vlanid = uint16_t(vid);
    }
  }
  return w;
}

Status watches_from_json(const Json& j, const std::string& path, std::vector<WatchConfig>& out) {
  if (j.is_object()) {
    auto w = watch_from_json(j, path);
    if (!w) return w.error();
    out.push_back(*w);
    return {};
  }
  if (!j.is_array()) return wrong_type(path, j, "an object or an array");
  for (size_t i = 0; i < j.size(); ++i) {
    auto w = watch_from_json(j[i], fmt::format("{}[{}]", path, i));
    if (!w) return w.error();
    out.push_back(*w);
  }
  return {};
}

Status runner_from_json(const Json& r, Config& c) {
  const std::string path = "runner";
  UVN_TRY(need_object(r, path));
  UVN_TRY(get_string(r, "name", path, c.runner));
  if (std::find(std::begin(kRunnerNames), std::end(kRunnerNames), c.runner) ==
      std::end(kRunnerNames))
    return bad("runner.name", fmt::format("No runner named \"{}\" available.", c.runner));
  UVN_TRY(get_string(r, "hwaddr_policy", path, c.hwaddr_policy));
  if (c.hwaddr_policy != "same_all" && c.hwaddr_policy != "by_active" &&
      c.hwaddr_policy != "only_active")
    return bad("runner.hwaddr_policy",
               fmt::format("Unknown \"hwaddr_policy\" named \"{}\" passed.", c.hwaddr_policy));
  if (auto h = r.find("tx_hash"); h != r.end()) {
    if (!h->is_array()) return wrong_type("runner.tx_hash", *h, "an array");
    if (h->empty()) return bad("runner.tx_hash", "No Tx hash recipe found in config.");
    static const std::set<std::string> kFrags{"eth", "vlan", "ipv4", "ipv6", "ip",
                                              "l3",  "tcp",  "udp",  "sctp", "l4"};
    c.tx_hash.clear();
    for (size_t i = 0; i < h->size(); ++i) {
      std::string p = fmt::format("runner.tx_hash[{}]", i);
      const Json& v = (*h)[i];
      if (!v.is_string()) return wrong_type(p, v, "a string");
      if (!kFrags.count(v.get<std::string>()))
        return bad(p, fmt::format("Hash frag named \"{}\" not found.", v.get<std::string>()));
      c.tx_hash.push_back(v.get<std::string>());
    }
  }
  if (auto b = r.find("tx_balancer"); b != r.end()) {
    UVN_TRY(need_object(*b, "runner.tx_balancer"));
    std::string name;
    UVN_TRY(get_string(*b, "name", "runner.tx_balancer", name));
    if (!name.empty() && name != "basic")
      return bad("runner.tx_balancer.name",
                 fmt::format("No tx balancer named \"{}\" available.", name));
    c.tx_balancer = name == "basic";
    UVN_TRY(get_int(*b, "balancing_interval", "runner.tx_balancer", c.balancing_interval, 0,
                    INT_MAX, "\"balancing_interval\" must not be negative number."));
  }
  UVN_TRY(get_bool(r, "active", path, c.active));
  UVN_TRY(get_bool(r, "fast_rate", path, c.fast_rate));
  UVN_TRY(get_int(r, "sys_prio", path, c.sys_prio, 0, 65535,
                  "\"sys_prio\" value is out of its limits."));
  UVN_TRY(get_int(r, "min_ports", path, c.min_ports, 1, 255,
                  "\"min_ports\" value is out of its limits."));
  UVN_TRY(get_string(r, "agg_select_policy", path, c.agg_select_policy));
  static const std::set<std::string> kPolicies{"lacp_prio", "lacp_prio_stable", "bandwidth",
                                               "count", "port_config"};
  if (!kPolicies.count(c.agg_select_policy))
    return bad("runner.agg_select_policy",
               fmt::format("Unknown \"agg_select_policy\" named \"{}\" passed.",
                           c.agg_select_policy));
  return {};
}

Status count_interval(const Json& j, std::string_view key, int& count, int& interval) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  std::string path(key);
  UVN_TRY(need_object(*it, path));
  UVN_TRY(get_nonneg(*it, "count", path, count));
  UVN_TRY(get_nonneg(*it, "interval", path, interval));
  return {};
}

// nlohmann's parse_error text, "[json.exception.parse_error.101] parse error at line 1,
// column 4: syntax error while parsing ... - REASON; last read: '...'; expected ...", as
// teamd's "REASON on line L, column C".
std::string parse_error_text(const std::string& what) {
  std::string line = "1", column = "0", reason = what;
  if (auto at = what.find("at line "); at != std::string::npos) {
    size_t comma = what.find(", column ", at);
    size_t colon = what.find(": ", comma);
    if (comma != std::string::npos && colon != std::string::npos) {
      line = what.substr(at + 8, comma - at - 8);
      column = what.substr(comma + 9, colon - comma - 9);
      reason = what.substr(colon + 2);
    }
  }
  if (auto dash = reason.find(" - "); dash != std::string::npos) reason = reason.substr(dash + 3);
  return fmt::format("{} on line {}, column {}", reason, line, column);
}

}  // namespace

Result<Json> parse_json_text(std::string_view text, std::string_view what) {
  // Duplicate keys: jansson refuses them; nlohmann keeps the last. A callback sees each key
  // with the object it belongs to still open.
  std::vector<std::set<std::string>> open;
  std::string dup;
  auto cb = [&](int, Json::parse_event_t ev, Json& parsed) {
    switch (ev) {
      case Json::parse_event_t::object_start:
        open.emplace_back();
        break;
      case Json::parse_event_t::object_end:
        if (!open.empty()) open.pop_back();
        break;
      case Json::parse_event_t::key:
        if (!open.empty() && !open.back().insert(parsed.get<std::string>()).second &&
            dup.empty())
          dup = parsed.get<std::string>();
        break;
      default:
        break;
    }
    return true;
  };
  Json j;
  try {
    j = Json::parse(text.begin(), text.end(), cb);
  } catch (const Json::parse_error& e) {
    return Error::with(EINVAL,
                       fmt::format("Failed to parse {}: {}", what, parse_error_text(e.what())));
  }
  if (!dup.empty())
    return Error::with(EINVAL,
                       fmt::format("Failed to parse {}: duplicate object key near '\"{}\"'", what,
                                   dup));
  return j;
}

Result<PortConfig> port_config_from_json(const Json& j, const std::string& path) {
  UVN_TRY(need_object(j, path));
  PortConfig p;
  if (j.contains("queue_id")) {
    int q = 0;
    UVN_TRY(get_int(j, "queue_id", path, q, 0, INT_MAX,
                    "\"queue_id\" must not be negative number."));
    p.queue_id = uint32_t(q);
  }
  UVN_TRY(get_int(j, "prio", path, p.prio));
  UVN_TRY(get_bool(j, "sticky", path, p.sticky));
  UVN_TRY(get_int(j, "lacp_prio", path, p.lacp_prio, 0, 65535,
                  "\"lacp_prio\" value is out of its limits."));
  UVN_TRY(get_int(j, "lacp_key", path, p.lacp_key, 0, 65535,
                  "\"lacp_key\" value is out of its limits."));
  if (auto lw = j.find("link_watch"); lw != j.end())
    UVN_TRY(watches_from_json(*lw, join(path, "link_watch"), p.link_watch));
  return p;
}

Result<Config> config_from_json(const Json& j) {
  if (!j.is_object()) return bad("(top level)", "must be an object.");
  Config c;
  c.raw = j;
  UVN_TRY(get_string(j, "device", "", c.device));
  if (auto h = j.find("hwaddr"); h != j.end()) {
    if (!h->is_string()) return wrong_type("hwaddr", *h, "a string");
    auto m = MacAddr::parse(h->get<std::string>());
    if (!m) return bad("hwaddr", "Failed to parse hardware address.");
    c.hwaddr = *m;
  }
  UVN_TRY(get_nonneg(j, "debug_level", "", c.debug_level));
  if (auto r = j.find("runner"); r != j.end()) UVN_TRY(runner_from_json(*r, c));
  UVN_TRY(count_interval(j, "notify_peers", c.notify_peers_count, c.notify_peers_interval));
  UVN_TRY(count_interval(j, "mcast_rejoin", c.mcast_rejoin_count, c.mcast_rejoin_interval));
  if (c.runner == "activebackup") {
    // ab_init writes count 1 into the config where none is given.
    if (!j.contains("notify_peers") || !j["notify_peers"].contains("count")) {
      c.notify_peers_count = 1;
      c.raw["notify_peers"]["count"] = 1;
    }
    if (!j.contains("mcast_rejoin") || !j["mcast_rejoin"].contains("count")) {
      c.mcast_rejoin_count = 1;
      c.raw["mcast_rejoin"]["count"] = 1;
    }
  }
  if (auto lw = j.find("link_watch"); lw != j.end())
    UVN_TRY(watches_from_json(*lw, "link_watch", c.link_watch));
  std::string policy = "any";
  UVN_TRY(get_string(j, "link_watch_policy", "", policy));
  if (policy != "any" && policy != "all")
    return bad("link_watch_policy",
               fmt::format("Unknown \"link_watch_policy\" named \"{}\" passed.", policy));
  c.link_watch_all = policy == "all";
  if (auto ports = j.find("ports"); ports != j.end()) {
    UVN_TRY(need_object(*ports, "ports"));
    for (auto& [name, pj] : ports->items()) {
      auto p = port_config_from_json(pj, join("ports", name));
      if (!p) return p.error();
      c.ports[name] = *p;
    }
  }
  return c;
}

}  // namespace uvn::teamd
