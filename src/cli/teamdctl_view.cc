// teamdctl's JSON dump and state view (libteam 1.31 / jansson 2.14); see teamdctl_view.h.
#include "cli/teamdctl_view.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string_view>

namespace uvn::cli {

using Json = nlohmann::json;

namespace {

// --- the JSON dump (jansson's rules) ---

void append_u16(std::string& out, uint32_t unit) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04X", unsigned(unit));
  out += buf;
}

// One UTF-8 sequence at s[i]: its code point and length, or nullopt when the bytes are not
// well-formed UTF-8 (overlong forms, surrogates and values above U+10FFFF included).
std::optional<uint32_t> utf8_next(std::string_view s, size_t i, size_t& len) {
  const auto b0 = uint8_t(s[i]);
  uint32_t cp;
  if (b0 < 0x80) {
    len = 1;
    return b0;
  } else if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + len > s.size()) return std::nullopt;
  for (size_t k = 1; k < len; ++k) {
    const auto b = uint8_t(s[i + k]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return std::nullopt;
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return std::nullopt;
  return cp;
}

// A JSON string as jansson writes it with JSON_ENSURE_ASCII (and without JSON_ESCAPE_SLASH).
void dump_string(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    const std::optional<uint32_t> cp = utf8_next(s, i, len);
    const uint32_t c = cp.value_or(0xFFFD);
    i += cp ? len : 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c >= 0x20 && c <= 0x7F) {
          out += char(c);
        } else if (c < 0x10000) {
          append_u16(out, c);
        } else {
          append_u16(out, 0xD800 | ((c - 0x10000) >> 10));
          append_u16(out, 0xDC00 | ((c - 0x10000) & 0x3FF));
        }
    }
  }
  out += '"';
}

// %.17g, then ".0" when the text would read back as an integer, then the exponent without
// its '+' and leading zeros ("1e+20" -> "1e20", "1e-05" -> "1e-5").
std::string real_text(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 17);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  const size_t e = s.find('e');
  if (e != std::string::npos) {
    size_t digits = e + 1;
    if (s[digits] == '+') {
      s.erase(digits, 1);
    } else if (s[digits] == '-') {
      ++digits;
    }
    size_t nonzero = digits;
    while (nonzero + 1 < s.size() && s[nonzero] == '0') ++nonzero;
    s.erase(digits, nonzero - digits);
  }
  return s;
}

// jansson's separator between elements: a newline and the indent, or with no indent a space
// after a comma.
void dump_break(std::string& out, int indent, int depth, bool after_comma) {
  if (indent > 0) {
    out += '\n';
    out.append(size_t(indent) * size_t(depth), ' ');
  } else if (after_comma) {
    out += ' ';
  }
}

void dump_value(std::string& out, const Json& j, int indent, int depth);

void dump_container(std::string& out, const Json& j, int indent, int depth) {
  const bool object = j.is_object();
  out += object ? '{' : '[';
  if (!j.empty()) {
    dump_break(out, indent, depth + 1, false);
    size_t left = j.size();
    // nlohmann::json keeps object members in std::map order, which is strcmp's byte order,
    // the order of JSON_SORT_KEYS.
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (object) {
        dump_string(out, it.key());
        out += ": ";
      }
      dump_value(out, it.value(), indent, depth + 1);
      if (--left > 0) {
        out += ',';
        dump_break(out, indent, depth + 1, true);
      } else {
        dump_break(out, indent, depth, false);
      }
    }
  }
  out += object ? '}' : ']';
}

void dump_value(std::string& out, const Json& j, int indent, int depth) {
  switch (j.type()) {
    case Json::value_t::object:
    case Json::value_t::array:
      dump_container(out, j, indent, depth);
      break;
    case Json::value_t::string:
      dump_string(out, j.get_ref<const std::string&>());
      break;
    case Json::value_t::boolean:
      out += j.get<bool>() ? "true" : "false";
      break;
    case Json::value_t::number_integer:
      out += std::to_string(j.get<int64_t>());
      break;
    case Json::value_t::number_unsigned:
      out += std::to_string(j.get<uint64_t>());
      break;
    case Json::value_t::number_float:
      out += real_text(j.get<double>());
      break;
    default:
      out += "null";
      break;  // null, and nlohmann's binary/discarded (not JSON)
  }
}

// --- reading the state document as teamdctl's unpack formats do ---

