// teamd's state document, state items, config dumps and control methods (libteam 1.31
// teamd_state.c, teamd_ctl.c, teamd_usock.c; shapes in tests/reference/team-ground-truth.md
// sections 5 and 6). The document carries every key Debian's teamdctl needs for its view.
#include <fmt/format.h>

#include <map>

#include "teamd/teamd.h"

namespace uvn::teamd {

namespace {

Json ifinfo(const Device& d) {
  return Json{{"ifindex", d.ifindex()},
              {"ifname", d.name()},
              {"dev_addr", d.mac().format()},
              {"dev_addr_len", 6}};
}

// Splits an item path at dots; a component may be quoted ("eth1.1").
std::optional<std::vector<std::string>> split_path(const std::string& path) {
  std::vector<std::string> r;
  std::string cur;
  bool quoted = false, was_quoted = false;
  for (char c : path) {
    if (c == '"') {
      quoted = !quoted;
      was_quoted = true;
      continue;
    }
    if (c == '.' && !quoted) {
      if (cur.empty() && !was_quoted) return std::nullopt;
      r.push_back(cur);
      cur.clear();
      was_quoted = false;
      continue;
    }
    cur += c;
  }
  if (quoted || (cur.empty() && !was_quoted)) return std::nullopt;
  r.push_back(cur);
  return r;
}

const std::map<std::string, std::string>& error_messages() {
  static const std::map<std::string, std::string> m{
      {"InvalidArgs", "Did not receive correct message arguments."},
      {"NoSuchDev", "No such device."},
      {"PortAddFail", "Failed to add port."},
      {"PortRemoveFail", "Failed to del port."},
      {"ConfigUpdateFail", "Failed to update config."},
      {"ConfigDumpFail", "Failed to dump config."},
      {"ConfigDumpActualFail", "Failed to dump actual config."},
      {"StateDumpFail", "Failed to dump state."},
      {"PathDoesNotExist", "Item path does not exist."},
      {"OpNotSupp", "Operation not supported."},
      {"ItemValueGetFail", "Failed to get item value."},
      {"ItemValueSetFail", "Failed to set item value."},
  };
  return m;
}

Reply error_reply(const std::string& code) {
  auto& m = error_messages();
  auto it = m.find(code);
  return Reply::error(code, it == m.end() ? "Failed." : it->second);
}

// A Status whose message is an error code name, as a reply.
Reply reply_of(const Status& st) {
  if (st) return Reply::success();
  return error_reply(st.error().message.empty() ? "InvalidArgs" : st.error().message);
}

}  // namespace

Json Teamd::state_dump() const {
  Json s;
  s["setup"] = Json{{"runner_name", cfg_.runner},
                    {"kernel_team_mode_name", std::string(team_mode_name(runner_->mode()))},
                    {"dbus_enabled", opts_.dbus},
                    {"zmq_enabled", false},
                    {"debug_level", opts_.debug},
                    {"daemonized", opts_.daemonize},
                    {"pid", pid_},
                    {"pid_file", opts_.pid_file}};
  if (team_) s["team_device"] = Json{{"ifinfo", ifinfo(*team_)}};
  Json ports = Json::object();
  for (auto& p : ports_) {
    Json j;
    j["ifinfo"] = ifinfo(*p->dev);
    bool link = p->dev->is_up() && p->dev->carrier();
    j["link"] = Json{{"up", link},
                     {"speed", link ? int(p->dev->info().speed_mbps) : 0},
                     {"duplex", link ? "full" : "half"}};
    Json list = Json::object();
    for (auto& w : p->watches) {
      Json wj{{"name", w->config().name}, {"up", w->up()}, {"down_count", w->down_count()}};
      w->dump(wj);
      list[fmt::format("link_watch_{}", w->id())] = wj;
    }
    j["link_watches"] = Json{{"up", p->link_up}, {"list", list}};
    if (auto r = runner_->port_dump(*p)) j["runner"] = *r;
    ports[p->name] = j;
  }
  if (!ports.empty()) s["ports"] = ports;
  if (auto r = runner_->dump()) s["runner"] = *r;
  return s;
}

Json Teamd::config_dump(bool actual) const {
  Json c = cfg_.raw;
  if (actual) {
    Json ports = Json::object();
    for (auto& p : ports_)
      ports[p->name] = c.contains("ports") && c["ports"].contains(p->name) ? c["ports"][p->name]
                                                                         : Json::object();
    if (ports.empty())
      c.erase("ports");
    else
      c["ports"] = ports;
  }
  return c;
}

Result<std::string> Teamd::item_get(const std::string& path) const {
  auto parts = split_path(path);
  if (!parts) return Error::with(EINVAL, "PathDoesNotExist");
  Json s = state_dump();
  const Json* cur = &s;
  for (auto& k : *parts) {
    if (!cur->is_object() || !cur->contains(k)) return Error::with(ENOENT, "PathDoesNotExist");
    cur = &(*cur)[k];
  }
  if (cur->is_string()) return cur->get<std::string>();
  if (cur->is_boolean()) return std::string(cur->get<bool>() ? "true" : "false");
  if (cur->is_number_integer()) return std::to_string(cur->get<int64_t>());
  return Error::with(EINVAL, "ItemValueGetFail");
}

Status Teamd::item_set(const std::string& path, const std::string& value) {
  if (path == "setup.debug_level") {
    char* end = nullptr;
    long v = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end || v < 0 || v > INT32_MAX)
      return Error::with(EINVAL, "ItemValueSetFail");
    opts_.debug = int(v);
    return {};
  }
  if (auto st = runner_->item_set(path, value)) return *st;
  if (!item_get(path)) {
    // A port-level item of a port that exists but has no such key, or no such port.
    return Error::with(ENOENT, "PathDoesNotExist");
  }
  return Error::with(EOPNOTSUPP, "OpNotSupp");
}

