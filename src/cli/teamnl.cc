#include "cli/teamnl.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>

#include "cli/getopt.h"
#include "ctl/team.h"
#include "dev/team/team.h"
#include "world/netns.h"

namespace uvn::cli {

namespace {

constexpr std::string_view kProg = "teamnl";

constexpr std::string_view kHelp =
    "teamnl [options] teamdevname command [command args]\n"
    "\t-h --help                Show this help\n"
    "\t-p --port_name           team slave port name\n"
    "\t-a --array_index         team option array index\n"
    "Commands:\n"
    "\tports\n"
    "\toptions\n"
    "\tgetoption OPT_NAME\n"
    "\tsetoption OPT_NAME OPT_VALUE\n"
    "\tmonitor OPT_STYLE\n";

// libteam formats into 120-byte buffers: 119 characters at most, then " <trunc>".
void print_line(std::string& out, const std::string& s) {
  constexpr size_t kMax = 119;
  if (s.size() > kMax)
    out += s.substr(0, kMax) + " <trunc>\n";
  else
    out += s + " \n";
}

// What the command line asked, after getopt.
struct Cmdline {
  std::optional<std::string> port, array_index;
  std::vector<std::string> words;  // the non-option arguments, in order
};

enum class Parse { kOk, kHelp, kError };

// getopt_long(argc, argv, "hp:a:", {help, port_name, array_index}), its options taken in
// order as teamnl's loop takes them: -h prints the help at once, an error stops there.
Parse parse_options(const std::vector<std::string>& args, Cmdline& c, std::string& err) {
  GetoptResult g = getopt_long(std::string(kProg), args, "hp:a:",
                               {{"help", LongOpt::kNone, 'h'},
                                {"port_name", LongOpt::kRequired, 'p'},
                                {"array_index", LongOpt::kRequired, 'a'}});
  for (const auto& o : g.opts) {
    if (o.name == 'h') return Parse::kHelp;
    (o.name == 'p' ? c.port : c.array_index) = o.value.value_or("");
  }
  if (!g.error.empty()) {
    err += g.error + "\n";
    return Parse::kError;
  }
  c.words = std::move(g.operands);
  return Parse::kOk;
}

// One command against one team: what call_cmd and the run_cmd_* functions do.
class Teamnl {
 public:
  Teamnl(Context& ctx, TeamDevice& team, const Cmdline& c, std::string cmd)
      : ctx_(ctx), team_(team), c_(c), cmd_(std::move(cmd)) {}

  // process_args: the port (its name, then that it is this team's), then the array index.
  int process_args() {
    if (c_.port) {
      Device* d = ctx_.ns->find(*c_.port);
      if (!d) {
        ctx_.err += "Netdevice \"" + *c_.port + "\" not found.\n";
        return -ENODEV;
      }
      if (!team_.port_of(*d)) {
        ctx_.err += "Netdevice \"" + *c_.port + "\" is not port of this team.\n";
        return -ENODEV;
      }
      id_.port_ifindex = d->ifindex();
    }
    if (c_.array_index) {
      errno = 0;
      char* end = nullptr;
      unsigned long v = std::strtoul(c_.array_index->c_str(), &end, 10);
      if (v == ULONG_MAX || *end) {
        ctx_.err += "Failed to parse array index.\n";
        return v == ULONG_MAX ? -ERANGE : -EINVAL;
      }
      if (v > UINT32_MAX) {
        ctx_.err += "Array index too big.\n";
        return -ERANGE;
      }
      id_.array_index = uint32_t(v);
    }
    return 0;
  }

  int ports() {
    auto& ps = team_.ports();
    for (auto it = ps.rbegin(); it != ps.rend(); ++it) {
      const TeamPort& p = **it;
      print_line(ctx_.out, " " + std::to_string(p.dev().ifindex()) + ": " + p.dev().name() +
                               ": " + (p.state_linkup ? "up" : "down") + " " +
                               std::to_string(p.speed()) + "Mbit " +
                               (p.full_duplex() ? "FD" : "HD"));
    }
    return 0;
  }