// The members of one JSON object, read with jansson's unpack types: 's' a string, 'i' an
// integer (not a real) taken as a C int, 'b' true or false only, 'o' any value. Any missing
// member, or a value of another type, or a non-object, clears ok() for the whole group.
class Fields {
 public:
  explicit Fields(const Json* j) : obj_(j && j->is_object() ? j : nullptr), ok_(obj_ != nullptr) {}

  bool ok() const { return ok_; }

  std::string str(const char* key) {
    const Json* v = find(key);
    if (v && v->is_string()) return v->get<std::string>();
    ok_ = false;
    return {};
  }
  int integer(const char* key) {
    const Json* v = find(key);
    if (v && v->is_number_integer()) {
      // The low 32 bits as a two's-complement int, as jansson's (int) cast gives.
      const uint64_t raw =
          v->is_number_unsigned() ? v->get<uint64_t>() : uint64_t(v->get<int64_t>());
      return int(uint32_t(raw));
    }
    ok_ = false;
    return 0;
  }
  bool boolean(const char* key) {
    const Json* v = find(key);
    if (v && v->is_boolean()) return v->get<bool>();
    ok_ = false;
    return false;
  }
  const Json* any(const char* key) {
    const Json* v = find(key);
    if (!v) ok_ = false;
    return v;
  }
  // A nested object, whose failures count as this group's.
  Fields object(const char* key) {
    Fields sub(find(key));
    if (!sub.ok()) ok_ = false;
    return sub;
  }

 private:
  const Json* find(const char* key) const {
    if (!obj_) return nullptr;
    const auto it = obj_->find(key);
    return it == obj_->end() ? nullptr : &*it;
  }

  const Json* obj_;
  bool ok_;
};

const char* yes_no(bool b) {
  return b ? "yes" : "no";
}
const char* up_down(bool b) {
  return b ? "up" : "down";
}

// The view's output: two spaces a level; a line at level 0 always prints, a line at level 1
// only with -v.
class View {
 public:
  explicit View(int verbosity) : verbose_(verbosity >= 1) {}

  void line(const std::string& text) { emit(text); }
  void line_v(const std::string& text) {
    if (verbose_) emit(text);
  }
  void push() { depth_ += 1; }
  void pop() { depth_ -= 1; }

  // Ends the view with teamdctl's message; returns false for the caller to pass up.
  bool fail(const char* what) {
    result_.ok = false;
    result_.err = std::string(what) + "\n";
    return false;
  }

  ViewResult take() { return std::move(result_); }

 private:
  void emit(const std::string& text) {
    result_.out.append(size_t(depth_) * 2, ' ');
    result_.out += text;
    result_.out += '\n';
  }

  ViewResult result_;
  bool verbose_;
  int depth_ = 0;
};

std::string str_int(int v) {
  return std::to_string(v);
}

std::string hex_int(int v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", unsigned(v));
  return buf;
}

bool view_setup(View& v, const Json& state, std::string& runner_name) {
  v.line("setup:");
  Fields top(&state);
  Fields s = top.object("setup");
  const std::string runner = s.str("runner_name");
  const std::string mode = s.str("kernel_team_mode_name");
  const bool dbus = s.boolean("dbus_enabled");
  const bool zmq = s.boolean("zmq_enabled");
  const int debug = s.integer("debug_level");
  const bool daemonized = s.boolean("daemonized");
  const int pid = s.integer("pid");
  const std::string pid_file = s.str("pid_file");
  if (!top.ok() || !s.ok()) return v.fail("Failed to parse JSON setup dump.");
  v.push();
  v.line("runner: " + runner);
  v.line_v("kernel team mode: " + mode);
  v.line_v(std::string("D-BUS enabled: ") + yes_no(dbus));
  v.line_v(std::string("ZeroMQ enabled: ") + yes_no(zmq));
  v.line_v("debug level: " + str_int(debug));
  v.line_v(std::string("daemonized: ") + yes_no(daemonized));
  v.line_v("PID: " + str_int(pid));
  v.line_v("PID file: " + pid_file);
  v.pop();
  runner_name = runner;
  return true;
}

bool view_watch_ethtool(View& v, Fields& f) {
  const int up = f.integer("delay_up");
  const int down = f.integer("delay_down");
  if (!f.ok()) return v.fail("Failed to parse JSON ethtool link watch dump.");
  v.line_v("link up delay: " + str_int(up));
  v.line_v("link down delay: " + str_int(down));
  return true;
}