Status Teamd::port_config_update(const std::string& ifname, const std::string& json_text) {
  auto j = parse_json_text(json_text, "port config string");
  if (!j) {
    log(0, fmt::format("{}: {}", ifname, j.error().message));
    return Error::with(EINVAL, "ConfigUpdateFail");
  }
  auto pc = port_config_from_json(*j, fmt::format("ports.{}", ifname));
  if (!pc) {
    log(0, pc.error().message);
    return Error::with(EINVAL, "ConfigUpdateFail");
  }
  cfg_.ports[ifname] = *pc;
  cfg_.raw["ports"][ifname] = *j;
  if (TeamdPort* p = port(ifname)) {
    p->cfg = *pc;
    apply_port_options(*p);
    runner_->port_config_changed(*p);
  }
  return {};
}

Reply Teamd::handle(const Request& r) {
  struct Method {
    const char* name;
    size_t nargs;
  };
  static const Method kMethods[] = {{"PortConfigUpdate", 2}, {"PortConfigDump", 1},
                                    {"PortAdd", 1},          {"PortRemove", 1},
                                    {"ConfigDump", 0},       {"ConfigDumpActual", 0},
                                    {"StateDump", 0},        {"StateItemValueGet", 1},
                                    {"StateItemValueSet", 2}};
  const Method* m = nullptr;
  for (auto& k : kMethods)
    if (r.method == k.name) m = &k;
  if (!m) return Reply::error("", "");  // teamd sends nothing; the caller treats it so
  if (r.args.size() < m->nargs) return error_reply("InvalidArgs");
  const std::string a0 = m->nargs > 0 ? r.args[0] : "", a1 = m->nargs > 1 ? r.args[1] : "";
  std::string method = r.method;
  if (method == "ConfigDump") return Reply::success(config_dump(false).dump(4));
  if (method == "ConfigDumpActual") return Reply::success(config_dump(true).dump(4));
  if (method == "StateDump") return Reply::success(state_dump().dump(4));
  if (method == "PortAdd") return reply_of(port_add(a0));
  if (method == "PortRemove") return reply_of(port_remove(a0));
  if (method == "StateItemValueSet") return reply_of(item_set(a0, a1));
  if (method == "StateItemValueGet") {
    auto v = item_get(a0);
    if (!v) return error_reply(v.error().message);
    return Reply::success(*v);
  }
  if (method == "PortConfigUpdate") {
    if (!ns_.find(a0)) return error_reply("NoSuchDev");
    return reply_of(port_config_update(a0, a1));
  }
  // PortConfigDump.
  if (!ns_.find(a0)) return error_reply("NoSuchDev");
  if (cfg_.raw.contains("ports") && cfg_.raw["ports"].contains(a0))
    return Reply::success(cfg_.raw["ports"][a0].dump(4));
  if (port(a0)) return Reply::success("{}");
  return error_reply("ConfigDumpFail");
}

}  // namespace uvn::teamd