  int options() {
    auto list = ctl::team_option_list(team_);
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      std::string s = " " + std::string(it->def->name) + " ";
      if (it->port_ifindex) {
        const TeamPort* p = team_.port_by_ifindex(it->port_ifindex);
        s += "(port:" + (p ? p->dev().name() : std::string()) + ") ";
      }
      if (it->array_index) s += "(arridx:" + std::to_string(*it->array_index) + ") ";
      s += ctl::team_opt_value_text(it->value);
      print_line(ctx_.out, s);
    }
    return 0;
  }

  int getoption(const std::vector<std::string>& a) {
    if (a.empty()) return missing("name");
    id_.name = a[0];
    auto v = ctl::team_option_get_text(team_, id_);
    if (!v) return -v.error().code;
    ctx_.out += *v + "\n";
    return 0;
  }

  int setoption(const std::vector<std::string>& a) {
    if (a.empty()) return missing("name");
    if (a.size() < 2) return missing("value");
    id_.name = a[0];
    std::string note;
    auto st = ctl::team_option_set_text(team_, id_, a[1], &note);
    if (!st) return -st.error().code;
    if (!note.empty()) ctx_.err += "uvn: " + note + "\n";
    return 0;
  }

  int monitor(const std::vector<std::string>& a) {
    if (!a.empty()) {
      std::string_view s = a[0];
      if (std::string_view("all").substr(0, s.size()) != s &&
          std::string_view("changed").substr(0, s.size()) != s) {
        ctx_.err += "Unknown monitor style \"" + a[0] + "\"\n";
        return -EINVAL;
      }
    }
    ctx_.err += "uvn: teamnl monitor is not supported (it would wait for changes forever)\n";
    return -EOPNOTSUPP;
  }

 private:
  int missing(const char* what) {
    ctx_.err += cmd_ + ": Option " + what + " as a command line parameter expected.\n";
    return -EINVAL;
  }

  Context& ctx_;
  TeamDevice& team_;
  const Cmdline& c_;
  std::string cmd_;
  ctl::TeamOptionId id_;
};

constexpr std::string_view kCommands[] = {"ports", "options", "getoption", "setoption",
                                          "monitor"};

int usage_error(Context& ctx, const std::string& line) {
  ctx.err += line;
  ctx.out += "\n";
  ctx.out += kHelp;
  return 1;
}

}  // namespace

int teamnl_main(Context& ctx, const std::vector<std::string>& args) {
  Cmdline c;
  switch (parse_options(args, c, ctx.err)) {
    case Parse::kHelp: ctx.out += kHelp; return 0;
    case Parse::kError:
      ctx.err += "unknown option.\n";
      ctx.out += kHelp;
      return 1;
    case Parse::kOk: break;
  }
  if (c.words.empty()) return usage_error(ctx, "No team device specified.\n");
  if (c.words.size() < 2) return usage_error(ctx, "No command specified.\n");
  const std::string& devname = c.words[0];
  const std::string& cmd = c.words[1];
  std::vector<std::string> rest(c.words.begin() + 2, c.words.end());
  // The first command the word is a prefix of.
  size_t which = std::size(kCommands);
  for (size_t i = 0; i < std::size(kCommands); ++i)
    if (kCommands[i].substr(0, cmd.size()) == cmd) {
      which = i;
      break;
    }
  if (which == std::size(kCommands))
    return usage_error(ctx, "Unknown command \"" + cmd + "\".\n");

  int err = 0;
  Device* dev = ctx.ns ? ctx.ns->find(devname) : nullptr;
  auto* team = dynamic_cast<TeamDevice*>(dev);
  if (!dev) {
    ctx.err += "Netdevice \"" + devname + "\" not found.\n";
    err = -ENODEV;
  } else if (!team) {
    // team_init: the kernel refuses the port list of a device that is no team.
    ctx.err +=
        "libteam: port_list_init: Failed to get port list.\n"
        "libteam: team_init: Failed to init port list.\n"
        "Team init failed.\n";
    err = -EINVAL;
  } else {
    Teamnl t(ctx, *team, c, cmd);
    err = t.process_args();
    if (!err) {
      switch (which) {
        case 0: err = t.ports(); break;
        case 1: err = t.options(); break;
        case 2: err = t.getoption(rest); break;
        case 3: err = t.setoption(rest); break;
        default: err = t.monitor(rest); break;
      }
    }
  }
  if (err) {
    ctx.err += std::string("Command failed: ") + std::strerror(-err) + "\n";
    return 1;
  }
  return 0;
}

}  // namespace uvn::cli