bool view_watch_arp(View& v, Fields& f) {
  const std::string source = f.str("source_host");
  const std::string target = f.str("target_host");
  const int interval = f.integer("interval");
  const int init_wait = f.integer("init_wait");
  const bool active = f.boolean("validate_active");
  const bool inactive = f.boolean("validate_inactive");
  const bool always = f.boolean("send_always");
  const int missed_max = f.integer("missed_max");
  const int missed = f.integer("missed");
  if (!f.ok()) return v.fail("Failed to parse JSON arp_ping link watch dump.");
  v.line_v("source host: " + source);
  v.line_v("target host: " + target);
  v.line_v("interval: " + str_int(interval));
  v.line_v("missed packets: " + str_int(missed) + "/" + str_int(missed_max));
  v.line_v(std::string("validate_active: ") + yes_no(active));
  v.line_v(std::string("validate_inactive: ") + yes_no(inactive));
  v.line_v(std::string("send_always: ") + yes_no(always));
  v.line_v("initial wait: " + str_int(init_wait));
  return true;
}

bool view_watch_nsna(View& v, Fields& f) {
  const std::string target = f.str("target_host");
  const int interval = f.integer("interval");
  const int init_wait = f.integer("init_wait");
  const int missed_max = f.integer("missed_max");
  const int missed = f.integer("missed");
  if (!f.ok()) return v.fail("Failed to parse JSON nsna_ping link watch dump.");
  v.line_v("target host: " + target);
  v.line_v("interval: " + str_int(interval));
  v.line_v("missed packets: " + str_int(missed) + "/" + str_int(missed_max));
  v.line_v("initial wait: " + str_int(init_wait));
  return true;
}

// The per-kind keys are read (and must be right) in plain mode too; only printing needs -v.
bool view_watch_info(View& v, const std::string& name, const Json& watch) {
  Fields f(&watch);
  if (name == "ethtool") return view_watch_ethtool(v, f);
  if (name == "arp_ping") return view_watch_arp(v, f);
  if (name == "nsna_ping") return view_watch_nsna(v, f);
  if (name == "tipc") {
    const std::string bearer = f.str("tipc_bearer");
    // 1.31's message has no final period.
    if (!f.ok()) return v.fail("Failed to parse JSON tipc_bearer link watch dump");
    v.line_v("tipc bearer: " + bearer);
    return true;
  }
  return v.fail("Failed to parse JSON unknown link watch info dump.");
}

bool view_link_watches(View& v, const Json& watches) {
  Fields lw(&watches);
  const bool summary = lw.boolean("up");
  if (!lw.ok()) return v.fail("Failed to parse JSON port link watches dump.");
  v.line("link watches:");
  v.push();
  v.line(std::string("link summary: ") + up_down(summary));
  const auto list = watches.find("list");  // optional; a non-object lists nothing
  if (list != watches.end() && list->is_object()) {
    for (auto it = list->begin(); it != list->end(); ++it) {
      Fields w(&it.value());
      const bool up = w.boolean("up");
      const std::string name = w.str("name");
      const int down_count = w.integer("down_count");
      if (!w.ok()) return v.fail("Failed to parse JSON port link watch dump.");
      v.line("instance[" + it.key() + "]:");
      v.push();
      v.line("name: " + name);
      v.line(std::string("link: ") + up_down(up));
      v.line("down count: " + str_int(down_count));
      if (!view_watch_info(v, name, it.value())) return false;
      v.pop();
    }
  }
  v.pop();
  return true;
}

bool view_lacpdu(View& v, const char* title, const Json& info) {
  v.line_v(title);
  v.push();
  Fields f(&info);
  const int sys_prio = f.integer("system_priority");
  const std::string system = f.str("system");
  const int key = f.integer("key");
  const int port_prio = f.integer("port_priority");
  const int port = f.integer("port");
  const int state = f.integer("state");
  if (!f.ok()) return v.fail("Failed to parse JSON port runner lacpdu dump.");
  v.line_v("system priority: " + str_int(sys_prio));
  v.line_v("system: " + system);
  v.line_v("key: " + str_int(key));
  v.line_v("port_priority: " + str_int(port_prio));
  v.line_v("port: " + str_int(port));
  v.line_v("state: " + hex_int(state));
  v.pop();
  return true;
}

// Only the lacp runner has a per-port block.
bool view_port_runner(View& v, const std::string& runner_name, const Json& port) {
  if (runner_name != "lacp") return true;
  v.line("runner:");
  Fields top(&port);
  Fields r = top.object("runner");
  const bool selected = r.boolean("selected");
  Fields agg = r.object("aggregator");
  const int agg_id = agg.integer("id");
  const bool agg_selected = agg.boolean("selected");
  const std::string state = r.str("state");
  const int key = r.integer("key");
  const int prio = r.integer("prio");
  const Json* actor = r.any("actor_lacpdu_info");
  const Json* partner = r.any("partner_lacpdu_info");
  if (!top.ok() || !r.ok() || !agg.ok()) return v.fail("Failed to parse JSON port runner dump.");
  v.push();
  v.line("aggregator ID: " + str_int(agg_id) + (agg_selected ? ", Selected" : ""));
  v.line(std::string("selected: ") + yes_no(selected));
  v.line("state: " + state);
  v.line_v("key: " + str_int(key));
  v.line_v("priority: " + str_int(prio));
  if (!view_lacpdu(v, "actor LACPDU info:", *actor)) return false;
  if (!view_lacpdu(v, "partner LACPDU info:", *partner)) return false;
  v.pop();
  return true;
}

bool view_port(View& v, const std::string& runner_name, const std::string& name, const Json& port) {
  Fields p(&port);
  Fields ifinfo = p.object("ifinfo");
  const std::string addr = ifinfo.str("dev_addr");
  ifinfo.integer("dev_addr_len");
  const int ifindex = ifinfo.integer("ifindex");
  ifinfo.str("ifname");
  Fields link = p.object("link");
  const std::string duplex = link.str("duplex");
  const int speed = link.integer("speed");
  const bool up = link.boolean("up");
  const Json* watches = p.any("link_watches");
  if (!p.ok() || !ifinfo.ok() || !link.ok()) return v.fail("Failed to parse JSON port dump.");
  v.line(name);
  v.push();
  v.line_v("ifindex: " + str_int(ifindex));
  v.line_v("addr: " + addr);
  v.line_v("ethtool link: " + str_int(speed) + "mbit/" + duplex + "duplex/" + up_down(up));
  if (!view_link_watches(v, *watches)) return false;
  if (!view_port_runner(v, runner_name, port)) return false;
  v.pop();
  return true;
}

// No `ports` member: no block at all. A `ports` that is not an object: the header only.
bool view_ports(View& v, const std::string& runner_name, const Json& state) {
  const auto ports = state.find("ports");
  if (ports == state.end()) return true;
  v.line("ports:");
  if (!ports->is_object()) return true;
  for (auto it = ports->begin(); it != ports->end(); ++it) {
    v.push();
    if (!view_port(v, runner_name, it.key(), it.value())) return false;
    v.pop();
  }
  return true;
}

// Only activebackup and lacp have a team-wide runner block.
bool view_runner(View& v, const std::string& runner_name, const Json& state) {
  if (runner_name != "activebackup" && runner_name != "lacp") return true;
  v.line("runner:");
  Fields top(&state);
  Fields r = top.object("runner");
  if (runner_name == "activebackup") {
    const std::string active_port = r.str("active_port");
    if (!top.ok() || !r.ok()) return v.fail("Failed to parse JSON runner dump.");
    v.push();
    v.line("active port: " + active_port);
    v.pop();
    return true;
  }
  const bool active = r.boolean("active");
  const int sys_prio = r.integer("sys_prio");
  const bool fast_rate = r.boolean("fast_rate");
  if (!top.ok() || !r.ok()) return v.fail("Failed to parse JSON runner dump.");
  v.push();
  v.line(std::string("active: ") + yes_no(active));
  v.line(std::string("fast rate: ") + yes_no(fast_rate));
  v.line_v("system priority: " + str_int(sys_prio));
  v.pop();
  return true;
}

}  // namespace

std::string teamd_json_dump(const Json& j, bool oneline) {
  std::string out;
  dump_value(out, j, oneline ? 0 : 4, 0);
  out += '\n';
  return out;
}

ViewResult teamdctl_state_view(const Json& state, int verbosity) {
  View v(verbosity);
  std::string runner_name;
  if (view_setup(v, state, runner_name) && view_ports(v, runner_name, state)) {
    view_runner(v, runner_name, state);
  }
  return v.take();
}

}  // namespace uvn::cli
